"""One canonical Markdown form for rich text (Beschlussvorschlag, Erläuterungen).

Everything that writes rich text into a Vorlage — the wizard's editor, the Ratsinfo importer, a
hand-edited file — goes through `normalize()`, so equal content is stored as equal text. The form
is CommonMark plus GitHub pipe tables and strikethrough: one line per paragraph, blocks separated
by one blank line, characters that would otherwise be markup escaped with a backslash. `parser()`
is the one configured parser the PDF renderer uses too, so both ends agree on what the text means.

Inline text is serialised from a flat list of `Run`s (text plus bold/italic/… attributes), the
same model the editor's writer produces from Qt's document: both writers share one serialiser,
so a text the editor loads is written back byte for byte (`forms.markdown_inline`, re-exported
here). `unsupported()` names what lies outside the subset the editor represents (see
docs/rich-text.md).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import replace

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from markdown_it.token import Token

from forms.markdown_inline import (
    Image,
    Link,
    Run,
    escape,
    inline_runs,
    merge_runs,
    serialise_runs,
)

__all__ = [
    "MAX_LIST_DEPTH",
    "Image",
    "Link",
    "Run",
    "delimiter_row",
    "escape",
    "fence",
    "in_subset",
    "inline_runs",
    "merge_runs",
    "normalize",
    "parser",
    "plain_text",
    "serialise_runs",
    "unsupported",
]

# The editor allows lists this deep (Word's limit, too); the ⇥ button refuses more.
MAX_LIST_DEPTH = 9
# Deeper block nesting (about 20 list levels, 40 quotes) is kept as literal paragraph text, so a
# hostile file can neither exhaust the recursion nor make the parser drop the rest of the field.
_LITERAL_NESTING = 40


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
    bodies: list[tuple[str, str]] = []  # (number marker or "", item body)
    i += 1
    while tokens[i].type != close:
        if tokens[i].type != "list_item_open":
            i += 1
            continue
        inner, i = _blocks(tokens, i + 1, "list_item_close")
        bodies.append((f"{number}. " if ordered else "", _join_item_blocks(inner)))
        number += 1
    # "- " before a line of dashes ("---", "- -") reads back as a thematic break, not an item;
    # such a list takes "*" (one character for all items: another starts a new list).
    bullet = "- "
    if not ordered and any(
        _THEMATIC_BREAK.match("- " + body.split("\n", 1)[0]) for _, body in bodies
    ):
        bullet = "* "
    items: list[str] = []
    for numbered, body in bodies:
        marker = numbered or bullet
        indent = " " * len(marker)
        lines = body.split("\n")
        items.append(
            marker + lines[0] + "".join("\n" + (indent + ln if ln else "") for ln in lines[1:])
        )
    return "\n".join(items), i + 1, number


_THEMATIC_BREAK = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")


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
