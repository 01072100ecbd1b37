"""The theme explorer, driven from Python as a student drives it in the browser."""

from __future__ import annotations

import re
from html import unescape

import ipywidgets as w
import pandas as pd
import pytest

from coursekit.charts import MIMETYPE
from coursekit.tables import THEMES
from coursekit.themes import ThemeError, passages, tag_themes, theme_shares
from coursekit.widgets import ThemeExplorer


@pytest.fixture(scope="module")
def explorer(sources):
    return ThemeExplorer(sources)


def numbers(explorer) -> tuple[int, int, int]:
    """matches, sentences and texts, as the count sentence states them."""
    match = re.search(r"([\d,]+) match(?:es)? in ([\d,]+) sentences? of ([\d,]+) of", explorer.count.value)
    assert match, explorer.count.value
    return tuple(int(g.replace(",", "")) for g in match.groups())


def plotted(explorer):
    """The bars of the figure the explorer's output holds (plotly's JSON packs numbers as binary)."""
    (figure_output, description) = explorer.output.outputs
    assert "Figure:" in description["data"]["text/html"]
    assert figure_output["data"][MIMETYPE]["layout"]["title"]["text"] == explorer.chart.title
    return explorer.chart.figure.data


def test_it_opens_on_the_first_theme_with_a_labelled_dropdown(explorer):
    assert isinstance(explorer.theme, w.Dropdown) and explorer.theme.description == "Theme"
    assert [value for _, value in explorer.theme.options] == list(THEMES)
    assert explorer.theme.value == "film"
    assert re.fullmatch(r"film \(\d+ matches\)", explorer.theme.options[0][0])


@pytest.mark.parametrize("theme", THEMES)
def test_each_theme_shows_its_counts_chart_and_passages(sources, explorer, theme):
    explorer.theme.value = theme
    matches = tag_themes(sources)
    mine = matches[matches["theme"] == theme]
    assert numbers(explorer) == (len(mine), len(mine.drop_duplicates(["source_id", "sentence"])), mine["source_id"].nunique())
    shares = theme_shares(sources)
    expected = shares[shares["theme"] == theme].sort_values("per_1000_words", ascending=False, kind="stable")
    (bar,) = plotted(explorer)
    assert list(bar.x) == pytest.approx(list(expected["per_1000_words"]))
    assert [label.split(" (")[0] for label in bar.y] == list(expected["source_id"])
    table = unescape(explorer.table.value)
    wanted = passages(sources, None, theme)
    assert len(explorer.passages) == min(len(wanted), explorer.max_passages)
    for row in explorer.passages.itertuples():
        assert row.text in re.sub(r"</?mark>", "", table)
    assert table.count("<mark>") == sum(len(m) for m in explorer.passages["marks"])


def test_changing_the_theme_changes_everything_shown(sources):
    explorer = ThemeExplorer(sources, theme="emigration")
    before = (explorer.count.value, explorer.table.value, explorer.chart.title)
    explorer.theme.value = "censorship"
    assert explorer.count.value != before[0] and explorer.table.value != before[1]
    assert explorer.chart.title.startswith("Censorship") and before[2].startswith("Emigration")
    assert "<mark>censorship</mark>" in explorer.table.value


def test_passages_name_their_text_and_mark_the_keyword(explorer):
    explorer.theme.value = "censorship"
    table = explorer.table.value
    assert "<td style='white-space:nowrap;vertical-align:top;padding-right:1em'>klassiki</td>" in table
    assert "<mark>Ministry of Culture</mark>" in table and "<mark>rated</mark>" in table


def test_passages_are_capped_and_the_count_says_so(sources):
    explorer = ThemeExplorer(sources, theme="film", max_passages=5)
    assert len(explorer.passages) == 5
    total = numbers(explorer)[1]
    assert f"Showing the first 5 of {total:,} passages" in explorer.count.value


def test_the_chart_is_capped_and_its_title_says_how_many_of_how_many(sources):
    many = pd.concat([sources.assign(source_id=sources["source_id"] + f"-{i}") for i in range(10)], ignore_index=True)
    explorer = ThemeExplorer(many, theme="politics", top=20)
    (bar,) = plotted(explorer)
    assert len(bar.y) == 20 and "showing 20 of 30 texts" in explorer.chart.title


def test_a_theme_without_matches_gets_advice_and_lists_its_keywords(sources):
    lexicon = pd.DataFrame({"theme": ["film", "family"], "keyword": ["film", "grandmother*"]})
    explorer = ThemeExplorer(sources, lexicon, theme="family")
    assert "No keyword of the theme <b>family</b> occurs" in explorer.count.value
    assert "grandmother*" in explorer.count.value
    assert explorer.chart is None and explorer.output.outputs == () and explorer.table.value == ""
    explorer.theme.value = "film"  # and it recovers
    assert explorer.chart is not None and numbers(explorer)[0] > 0


def test_it_opens_on_a_theme_that_has_matches(sources):
    lexicon = pd.DataFrame({"theme": ["family", "film"], "keyword": ["grandmother*", "film"]})
    assert ThemeExplorer(sources, lexicon).theme.value == "film"


def test_a_foreign_language_folder_without_matches_is_told_to_add_words_in_its_language():
    texts = pd.DataFrame({"source_id": ["de"], "text": ["Der Film wurde zensiert. Die Straße ist leer."]})
    explorer = ThemeExplorer(texts, pd.DataFrame({"theme": ["censorship"], "keyword": ["censor*"], "language": ["English"]}))
    assert "None of the lexicon's keywords occurs" in explorer.count.value
    assert "it has English" in explorer.count.value and "add keywords in their language" in explorer.count.value
    assert explorer.output.outputs == ()


def test_an_empty_corpus_gets_a_sentence_not_a_traceback(sources):
    explorer = ThemeExplorer(sources.iloc[0:0])
    assert "There are no texts to explore" in explorer.count.value
    assert explorer.theme.disabled and explorer.output.outputs == ()


def test_an_unknown_theme_is_refused_with_the_known_ones(sources):
    with pytest.raises(ThemeError, match="choose one of: film, politics"):
        ThemeExplorer(sources, theme="statues")


def test_a_bad_lexicon_is_a_one_line_error(sources):
    with pytest.raises(ThemeError, match="has no rows"):
        ThemeExplorer(sources, pd.DataFrame({"theme": [], "keyword": []}))


def test_a_chart_is_built_once_per_theme(sources):
    explorer = ThemeExplorer(sources, theme="film")
    first = explorer.chart
    explorer.theme.value = "politics"
    explorer.theme.value = "film"
    assert explorer.chart is first


def test_passage_text_is_escaped(sources):
    texts = pd.DataFrame({"source_id": ["x"], "text": ["<img src=x onerror=alert(1)> a film & more."]})
    explorer = ThemeExplorer(texts)
    assert "<img" not in explorer.table.value and "&lt;img src=x onerror=alert(1)&gt;" in explorer.table.value
    assert "<mark>film</mark>" in explorer.table.value


def test_the_parts_carry_the_css_classes_the_browser_test_uses(explorer):
    assert "coursekit-theme-explorer" in explorer.widget._dom_classes
    for part, name in [(explorer.theme, "theme"), (explorer.count, "count"), (explorer.output, "chart"),
                       (explorer.table, "passages")]:
        assert f"coursekit-themes-{name}" in part._dom_classes
    assert explorer._repr_mimebundle_() == explorer.widget._repr_mimebundle_()
