"""The relative-link check the hygiene and student-bundle tests rely on (tests/support/links.py).

It reads Markdown with the accessibility lint's parsers; these tests pin the kinds of link its
earlier, regex-based version missed (a link around an image, reference links, HTML links, links
in `~~~` fences, image sources) and show that links that do resolve pass.
"""

from __future__ import annotations

import nbformat
import pytest
from support.links import anchor, broken_links


@pytest.fixture
def folder(tmp_path):
    """A small course folder: a page with headings, an image and a notebook."""
    (tmp_path / "page.md").write_text("# The page\n\n## Who decides? (2019–2025)\n\ntext\n", encoding="utf-8")
    (tmp_path / "logo.png").write_bytes(b"")
    return tmp_path


def problems(folder, markdown: str, **kwargs) -> list[str]:
    path = folder / "doc.md"
    path.write_text(markdown, encoding="utf-8")
    return broken_links(path, **kwargs)


def test_a_link_wrapped_around_an_image_is_checked(folder):
    assert problems(folder, "# T\n\n[![The course logo](logo.png)](missing-page.md)\n") == [
        "missing-page.md (no such file)"]


def test_a_reference_link_is_checked(folder):
    assert problems(folder, "# T\n\nSee [the notes][n].\n\n[n]: missing.md\n") == ["missing.md (no such file)"]


def test_an_html_link_is_checked(folder):
    assert problems(folder, '# T\n\n<a href="missing.html">the notes</a>\n') == ["missing.html (no such file)"]


def test_a_tilde_fence_is_code_not_links_or_headings(folder):
    """A link in a ~~~ block is an example, not a link; a `# comment` there is not a heading to link to."""
    assert problems(folder, "# T\n\n~~~markdown\n[an example](nowhere.md)\n~~~\n") == []
    assert problems(folder, "# T\n\n[the step](#install-it)\n\n~~~bash\n# install it\n~~~\n") == [
        "#install-it (no such heading)"]


def test_an_image_source_is_checked(folder):
    assert problems(folder, "# T\n\n![A map of Almaty](missing.png)\n") == ["missing.png (no such file)"]
    assert problems(folder, '# T\n\n<img src="missing.svg" alt="A map">\n') == ["missing.svg (no such file)"]


def test_a_missing_heading_in_another_file_is_found(folder):
    assert problems(folder, "# T\n\n[the question](page.md#who-decides)\n") == ["page.md#who-decides (no such heading)"]


def test_a_link_leaving_the_allowed_folder_is_found(folder):
    inner = folder / "inner"
    inner.mkdir()
    (inner / "doc.md").write_text("# T\n\n[the page](../page.md)\n", encoding="utf-8")
    assert broken_links(inner / "doc.md", inside=inner) == ["../page.md (outside inner)"]


def test_links_that_resolve_pass(folder):
    good = ("# T\n\n## Our own part\n\n"
            "[the page](page.md), [who decides](page.md#who-decides-20192025), [our part](#our-own-part), "
            "[![The course logo](logo.png)](page.md), [the page again][p], <a href=\"page.md\">the page</a>, "
            "<img src=\"logo.png\" alt=\"The course logo\">, [Adilet](https://adilet.zan.kz/) and "
            "[write to us](mailto:course@example.org)\n\n[p]: page.md\n")
    assert problems(folder, good, inside=folder) == []


def test_anchors_follow_githubs_rule():
    assert anchor("Who decides? (2019–2025)") == "who-decides-20192025"
    assert anchor("Reading [the sources](x.md) — `corpus`") == "reading-the-sources--corpus"


def test_a_notebooks_markdown_cells_are_checked_and_its_code_cells_are_not(folder):
    notebook = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("# Lesson\n\n[the next lesson](missing.ipynb)"),
        nbformat.v4.new_code_cell("# [not a link](nowhere.md)\nprint('x')"),
    ])
    path = folder / "lesson.ipynb"
    nbformat.write(notebook, path)
    assert broken_links(path) == ["missing.ipynb (no such file)"]
