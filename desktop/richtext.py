"""Rich text between QTextDocument and the stored CommonMark Markdown (with GFM tables).

Qt's own `QTextDocument.toMarkdown()` is not good enough for storage (checked with Qt 6.12):
it wraps paragraphs at 80 columns, turns a hard line break into a paragraph break and loses
the text of list items next to raw HTML. So the document is written here, block by block,
with no wrapping, and read back through markdown-it-py (HTML disabled) → HTML → `setHtml`.

Escaping is minimal so that ordinary text ("Akteur*innen", "1.234,56 €") is stored as typed;
each block's Markdown is parsed back and, only if it would not mean the same text, the block
is written with every special character escaped.
"""

from __future__ import annotations

import functools
import html
import re
from dataclasses import dataclass

from markdown_it import MarkdownIt
from PySide6.QtGui import (
    QFont,
    QTextBlock,
    QTextCharFormat,
    QTextDocument,
    QTextFrame,
    QTextListFormat,
    QTextTable,
)

_MD = MarkdownIt("commonmark", {"html": False}).enable("table")

LINE_SEPARATOR = "\u2028"  # QTextDocument's in-block line break (Shift+Enter, <br>)

# Sizes of headings in the editor; the PDF has its own stylesheet.
EDITOR_STYLESHEET = """
h1 { font-size: 15pt; font-weight: 600; }
h2 { font-size: 13pt; font-weight: 600; }
h3 { font-size: 11pt; font-weight: 600; }
table { border-collapse: collapse; }
td, th { padding: 3px 6px; }
"""


def markdown_to_html(markdown: str) -> str:
    text = _MD.render(markdown)
    # Qt draws no table grid unless asked to.
    return text.replace("<table>", '<table border="1" cellspacing="0" cellpadding="4">')


def set_markdown(document: QTextDocument, markdown: str) -> None:
    document.setDefaultStyleSheet(EDITOR_STYLESHEET)
    document.setHtml(markdown_to_html(markdown))


@dataclass(frozen=True)
class _Run:
    text: str
    bold: bool
    italic: bool


def _runs(block: QTextBlock, plain: bool = False) -> list[_Run]:
    runs: list[_Run] = []
    heading = block.blockFormat().headingLevel() > 0
    it = block.begin()
    while not it.atEnd():
        fragment = it.fragment()
        if fragment.isValid():
            fmt: QTextCharFormat = fragment.charFormat()
            # Headings and table headers are bold by their nature, not by markup.
            bold = fmt.fontWeight() >= QFont.Weight.DemiBold and not heading and not plain
            italic = fmt.fontItalic() and not plain
            text = fragment.text().replace("\ufffc", "")  # object replacement (images)
            if runs and runs[-1].bold == bold and runs[-1].italic == italic:
                runs[-1] = _Run(runs[-1].text + text, bold, italic)
            elif text:
                runs.append(_Run(text, bold, italic))
        it += 1
    return runs


_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&!])")
_LINE_START = re.compile(r"^(\s*)([#>+\-=*]|\d{1,9}[.)])(?=\s|$)")


def _escape_all(text: str) -> str:
    return _SPECIAL.sub(r"\\\1", text)


def _escape_line_starts(markdown: str) -> str:
    """A line beginning like a list item, heading or quote would change the block type."""

    def fix(line: str) -> str:
        line = line.lstrip(" \t")
        match = _LINE_START.match(line)
        if not match:
            return line
        marker = match.group(2)
        if marker[-1] in ".)" and marker[:-1].isdigit():
            return marker[:-1] + "\\" + marker[-1] + line[match.end() :]
        return "\\" + line

    return "\\\n".join(fix(line) for line in markdown.split("\\\n"))


def _wrap(text: str, bold: bool, italic: bool) -> str:
    if not text.strip():
        return text
    # Emphasis markers must hug the text: move surrounding spaces outside.
    lead = text[: len(text) - len(text.lstrip())]
    trail = text[len(text.rstrip()) :]
    core = text.strip()
    if bold:
        core = f"**{core}**"
    if italic:
        core = f"*{core}*"
    return lead + core + trail


def _inline(runs: list[_Run], escape: bool) -> str:
    parts = []
    for run in runs:
        text = _escape_all(run.text) if escape else run.text
        text = re.sub(r"[ \t]+[\n\u2028]", LINE_SEPARATOR, text)
        text = text.replace("\n", LINE_SEPARATOR).replace(LINE_SEPARATOR, "\\\n")
        parts.append(_wrap(text, run.bold, run.italic))
    return _escape_line_starts("".join(parts).rstrip())


@functools.lru_cache(maxsize=4096)
def _parse_runs(markdown: str) -> tuple[tuple[str, bool, bool], ...] | None:
    """What markdown-it reads from one block's inline Markdown; None if it reads more than text."""
    tokens = _MD.parse(markdown)
    types = [t.type for t in tokens]
    if types != ["paragraph_open", "inline", "paragraph_close"]:
        return None
    bold = italic = False
    out: list[tuple[str, bool, bool]] = []
    for child in tokens[1].children or []:
        if child.type == "text":
            text = child.content
        elif child.type == "hardbreak":
            text = LINE_SEPARATOR
        elif child.type == "softbreak":
            text = " "
        elif child.type in ("strong_open", "strong_close"):
            bold = child.type == "strong_open"
            continue
        elif child.type in ("em_open", "em_close"):
            italic = child.type == "em_open"
            continue
        else:
            return None
        if out and out[-1][1:] == (bold, italic):
            out[-1] = (out[-1][0] + text, bold, italic)
        elif text:
            out.append((text, bold, italic))
    return tuple(out)


def _expected(runs: list[_Run]) -> tuple[tuple[str, bool, bool], ...]:
    out: list[tuple[str, bool, bool]] = []
    for run in runs:
        text = run.text.replace("\n", LINE_SEPARATOR)
        text = re.sub(r"[ \t]+" + LINE_SEPARATOR, LINE_SEPARATOR, text)
        text = re.sub(LINE_SEPARATOR + r"[ \t]+", LINE_SEPARATOR, text)
        if out and out[-1][1:] == (run.bold, run.italic):
            out[-1] = (out[-1][0] + text, run.bold, run.italic)
        elif text:
            out.append((text, run.bold, run.italic))
    # Markdown drops leading and trailing blanks of a paragraph.
    if out:
        first = out[0]
        out[0] = (first[0].lstrip(), first[1], first[2])
        last = out[-1]
        out[-1] = (last[0].rstrip(), last[1], last[2])
    return tuple(r for r in out if r[0])


def block_markdown(runs: list[_Run]) -> str:
    """Inline Markdown of one block: as typed if that reads back the same, escaped otherwise."""
    candidate = _inline(runs, escape=False)
    if not candidate:
        return ""
    if _parse_runs(candidate) == _expected(runs):
        return candidate
    return _inline(runs, escape=True)


def _table_markdown(table: QTextTable) -> str:
    rows = []
    for r in range(table.rows()):
        cells = []
        for c in range(table.columns()):
            cell = table.cellAt(r, c)
            texts = []
            it = cell.begin()
            while not it.atEnd():
                block = it.currentBlock()
                if block.isValid():
                    texts.append(block_markdown(_runs(block, plain=r == 0)))
                it += 1
            text = " ".join(t for t in texts if t).replace("\\\n", " ")
            cells.append(text.replace("|", "\\|") if "\\|" not in text else text)
        rows.append("| " + " | ".join(cells) + " |")
        if r == 0:
            rows.append("|" + "|".join(" --- " for _ in range(table.columns())) + "|")
    return "\n".join(rows)


_BULLET_STYLES = {
    QTextListFormat.Style.ListDisc,
    QTextListFormat.Style.ListCircle,
    QTextListFormat.Style.ListSquare,
}


def to_markdown(document: QTextDocument) -> str:
    """The document as CommonMark (+ GFM tables): blocks separated by a blank line, no wrapping."""
    # (markdown, list key): items of one list tree share a key and are separated by a single
    # newline; everything else by a blank line (a new list after a list needs one, too).
    chunks: list[tuple[str, object]] = []
    top_list: object = None
    widths: dict[int, int] = {}
    root: QTextFrame = document.rootFrame()
    it = root.begin()
    while not it.atEnd():
        frame = it.currentFrame()
        if frame is not None:
            if isinstance(frame, QTextTable):
                chunks.append((_table_markdown(frame), None))
            it += 1
            continue
        block = it.currentBlock()
        it += 1
        if not block.isValid():
            continue
        text = block_markdown(_runs(block))
        text_list = block.textList()
        if text_list is not None:
            fmt = text_list.format()
            level = max(fmt.indent(), 1)
            if fmt.style() in _BULLET_STYLES:
                marker = "- "
            else:
                marker = f"{text_list.itemNumber(block) + 1}. "
            widths[level] = len(marker)
            if level == 1 or top_list is None:
                top_list = (text_list, fmt.style())
            indent = sum(widths.get(lv, 2) for lv in range(1, level))
            pad = " " * (indent + len(marker))
            body = text.replace("\\\n", "\\\n" + pad)
            chunks.append((" " * indent + marker + body, top_list))
            continue
        if not text:
            continue
        level = block.blockFormat().headingLevel()
        if level > 0:
            text = "#" * min(level, 6) + " " + text.replace("\\\n", " ")
        top_list = None
        chunks.append((text, None))
    out = ""
    previous: object = None
    for index, (text, key) in enumerate(chunks):
        if index:
            out += "\n" if (key is not None and key == previous) else "\n\n"
        out += text
        previous = key
    return out


def sanitize_html(source_html: str) -> str:
    """Keep the structure of pasted HTML (Word, browsers) and drop its styling.

    The HTML goes through a scratch document and Markdown, so only what the Vorlage can store
    survives: headings, paragraphs, lists, bold, italic, tables.
    """
    scratch = QTextDocument()
    scratch.setHtml(source_html)
    return markdown_to_html(to_markdown(scratch))


def plain_escape(text: str) -> str:
    return html.escape(text)
