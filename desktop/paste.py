"""Paste from Word and browsers into the rich-text editor: only what the Vorlage can store.

Word puts list items on the clipboard as paragraphs with an "mso-list" style and the bullet
or number as literal text in an "mso-list:Ignore" span, not as <ul>/<ol>; they are turned
into lists here. The pasted HTML then goes through Markdown, so its styling is dropped and
its structure (headings, lists, tables, emphasis, links) kept.
"""

from __future__ import annotations

import html
import re

from PySide6.QtGui import QTextBlock, QTextBlockFormat, QTextCursor, QTextDocumentFragment

from desktop.richtext import (
    EDITOR_STYLESHEET,
    SafeTextDocument,
    markdown_to_html,
    quote_level,
    to_markdown,
)
from forms import markdown as markdown_module

# Word puts list items on the clipboard as paragraphs with an "mso-list" style and the bullet
# or number as literal text in an "mso-list:Ignore" span, not as <ul>/<ol>.
_MSO_PARAGRAPH = re.compile(
    r"<p\b(?P<attrs>[^>]*mso-list:\s*(?P<list>l\d+)\s+level(?P<level>\d+)[^>]*)>"
    r"(?P<body>.*?)</p>",
    re.IGNORECASE | re.DOTALL,
)
_MSO_MARKER = re.compile(
    r"<!\[if !supportLists\]>(?P<marker>.*?)<!\[endif\]>"
    r"|<span[^>]*mso-list:\s*Ignore[^>]*>(?P<span>.*?)</span>\s*(?:</span>\s*)*",
    re.IGNORECASE | re.DOTALL,
)
_TAG = re.compile(r"<[^>]+>")
_ORDERED = re.compile(r"^(\d+|[a-zA-Z]|[ivxlcdmIVXLCDM]+)[.)]$")
_ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}


def _marker_text(fragment: str) -> str:
    text = html.unescape(_TAG.sub("", fragment)).replace("\u00a0", " ")
    return text.split()[0] if text.split() else ""


def _marker_number(marker: str) -> int:
    """The number Word shows: "3." → 3, "c)" → 3, "iv." → 4; 1 if unknown."""
    core = marker[:-1]
    if core.isdigit():
        return int(core)
    lower = core.lower()
    if all(ch in _ROMAN for ch in lower) and (len(lower) > 1 or lower in "ivx"):
        total = 0
        for ch, nxt in zip(lower, lower[1:] + " ", strict=True):
            value = _ROMAN[ch]
            total += -value if nxt in _ROMAN and _ROMAN[nxt] > value else value
        return max(total, 1)
    if len(core) == 1 and core.isalpha():
        return ord(lower) - ord("a") + 1
    return 1


def word_lists_to_html(source: str) -> str:
    """Turn Word's list paragraphs into nested <ul>/<ol> so Qt reads them as lists.

    A numbered list that a paragraph interrupts goes on with Word's number (`<ol start>`), so
    "3." stays 3 and a Beschlussvorschlag is not renumbered.
    """
    out: list[str] = []
    position = 0
    open_lists: list[str] = []  # "ul"/"ol" per open level
    matches = list(_MSO_PARAGRAPH.finditer(source))
    for index, match in enumerate(matches):
        between = source[position : match.start()]
        if open_lists and between.strip():
            out.extend(f"</{tag}>" for tag in reversed(open_lists))
            open_lists = []
        out.append(between)
        body = match.group("body")
        marker = _MSO_MARKER.search(body)
        kind = "ul"
        start = 1
        if marker is not None:
            found = _marker_text(marker.group("marker") or marker.group("span") or "")
            if _ORDERED.match(found):
                kind = "ol"
                start = _marker_number(found)
            body = body[: marker.start()] + body[marker.end() :]
        level = max(int(match.group("level")), 1)
        while len(open_lists) > level:
            out.append(f"</{open_lists.pop()}>")
        if len(open_lists) == level and open_lists[-1] != kind:
            out.append(f"</{open_lists.pop()}>")
        while len(open_lists) < level:
            deepest = len(open_lists) == level - 1
            attrs = f' start="{start}"' if kind == "ol" and deepest and start != 1 else ""
            out.append(f"<{kind}{attrs}>")
            open_lists.append(kind)
        out.append(f"<li>{body}</li>")
        position = match.end()
        is_last = index == len(matches) - 1
        if is_last:
            out.extend(f"</{tag}>" for tag in reversed(open_lists))
            open_lists = []
    out.append(source[position:])
    return "".join(out)


def _own_block_format(block: QTextBlock) -> QTextBlockFormat | None:
    """The format of a heading or quote paragraph: a block of its own kind, never merged."""
    fmt = block.blockFormat()
    if block.textList() is None and (fmt.headingLevel() > 0 or quote_level(block) > 0):
        return QTextBlockFormat(fmt)
    return None


def insert_html(cursor: QTextCursor, html: str) -> None:
    """Paste sanitised HTML at the cursor, as one undo step.

    Qt merges the first pasted block into the block at the cursor and keeps that block's
    format: a Word heading pasted into (or after) a paragraph became text in bold print, a
    paragraph in the PDF, without its bookmark. A pasted heading or quote starts and ends a
    block of its own and keeps its format; the clerk's text around it stays as it was.
    """
    scratch = SafeTextDocument()
    scratch.setDefaultStyleSheet(EDITOR_STYLESHEET)
    scratch.setHtml(html)
    first = _own_block_format(scratch.firstBlock())
    last_block = scratch.lastBlock()
    while (
        last_block.isValid() and not last_block.text().strip() and last_block.previous().isValid()
    ):
        last_block = last_block.previous()
    last = _own_block_format(last_block)
    cursor.beginEditBlock()
    cursor.removeSelectedText()
    if first is not None and cursor.positionInBlock() > 0:
        cursor.insertBlock()
    start = cursor.position()
    rest_after = cursor.block().length() - 1 - cursor.positionInBlock()
    cursor.insertFragment(QTextDocumentFragment.fromHtml(html, cursor.document()))
    if first is not None:
        QTextCursor(cursor.document().findBlock(start)).setBlockFormat(first)
    if last is not None and rest_after > 0:
        # The clerk's text after the cursor goes on as a paragraph, not as heading text.
        end = cursor.position()
        cursor.insertBlock(QTextBlockFormat())
        cursor.setPosition(end)
    cursor.endEditBlock()


def sanitize_html(source_html: str) -> tuple[str, list[str]]:
    """Keep the structure of pasted HTML (Word, browsers) and drop its styling.

    The HTML goes through a scratch document (which loads no resource) and Markdown, so only
    what the Vorlage can store survives. Returns the HTML to insert and what was converted.
    """
    scratch = SafeTextDocument()
    scratch.setDefaultStyleSheet(EDITOR_STYLESHEET)  # a heading is not bold by markup
    scratch.setHtml(word_lists_to_html(source_html))
    markdown = to_markdown(scratch)
    return markdown_to_html(markdown), markdown_module.unsupported(markdown)
