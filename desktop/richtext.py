"""Rich text between QTextDocument and the stored CommonMark Markdown (with GFM tables).

Qt's own `QTextDocument.toMarkdown()` is not good enough for storage (checked with Qt 6.12):
it wraps paragraphs at 80 columns, turns a hard line break into a paragraph break and loses
link targets, list start numbers and more. So the document is written here, block by block,
into `forms.markdown.Run`s and serialised by `forms.markdown.serialise_runs` — the serialiser
`normalize()` uses too, so a text of the editor's subset (docs/rich-text.md) is written back
byte for byte. It is read through markdown-it-py (HTML disabled) → HTML → `setHtml`.

Qt keeps from that HTML what the writer reads back: `anchorHref` and the title as tool tip
(links), `ImageAltText`/`ImageTitle` and the name (images), `BlockQuoteLevel`,
`BlockTrailingHorizontalRulerWidth` (rules), non-breakable lines in "monospace" (code blocks),
`QTextListFormat.start()`, cell alignment. `SafeTextDocument` never loads a resource.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF, Qt, QUrl
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QImage,
    QPainter,
    QTextBlock,
    QTextCharFormat,
    QTextDocument,
    QTextFormat,
    QTextFrame,
    QTextListFormat,
    QTextTable,
)

from forms import markdown as markdown_module
from forms.markdown import MAX_LIST_DEPTH, Image, Link, Run

if TYPE_CHECKING:
    from markdown_it.token import Token
    from markdown_it.utils import EnvType, OptionsDict

LINE_SEPARATOR = "\u2028"  # QTextDocument's in-block line break (Shift+Enter, <br>)
OBJECT = "\ufffc"  # an image's character in the document

# Headings and table headers are DemiBold by nature; markup bold is Bold (inside them Black),
# so the writer reads bold as weight >= Bold and the clerk still sees it.
EDITOR_STYLESHEET = """
p, li { line-height: 135%; }
h1 { font-size: 15pt; font-weight: 600; }
h2 { font-size: 13pt; font-weight: 600; }
h3 { font-size: 11pt; font-weight: 600; }
h4, h5, h6, th { font-weight: 600; }
h1 strong, h2 strong, h3 strong, h4 strong, h5 strong, h6 strong, th strong { font-weight: 900; }
table { border-collapse: collapse; }
td, th { padding: 3px 6px; }
th { background-color: #eeeeee; }
blockquote { color: #444444; }
"""


class SafeTextDocument(QTextDocument):
    """A document that never opens a file, URL or device named in its text.

    Qt would load `![x](/dev/zero)` (memory without bound), a FIFO (the wizard freezes) or
    `//host/share.png` (a UNC access on Windows). Images are drawn as a placeholder with their
    alternative text instead; style sheets and other resources load as nothing.
    """

    def loadResource(self, kind: int, name: QUrl | str) -> object:
        if kind == QTextDocument.ResourceType.ImageResource.value:
            text = name.toString() if isinstance(name, QUrl) else name
            return placeholder_image(self._alt_text(text))
        return None

    def _alt_text(self, name: str) -> str:
        block = self.begin()
        while block.isValid():
            it = block.begin()
            while not it.atEnd():
                fmt = it.fragment().charFormat()
                if fmt.isImageFormat() and fmt.toImageFormat().name() == name:
                    return str(fmt.property(QTextFormat.Property.ImageAltText) or "")
                it += 1
            block = block.next()
        return ""


def placeholder_image(alt: str) -> QImage:
    label = "Bild: " + (alt or "ohne Beschreibung")
    font = QFont()
    metrics = QFontMetrics(font)
    width = min(metrics.horizontalAdvance(label) + 16, 400)
    height = metrics.height() + 10
    image = QImage(width, height, QImage.Format.Format_ARGB32)
    image.fill(QColor("#f2f2f2"))
    painter = QPainter(image)
    painter.setPen(QColor("#888888"))
    painter.drawRect(0, 0, width - 1, height - 1)
    painter.setPen(QColor("#333333"))
    painter.setFont(font)
    text = metrics.elidedText(label, Qt.TextElideMode.ElideRight, width - 12)
    painter.drawText(QRectF(6, 0, width - 12, height), Qt.AlignmentFlag.AlignVCenter, text)
    painter.end()
    return image


def _render_text(
    renderer: object, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    content = html.escape(tokens[idx].content, quote=False)
    # Qt collapses white space like a browser; repeated spaces are the clerk's text.
    if "  " in content:
        return f'<span style="white-space:pre-wrap">{content}</span>'
    return content


_QUOTE = re.compile(r"<blockquote>\n.*?</blockquote>", re.DOTALL)


def _render_code(
    renderer: object, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    # A code span's spaces are its content, even next to the text's own spaces.
    content = html.escape(tokens[idx].content, quote=False)
    return f'<code style="white-space:pre-wrap">{content}</code>'


def markdown_to_html(markdown: str) -> str:
    parser = markdown_module.parser()
    tokens = parser.parse(markdown)
    for token in tokens:
        for child in token.children or ():
            if child.type == "text" and "  " in child.content:
                child.type = "text_spaces"
            elif child.type == "code_inline" and (
                child.content != child.content.strip() or "  " in child.content
            ):
                child.type = "code_spaces"
    if "text_spaces" not in getattr(parser.renderer, "rules", {}):
        parser.add_render_rule("text_spaces", _render_text)
        parser.add_render_rule("code_spaces", _render_code)
    text = parser.renderer.render(tokens, parser.options, {})
    text = text.replace("<br />\n", "<br />")
    # Qt marks only a quote's first block with BlockQuoteLevel: one quote element per paragraph.
    text = _QUOTE.sub(
        lambda m: m.group(0).replace("</p>\n<p>", "</p>\n</blockquote>\n<blockquote>\n<p>"), text
    )
    # Qt centres a header cell without an alignment; Markdown means left.
    text = text.replace("<th>", '<th style="text-align:left">')
    # Qt draws no table grid unless asked to.
    return text.replace("<table>", '<table border="1" cellspacing="0" cellpadding="4">')


# Column alignments of a table ("right,,center"): Qt gives an empty cell no alignment to read.
TABLE_ALIGNMENTS = QTextFormat.Property.UserProperty + 1


def set_markdown(document: QTextDocument, markdown: str) -> None:
    document.setDefaultStyleSheet(EDITOR_STYLESHEET)
    document.setHtml(markdown_to_html(markdown))
    aligns: list[list[str]] = []
    for token in markdown_module.parser().parse(markdown):
        if token.type == "table_open":
            aligns.append([])
        elif token.type == "th_open":
            style = str(token.attrGet("style") or "").removeprefix("text-align:")
            aligns[-1].append("" if style == "left" else style)
    for table, columns in zip(_tables(document.rootFrame()), aligns, strict=False):
        fmt = table.format()
        fmt.setProperty(TABLE_ALIGNMENTS, ",".join(columns))
        table.setFormat(fmt)


def _tables(frame: QTextFrame) -> list[QTextTable]:
    found: list[QTextTable] = []
    for child in frame.childFrames():
        if isinstance(child, QTextTable):
            found.append(child)
        found.extend(_tables(child))
    return found


# -- Qt document → runs -----------------------------------------------------------------------
def _is_code_font(fmt: QTextCharFormat) -> bool:
    return "monospace" in (fmt.fontFamilies() or []) or fmt.fontFixedPitch()


def block_runs(block: QTextBlock) -> list[Run]:
    runs: list[Run] = []
    it = block.begin()
    while not it.atEnd():
        fragment = it.fragment()
        it += 1
        if not fragment.isValid():
            continue
        fmt: QTextCharFormat = fragment.charFormat()
        link = None
        if fmt.isAnchor() and fmt.anchorHref():
            link = Link(fmt.anchorHref(), str(fmt.property(QTextFormat.Property.TextToolTip) or ""))
        base = Run(
            bold=fmt.fontWeight() >= QFont.Weight.Bold,
            italic=fmt.fontItalic(),
            strike=fmt.fontStrikeOut(),
            code=_is_code_font(fmt),
            link=link,
        )
        text = fragment.text()
        if fmt.isImageFormat():
            image = Image(
                fmt.toImageFormat().name(),
                str(fmt.property(QTextFormat.Property.ImageAltText) or ""),
                str(fmt.property(QTextFormat.Property.ImageTitle) or ""),
            )
            runs.extend(replace(base, code=False, image=image) for _ in text)
            continue
        text = text.replace(OBJECT, "").replace(LINE_SEPARATOR, "\n")
        if base.code:
            # A code span is one line; a line break in it ends the span.
            for index, line in enumerate(text.split("\n")):
                if index:
                    runs.append(Run(text="\n"))
                if line:
                    runs.append(replace(base, text=line))
        elif text:
            runs.append(replace(base, text=text))
    return runs


def block_markdown(block: QTextBlock, one_line: bool = False) -> str:
    runs = block_runs(block)
    if one_line:
        runs = [replace(r, text=r.text.replace("\n", " ")) for r in runs]
    return markdown_module.serialise_runs(runs)


def _alignment(block: QTextBlock) -> str:
    align = block.blockFormat().alignment()
    if align & Qt.AlignmentFlag.AlignHCenter:
        return "center"
    if align & Qt.AlignmentFlag.AlignRight:
        return "right"
    return ""


def _table_markdown(table: QTextTable) -> str:
    rows = []
    aligns: list[str] = []
    for r in range(table.rows()):
        cells = []
        for c in range(table.columns()):
            cell = table.cellAt(r, c)
            texts = []
            it = cell.begin()
            first = True
            while not it.atEnd():
                block = it.currentBlock()
                if block.isValid():
                    if r == 0 and first:
                        aligns.append(_alignment(block))
                        first = False
                    texts.append(block_markdown(block, one_line=True))
                it += 1
            if r == 0 and first:
                aligns.append("")
            cells.append(" ".join(t for t in texts if t))  # "|" is escaped by the serialiser
        rows.append("| " + " | ".join(cells) + " |")
        if r == 0:
            stored = table.format().property(TABLE_ALIGNMENTS)
            if isinstance(stored, str):
                aligns = stored.split(",")
            rows.append(markdown_module.delimiter_row(aligns, table.columns()))
    return "\n".join(rows)


_BULLET_STYLES = {
    QTextListFormat.Style.ListDisc,
    QTextListFormat.Style.ListCircle,
    QTextListFormat.Style.ListSquare,
}


def quote_level(block: QTextBlock) -> int:
    return int(block.blockFormat().property(QTextFormat.Property.BlockQuoteLevel) or 0)


def _is_rule(block: QTextBlock) -> bool:
    return block.blockFormat().hasProperty(QTextFormat.Property.BlockTrailingHorizontalRulerWidth)


@dataclass
class _Chunk:
    text: str
    kind: str  # "list", "quote", "code", "block"
    key: object = None
    loose: bool = False


def to_markdown(document: QTextDocument) -> str:
    """The document in the canonical stored form (`forms.markdown.normalize`)."""
    chunks: list[_Chunk] = []
    top_list: object = None
    widths: dict[int, int] = {}
    root: QTextFrame = document.rootFrame()
    it = root.begin()
    while not it.atEnd():
        frame = it.currentFrame()
        if frame is not None:
            if isinstance(frame, QTextTable):
                chunks.append(_Chunk(_table_markdown(frame), "block"))
            top_list = None
            it += 1
            continue
        block = it.currentBlock()
        it += 1
        if not block.isValid():
            continue
        fmt = block.blockFormat()
        text_list = block.textList()
        if _is_rule(block) and not block.text().strip():
            chunks.append(_Chunk("---", "block"))
            top_list = None
            continue
        if fmt.nonBreakableLines() and text_list is None:
            line = block.text().replace(LINE_SEPARATOR, "\n")
            if chunks and chunks[-1].kind == "code":
                chunks[-1].text += "\n" + line
            else:
                chunks.append(_Chunk(line, "code"))
            top_list = None
            continue
        if not block.text().replace("\u00a0", " ").strip() and text_list is None:
            continue  # empty paragraphs (Word pastes them as a lone non-breaking space)
        if text_list is not None:
            list_fmt = text_list.format()
            # Deeper than the editor allows (only a paste or an old file): kept at the limit.
            level = min(max(list_fmt.indent(), 1), MAX_LIST_DEPTH)
            if list_fmt.style() in _BULLET_STYLES:
                marker = "- "
            else:
                marker = f"{list_fmt.start() + text_list.itemNumber(block)}. "
            widths[level] = len(marker)
            if level == 1 or top_list is None:
                top_list = (text_list, list_fmt.style())
            indent = sum(widths.get(lv, 2) for lv in range(1, level))
            pad = " " * (indent + len(marker))
            body = block_markdown(block).replace("\\\n", "\\\n" + pad)
            chunk = _Chunk(" " * indent + marker + body, "list", top_list)
            # A nested list starting at 3 may not follow its line directly (Markdown would read
            # "3." as text of the line above): a blank line between.
            chunk.loose = (
                level > 1 and text_list.itemNumber(block) == 0 and marker not in ("- ", "1. ")
            )
            chunks.append(chunk)
            continue
        top_list = None
        text = block_markdown(block)
        if not text:
            continue
        level = fmt.headingLevel()
        if quote_level(block) > 0:
            quoted = "\n".join("> " + line for line in text.split("\n"))
            if chunks and chunks[-1].kind == "quote":
                chunks[-1].text += "\n>\n" + quoted
            else:
                chunks.append(_Chunk(quoted, "quote"))
            continue
        if level > 0:
            text = "#" * min(level, 6) + " " + block_markdown(block, one_line=True)
        chunks.append(_Chunk(text, "block"))
    out: list[str] = []
    previous: _Chunk | None = None
    for chunk in chunks:
        text = chunk.text
        if chunk.kind == "code":
            text = markdown_module.fence(text.rstrip("\n"))
        if previous is not None:
            same_list = chunk.kind == "list" and previous.kind == "list"
            tight = same_list and chunk.key == previous.key and not chunk.loose
            out.append("\n" if tight else "\n\n")
        out.append(text)
        previous = chunk
    return markdown_module.normalize("".join(out))
