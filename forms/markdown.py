"""One canonical Markdown form for rich text (Beschlussvorschlag, Erläuterungen).

Everything that writes rich text into a Vorlage — the wizard's editor, the Ratsinfo importer, a
hand-edited file — goes through `normalize()`, so equal content is stored as equal text. The form
is CommonMark plus GitHub pipe tables and strikethrough: one line per paragraph, blocks separated
by one blank line, characters that would otherwise be markup escaped with a backslash. `parser()`
is the one configured parser the PDF renderer uses too, so both ends agree on what the text means.

Inline text is serialised from a flat list of `Run`s (text plus bold/italic/… attributes), the
same model the editor's writer produces from Qt's document: both writers share one serialiser,
so a text the editor loads is written back byte for byte. `unsupported()` names what lies outside
the subset the editor represents (see docs/rich-text.md).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from markdown_it.token import Token

# The editor allows lists this deep (Word's limit, too); the ⇥ button refuses more.
MAX_LIST_DEPTH = 9
# Deeper block nesting (about 20 list levels, 40 quotes) is kept as literal paragraph text, so a
# hostile file can neither exhaust the recursion nor make the parser drop the rest of the field.
_LITERAL_NESTING = 40

# "&" is escaped because markdown-it decodes "&nbsp;"-style entities; a clerk means them literally.
_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<>&|~])")
# Non-breaking spaces are written as an entity: a literal one at a block's edge would be stripped.
_NBSP = "\u00a0"
_LINE_START = re.compile(r"^(\s*)([#>+\-=]|\d{1,9}[.)])")


def _escape_text(text: str) -> str:
    return _INLINE_SPECIAL.sub(r"\\\1", text).replace(_NBSP, "&nbsp;")


def _too_deep(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """At the nesting limit, keep the remaining lines of this container as one literal paragraph
    (markdown-it itself would skip them: `maxNesting` "skips tail to the end")."""
    if state.level < _LITERAL_NESTING:
        return False
    if silent:
        return True
    line = start
    lines: list[str] = []
    while line < end:
        if not state.isEmpty(line):
            if state.sCount[line] < state.blkIndent:
                break
            lines.append(state.src[state.bMarks[line] + state.tShift[line] : state.eMarks[line]])
        line += 1
    state.push("paragraph_open", "p", 1).map = [start, line]
    inline = state.push("inline", "", 0)
    inline.content = "\n".join(lines)
    inline.map = [start, line]
    inline.children = []
    state.push("paragraph_close", "p", -1)
    state.line = line
    return True


@functools.cache
def parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "maxNesting": _LITERAL_NESTING + 20})
    md.enable("table").enable("strikethrough")
    md.block.ruler.before("table", "too_deep", _too_deep)
    return md


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


def serialise_runs(runs: Sequence[Run]) -> str:
    """Flat runs → canonical inline Markdown (one line, "\\" + newline for a hard break)."""
    runs = merge_runs(runs)
    parts: list[str] = []
    link: Link | None = None
    stack: list[str] = []  # open emphasis, outermost first
    for run in runs:
        wanted = [name for name in _EMPHASIS if getattr(run, name)]
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


def _one_line(token: Token) -> list[Run]:
    # Headings and table cells are one line: a hard break becomes a space.
    return [replace(r, text=r.text.replace("\n", " ")) for r in inline_runs(token.children)]


def _inline(token: Token) -> str:
    return serialise_runs(inline_runs(token.children))


# -- blocks -----------------------------------------------------------------------------------
def normalize(markdown: str) -> str:
    """Re-serialise Markdown into the canonical form; idempotent, keeps every character of text."""
    tokens = parser().parse(markdown.replace("\r\n", "\n").replace("\r", "\n"))
    blocks, _ = _blocks(tokens, 0, None)
    return "\n\n".join(b for b in blocks if b.strip()).strip("\n")


def _blocks(tokens: Sequence[Token], i: int, until: str | None) -> tuple[list[str], int]:
    """Serialise block tokens from i up to the closing token `until`; returns (blocks, next i)."""
    out: list[str] = []
    # Two lists of one kind in a row read back as one list; write them as one (numbers continue).
    last_list: tuple[str, int] | None = None
    while i < len(tokens):
        tok = tokens[i]
        if until is not None and tok.type == until:
            return out, i + 1
        if tok.type in ("bullet_list_open", "ordered_list_open"):
            start = last_list[1] if last_list and last_list[0] == tok.type else None
            text, i, number = _list(tokens, i, start)
            if start is not None:
                out[-1] += "\n" + text
            else:
                out.append(text)
            last_list = (tok.type, number)
            continue
        last_list = None
        if tok.type == "paragraph_open":
            out.append(_inline(tokens[i + 1]))
            i += 3
        elif tok.type == "heading_open":
            level = int(tok.tag[1])
            out.append("#" * level + " " + serialise_runs(_one_line(tokens[i + 1])))
            i += 3
        elif tok.type == "table_open":
            text, i = _table(tokens, i)
            out.append(text)
        elif tok.type == "blockquote_open":
            inner, i = _blocks(tokens, i + 1, "blockquote_close")
            out.append(
                "\n".join("> " + line if line else ">" for line in "\n\n".join(inner).split("\n"))
            )
        elif tok.type in ("fence", "code_block"):
            info = tok.info.strip() if tok.type == "fence" else ""
            out.append(fence(tok.content.rstrip("\n"), info))
            i += 1
        elif tok.type == "hr":
            out.append("---")
            i += 1
        elif tok.type == "html_block":
            out.append(escape(tok.content.strip()))
            i += 1
        else:
            i += 1
    return out, i


def fence(content: str, info: str = "") -> str:
    """A fenced code block; the fence is longer than any backtick run at a line start."""
    # Blank lines at the end are invisible; Qt's <pre> adds one.
    content = re.sub(r"(?:\n[ \t]*)+\Z", "", content.rstrip("\n"))
    longest = max((len(m) for m in re.findall(r"^ {0,3}(`{3,})", content, re.MULTILINE)), default=0)
    fence = "`" * max(3, longest + 1)
    return fence + info.replace("`", "") + "\n" + content + "\n" + fence


def _list(tokens: Sequence[Token], i: int, start: int | None) -> tuple[str, int, int]:
    """(Markdown, next token, next item number) of the list opening at tokens[i]."""
    ordered = tokens[i].type == "ordered_list_open"
    close = "ordered_list_close" if ordered else "bullet_list_close"
    number = int(tokens[i].attrGet("start") or 1) if ordered else 0
    if start is not None:
        number = start
    items: list[str] = []
    i += 1
    while tokens[i].type != close:
        if tokens[i].type != "list_item_open":
            i += 1
            continue
        marker = f"{number}. " if ordered else "- "
        inner, i = _blocks(tokens, i + 1, "list_item_close")
        body = _join_item_blocks(inner)
        indent = " " * len(marker)
        lines = body.split("\n")
        items.append(
            marker + lines[0] + "".join("\n" + (indent + ln if ln else "") for ln in lines[1:])
        )
        number += 1
    return "\n".join(items), i + 1, number


_LIST_START = re.compile(r"^(- |\d{1,9}\. )")


def _join_item_blocks(blocks: list[str]) -> str:
    # A nested list follows its line directly (tight); two paragraphs need a blank line between.
    if not blocks:
        return ""
    out = blocks[0]
    for block in blocks[1:]:
        out += ("\n" if out and _interrupts_paragraph(block) else "\n\n") + block
    return out


def _interrupts_paragraph(block: str) -> bool:
    # Only a list whose first item has text and (if numbered) starts at 1 may follow a line
    # directly; "3. b" or an empty "- " would be read as part of the line above (or a heading).
    first = block.split("\n", 1)[0]
    match = _LIST_START.match(first)
    if match is None or not first[match.end() :].strip():
        return False
    return match.group(1) in ("- ", "1. ")


def _table(tokens: Sequence[Token], i: int) -> tuple[str, int]:
    rows: list[list[str]] = []
    aligns: list[str] = []
    header_rows = 0
    in_head = False
    while tokens[i].type != "table_close":
        tok = tokens[i]
        if tok.type == "thead_open":
            in_head = True
        elif tok.type == "thead_close":
            in_head = False
        elif tok.type == "tr_open":
            rows.append([])
            header_rows += in_head
        elif tok.type in ("th_open", "td_open"):
            rows[-1].append(serialise_runs(_one_line(tokens[i + 1])))
            if in_head:
                style = tok.attrGet("style") or ""
                aligns.append(str(style).removeprefix("text-align:"))
        i += 1
    width = max(len(r) for r in rows)
    lines = ["| " + " | ".join(r + [""] * (width - len(r))) + " |" for r in rows]
    lines.insert(max(header_rows, 1), delimiter_row(aligns, width))
    return "\n".join(lines), i + 1


def delimiter_row(aligns: Sequence[str], width: int) -> str:
    """The "| --- | ---: |" line; aligns are "left", "right", "center" or "" (none)."""
    # Explicit "left" is what a column without alignment shows anyway: one canonical form.
    cells = [{"right": "---:", "center": ":---:"}.get(a, "---") for a in aligns]
    cells += ["---"] * (width - len(cells))
    return "| " + " | ".join(cells[:width]) + " |"


# -- the editor's subset ------------------------------------------------------------------------
def unsupported(markdown: str) -> list[str]:
    """What in this (canonical) Markdown the editor cannot show as it is, in German; [] = none.

    The editor converts such constructs once when the text is opened, imported or pasted (and
    says so); its text is always kept.
    """
    found: dict[str, None] = {}
    tokens = parser().parse(markdown)
    containers: list[str] = []  # open block containers, innermost last
    list_depth = 0
    previous_close = ""
    item_children: list[list[str]] = []
    for tok in tokens:
        kind = tok.type
        if tok.nesting == 1 or kind in ("fence", "code_block", "hr", "inline"):
            direct = containers[-1:] == ["item"] and tok.level == len(containers)
            if direct and kind != "inline":
                item_children[-1].append(kind)
        if kind == "blockquote_open":
            if "blockquote" in containers:
                found["Zitat in einem Zitat"] = None
            if "list" in containers:
                found["Zitat in einer Liste"] = None
            if previous_close == "blockquote_close":
                found["zwei Zitate direkt nacheinander"] = None
            containers.append("blockquote")
        elif kind in ("bullet_list_open", "ordered_list_open"):
            if "blockquote" in containers:
                found["Liste in einem Zitat"] = None
            list_depth += 1
            if list_depth > MAX_LIST_DEPTH:
                found[f"Liste mit mehr als {MAX_LIST_DEPTH} Ebenen"] = None
            containers.append("list")
        elif kind == "list_item_open":
            containers.append("item")
            item_children.append([])
        elif kind == "list_item_close":
            containers.pop()
            children = item_children.pop()
            if not children:
                found["leerer Listenpunkt"] = None
            elif children not in (
                [],
                ["paragraph_open"],
                ["paragraph_open", "bullet_list_open"],
                ["paragraph_open", "ordered_list_open"],
            ):
                found["Listenpunkt mit mehreren Absätzen, Überschrift, Tabelle oder Code"] = None
        elif kind in ("bullet_list_close", "ordered_list_close"):
            list_depth -= 1
            containers.pop()
        elif kind == "blockquote_close":
            containers.pop()
        elif kind in ("heading_open", "table_open", "fence", "code_block", "hr"):
            if "blockquote" in containers:
                found["Überschrift, Tabelle, Code oder Linie in einem Zitat"] = None
            if kind in ("fence", "code_block") and not tok.content.strip():
                found["leerer Codeblock"] = None
            if kind == "fence" and tok.info.strip():
                found["Sprachangabe eines Codeblocks"] = None
            if kind == "fence" and previous_close == "fence":
                found["zwei Codeblöcke direkt nacheinander"] = None
        elif kind == "inline":
            _inline_unsupported(tok, found)
        if tok.nesting == -1 or kind in ("fence", "code_block", "hr"):
            previous_close = kind
        elif tok.nesting == 1 and kind != "paragraph_open":
            previous_close = ""
        elif kind == "paragraph_open":
            previous_close = "paragraph"
    return list(found)


def _inline_unsupported(tok: Token, found: dict[str, None]) -> None:
    in_link = False
    for child in tok.children or ():
        if child.type == "link_open":
            in_link = True
        elif child.type == "link_close":
            in_link = False
        elif child.type == "image" and in_link:
            found["Bild in einem Link"] = None
        elif child.type == "code_inline" and not child.content.strip():
            found["Code nur aus Leerzeichen"] = None


def in_subset(markdown: str) -> bool:
    """True if the editor shows and writes back this Markdown exactly as it is."""
    return normalize(markdown) == markdown and not unsupported(markdown)


def plain_text(markdown: str) -> str:
    """The readable text of a Markdown string, one block per line (for checks and search)."""
    lines: list[str] = []
    for tok in parser().parse(markdown):
        if tok.type == "inline":
            lines.append(
                "".join(
                    c.content
                    if c.type in ("text", "code_inline", "image")
                    else "\n"
                    if c.type == "hardbreak"
                    else " "
                    if c.type == "softbreak"
                    else ""
                    for c in tok.children or []
                )
            )
        elif tok.type in ("fence", "code_block"):
            lines.append(tok.content.rstrip("\n"))
    return "\n".join(lines)
