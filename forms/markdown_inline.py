"""Inline rich text: the flat `Run` model (text plus bold/italic/strike/code/link/image) and its
one serialiser to canonical inline Markdown, with the escaping of literal text. The editor's
writer and `forms.markdown.normalize()` both go through `serialise_runs`, so a text the editor
loads is written back byte for byte."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from markdown_it.token import Token

# "&" is escaped because markdown-it decodes "&nbsp;"-style entities; a clerk means them literally.
_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<>&|~])")
# Non-breaking spaces are written as an entity: a literal one at a block's edge would be stripped.
_NBSP = "\u00a0"
_LINE_START = re.compile(r"^(\s*)([#>+\-=]|\d{1,9}[.)])")


def _escape_text(text: str) -> str:
    return _INLINE_SPECIAL.sub(r"\\\1", text).replace(_NBSP, "&nbsp;")


def escape(text: str) -> str:
    """Literal text → Markdown that reads back as exactly this text."""
    return _escape_line_starts(_escape_text(text))


def _escape_marker(marker: str) -> str:
    if marker[-1] in ".)" and marker[:-1].isdigit():
        return marker[:-1] + "\\" + marker[-1]
    return "\\" + marker


def _escape_line_starts(text: str) -> str:
    # A line that starts like a block construct ("1.", "#", "-") would become one; escape it.
    return "\n".join(
        _LINE_START.sub(lambda m: m.group(1) + _escape_marker(m.group(2)), line)
        for line in text.split("\n")
    )


# -- inline model -----------------------------------------------------------------------------
@dataclass(frozen=True)
class Link:
    href: str
    title: str = ""


@dataclass(frozen=True)
class Image:
    src: str
    alt: str = ""
    title: str = ""


@dataclass(frozen=True)
class Run:
    """A stretch of inline text with one set of attributes; "\\n" in text is a hard break."""

    text: str = ""
    bold: bool = False
    italic: bool = False
    strike: bool = False
    code: bool = False
    link: Link | None = None
    image: Image | None = None  # an image run has no text


def inline_runs(children: Sequence[Token] | None) -> list[Run]:
    """markdown-it inline tokens → flat runs (adjacent runs with equal attributes merged)."""
    runs: list[Run] = []
    state = Run()
    for child in children or ():
        kind = child.type
        if kind in ("text", "text_special", "html_inline"):
            runs.append(replace(state, text=child.content))
        elif kind == "softbreak":
            runs.append(replace(state, text=" "))
        elif kind == "hardbreak":
            runs.append(replace(state, text="\n"))
        elif kind in ("em_open", "em_close"):
            state = replace(state, italic=kind == "em_open")
        elif kind in ("strong_open", "strong_close"):
            state = replace(state, bold=kind == "strong_open")
        elif kind in ("s_open", "s_close"):
            state = replace(state, strike=kind == "s_open")
        elif kind == "code_inline":
            runs.append(replace(state, text=child.content, code=True))
        elif kind == "link_open":
            href = str(child.attrGet("href") or "")
            state = replace(state, link=Link(href, str(child.attrGet("title") or "")))
        elif kind == "link_close":
            state = replace(state, link=None)
        elif kind == "image":
            image = Image(
                str(child.attrGet("src") or ""), _alt(child), str(child.attrGet("title") or "")
            )
            runs.append(replace(state, image=image))
    return merge_runs(runs)


def _alt(image: Token) -> str:
    # token.content is the label's source; the alternative text is its plain text.
    parts = []
    for child in image.children or ():
        if child.type in ("text", "text_special", "code_inline", "html_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif child.type == "image":
            parts.append(_alt(child))
    return "".join(parts)


_EDGES = re.compile(r"(\s*)(.*?)(\s*)", re.DOTALL)


def merge_runs(runs: Iterable[Run]) -> list[Run]:
    """Canonical runs: emphasis hugs its text (no white space or hard break at its edges),
    equal neighbours merge, space around a hard break is gone (markdown-it drops it, too)."""
    out: list[Run] = []
    for run in runs:
        if run.image is not None:
            out.append(run)
        elif not run.text:
            continue
        elif run.code or not (run.bold or run.italic or run.strike):
            out.append(run)
        else:
            for index, line in enumerate(run.text.split("\n")):
                if index:
                    out.append(Run("\n", link=run.link))
                match = _EDGES.fullmatch(line)
                assert match is not None
                lead, core, trail = match.groups()
                if lead:
                    out.append(Run(lead, link=run.link))
                if core:
                    out.append(Run(core, run.bold, run.italic, run.strike, False, run.link))
                if trail:
                    out.append(Run(trail, link=run.link))
    merged: list[Run] = []
    for run in out:
        last = merged[-1] if merged else None
        if (
            last is not None
            and last.image is None
            and run.image is None
            and not (last.code and run.code)  # `a``b` are two code spans
            and (last.bold, last.italic, last.strike, last.code, last.link)
            == (run.bold, run.italic, run.strike, run.code, run.link)
        ):
            merged[-1] = Run(
                last.text + run.text, run.bold, run.italic, run.strike, run.code, run.link
            )
        else:
            merged.append(run)
    result: list[Run] = []
    for run in merged:
        if run.image is None and not run.code and "\n" in run.text:
            text = re.sub(r"[ \t]*\n[ \t]*", "\n", run.text)
            run = Run(text, run.bold, run.italic, run.strike, run.code, run.link)
        if run.text or run.image is not None:
            result.append(run)
    return result


_EMPHASIS = ("strike", "bold", "italic")  # nesting order, outermost first (links outside all)
_MARK = {"strike": "~~", "bold": "**", "italic": "*"}


def _code_span(text: str) -> str:
    runs = {len(m) for m in re.findall(r"`+", text)}
    fence = "`" * next(n for n in range(1, len(runs) + 2) if n not in runs)
    pad = (
        text.startswith("`")
        or text.endswith("`")
        or (text.startswith(" ") and text.endswith(" ") and text.strip() != "")
    )
    return fence + (" " + text + " " if pad else text) + fence


def _destination(url: str, title: str) -> str:
    if url == "" or re.search(r"[\s()<>]", url):
        dest = "<" + re.sub(r"([<>\\])", r"\\\1", url) + ">"
    else:
        dest = url
    if title:
        dest += ' "' + re.sub(r'(["\\])', r"\\\1", title.replace("\n", " ")) + '"'
    return dest


def _text(run: Run) -> str:
    if run.code:
        return _code_span(run.text)
    return "\\\n".join(_escape_text(line) for line in run.text.split("\n"))


def _nesting(runs: Sequence[Run], index: int, stack: list[str]) -> list[str]:
    """The emphasis of runs[index], outermost first: what is open and still wanted stays as it
    is; what opens here nests by how far it reaches (the longest outside), so "*a **b***"
    and "***a** b*" close one mark without closing and reopening the other ("****")."""
    run = runs[index]
    names = [name for name in _EMPHASIS if getattr(run, name)]
    kept: list[str] = []
    for name in stack:
        if name not in names:
            break
        kept.append(name)

    def reach(name: str) -> int:
        end = index
        while (
            end + 1 < len(runs) and getattr(runs[end + 1], name) and runs[end + 1].link == run.link
        ):
            end += 1
        return end

    opening = [name for name in names if name not in kept]
    opening.sort(key=lambda name: (-reach(name), _EMPHASIS.index(name)))
    return kept + opening


def _without_trailing_breaks(runs: list[Run]) -> list[Run]:
    # A hard break at the end of a paragraph shows nothing (CommonMark drops it); written as
    # "\\" + newline it would come back as a literal backslash.
    while runs and runs[-1].image is None and not runs[-1].code:
        last = runs[-1]
        if not last.text.rstrip(" \t").endswith("\n"):
            break
        text = last.text.rstrip(" \t\n")
        runs = runs[:-1] + ([replace(last, text=text)] if text else [])
    return runs


def serialise_runs(runs: Sequence[Run]) -> str:
    """Flat runs → canonical inline Markdown (one line, "\\" + newline for a hard break)."""
    runs = _without_trailing_breaks(merge_runs(runs))
    parts: list[str] = []
    link: Link | None = None
    stack: list[str] = []  # open emphasis, outermost first
    for index, run in enumerate(runs):
        wanted = _nesting(runs, index, stack)
        if run.link != link:
            parts.extend(_MARK[name] for name in reversed(stack))
            stack = []
            if link is not None:
                parts.append("](" + _destination(link.href, link.title) + ")")
            if run.link is not None:
                if parts and parts[-1].endswith("!"):  # "![" would start an image
                    parts[-1] = parts[-1][:-1] + "\\!"
                parts.append("[")
            link = run.link
        keep = 0
        while keep < min(len(stack), len(wanted)) and stack[keep] == wanted[keep]:
            keep += 1
        parts.extend(_MARK[name] for name in reversed(stack[keep:]))
        parts.extend(_MARK[name] for name in wanted[keep:])
        stack = wanted
        if run.image is not None:
            image = run.image
            parts.append(
                "![" + _escape_text(image.alt) + "](" + _destination(image.src, image.title) + ")"
            )
        else:
            parts.append(_text(run))
    parts.extend(_MARK[name] for name in reversed(stack))
    if link is not None:
        parts.append("](" + _destination(link.href, link.title) + ")")
    return _escape_line_starts("".join(parts).strip(" "))
