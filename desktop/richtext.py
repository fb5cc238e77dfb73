"""Rich text between QTextDocument and the stored CommonMark Markdown (with GFM tables).

Qt's own `QTextDocument.toMarkdown()` is not good enough for storage (checked with Qt 6.12):
it wraps paragraphs at 80 columns, turns a hard line break into a paragraph break and loses
the text of list items next to raw HTML. So the document is written here, block by block,
with no wrapping, and read back through markdown-it-py (HTML disabled) → HTML → `setHtml`.

Text runs are escaped with `forms.markdown.escape` (so "Akteur*innen" stays literal) and the
result goes through `forms.markdown.normalize`, the canonical form every writer shares.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from PySide6.QtGui import (
    QFont,
    QTextBlock,
    QTextCharFormat,
    QTextDocument,
    QTextFrame,
    QTextListFormat,
    QTextTable,
)

from forms import markdown as markdown_module

LINE_SEPARATOR = "\u2028"  # QTextDocument's in-block line break (Shift+Enter, <br>)

# Sizes of headings in the editor; the PDF has its own stylesheet.
EDITOR_STYLESHEET = """
p, li { line-height: 135%; }
h1 { font-size: 15pt; font-weight: 600; }
h2 { font-size: 13pt; font-weight: 600; }
h3 { font-size: 11pt; font-weight: 600; }
table { border-collapse: collapse; }
td, th { padding: 3px 6px; }
"""


def markdown_to_html(markdown: str) -> str:
    text = markdown_module.parser().render(markdown)
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


def _inline(runs: list[_Run]) -> str:
    parts = []
    for run in runs:
        text = run.text.replace("\n", LINE_SEPARATOR)
        text = re.sub(r"[ \t]*\u2028[ \t]*", LINE_SEPARATOR, text)
        text = LINE_SEPARATOR.join(
            markdown_module.escape(line) for line in text.split(LINE_SEPARATOR)
        )
        parts.append(_wrap(text.replace(LINE_SEPARATOR, "\\\n"), run.bold, run.italic))
    return "".join(parts).strip()


def _wrap(text: str, bold: bool, italic: bool) -> str:
    if not text.strip() or not (bold or italic):
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


def block_markdown(runs: list[_Run]) -> str:
    """Inline Markdown of one block; every character that could be markup is escaped."""
    return _inline(runs)


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
            cells.append(text)  # "|" is already escaped by forms.markdown.escape
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
    """The document in the canonical stored form (`forms.markdown.normalize`)."""
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
        if not block.text().replace("\u00a0", " ").strip() and block.textList() is None:
            continue  # empty paragraphs (Word pastes them as a lone non-breaking space)
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
    return markdown_module.normalize(out)


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


def _marker_text(fragment: str) -> str:
    text = html.unescape(_TAG.sub("", fragment)).replace("\u00a0", " ")
    return text.split()[0] if text.split() else ""


def word_lists_to_html(source: str) -> str:
    """Turn Word's list paragraphs into nested <ul>/<ol> so Qt reads them as lists."""
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
        if marker is not None:
            found = _marker_text(marker.group("marker") or marker.group("span") or "")
            kind = "ol" if _ORDERED.match(found) else "ul"
            body = body[: marker.start()] + body[marker.end() :]
        level = max(int(match.group("level")), 1)
        while len(open_lists) > level:
            out.append(f"</{open_lists.pop()}>")
        if len(open_lists) == level and open_lists[-1] != kind:
            out.append(f"</{open_lists.pop()}>")
        while len(open_lists) < level:
            out.append(f"<{kind}>")
            open_lists.append(kind)
        out.append(f"<li>{body}</li>")
        position = match.end()
        is_last = index == len(matches) - 1
        if is_last:
            out.extend(f"</{tag}>" for tag in reversed(open_lists))
            open_lists = []
    out.append(source[position:])
    return "".join(out)


def sanitize_html(source_html: str) -> str:
    """Keep the structure of pasted HTML (Word, browsers) and drop its styling.

    The HTML goes through a scratch document and Markdown, so only what the Vorlage can store
    survives: headings, paragraphs, lists, bold, italic, tables.
    """
    scratch = QTextDocument()
    scratch.setHtml(word_lists_to_html(source_html))
    return markdown_to_html(to_markdown(scratch))

