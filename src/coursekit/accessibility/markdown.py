"""What a Markdown text holds: its prose (code set aside), its headings, its links and images.

Parsers only, no judgement: the accessibility rules (`markdown_lint`) and the test suite's check
that relative links resolve (tests/support/links.py) both read Markdown through these, so they
agree on what is code, what is a heading and where a link leads. Regular expressions cannot
match nested brackets, so links are found by walking the text and matching brackets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import unescape

from .problems import short

# --- what is code and what is prose --------------------------------------------------------------

FENCE = re.compile(r"^[ \t>]*(`{3,}|~{3,})(.*)$")
HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
# Inline code: a run of backticks, then anything up to the same run, within one paragraph.
CODE_SPAN = re.compile(r"(?<![`\\])(`+)(?!`)((?:(?!\n[ \t]*\n).)+?)(?<!`)\1(?!`)", re.DOTALL)
DEFINITION = re.compile(r"^ {0,3}\[([^\]]+)\]:[ \t]*<?(\S+?)>?(?:[ \t].*)?$", re.MULTILINE)


def _blank(match: re.Match) -> str:
    """The matched text with every character but a line break replaced by a space."""
    return re.sub(r"[^\n]", " ", match.group(0))


def prose(text: str) -> str:
    """`text` with fenced code blocks, inline code and HTML comments blanked out.

    Blanked character for character, not removed: every line keeps its number and every character
    its offset, so a problem can name its line and a link's text can be read from the original.
    """
    lines = text.split("\n")
    fence: str | None = None
    for i, line in enumerate(lines):
        match = FENCE.match(line)
        if fence is None:
            # A backtick fence's info string cannot contain a backtick (``` `x` ``` is inline code).
            if match and not (match.group(1)[0] == "`" and "`" in match.group(2)):
                fence = match.group(1)
                lines[i] = " " * len(line)
        else:
            if match and match.group(1)[0] == fence[0] and len(match.group(1)) >= len(fence) \
                    and not match.group(2).strip():
                fence = None
            lines[i] = " " * len(line)
    text = "\n".join(lines)
    text = HTML_COMMENT.sub(_blank, text)
    return CODE_SPAN.sub(_blank, text)


# --- headings --------------------------------------------------------------------------------------

ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
NOT_PARAGRAPH = re.compile(r"^\s*$|^ {0,3}(?:[-+*]\s|\d+[.)]\s|\||<|>|#)")
HTML_HEADING = re.compile(r"<h([1-6])\b[^>]*>(.*?)</h\1\s*>", re.IGNORECASE | re.DOTALL)


@dataclass(frozen=True)
class Heading:
    level: int
    text: str
    line: int  # 1-based, within the text it was found in


def headings(text: str) -> list[Heading]:
    """The headings of a Markdown text in order: `#` lines, underlined lines and HTML `<h1>`–`<h6>`.

    Code (fenced blocks, inline code) and HTML comments are not searched.
    """
    clean = prose(text)
    lines, original = clean.split("\n"), text.split("\n")
    found: list[Heading] = []
    for i, line in enumerate(lines):
        if ATX.match(line):
            atx = ATX.match(original[i]) or ATX.match(line)  # the original keeps inline code in the text
            found.append(Heading(len(atx.group(1)), (atx.group(2) or "").strip(), i + 1))
            continue
        setext = SETEXT.match(line)
        if setext and i > 0 and not NOT_PARAGRAPH.match(lines[i - 1]) and not ATX.match(lines[i - 1]):
            found.append(Heading(1 if setext.group(1)[0] == "=" else 2, original[i - 1].strip(), i))
    for match in HTML_HEADING.finditer(clean):
        found.append(Heading(int(match.group(1)), _plain(text[match.start(2):match.end(2)]),
                             clean.count("\n", 0, match.start()) + 1))
    return sorted(found, key=lambda h: h.line)


# --- links and images ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Link:
    """A link or an image found in a text: `name` is its link text or alt text as a reader hears it."""

    kind: str  # "link" or "image"
    name: str | None  # None: an <img> without an alt attribute
    target: str
    line: int
    source: str  # how it is written, shortened, to quote in a problem


def _matching(text: str, start: int, opening: str, closing: str) -> int | None:
    """The index of the bracket closing the one at `start`, nesting and backslash escapes respected."""
    depth = 0
    i = start
    while i < len(text):
        c = text[i]
        if c == "\\":
            i += 2
            continue
        if c == opening:
            depth += 1
        elif c == closing:
            depth -= 1
            if depth == 0:
                return i
        elif c == "\n" and text[i + 1:i + 2] == "\n":  # a blank line ends a paragraph, and any link
            return None
        i += 1
    return None


ATTRIBUTE = r"""\b{}\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))"""


def _attribute(tag: str, name: str) -> str | None:
    match = re.search(ATTRIBUTE.format(name), tag, flags=re.IGNORECASE)
    return None if match is None else unescape(next(g for g in match.groups() if g is not None))


IMG_TAG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
A_TAG = re.compile(r"<a\b([^>]*)>(.*?)</a\s*>", re.IGNORECASE | re.DOTALL)
MD_IMAGE = re.compile(r"!\[((?:[^\[\]\\]|\\.)*)\]\([^)]*\)")


def _plain(fragment: str) -> str:
    """What a screen reader says for a fragment of Markdown or HTML: images become their alt texts."""
    text = IMG_TAG.sub(lambda m: f" {_attribute(m.group(0), 'alt') or ''} ", fragment)
    text = MD_IMAGE.sub(lambda m: f" {m.group(1)} ", text)
    text = re.sub(r"<[^>]+>", " ", text)
    text = re.sub(r"[*_~`]+", "", text)
    return " ".join(unescape(text).split())


def _destination(inside: str) -> str:
    inside = inside.strip()
    if inside.startswith("<"):
        return inside[1:inside.find(">")] if ">" in inside else inside[1:]
    return inside.split()[0] if inside else ""


def links(text: str) -> list[Link]:
    """Every link and image of a Markdown text (inline, reference and HTML), outside code."""
    clean = prose(text)
    definitions = {m.group(1).strip().lower(): m.group(2) for m in DEFINITION.finditer(clean)}
    body = DEFINITION.sub(_blank, clean)
    found: list[Link] = []

    def line_of(at: int) -> int:
        return body.count("\n", 0, at) + 1

    references: dict[int, int] = {}  # where the [ref] of a [text][ref] link opens -> where it closes
    i = 0
    while i < len(body):
        if body[i] == "\\":
            i += 2
            continue
        if i in references:  # the [ref] part names a definition: it is not a link of its own
            i = references.pop(i) + 1
            continue
        if body[i] != "[":
            i += 1
            continue
        image = i > 0 and body[i - 1] == "!" and (i < 2 or body[i - 2] != "\\")
        start = i - 1 if image else i
        close = _matching(body, i, "[", "]")
        if close is None:
            i += 1
            continue
        label = text[i + 1:close]  # from the original: inline code in a link's text is part of its name
        after = body[close + 1:close + 2]
        target = None
        end = close
        if after == "(":
            paren = _matching(body, close + 1, "(", ")")
            if paren is not None:
                target, end = _destination(text[close + 2:paren]), paren
        elif after == "[":
            ref_close = body.find("]", close + 1)
            if ref_close != -1:
                ref = body[close + 2:ref_close].strip().lower() or label.strip().lower()
                if ref in definitions:
                    target, end = definitions[ref], ref_close
                    references[close + 1] = ref_close
        elif label.strip().lower() in definitions and not label.startswith("^"):
            target = definitions[label.strip().lower()]
        if target is not None:
            name = label.strip() if image else _plain(label)
            found.append(Link("image" if image else "link", name, target, line_of(start), short(text[start:end + 1])))
        i += 1  # an image inside a link's text is found on the way through it
    for match in A_TAG.finditer(body):
        attributes, inner = text[match.start(1):match.end(1)], text[match.start(2):match.end(2)]
        name = _attribute(attributes, "aria-label") or _plain(inner)
        found.append(Link("link", name, _attribute(attributes, "href") or "", line_of(match.start()),
                          short(text[match.start():match.end()])))
    for match in IMG_TAG.finditer(body):
        found.append(Link("image", _attribute(match.group(0), "alt"), _attribute(match.group(0), "src") or "",
                          line_of(match.start()), short(match.group(0))))
    return sorted(found, key=lambda link: link.line)


