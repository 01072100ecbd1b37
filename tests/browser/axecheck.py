"""Run axe-core, the accessibility checker, on the page JupyterLab shows, and sort what it finds.

axe-core's own build (`axe.min.js`, MPL-2.0) comes with the PyPI package `axe-playwright-python`;
it is read from that package's folder and injected into the page, so nothing is fetched from the
network. `axe.run()` is called here rather than through the package's wrapper, to choose the
rules (WCAG 2.0/2.1 A and AA, and axe's best practices) and to sort the findings:

- `course`: nodes inside what this course puts on the page, the rendered Markdown cells and the
  cells' outputs (tables, printed text, plotly figures, our explorers). We can fix these, and the
  browser tests assert there are none.
- `interface`: nodes in JupyterLab's own interface (menus, toolbars, side panels, the editors,
  the page's landmarks). We cannot fix these; they are only reported.
- `excluded`: nodes of the course's content that break a rule because of another package's
  markup or stylesheet, which we cannot change without patching it: `EXCLUSIONS` names each rule,
  the exact selector and the upstream cause. Reported, not asserted.

axe's "incomplete" results (it could not decide, for example the contrast of text whose background
it could not compute) are kept, split the same way, for a person to review.

Colour contrast needs text that is painted and a background axe can find. JupyterLab skips
painting cells that are off screen (`content-visibility: auto`), so `check_page` first switches the
notebook to render every cell, then walks through it a screen at a time and checks the cells on
that screen, checks again, centred, what the edge of a screen cut, and checks the page's interface
once at the end. axe cannot find the background of text in plotly's layered SVG at all, so the
text of the course's plotly figures gets a contrast check of our own (`SVG_TEXT_RULE`).
"""

from __future__ import annotations

import json
import time
from collections import Counter
from dataclasses import asdict, dataclass, field
from importlib import resources
from pathlib import Path

from playwright.sync_api import Page

# WCAG 2.0 and 2.1, levels A and AA, and axe's best practices (heading order, landmarks, ...).
RULE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
# What the course renders into the page. Markdown cells render into .jp-MarkdownOutput, code
# cells' outputs (and the widgets in them) into .jp-OutputArea-output.
COURSE_SELECTOR = ".jp-MarkdownOutput, .jp-OutputArea-output"
SNIPPET_CHARS = 300


@dataclass(frozen=True)
class Exclusion:
    """One axe rule, not applied to the elements `selector` matches, and why."""

    rule: str
    selector: str
    reason: str


# Violations that come from other packages' markup inside our outputs; each names its upstream
# cause. Nothing here hides our own HTML: an exclusion matches an element only if the element
# itself matches the selector (no ancestors, no descendants).
EXCLUSIONS: list[Exclusion] = [
    Exclusion(
        rule="link-in-text-block",
        selector=".jp-RenderedMarkdown a",
        reason=(
            "JupyterLab's own stylesheet (@jupyterlab/rendermime, 4.6.6: `.jp-RenderedHTMLCommon a:link "
            "{ text-decoration: none; color: var(--jp-content-link-color) }`) draws the links of every "
            "rendered Markdown cell without an underline, in #0d47a1 on body text of #212121 (1.86:1, "
            "axe wants 3:1). A Markdown link cannot carry its own style; only a theme or a deployment's "
            "custom CSS can change this. Links in our widgets' HTML are not excluded: they are underlined."
        ),
    ),
    Exclusion(
        rule="aria-input-field-name",
        selector=".widget-slider .noUi-handle",
        reason=(
            "ipywidgets 8.1.9 draws its sliders with noUiSlider and creates the handles (role=slider) "
            "without noUiSlider's handleAttributes, so they get no aria-label, and the slider's "
            "description <label> is not linked to them; Python code cannot reach them. Upstream: "
            "jupyter-widgets/ipywidgets#2650 (ARIA labels), leongersen/noUiSlider#1223."
        ),
    ),
    Exclusion(
        rule="empty-table-header",
        selector=(".jp-OutputArea-output table.dataframe > thead > tr:first-child > th:first-child:empty, "
                  ".jp-OutputArea-output table.dataframe > thead > tr:nth-child(2) > th:first-child:not(:empty) ~ th:empty"),
        reason=(
            "pandas' HTML repr of a DataFrame always writes an empty <th> in the corner over its index "
            "column, and, when the index has a name, empty <th>s beside that name in a second header "
            "row. A best-practice rule, not a WCAG one; the same exclusion as "
            "pydata/pydata-sphinx-theme#1480. Only those layout cells: an empty column name of our own "
            "data, and tables of our own (Markdown, widget HTML), are still checked."
        ),
    ),
]


def axe_source() -> str:
    """axe-core's `axe.min.js` as shipped by axe-playwright-python (its version is on line 1)."""
    return (resources.files("axe_playwright_python") / "axe.min.js").read_text(encoding="utf-8")


def axe_version() -> str:
    return axe_source().split("\n", 1)[0].removeprefix("/*! axe v").strip()


@dataclass
class Node:
    """One element flagged: where it is (a selector, or a figure and its text), a piece of its HTML,
    and why."""

    target: str
    html: str
    summary: str
    part: str  # markdown, widget, plotly or output (a cell's other outputs); or interface
    cell: int | None  # the notebook cell it is in, counted from 0, if any

    def line(self) -> str:
        where = f"cell {self.cell}, {self.part}" if self.cell is not None else self.part
        return f"{self.target} ({where})\n      {self.html}\n      {self.summary}"


@dataclass
class Finding:
    """One axe rule with the nodes that broke it (or that axe could not decide, for `incomplete`)."""

    rule: str
    impact: str | None
    help: str
    help_url: str
    nodes: list[Node] = field(default_factory=list)


@dataclass
class AxeReport:
    """axe's results on one page, sorted into ours, JupyterLab's and excluded, plus undecided nodes."""

    axe_version: str
    url: str
    course: list[Finding] = field(default_factory=list)
    interface: list[Finding] = field(default_factory=list)
    excluded: list[Finding] = field(default_factory=list)
    incomplete_course: list[Finding] = field(default_factory=list)
    incomplete_interface: list[Finding] = field(default_factory=list)
    # How many of the course's nodes passed each rule: shows the rules really ran (colour contrast!).
    course_passes: dict[str, int] = field(default_factory=dict)
    runs: int = 0
    seconds: float = 0.0  # how long the check took, for the record (never asserted)

    def course_message(self) -> str:
        """Every violation in the course's content: rule, impact, selector and HTML of each node."""
        head = (f"axe-core {self.axe_version} found {count_nodes(self.course)} accessibility violation(s) "
                "in the course's own content:")
        lines = [head]
        for finding in self.course:
            lines.append(f"- {finding.rule} ({finding.impact}): {finding.help} <{finding.help_url}>")
            lines.extend(f"    {node.line()}" for node in finding.nodes)
        return "\n".join(lines)

    def summary(self) -> str:
        """One line: the counts of flagged nodes, by rule, in each list."""
        def counts(findings: list[Finding]) -> str:
            return ", ".join(f"{f.rule} {len(f.nodes)}" for f in findings) or "none"

        return (f"axe {self.axe_version} ({self.runs} runs, {self.seconds:.1f} s): course {counts(self.course)}; "
                f"JupyterLab interface {counts(self.interface)}; excluded {counts(self.excluded)}; "
                f"to review (incomplete) course {counts(self.incomplete_course)}, "
                f"interface {counts(self.incomplete_interface)}; course nodes that passed colour contrast: "
                f"{self.course_passes.get('color-contrast', 0)} (axe), "
                f"{self.course_passes.get(SVG_TEXT_RULE, 0)} (plotly text)")

    def write(self, path: Path) -> Path:
        path.write_text(json.dumps(asdict(self), indent=1, ensure_ascii=False), encoding="utf-8")
        return path


def count_nodes(findings: list[Finding]) -> int:
    return sum(len(f.nodes) for f in findings)


def rule_counts(findings: list[Finding]) -> Counter:
    return Counter({f.rule: len(f.nodes) for f in findings})


# Runs in the page: set up the state the runs share, and the function that makes one run.
#
# JupyterLab's <html> and <body> are 0 px high (its shell is positioned on the viewport), and
# <body> has overflow: hidden; axe then takes every element for clipped away, off screen, and
# skips colour contrast for all of them. Giving both the viewport's height changes nothing on
# screen (the shell does not depend on them) and lets axe compute which text is visible.
#
# A run keeps every flagged element, tagged by where it is (the element itself, from elementRef,
# says whether it lies inside the course's content; the selectors axe prints are for people to
# read), each element once per rule however many runs see it. What passed or failed a rule in any
# run is "decided" for that rule, so that an element axe could not judge in one run (cut by the
# edge of the screen) but judged in another is not reported as undecided.
_START = """
({course, exclusions, snippetChars}) => {
    if (!document.getElementById('coursekit-axe-style')) {
        const style = document.createElement('style');
        style.id = 'coursekit-axe-style';
        style.textContent = 'html, body { height: 100%; }';
        document.head.appendChild(style);
    }
    const state = {flagged: {}, decided: {}, passed: {}, passes: {}, violations: [], incomplete: []};
    const setOf = (table, rule) => table[rule] = table[rule] || new WeakSet();
    const inCourse = element => !!(element && element.closest && element.closest(course));
    const record = (finding, node) => {
        const element = node.element;
        const ours = inCourse(element);
        const excluded = ours && exclusions.some(x => x.rule === finding.id && element.matches(x.selector));
        const cell = element && element.closest && element.closest('.jp-Notebook .jp-Cell');
        const part = !ours ? 'interface'
            : element.closest('.jp-MarkdownOutput') ? 'markdown'
            : element.closest('.jupyter-widgets') ? 'widget'
            : element.closest('.js-plotly-plot') ? 'plotly' : 'output';
        return {
            element, where: excluded ? 'excluded' : (ours ? 'course' : 'interface'), part,
            cell: cell && cell.dataset.windowedListIndex !== undefined ? Number(cell.dataset.windowedListIndex) : null,
            rule: finding.id, impact: node.impact || finding.impact, help: finding.help,
            help_url: finding.helpUrl,
            target: node.target.map(t => Array.isArray(t) ? t.join(' >> ') : t).join(' | '),
            html: node.html.replace(/ data-coursekit-axe="\\d*"/g, '').replace(/\\s+/g, ' ').slice(0, snippetChars),
            summary: (node.failureSummary || node.any.concat(node.all, node.none)
                      .map(c => c.message).join(' ')).replace(/\\s+/g, ' ').trim(),
        };
    };
    state.inCourse = inCourse;
    state.run = async (context, options) => {
        const result = await window.axe.run(context, {...options, elementRef: true});
        for (const finding of result.violations) {
            for (const node of finding.nodes) {
                setOf(state.decided, finding.id).add(node.element);
                const flagged = setOf(state.flagged, finding.id);
                if (!flagged.has(node.element)) {
                    flagged.add(node.element);
                    state.violations.push(record(finding, node));
                }
            }
        }
        for (const finding of result.passes) {
            const passed = setOf(state.passed, finding.id);
            for (const node of finding.nodes) {
                setOf(state.decided, finding.id).add(node.element);
                if (!passed.has(node.element) && inCourse(node.element)) {
                    state.passes[finding.id] = (state.passes[finding.id] || 0) + 1;
                }
                passed.add(node.element);
            }
        }
        for (const finding of result.incomplete) {
            for (const node of finding.nodes) state.incomplete.push(record(finding, node));
        }
        // A rule that threw stopped checking every element of this run, not only the one it names.
        return result.incomplete.filter(finding => finding.error).map(finding => finding.id);
    };
    state.undecided = () => {
        const seen = {};
        return state.incomplete.filter(r => {
            const rule = seen[r.rule] = seen[r.rule] || new Set();
            if ((state.decided[r.rule] && state.decided[r.rule].has(r.element)) || rule.has(r.element)) return false;
            rule.add(r.element);
            return true;
        });
    };
    window.__coursekitAxe = state;
}
"""

# Runs in the page: one axe run on `context`, added to the state.
_RUN = "({context, options}) => window.__coursekitAxe.run(context, options)"

# Runs in the page: each element of the course's content that axe could not judge (at most
# `limit`), scrolled to the middle of the screen and checked again for that rule alone. Most
# were cut by the screen's edge in every run; SVG text (plotly's) is left as it is: plotly
# layers one SVG over another, and axe cannot find a background under the top one.
_RECHECK = """
async ({limit}) => {
    const state = window.__coursekitAxe;
    const todo = state.undecided().filter(r => r.where === 'course' && !r.element.closest('svg')).slice(0, limit);
    for (const r of todo) {
        if (!r.element.isConnected) continue;
        r.element.scrollIntoView({block: 'center'});
        await new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)));
        await state.run(r.element, {runOnly: {type: 'rule', values: [r.rule]}});
    }
    return todo.length;
}
"""
RECHECK_LIMIT = 60

# Runs in the page: the contrast of every text in the plotly figures of the course's content,
# which axe leaves undecided ("overlapped by another element": plotly lays a second SVG over the
# first). SVG paints in document order, so a text's background is every filled shape before it
# in the figure's SVGs that covers the text's centre (isPointInFill, in the shape's own
# coordinates), blended in order over the figure's paper colour; a shape filled with a pattern
# (plotly's bar patterns) may put any of the pattern's colours there, and the worst one counts.
# Then WCAG 2's contrast ratio of the text's fill on that background, against 4.5:1 (3:1 for
# large text: 24 px, or 18.66 px bold). The text's centre stands for the whole text. Each text
# checked counts as decided for axe's color-contrast rule.
SVG_TEXT_RULE = "coursekit-svg-text-contrast"
_SVG_TEXT_CONTRAST = """
({rule, snippetChars}) => {
    const state = window.__coursekitAxe;
    const parse = text => {
        const m = /^rgba?\\(([^)]+)\\)$/.exec((text || '').trim());
        if (!m) return null;
        const v = m[1].split(/[\\s,\\/]+/).filter(Boolean).map(Number);
        return {r: v[0], g: v[1], b: v[2], a: v.length > 3 ? v[3] : 1};
    };
    const opacity = (element, root) => {
        let product = 1;
        for (let e = element; e && e !== root; e = e.parentElement) product *= Number(getComputedStyle(e).opacity);
        return product;
    };
    const over = (top, alpha, under) => ({r: top.r * alpha + under.r * (1 - alpha),
        g: top.g * alpha + under.g * (1 - alpha), b: top.b * alpha + under.b * (1 - alpha)});
    const luminance = c => {
        const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
        return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b);
    };
    const ratio = (a, b) => {
        const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
        return (hi + 0.05) / (lo + 0.05);
    };
    // The colours a fill paints: one for a colour; for a pattern (plotly's bar patterns:
    // url(#id) to a <pattern> of a background rect, then marks drawn over it), the rect's colour
    // and each mark's colour over it. A pattern's lines are <path>s painted by their stroke
    // (their fill, black by default, covers no area); its dots are filled circles.
    const paints = fill => {
        const colour = parse(fill);
        if (colour) return colour.a > 0 ? [colour] : [];
        const ref = /^url\\("?#([^")]+)"?\\)$/.exec((fill || '').trim());
        const pattern = ref && document.getElementById(ref[1]);
        if (!pattern || pattern.tagName.toLowerCase() !== 'pattern') return [];
        const [ground, ...marks] = [...pattern.querySelectorAll('path, rect, circle, ellipse, polygon')]
            .map(mark => {
                const style = getComputedStyle(mark);
                const stroked = mark.tagName.toLowerCase() === 'path' && style.stroke !== 'none';
                const c = parse(stroked ? style.stroke : style.fill);
                const a = stroked ? Number(style.strokeOpacity) : Number(style.fillOpacity);
                return c && {...c, a: c.a * a * Number(style.opacity)};
            })
            .filter(c => c && c.a > 0);
        if (!ground) return [];
        return [ground, ...marks.map(m => ground.a === 1 ? {...over(m, m.a, ground), a: 1} : m)];
    };
    const hex = c => '#' + [c.r, c.g, c.b].map(v => Math.round(v).toString(16).padStart(2, '0')).join('');
    const decided = state.decided['color-contrast'] = state.decided['color-contrast'] || new WeakSet();
    let checked = 0;
    for (const figure of document.querySelectorAll('.js-plotly-plot')) {
        if (!state.inCourse(figure)) continue;
        const svgs = [...figure.querySelectorAll('svg.main-svg')];
        if (!svgs.length) continue;
        const paper = parse(getComputedStyle(svgs[0]).backgroundColor);
        const white = {r: 255, g: 255, b: 255};
        const base = paper ? over(paper, paper.a, white) : white;
        // Shapes that are drawn: not the geometry of clip paths, masks, markers and the like
        // (plotly clips every plot area with a <clipPath><rect>, whose default fill is black).
        const shapes = svgs.flatMap(svg => [...svg.querySelectorAll('path, rect, circle, ellipse, polygon')])
            .filter(shape => !shape.closest('defs, clipPath, mask, pattern, marker, symbol'))
            .map(shape => {
                const style = getComputedStyle(shape);
                const alpha = Number(style.fillOpacity) * opacity(shape, figure);
                return {shape, colours: paints(style.fill), alpha,
                        shown: style.display !== 'none' && style.visibility !== 'hidden'};
            })
            .filter(s => s.colours.length && s.alpha > 0 && s.shown && s.shape.isPointInFill);
        for (const text of svgs.flatMap(svg => [...svg.querySelectorAll('text')])) {
            const style = getComputedStyle(text);
            const fill = parse(style.fill);
            const box = text.getBoundingClientRect();
            if (!fill || !text.textContent.trim() || !box.width || !box.height
                || style.display === 'none' || style.visibility === 'hidden') continue;
            const alpha = fill.a * Number(style.fillOpacity) * opacity(text, figure);
            if (alpha === 0) continue;
            const point = new DOMPoint(box.left + box.width / 2, box.top + box.height / 2);
            // Every colour that can be under the text's centre: one, or one per colour of a pattern.
            let backgrounds = [base];
            for (const s of shapes) {
                if (!(s.shape.compareDocumentPosition(text) & Node.DOCUMENT_POSITION_FOLLOWING)) continue;
                const matrix = s.shape.getScreenCTM();
                if (!matrix || !s.shape.isPointInFill(point.matrixTransform(matrix.inverse()))) continue;
                const layered = s.colours.flatMap(c => backgrounds.map(b => over(c, c.a * s.alpha, b)));
                backgrounds = [...new Map(layered.map(b => [hex(b), b])).values()];
            }
            // The worst of them decides.
            const [contrast, colour, background] = backgrounds
                .map(b => { const c = over(fill, alpha, b); return [ratio(c, b), c, b]; })
                .sort((x, y) => x[0] - y[0])[0];
            const size = parseFloat(style.fontSize);
            const bold = Number(style.fontWeight) >= 700;
            const needed = size >= 24 || (bold && size >= 18.66) ? 3 : 4.5;
            decided.add(text);
            text.querySelectorAll('tspan').forEach(part => decided.add(part));
            checked += 1;
            if (contrast >= needed) {
                state.passes[rule] = (state.passes[rule] || 0) + 1;
                continue;
            }
            const cell = text.closest('.jp-Notebook .jp-Cell');
            const title = figure.querySelector('.gtitle');
            state.violations.push({
                element: text, where: 'course', part: text.closest('.jupyter-widgets') ? 'widget' : 'plotly',
                cell: cell && cell.dataset.windowedListIndex !== undefined ? Number(cell.dataset.windowedListIndex) : null,
                rule, impact: 'serious',
                help: 'Text in a plotly figure must have a contrast of 4.5:1 with what is under it (3:1 if large); WCAG 1.4.3',
                help_url: 'https://www.w3.org/WAI/WCAG21/Understanding/contrast-minimum.html',
                target: `figure "${title ? title.textContent.slice(0, 60) : '(no title)'}", text "${text.textContent.slice(0, 40)}"`,
                html: text.outerHTML.replace(/\\s+/g, ' ').slice(0, snippetChars),
                summary: `contrast ${contrast.toFixed(2)}:1, needs ${needed}:1: text ${hex(colour)} on ${hex(background)}, `
                         + `${size}px${bold ? ' bold' : ''}`,
            });
        }
    }
    return checked;
}
"""


# Runs in the page: what the runs found, as plain data. An undecided element is left out if any
# run decided it, and kept once per rule otherwise.
_COLLECT = """
() => {
    const state = window.__coursekitAxe;
    const plain = ({element, ...rest}) => rest;
    return {violations: state.violations.map(plain), incomplete: state.undecided().map(plain), passes: state.passes};
}
"""

# Runs in the page: render every cell (no content-visibility skipping, no windowing), so axe can
# compute each one's styles and colours; returns the notebook's scrolling element's geometry.
_RENDER_ALL_CELLS = """
async () => {
    const notebook = window.jupyterapp.shell.currentWidget.content;
    if (notebook.notebookConfig.windowingMode !== 'none') {
        notebook.notebookConfig = {...notebook.notebookConfig, windowingMode: 'none'};
    }
    const scroller = notebook.node.querySelector('.jp-WindowedPanel-outer') || notebook.node;
    // Wait until the layout holds still (after a resize, JupyterLab lays the panels out again).
    let last = -1;
    for (let i = 0; i < 20 && scroller.clientHeight !== last; i++) {
        last = scroller.clientHeight;
        await new Promise(r => setTimeout(() => requestAnimationFrame(() => requestAnimationFrame(r)), 50));
    }
    return {height: scroller.scrollHeight, screen: scroller.clientHeight};
}
"""

# Runs in the page: scroll the notebook to `top`, and mark the cells now on screen (at least
# partly) with a data attribute, numbered, so that one axe run can take exactly those cells (and,
# if a rule crashes, one run per cell can take each of them).
_SCROLL_AND_MARK = """
async ({top, mark}) => {
    const notebook = window.jupyterapp.shell.currentWidget.content;
    const scroller = notebook.node.querySelector('.jp-WindowedPanel-outer') || notebook.node;
    scroller.scrollTop = top;
    await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
    const view = scroller.getBoundingClientRect();
    document.querySelectorAll(`[${mark}]`).forEach(e => e.removeAttribute(mark));
    let marked = 0;
    for (const cell of notebook.node.querySelectorAll('.jp-Cell')) {
        const box = cell.getBoundingClientRect();
        if (box.bottom > view.top && box.top < view.bottom && box.height > 0) {
            cell.setAttribute(mark, String(marked));
            marked += 1;
        }
    }
    return marked;
}
"""

# Runs in the page: let every box of the course's content that scrolls (the reasons sorter's list
# of cards) show all it holds, until _ROLL_BACK. axe's colour contrast throws on an element whose
# middle lies outside such a box ("Element midpoint exceeds the grid bounds",
# dequelabs/axe-core#4253), and the error stops the rule for every element of that run. Colours do
# not change; whether such a box can be scrolled with the keyboard is checked before (rule
# scrollable-region-focusable).
_UNROLL = """
() => {
    let unrolled = 0;
    for (const box of document.querySelectorAll('.jp-MarkdownOutput *, .jp-OutputArea-output *')) {
        const style = getComputedStyle(box);
        if (!/(auto|scroll)/.test(style.overflowY + style.overflowX)) continue;
        if (box.scrollHeight <= box.clientHeight + 1 && box.scrollWidth <= box.clientWidth + 1) continue;
        box.setAttribute('data-coursekit-axe-style', box.getAttribute('style') || '');
        box.style.setProperty('max-height', 'none', 'important');
        box.style.setProperty('overflow', 'visible', 'important');
        unrolled += 1;
    }
    return unrolled;
}
"""
_ROLL_BACK = """
() => document.querySelectorAll('[data-coursekit-axe-style]').forEach(box => {
    box.setAttribute('style', box.getAttribute('data-coursekit-axe-style'));
    box.removeAttribute('data-coursekit-axe-style');
})
"""

MARK = "data-coursekit-axe"
# The tallest window check_page asks for; a notebook taller than that is walked through in steps.
MAX_SCREEN_PX = 6000


def inject(page: Page, exclusions: list[Exclusion] | None = None) -> None:
    """Put axe-core into the page, once, and start a fresh set of runs."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=axe_source())
    page.evaluate(_START, {
        "course": COURSE_SELECTOR,
        "exclusions": [asdict(x) for x in (EXCLUSIONS if exclusions is None else exclusions)],
        "snippetChars": SNIPPET_CHARS,
    })


def _run(page: Page, context, *, rules: list[str] | None = None) -> list[str]:
    """One axe.run() on `context`, its findings added to those of the runs since inject().

    Returns the rules that threw an error (axe reports each as undecided, on the element it broke on).
    """
    if rules:
        options = {"runOnly": {"type": "rule", "values": rules}}
    else:
        options = {"runOnly": {"type": "tag", "values": RULE_TAGS}}
    return page.evaluate(_RUN, {"context": context, "options": options})


def _collect(page: Page, runs: int) -> AxeReport:
    """The findings of the runs since inject(), sorted into the report's lists."""
    found = page.evaluate(_COLLECT)
    report = AxeReport(axe_version=axe_version(), url=page.url, course_passes=found["passes"], runs=runs)
    lists = {("violations", "course"): report.course, ("violations", "interface"): report.interface,
             ("violations", "excluded"): report.excluded, ("incomplete", "course"): report.incomplete_course,
             ("incomplete", "interface"): report.incomplete_interface, ("incomplete", "excluded"): report.excluded}
    for kind in ("violations", "incomplete"):
        for node in found[kind]:
            findings = lists[(kind, node["where"])]
            finding = next((f for f in findings if f.rule == node["rule"]), None)
            if finding is None:
                finding = Finding(node["rule"], node["impact"], node["help"], node["help_url"])
                findings.append(finding)
            finding.nodes.append(Node(node["target"], node["html"], node["summary"], node["part"], node["cell"]))
    for findings in (report.course, report.interface, report.excluded, report.incomplete_course,
                     report.incomplete_interface):
        findings.sort(key=lambda f: (-len(f.nodes), f.rule))
    return report


def check_context(page: Page, context=None, *, rules: list[str] | None = None,
                  exclusions: list[Exclusion] | None = None, svg_text: bool = True) -> AxeReport:
    """One axe run on `context` (default: the whole page) with the course's rules, or only `rules`;
    with `svg_text`, also the contrast check of the text in plotly figures. For any page."""
    inject(page, exclusions)
    _run(page, {"exclude": []} if context is None else context, rules=rules)
    if svg_text:
        page.evaluate(_SVG_TEXT_CONTRAST, {"rule": SVG_TEXT_RULE, "snippetChars": SNIPPET_CHARS})
    return _collect(page, runs=1)


def check_page(page: Page) -> AxeReport:
    """Run axe over the current notebook, a screen at a time, and over JupyterLab's interface.

    The notebook is switched to render every cell; boxes of the course that scroll are checked for
    keyboard access, then opened out (see _UNROLL); and the browser's window is made taller (up to
    `MAX_SCREEN_PX`) so that one screen holds much of the notebook: each axe run costs about 0.3 s
    whatever it checks, as it reads the whole page first. Then the notebook is scrolled a screen
    at a time; each step runs axe on the cells on screen (a cell can be seen by two steps; its
    nodes count once), and if a rule crashes, runs it again cell by cell, so that the crash costs
    one cell, not a screen. The text of the course's plotly figures gets its own contrast check
    (axe cannot judge it); each element of the course that axe could not judge is scrolled to the
    middle of the screen and checked again; and a last run covers the rest of the page with the
    notebook's cells left out, for JupyterLab's own interface and the page-wide rules (landmarks,
    the page's title and language). The window and the boxes get their sizes back at the end.
    """
    inject(page)
    page.evaluate(_RENDER_ALL_CELLS)
    _run(page, {"include": [[".jp-Notebook .jp-Cell"]]}, rules=["scrollable-region-focusable"])
    runs = 1
    window = page.viewport_size
    try:
        page.evaluate(_UNROLL)
        geometry = page.evaluate(_RENDER_ALL_CELLS)
        if window and geometry["height"] > geometry["screen"]:
            taller = min(window["height"] + geometry["height"] - geometry["screen"], MAX_SCREEN_PX)
            page.set_viewport_size({"width": window["width"], "height": taller})
            geometry = page.evaluate(_RENDER_ALL_CELLS)
        step = max(int(geometry["screen"] * 0.9), 200)
        for top in range(0, max(geometry["height"], 1), step):
            cells = page.evaluate(_SCROLL_AND_MARK, {"top": top, "mark": MARK})
            if not cells:
                continue
            crashed = _run(page, {"include": [[f"[{MARK}]"]]})
            runs += 1
            if crashed:
                for i in range(cells):
                    _run(page, {"include": [[f'[{MARK}="{i}"]']]}, rules=crashed)
                    runs += 1
        page.evaluate("mark => document.querySelectorAll(`[${mark}]`).forEach(e => e.removeAttribute(mark))", MARK)
        page.evaluate(_SVG_TEXT_CONTRAST, {"rule": SVG_TEXT_RULE, "snippetChars": SNIPPET_CHARS})
        runs += page.evaluate(_RECHECK, {"limit": RECHECK_LIMIT})
    finally:
        page.evaluate(_ROLL_BACK)
        if window:
            page.set_viewport_size(window)
    page.evaluate(_RENDER_ALL_CELLS)
    _run(page, {"exclude": [[".jp-Notebook .jp-Cell"]]})
    return _collect(page, runs + 1)


def assert_course_accessible(page: Page, tmp_path: Path, name: str, report: AxeReport | None = None) -> AxeReport:
    """Check the notebook on the page with axe (or take `report`): fail on any violation in the
    course's content, report the rest.

    Writes every list to `tmp_path/axe-<name>.json` and prints its path with the one-line summary.
    """
    if report is None:
        start = time.monotonic()
        report = check_page(page)
        report.seconds = round(time.monotonic() - start, 2)
    path = report.write(tmp_path / f"axe-{name}.json")
    print(f"\naxe report: {path}\n{report.summary()}")
    # A scan that found no course content to judge would pass for the wrong reason (say, after a
    # JupyterLab release renames its cell classes): every notebook has text whose contrast axe can judge.
    assert report.course_passes.get("color-contrast", 0) > 0, f"axe judged no text of the course's content: {path}"
    assert not report.course, report.course_message()
    return report
