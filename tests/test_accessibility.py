"""Accessibility: the lint of the course's notebooks and Markdown, every lesson figure, the palette,
and the explorers' labels (coursekit.accessibility).

Each rule has unit tests on made-up inputs that prove it fires and that a correct input passes;
then the course itself is checked file by file, figure by figure and explorer by explorer. The
chart modules' own tests (tests/test_charts*.py, test_reasons_sorter.py, test_theme_explorer.py)
check what each figure shows; here every figure a lesson draws is checked for the same things.
"""

from __future__ import annotations

import inspect
import json
import re
from pathlib import Path
from types import SimpleNamespace

import ipywidgets as w
import plotly.colors
import plotly.express as px
import plotly.graph_objects as go
import pytest
from plotly.subplots import make_subplots

from coursekit.accessibility import (
    DEFICIENCIES,
    MIN_DELTA_E,
    category_colours,
    colour_only_categories,
    confusable_colours,
    course_files,
    delta_e,
    empty_table_headers,
    figure_routing_problems,
    lab,
    links,
    lint_markdown,
    lint_notebook_code,
    lint_notebook_markdown,
    main,
    missing_figure_text,
    simulate,
    unlabelled_controls,
)
from coursekit.charts import PALETTE, chart
from coursekit.charts import chain as chain_figures
from coursekit.charts import corrections as corrections_figures
from coursekit.charts import funding as funding_figures
from coursekit.charts import maps as map_figures
from coursekit.charts import reasons as reasons_figures
from coursekit.charts import rights as rights_figures
from coursekit.charts import themes as theme_figures
from coursekit.charts import timeline as timeline_figures
from coursekit.charts import voices as voices_figures
from coursekit.themes import theme_shares
from coursekit.voices import voice_shares

ROOT = Path(__file__).resolve().parents[1]
FILES = course_files(ROOT)
CODE_NOTEBOOKS = [p for p in FILES if p.parent.name in ("notebooks", "solutions")]


def name(path: Path) -> str:
    return str(path.relative_to(ROOT))


def problems_in(markdown: str) -> list[str]:
    return [p.message for p in lint_markdown(markdown, "made-up.md")]


# --- the course passes the lint ------------------------------------------------------------------


def test_the_lint_covers_every_course_notebook_and_markdown_file_we_own():
    names = {name(p) for p in FILES}
    assert {"README.md", "data/README.md", "benchmarks/README.md"} <= names
    assert {n.split("/")[0] for n in names if n.endswith(".ipynb")} == {"notebooks", "exercises", "solutions"}
    assert not any(n.startswith(("docs/research/", "data/sources/")) for n in names)


def test_docs_markdown_is_linted_but_not_research_notes(tmp_path):
    (tmp_path / "docs" / "research").mkdir(parents=True)
    (tmp_path / "docs" / "guide.md").write_text("# Guide\n")
    (tmp_path / "docs" / "research" / "log.md").write_text("notes\n")
    assert [p.relative_to(tmp_path).as_posix() for p in course_files(tmp_path)] == ["docs/guide.md"]


@pytest.mark.parametrize("path", FILES, ids=name)
def test_headings_links_and_images_are_accessible(path):
    if path.suffix == ".ipynb":
        problems = lint_notebook_markdown(path, name(path))
    else:
        problems = lint_markdown(path.read_text(encoding="utf-8"), name(path))
    assert not problems, "\n".join(map(str, problems))


@pytest.mark.parametrize("path", CODE_NOTEBOOKS, ids=name)
def test_every_figure_is_drawn_through_chart(path):
    """No way around chart(): no fig.show(), no display(fig), no bare figure as a cell's result."""
    problems = lint_notebook_code(path, name(path))
    assert not problems, "\n".join(map(str, problems))


# --- headings ------------------------------------------------------------------------------------


def test_a_skipped_heading_level_is_found_and_named():
    (problem,) = problems_in("# A\n\ntext\n\n### B\n")
    assert "### “B” skips a level" in problem and "make it ##" in problem
    assert problems_in("# A\n\n## B\n\n### C\n\n## D\n\n### E\n") == []


def test_two_titles_or_none_are_found():
    assert any("a second `#` heading (“B”" in p for p in problems_in("# A\n\n# B\n"))
    assert any("there is no `#` title" in p for p in problems_in("## A\n\ntext\n"))
    assert problems_in("# A\n\ntext\n") == []


@pytest.mark.parametrize("opening, closing", [("```bash", "```"), ("~~~", "~~~"), ("````", "````"),
                                              ("  ```python", "  ```")])
def test_a_comment_in_a_code_fence_is_not_a_heading(opening, closing):
    code = "# install it\nmake lab\n"
    assert problems_in(f"# Title\n\n{opening}\n{code}{closing}\n\n## Next\n") == []
    assert problems_in(f"# Title\n\n{code}\n## Next\n") != []  # without the fence, it is a second title


def test_inline_code_and_hashtags_are_not_headings():
    assert problems_in("# Title\n\n`# not a heading`\n\n#hashtag\n") == []


def test_underlined_and_html_headings_count():
    assert any("second `#`" in p for p in problems_in("Title\n=====\n\n# Another\n"))
    assert any("skips a level" in p for p in problems_in("# Title\n\n<h3>Deep</h3>\n"))
    assert problems_in("# Title\n\nA part\n------\n\n<h3>Deeper</h3>\n") == []


def test_headings_are_checked_across_a_notebooks_cells_and_named_by_cell():
    notebook = {"cells": [
        {"cell_type": "markdown", "id": "top", "source": "# Lesson\n"},
        {"cell_type": "code", "id": "code", "source": "# a comment, not a heading\n"},
        {"cell_type": "markdown", "id": "deep", "source": ["Intro\n", "\n", "### Too deep\n"]},
    ]}
    (problem,) = lint_notebook_markdown(notebook, "nb.ipynb")
    assert problem.where == "cell 3 (id deep), line 3"
    assert str(problem).startswith("nb.ipynb, cell 3 (id deep), line 3: the heading ### “Too deep” skips a level")
    notebook["cells"][2]["source"] = "## Fine\n"
    assert lint_notebook_markdown(notebook, "nb.ipynb") == []


# --- links ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["here", "Click here!", "click here to read it", "this link", "Read more…",
                                  "MORE", "this page", "link"])
def test_link_texts_that_do_not_say_where_they_lead_are_found(text):
    (problem,) = problems_in(f"# T\n\nThe law is [{text}](https://adilet.zan.kz/x).\n")
    assert f"the link text “{text}”" in problem and "does not say where it leads" in problem


def test_descriptive_link_texts_pass():
    assert problems_in("# T\n\n[the 2019 law on cinematography](https://adilet.zan.kz/x) and "
                       "[Vlast.kz, 2020](https://vlast.kz/a) and [`data/README.md`](data/README.md)\n") == []


def test_an_empty_link_text_is_found():
    assert any("no text a screen reader can read" in p for p in problems_in("# T\n\n[](https://a.org)\n"))
    assert any("no text a screen reader can read" in p for p in problems_in("# T\n\n[**  **](https://a.org)\n"))


def test_an_address_as_the_text_of_another_address_is_found():
    (problem,) = problems_in("# T\n\n[https://gov.kz/law](https://evil.example/x)\n")
    assert "the link goes to https://evil.example/x" in problem
    assert problems_in("# T\n\n[https://www.gov.kz/law](http://gov.kz/law/)\n") == []


def test_html_links_are_read_like_markdown_links():
    assert any("does not say where" in p for p in problems_in('# T\n\n<a href="https://a.org">here</a>\n'))
    assert problems_in('# T\n\n<a href="https://a.org" target="_blank">the <b>2025</b> law</a>\n') == []
    assert problems_in('# T\n\n<a href="x" aria-label="Lesson 02"><img src="i.png" alt="statue"></a>\n') == []


def test_reference_links_are_checked():
    assert problems_in("# T\n\nSee [here][law].\n\n[law]: https://adilet.zan.kz/x\n") != []
    assert problems_in("# T\n\nSee [the law][law].\n\n[law]: https://adilet.zan.kz/x\n") == []


def test_the_ref_of_a_full_reference_link_is_not_read_as_a_link_of_its_own():
    """In `[text][ref]` the `[ref]` only names a definition: read again as a shortcut link, a ref
    called "here" was reported as a vague link text although the reader hears "the 2019 film law"."""
    text = "# T\n\nSee [the 2019 film law][here].\n\n[here]: https://example.org\n"
    assert [(link.name, link.target) for link in links(text)] == [("the 2019 film law", "https://example.org")]
    assert problems_in(text) == []


def test_links_inside_code_are_not_links():
    assert problems_in("# T\n\n`[here](x)` and ``[](y)``\n\n```markdown\n[here](z)\n![](a.png)\n```\n") == []


def test_a_stray_backtick_does_not_hide_the_next_paragraph():
    assert problems_in("# T\n\nA stray ` backtick.\n\n[here](x) and `code`\n") != []


def test_a_problem_names_its_line():
    (problem,) = lint_markdown("# T\n\nfine\n\n[here](x)\n", "f.md")
    assert problem.where == "line 5"


# --- images --------------------------------------------------------------------------------------


def test_an_image_without_alt_text_is_found():
    assert any("empty alt text" in p for p in problems_in("# T\n\n![](map.png)\n"))
    assert problems_in("# T\n\n![A map of Almaty with the film's places](map.png)\n") == []


def test_a_file_name_is_not_an_alt_text():
    """JupyterLab names a pasted image after its file: ![image.png](attachment:image.png)."""
    assert any("is a file name" in p for p in problems_in("# T\n\n![image.png](attachment:image.png)\n"))
    assert problems_in("# T\n\n![The statue of Abai in Almaty](attachment:image.png)\n") == []


def test_an_html_image_needs_a_non_empty_alt():
    assert any("no alt attribute" in p for p in problems_in("# T\n\n<img src=x>\n"))
    assert any("empty alt text" in p for p in problems_in('# T\n\n<img src="x" alt="  ">\n'))
    assert problems_in("# T\n\n<img src='x' alt='The statue in Almaty'>\n") == []


def test_a_badge_link_is_named_by_its_image():
    assert problems_in("# T\n\n[![Launch lesson 00 on Binder](badge.svg)](https://mybinder.org/v2)\n") == []
    found = problems_in("# T\n\n[![](badge.svg)](https://mybinder.org/v2)\n")
    assert any("empty alt text" in p for p in found) and any("no text a screen reader" in p for p in found)


# --- the command line ----------------------------------------------------------------------------


def test_the_command_prints_each_problem_and_fails(tmp_path, capsys):
    bad = tmp_path / "bad.md"
    bad.write_text("# T\n\n### Deep\n\n[here](x)\n", encoding="utf-8")
    assert main([str(bad), "--root", str(tmp_path)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out == ["bad.md, line 3: the heading ### “Deep” skips a level (it follows a level-1 heading): make it ##",
                   ("bad.md, line 5: the link text “here” in [here](x) does not say where it leads: "
                   "use words that name the target, e.g. the page's title")]


def test_the_command_passes_a_clean_file(tmp_path, capsys):
    good = tmp_path / "good.md"
    good.write_text("# T\n\n[the course](README.md)\n", encoding="utf-8")
    assert main([str(good), "--root", str(tmp_path)]) == 0
    assert capsys.readouterr().out == ""


# --- figures go through chart() ------------------------------------------------------------------

IMPORTS = "import plotly.express as px\nimport plotly.graph_objects as go\nfrom coursekit.charts import chart\n"
CHARTED = "fig = px.bar(x=[1], y=[2])\nc = chart(fig, title='T', description='D.', x_title='x', y_title='y')\nc"


def routing(*cells: str) -> list[str]:
    return [message for _, _, message in figure_routing_problems([IMPORTS, *cells])]


def test_a_figure_given_to_chart_passes():
    assert routing(CHARTED) == []
    assert routing("df = px.data.iris()\ndf", "from plotly.subplots import make_subplots\n"
                   "grid = make_subplots(rows=2)\nchart(grid, title='T', description='D.', x_title='x', y_title='y')") == []
    assert routing("chart(px.bar(x=[1], y=[2]), title='T', description='D.', x_title='x', y_title='y')") == []


@pytest.mark.parametrize("cell, words", [
    ("fig = px.bar(x=[1], y=[2])\nfig.show()", "show()"),
    ("import plotly.io as pio\nfig = go.Figure()\npio.show(fig)", "show()"),
    ("from IPython.display import display\nfig = go.Figure()\ndisplay(fig)", "display()"),
    ("px.scatter(x=[1], y=[2])", "ends with a plotly figure"),
    ("fig = go.Figure(go.Bar(x=[1], y=[2]))\nfig", "ends with a plotly figure"),
    ("fig = go.Figure()\nfig.update_layout(title='T')", "ends with a plotly figure"),
    ("fig = go.FigureWidget()", "FigureWidget"),
    ("from plotly.subplots import make_subplots\nmake_subplots(rows=2)", "ends with a plotly figure"),
])
def test_a_figure_drawn_around_chart_is_found(cell, words):
    assert any(words in message for message in routing(cell))


def test_a_figure_never_given_to_chart_is_found_even_across_cells():
    (problem,) = figure_routing_problems([IMPORTS, "x = 1\nfig = px.bar(x=[1], y=[2])", "1 + 1"])
    assert problem[:2] == (1, 2) and "`fig` is never passed to chart()" in problem[2]
    assert routing("fig = px.bar(x=[1], y=[2])", "c = chart(fig, title='T', description='D.', "
                                                  "x_title='x', y_title='y')\nc") == []


def test_figure_problems_name_their_cell_and_line():
    notebook = {"cells": [{"cell_type": "markdown", "id": "m", "source": "# T"},
                          {"cell_type": "code", "id": "imp", "source": IMPORTS},
                          {"cell_type": "code", "id": "bad", "source": "%matplotlib inline\nfig = go.Figure()\nfig.show()"}]}
    places = {p.where for p in lint_notebook_code(notebook, "nb.ipynb")}
    assert "cell 3 (id bad), line 3" in places


# --- figures: title, axis titles, description -----------------------------------------------------


def test_a_figure_without_title_axis_titles_or_description_is_found():
    figure = go.Figure(go.Bar(x=["a"], y=[1]))
    assert missing_figure_text(figure, "") == ["the figure has no title", "the figure has no text description",
                                               "the x axis (xaxis) has no title", "the y axis (yaxis) has no title"]
    titled = chart(go.Figure(go.Bar(x=["a"], y=[1])), title="T", description="One bar.", x_title="x", y_title="y")
    assert missing_figure_text(titled, None) == []


def test_a_map_needs_no_axis_titles_and_stacked_panels_share_one():
    assert missing_figure_text(go.Figure(go.Scattergeo(lon=[76.9], lat=[43.2]), layout={"title": "Almaty"}),
                               "One place.") == []
    panels = make_subplots(rows=2, cols=1)
    panels.add_trace(go.Bar(x=[1], y=["a"], orientation="h"), row=1, col=1)
    panels.add_trace(go.Bar(x=[2], y=["b"], orientation="h"), row=2, col=1)
    panels.update_layout(title="T")
    panels.update_yaxes(title_text="money source")
    panels.update_xaxes(title_text="amount", row=2, col=1)
    assert missing_figure_text(panels, "Two bars.") == []
    side_by_side = make_subplots(rows=1, cols=2)
    side_by_side.add_trace(go.Bar(x=["a"], y=[1]), row=1, col=1)
    side_by_side.add_trace(go.Bar(x=["b"], y=[2]), row=1, col=2)
    side_by_side.update_layout(title="T")
    side_by_side.update_yaxes(title_text="count")
    side_by_side.update_xaxes(title_text="left", row=1, col=1)
    assert missing_figure_text(side_by_side, "Two bars.") == ["the x axis (xaxis2) has no title"]


# --- colour is never the only carrier of meaning ---------------------------------------------------


def two_bars(**style) -> go.Figure:
    """Two categories at the same places, blue and orange, with `style` applied to both traces."""
    figure = go.Figure()
    for i, (name, colour) in enumerate([("review", PALETTE[0]), ("feature", PALETTE[1])]):
        trace = {"name": name, **{key: value[i] for key, value in style.items()}}
        figure.add_bar(x=["q1", "q2"], y=[1, 2], marker_color=colour, **trace)
    return figure


def test_categories_told_apart_only_by_colour_are_found():
    figure = two_bars()
    figure.update_layout(showlegend=False)
    (problem,) = colour_only_categories(figure)
    assert "“review” and “feature” differ only in colour (#0072b2 and #e69f00)" in problem


def test_a_legend_with_the_category_names_is_enough():
    assert colour_only_categories(two_bars()) == []  # two named traces: plotly draws the legend
    assert colour_only_categories(two_bars(name=["a", "a"])) != []  # a legend that names both alike is not


def test_text_labels_count_but_numbers_alone_do_not():
    labelled = two_bars(text=[["review", "review"], ["feature", "feature"]], showlegend=[False, False])
    assert colour_only_categories(labelled) == []
    counted = two_bars(text=[["1", "2"], ["1", "2"]], showlegend=[False, False])
    assert colour_only_categories(counted) != []


def test_fill_patterns_count():
    patterned = two_bars(marker_pattern_shape=["", "/"], showlegend=[False, False])
    assert colour_only_categories(patterned) == []


def test_marker_symbols_and_line_dashes_count():
    def points(symbols=("circle", "circle"), dashes=(None, None), mode="markers"):
        figure = go.Figure(layout={"showlegend": False})
        for i, colour in enumerate(PALETTE[:2]):
            figure.add_scatter(x=[1, 2], y=[i, i + 1], mode=mode, marker={"color": colour, "symbol": symbols[i]},
                               line={"color": colour, "dash": dashes[i]})
        return figure

    assert colour_only_categories(points()) != []
    assert colour_only_categories(points(symbols=("circle", "square"))) == []
    assert colour_only_categories(points(mode="lines")) != []
    assert colour_only_categories(points(mode="lines", dashes=("solid", "dot"))) == []


def test_a_legend_entry_shared_through_its_group_counts():
    """The timeline charts draw each group's legend entry as a point-less twin of its data trace."""
    figure = go.Figure()
    for group, colour in zip(["politics", "film"], PALETTE):
        figure.add_scatter(x=[None], y=[None], name=group, legendgroup=group, marker_color=colour, mode="markers")
        figure.add_scatter(x=[1, 2], y=[1, 2], name=group, legendgroup=group, showlegend=False,
                           marker_color=colour, mode="markers")
    assert colour_only_categories(figure) == []
    figure.update_layout(showlegend=False)
    assert colour_only_categories(figure) != []


def test_own_places_or_own_panels_count_as_position():
    own_bars = px.bar(x=["go", "stay"], y=[3, 4], color=["go", "stay"]).update_layout(showlegend=False)
    assert colour_only_categories(own_bars) == []
    panels = make_subplots(rows=1, cols=2)
    panels.add_bar(x=[1], y=[1], marker_color=PALETTE[0], showlegend=False, row=1, col=1)
    panels.add_bar(x=[1], y=[1], marker_color=PALETTE[1], showlegend=False, row=1, col=2)
    assert colour_only_categories(panels) == []


def test_colours_that_vary_within_one_trace_are_categories_too():
    mixed = go.Figure(go.Scatter(x=[1, 2, 3, 4], y=[1, 2, 3, 4], mode="markers",
                                 marker={"color": [PALETTE[0], PALETTE[1]] * 2}))
    assert len(colour_only_categories(mixed)) == 1
    mixed.update_traces(marker_symbol=["circle", "x"] * 2)
    assert colour_only_categories(mixed) == []


def test_a_continuous_colour_scale_is_a_value_not_categories():
    scale = go.Figure(go.Scatter(x=[1, 2, 3], y=[1, 2, 3], mode="markers", marker={"color": [0.1, 0.5, 0.9]}))
    assert colour_only_categories(scale) == []


def test_plotly_express_colour_groups_pass_with_their_legend_and_fail_without():
    """The kind of figure exercise 06's answer draws: px.bar(..., color=...)."""
    data = {"holder": ["aliya", "aliya", "director"], "pull": ["go", "stay", "go"], "reasons": [5, 3, 2]}
    figure = px.bar(data, x="holder", y="reasons", color="pull")
    assert colour_only_categories(figure) == []
    assert colour_only_categories(figure.update_layout(showlegend=False)) != []


# --- every figure a lesson draws --------------------------------------------------------------------


@pytest.fixture(scope="module")
def course(sources, quotes, timeline, places, chain, funding, reasons, corrections):
    from coursekit.corpus import load_folder
    from coursekit.paths import sources_dir
    from coursekit.themes import load_lexicon

    return SimpleNamespace(sources=sources, quotes=quotes, timeline=timeline, places=places, chain=chain,
                           funding=funding, reasons=reasons, corrections=corrections, lexicon=load_lexicon(),
                           folder=load_folder(sources_dir(), errors="skip"))


@pytest.fixture(scope="module")
def explorers(course):
    """Each explorer as its lesson opens it (the arguments of the lesson's cell)."""
    from coursekit.widgets import (
        CensorshipChain,
        FundingExplorer,
        QuoteComparer,
        ReasonsSorter,
        RightsTimeline,
        SourceReader,
        ThemeExplorer,
        TimelineExplorer,
    )

    c = course
    sorted_reasons = dict(zip(c.reasons["reason_id"], ["go", "stay", "both"] * len(c.reasons)))
    sorter = ReasonsSorter(c.reasons, choices=sorted_reasons)  # a student's sorting, compared with the course's
    sorter.compare.value = True
    return {
        "00 SourceReader": SourceReader(c.sources, query="statue"),
        "01 QuoteComparer": QuoteComparer(c.sources, c.quotes, quote="review-almaty-november"),
        "02 TimelineExplorer": TimelineExplorer(c.timeline, themes=["politics"], years=(2010, 2026)),
        "03 CensorshipChain": CensorshipChain(c.chain, case="Welcome to the USA, 2019–2020"),
        "04 RightsTimeline": RightsTimeline(c.timeline, countries=["Kazakhstan", "Russia", "Georgia", "Kyrgyzstan"],
                                            kinds="law"),
        "05 FundingExplorer": FundingExplorer(c.funding, film="Bikechess (2024)"),
        "06 ReasonsSorter": sorter,
        "07 ThemeExplorer": ThemeExplorer(c.sources, c.lexicon, theme="censorship"),
    }


def _voices(c):
    genres = dict(zip(c.sources["source_id"], c.sources["genre"]))
    return voices_figures.voices_chart(voice_shares(c.sources, c.quotes), genres=genres)


# Every figure the lessons draw, as the lesson's cell draws it: name -> a function of the course's
# data and the explorers as the lessons open them.
LESSON_FIGURES = {
    "01 voices": lambda c, e: _voices(c),
    "01 corrections": lambda c, e: corrections_figures.corrections_chart(c.corrections),
    "02 map of Kazakhstan": lambda c, e: map_figures.places_map(
        c.places[c.places["country"] == "Kazakhstan"], box=map_figures.KAZAKHSTAN, labels=True,
        title="Places in Kazakhstan", description="A map of Kazakhstan with its places."),
    "02 map of every place": lambda c, e: map_figures.places_map(
        c.places, title="Every place", description="A map of every place."),
    "02 timeline explorer": lambda c, e: e["02 TimelineExplorer"].chart,
    "03 chain overview": lambda c, e: chain_figures.overview_chart(c.chain),
    "03 censorship chain": lambda c, e: e["03 CensorshipChain"].chart,
    "04 rights comparison": lambda c, e: rights_figures.comparison_chart(c.timeline),
    "04 rights timeline": lambda c, e: e["04 RightsTimeline"].chart,
    "05 funding overview": lambda c, e: funding_figures.overview_chart(c.funding),
    "05 funding explorer": lambda c, e: e["05 FundingExplorer"].chart,
    "06 emigration timeline": lambda c, e: timeline_figures.timeline_chart(
        c.timeline[c.timeline["theme"] == "emigration"], title="Emigration", description="Emigration events."),
    "06 reasons, the course's reading": lambda c, e: reasons_figures.reading_chart(c.reasons),
    "06 reasons sorter": lambda c, e: e["06 ReasonsSorter"].chart,
    "07 themes": lambda c, e: theme_figures.themes_chart(theme_shares(c.sources, c.lexicon)),
    "07 themes of a folder": lambda c, e: theme_figures.themes_chart(
        theme_shares(c.folder, c.lexicon), measure="share_of_sentences"),
    "07 theme explorer": lambda c, e: e["07 ThemeExplorer"].chart,
}
SWEPT_MODULES = {"voices", "corrections", "maps", "chain", "rights", "funding", "timeline", "reasons", "themes"}


@pytest.fixture(scope="module")
def figures(course, explorers):
    return {name: build(course, explorers) for name, build in LESSON_FIGURES.items()}


def test_every_lesson_figure_function_is_in_the_sweep():
    """A chart builder a lesson imports must be built below; a new one must be added to the sweep."""
    imported = set()
    for path in (ROOT / "notebooks").glob("*.ipynb"):
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            if cell["cell_type"] == "code":
                imported |= set(re.findall(r"from coursekit\.charts\.(\w+) import", "".join(cell["source"])))
    missing = imported - SWEPT_MODULES
    assert not missing, f"add the figures of coursekit.charts.{', '.join(sorted(missing))} to LESSON_FIGURES"


@pytest.mark.parametrize("figure", LESSON_FIGURES, ids=str)
def test_every_lesson_figure_has_title_axis_titles_and_description(figures, figure):
    drawn = figures[figure]
    assert drawn is not None, f"{figure}: the explorer drew no figure"
    assert missing_figure_text(drawn, None) == []
    assert drawn.description in drawn.mimebundle()["text/plain"]


@pytest.mark.parametrize("figure", LESSON_FIGURES, ids=str)
def test_no_lesson_figure_relies_on_colour_alone(figures, figure):
    assert colour_only_categories(figures[figure]) == []


@pytest.mark.parametrize("figure", LESSON_FIGURES, ids=str)
def test_the_colours_a_figure_uses_together_stay_apart_with_colour_blindness(figures, figure):
    assert confusable_colours(category_colours(figures[figure])) == []


# --- the palette ---------------------------------------------------------------------------------


def test_lab_matches_the_reference_values_of_srgb_white_and_red():
    white = lab(simulate("#FFFFFF", None))
    assert white == pytest.approx((100, 0, 0), abs=0.01)
    assert lab(simulate("#FF0000", None)) == pytest.approx((53.24, 80.09, 67.20), abs=0.05)


@pytest.mark.parametrize("deficiency", DEFICIENCIES)
def test_simulation_keeps_greys_grey(deficiency):
    """Each Machado matrix row sums to 1, so black, white and greys are seen as they are."""
    for grey in ("#000000", "#777777", "#FFFFFF"):
        assert delta_e(grey, grey, None) == 0
        assert lab(simulate(grey, deficiency)) == pytest.approx(lab(simulate(grey, None)), abs=0.01)


def test_every_palette_colour_is_used_by_some_chart_so_all_eight_are_checked():
    """themes_chart shows up to len(PALETTE) texts, black and yellow included: all eight are used together."""
    from coursekit.charts.themes import themes_chart

    assert inspect.signature(themes_chart).parameters["max_sources"].default == len(PALETTE) == 8


def test_the_course_palette_is_colour_blind_safe():
    assert confusable_colours(PALETTE) == []
    weakest = min(delta_e(a, b, d) for d in DEFICIENCIES for i, a in enumerate(PALETTE) for b in PALETTE[i + 1:])
    assert weakest >= MIN_DELTA_E


def test_an_unsafe_palette_fails():
    """Plotly's own default palette: its blue and purple merge for protanopes; D3's red and green for deuteranopes."""
    plotly_default = confusable_colours(plotly.colors.qualitative.Plotly)
    assert any(p.startswith("#636efa and #ab63fa") and "with protanopia" in p for p in plotly_default)
    red_green = confusable_colours(["#d62728", "#2ca02c"])  # D3's (and matplotlib's tab10) red and green
    assert red_green and all("with deuteranopia" in p for p in red_green)


def test_a_pair_too_close_for_normal_vision_fails_too():
    assert any("for normal vision" in p for p in confusable_colours(["#0072B2", "#0074B4"]))


# --- widgets have labels ---------------------------------------------------------------------------


EXPLORERS = ("00 SourceReader", "01 QuoteComparer", "02 TimelineExplorer", "03 CensorshipChain",
             "04 RightsTimeline", "05 FundingExplorer", "06 ReasonsSorter", "07 ThemeExplorer")


@pytest.mark.parametrize("explorer", EXPLORERS)
def test_every_control_of_every_explorer_has_a_label(explorers, explorer):
    """Walks the explorer's whole widget tree as the lesson shows it (tests/test_widgets.py checks the hooks)."""
    assert unlabelled_controls(explorers[explorer].widget) == []


def test_every_explorer_is_checked_for_labels():
    from coursekit.widgets import __all__ as names

    explorer_classes = {n for n in names if not n.isupper()}  # ALL_SOURCES, MAX_QUERY_CHARS are constants
    assert explorer_classes == {key.split()[1] for key in EXPLORERS}


def test_a_control_without_a_label_is_found_deep_in_a_tree():
    tree = w.VBox([w.HTML("<b>Themes</b>"), w.HBox([w.Checkbox(description="politics"), w.Dropdown(options=["a"])])])
    (problem,) = unlabelled_controls(tree)
    assert problem.startswith("Dropdown at root.1.1 has no description")
    tree.children[1].children[1].description = "Theme"
    assert unlabelled_controls(tree) == []


@pytest.mark.parametrize("control", [w.IntSlider(), w.Text(), w.SelectMultiple(options=["a"]),
                                     w.ToggleButtons(options=["a"]), w.Checkbox(), w.ToggleButton()])
def test_each_kind_of_control_needs_a_description(control):
    assert unlabelled_controls(control) != []
    control.description = "Years"
    assert unlabelled_controls(control) == []


def test_a_button_may_be_named_by_its_tooltip_and_display_widgets_need_no_label():
    assert unlabelled_controls(w.Button()) != []
    assert unlabelled_controls(w.Button(icon="refresh", tooltip="Clear my sorting")) == []
    assert unlabelled_controls(w.VBox([w.HTML("x"), w.Label("y"), w.Output()])) == []


def test_an_option_without_a_label_is_found():
    assert any("option without a label" in p
               for p in unlabelled_controls(w.ToggleButtons(options=[("Go", "go"), ("", "stay")], description="Sort as")))


@pytest.mark.parametrize("table, problems", [
    ("| | what we know | source |\n|---|---|---|\n| Film | x | y |\n", 1),
    ("| topic | what we know |\n|:---|---:|\n| Film | x |\n", 0),
    ("|a||\n|---|---|\n", 1),
    ("```\n| | not a table |\n|---|---|\n```\n", 0),
    ("a | b\n--- | ---\n1 | 2\n", 0),
    ("| `source_id` | meaning |\n|---|---|\n| review | the review |\n", 0),
    ("| | b |\n|-|-|\n", 1),
])
def test_a_table_header_cell_must_name_its_column(table, problems):
    assert len(empty_table_headers(table)) == problems
    assert len([p for p in lint_markdown(table, "x.md") if "header row" in p.message]) == problems
