"""One canonical Markdown form for rich text (Beschlussvorschlag, Erläuterungen).

Everything that writes rich text into a Vorlage — the wizard (QTextDocument.toMarkdown wraps
lines at 80 columns and escapes differently), the Ratsinfo importer, a hand-edited file — goes
through `normalize()`, so equal content is stored as equal text. The form is CommonMark plus
GitHub pipe tables: one line per paragraph, blocks separated by one blank line, characters that
would otherwise be markup escaped with a backslash. `parser()` is the one configured parser the
PDF renderer uses too, so both ends agree on what the text means.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from markdown_it import MarkdownIt
from markdown_it.token import Token

# "&" is escaped because markdown-it decodes "&nbsp;"-style entities; a clerk means them literally.
_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<>&|~])")
# Non-breaking spaces are written as an entity: a literal one at a block's edge would be stripped.
_NBSP = "\u00a0"


def _escape_text(text: str) -> str:
    return _INLINE_SPECIAL.sub(r"\\\1", text).replace(_NBSP, "&nbsp;")


_LINE_START = re.compile(r"^(\s*)([#>+\-=]|\d{1,9}[.)])")


@functools.cache
def parser() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": False}).enable("table").enable("strikethrough")


def escape(text: str) -> str:
    """Literal text → Markdown that reads back as exactly this text."""
    escaped = _escape_text(text)
    return _LINE_START.sub(lambda m: m.group(1) + _escape_marker(m.group(2)), escaped)


def _escape_marker(marker: str) -> str:
    if marker[-1] in ".)" and marker[:-1].isdigit():
        return marker[:-1] + "\\" + marker[-1]
    return "\\" + marker


def normalize(markdown: str) -> str:
    """Re-serialise Markdown into the canonical form; idempotent."""
    tokens = parser().parse(markdown.replace("\r\n", "\n").replace("\r", "\n"))
    blocks, _ = _blocks(tokens, 0, None)
    return "\n\n".join(b for b in blocks if b.strip()).strip("\n")


def _blocks(tokens: Sequence[Token], i: int, until: str | None) -> tuple[list[str], int]:
    """Serialise block tokens from i up to the closing token `until`; returns (blocks, next i)."""
    out: list[str] = []
    while i < len(tokens):
        tok = tokens[i]
        if until is not None and tok.type == until:
            return out, i + 1
        if tok.type == "paragraph_open":
            out.append(_inline(tokens[i + 1]))
            i += 3
        elif tok.type == "heading_open":
            level = int(tok.tag[1])
            out.append("#" * level + " " + _inline(tokens[i + 1]))
            i += 3
        elif tok.type in ("bullet_list_open", "ordered_list_open"):
            text, i = _list(tokens, i)
            out.append(text)
        elif tok.type == "table_open":
            text, i = _table(tokens, i)
            out.append(text)
        elif tok.type == "blockquote_open":
            inner, i = _blocks(tokens, i + 1, "blockquote_close")
            out.append(
                "\n".join("> " + line if line else ">" for line in "\n\n".join(inner).split("\n"))
            )
        elif tok.type in ("fence", "code_block"):
            out.append("```\n" + tok.content.rstrip("\n") + "\n```")
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


def _list(tokens: Sequence[Token], i: int) -> tuple[str, int]:
    ordered = tokens[i].type == "ordered_list_open"
    close = "ordered_list_close" if ordered else "bullet_list_close"
    number = int(tokens[i].attrGet("start") or 1) if ordered else 0
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
    return "\n".join(items), i + 1


_LIST_START = re.compile(r"^(- |\d{1,9}\. )")


def _join_item_blocks(blocks: list[str]) -> str:
    # A nested list follows its line directly (tight); two paragraphs need a blank line between.
    if not blocks:
        return ""
    out = blocks[0]
    for block in blocks[1:]:
        out += ("\n" if _LIST_START.match(block) else "\n\n") + block
    return out


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
            rows[-1].append(_inline(tokens[i + 1]).replace("\n", " "))
            if in_head:
                style = tok.attrGet("style") or ""
                aligns.append(str(style).removeprefix("text-align:"))
        i += 1
    width = max(len(r) for r in rows)
    delimiter = [{"left": ":---", "right": "---:", "center": ":---:"}.get(a, "---") for a in aligns]
    delimiter += ["---"] * (width - len(delimiter))
    lines = ["| " + " | ".join(r + [""] * (width - len(r))) + " |" for r in rows]
    lines.insert(max(header_rows, 1), "| " + " | ".join(delimiter) + " |")
    return "\n".join(lines), i + 1


def _inline(token: Token) -> str:
    parts: list[str] = []
    for child in token.children or []:
        kind = child.type
        if kind in ("text", "text_special"):
            parts.append(_escape_text(child.content))
        elif kind == "softbreak":
            parts.append(" ")
        elif kind == "hardbreak":
            parts.append("\\\n")
        elif kind in ("em_open", "em_close"):
            parts.append("*")
        elif kind in ("strong_open", "strong_close"):
            parts.append("**")
        elif kind in ("s_open", "s_close"):
            parts.append("~~")
        elif kind == "code_inline":
            parts.append("`" + child.content + "`")
        elif kind == "link_open":
            parts.append("[")
        elif kind == "link_close":
            parts.append("](" + str(_link_href(token, child)) + ")")
        elif kind == "image":
            parts.append(
                "![" + escape(child.content) + "](" + str(child.attrGet("src") or "") + ")"
            )
        elif kind == "html_inline":
            parts.append(_escape_text(child.content))
    text = "".join(parts).strip(" ")
    # A line that starts like a block construct ("1.", "#", "-") would become one; escape it.
    return "\n".join(
        _LINE_START.sub(lambda m: m.group(1) + _escape_marker(m.group(2)), line)
        for line in text.split("\n")
    )


def _link_href(parent: Token, close: Token) -> str:
    # The matching link_open is the nearest unmatched one before this close token.
    children = parent.children or []
    depth = 0
    for child in reversed(children[: children.index(close)]):
        if child.type == "link_close":
            depth += 1
        elif child.type == "link_open":
            if depth == 0:
                return str(child.attrGet("href") or "")
            depth -= 1
    return ""


def plain_text(markdown: str) -> str:
    """The readable text of a Markdown string, one block per line (for checks and search)."""
    lines: list[str] = []
    for tok in parser().parse(markdown):
        if tok.type == "inline":
            lines.append(
                "".join(
                    c.content
                    if c.type in ("text", "code_inline")
                    else "\n"
                    if c.type == "hardbreak"
                    else " "
                    if c.type == "softbreak"
                    else ""
                    for c in tok.children or []
                )
            )
    return "\n".join(lines)
