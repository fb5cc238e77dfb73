"""Turn plain text into CommonMark that reads back as exactly that text.

Text imported from elsewhere (the council information system, pasted text) is literal: a line
"1. Ausgangslage" that is a numbered sub-heading, "Akteur*innen und Bürger*innen", "a < b & c"
must print as written. The rule is *escape only what markdown-it would read as markup*: a text
that already round-trips stays untouched (so the stored Markdown stays readable, e.g. a single
"Akteur*innen"), anything else gets backslash escapes, and the result is checked by parsing it.
"""

from __future__ import annotations

import functools
import re

from markdown_it import MarkdownIt
from markdown_it.token import Token

# The same parser configuration the PDF renderer and docs/rich-text.md use.


@functools.cache
def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark").enable("table")


# Inline characters CommonMark may treat as markup anywhere in a line.
_INLINE = re.compile(r"([\\`*_\[\]<>&|~!])")
# Block constructs recognised at the start of a line: headings, quotes, list markers,
# thematic breaks / setext underlines, ordered-list numbers.
_LINE_START = re.compile(r"^(\s*)([#>+=-]|\d{1,9}(?=[.)]))")


def _inline_text(tokens: list[Token]) -> str | None:
    """The literal text of a single paragraph, or None when the tokens hold any markup."""
    kinds = [t.type for t in tokens]
    if kinds != ["paragraph_open", "inline", "paragraph_close"]:
        return None
    parts: list[str] = []
    for child in tokens[1].children or []:
        if child.type == "text":
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append("\n")
        else:
            return None
    return "".join(parts)


def is_literal(markdown: str, text: str) -> bool:
    """True when `markdown` parses to one plain paragraph that reads exactly `text`."""
    return _inline_text(_parser().parse(markdown)) == text


def _escape_all(line: str) -> str:
    escaped = _INLINE.sub(r"\\\1", line)
    # The number of an ordered-list marker is escaped at its delimiter: "1\. Ausgangslage".
    match = re.match(r"^(\s*)(\d{1,9})([.)])", escaped)
    if match:
        return f"{match.group(1)}{match.group(2)}\\{match.group(3)}{escaped[match.end():]}"
    return _LINE_START.sub(lambda m: f"{m.group(1)}\\{m.group(2)}", escaped)


def escape_paragraph(lines: list[str]) -> str:
    """A paragraph of literal lines, joined with Markdown hard line breaks (`\\` + newline)."""
    lines = [" ".join(line.split()) for line in lines]
    lines = [line for line in lines if line]
    if not lines:
        return ""
    text = "\n".join(lines)
    plain = "\\\n".join(lines)
    if is_literal(plain, text):
        return plain
    escaped = "\\\n".join(_escape_all(line) for line in lines)
    if is_literal(escaped, text):
        return escaped
    # Last resort: every ASCII punctuation character may be backslash-escaped in CommonMark.
    return "\\\n".join(re.sub(r"([!-/:-@\[-`{-~])", r"\\\1", line) for line in lines)


def escape_inline(text: str) -> str:
    """Escape a single line for use inside a list item or after a block marker."""
    text = " ".join(text.split())
    if not text:
        return ""
    if is_literal(text, text):
        return text
    return _escape_all(text)
