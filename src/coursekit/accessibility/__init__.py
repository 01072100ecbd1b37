"""The course's accessibility checks: headings, link texts, alt texts, figures, colours and widget labels.

Run `python -m coursekit.accessibility [PATHS]` (no paths: every notebook and Markdown file the
course owns) to lint the files: headings, links, images, tables and how code draws figures. Each
problem names the file, the cell (number and id) or the line, and what to change; the command exits
with 1 if there is any. The checks of built figures, their colours and the explorers' controls need
those built from the course's data, so the test suite runs them (tests/test_accessibility.py), as
it runs the file lint.

What is checked, and why:
- Headings: one `#` title per notebook or Markdown file, and no skipped level (a `###` straight
  under a `#`): screen-reader users move through a page by its headings. A `# comment` inside a
  fenced code block is code, not a heading.
- Links: a link text says where it leads ("the 2019 film law", not "here"); screen readers list the
  links of a page out of context. An address shown as the text of a link to another address
  misleads, so that is refused too. HTML `<a>` tags are read like Markdown links.
- Images: every Markdown image and HTML `<img>` has a non-empty alt text.
- Tables: every header cell of a Markdown table names its column (`empty_table_headers`); a screen
  reader reads each cell with its column's header.
- Figures: lesson and solution code draws plotly figures only through `coursekit.charts.chart()`
  (title, axis titles, description), never with `fig.show()`, `display(fig)` or a bare figure left
  as a cell's last expression (`figure_routing_problems`); a chart's title, axis titles and
  description can be checked on the built figure (`missing_figure_text`).
- Colour: categories that differ in colour must differ in another way too: legend names, text
  labels, marker symbols, line dashes or widths, fill patterns, or their position
  (`colour_only_categories`); and the colours a figure uses together stay apart for people with
  protanopia, deuteranopia and tritanopia (`confusable_colours`).
- Widgets: every control a student can operate has a label (`unlabelled_controls`).

Where each part lives, one concern per module:
- `markdown`: reading Markdown: prose without code, headings, links and images (also used by the
  tests' relative-link check);
- `markdown_lint`: the heading, link-text, alt-text and table-header rules, on Markdown files and notebook cells;
- `figure_routing`: code cells draw figures only through `chart()`;
- `figures`: a built figure's title, axis titles and description; categories told apart by colour alone;
- `colour_vision`: colour-blindness simulation, CIELAB and ΔE, confusable colours;
- `widgets`: controls without a label;
- `problems`: what a problem is and how it names its place; `files`: which files are linted and
  how one file is; `cli`: the command.

The functions are small and pure (text or objects in, a list of problems out), so each rule has
unit tests on made-up inputs that prove it fires and that a correct input passes. This package
names the public ones, so callers import from `coursekit.accessibility` whatever module holds them.
"""

from .cli import main
from .colour_vision import (
    CVD_MATRICES,
    DEFICIENCIES,
    MIN_DELTA_E,
    confusable_colours,
    delta_e,
    lab,
    simulate,
)
from .figure_routing import figure_routing_problems, lint_notebook_code
from .figures import category_colours, colour_only_categories, missing_figure_text
from .files import course_files, lint_file, lint_paths
from .markdown import Heading, Link, headings, links, prose
from .markdown_lint import (
    empty_table_headers,
    heading_problems,
    link_problem,
    lint_markdown,
    lint_notebook_markdown,
)
from .problems import Problem
from .widgets import unlabelled_controls

__all__ = [
    "CVD_MATRICES",
    "DEFICIENCIES",
    "MIN_DELTA_E",
    "Heading",
    "Link",
    "Problem",
    "category_colours",
    "colour_only_categories",
    "confusable_colours",
    "course_files",
    "delta_e",
    "empty_table_headers",
    "figure_routing_problems",
    "heading_problems",
    "headings",
    "lab",
    "link_problem",
    "links",
    "lint_file",
    "lint_markdown",
    "lint_notebook_code",
    "lint_notebook_markdown",
    "lint_paths",
    "main",
    "missing_figure_text",
    "prose",
    "simulate",
    "unlabelled_controls",
]
