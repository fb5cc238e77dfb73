"""One look for a paragraph and a heading, however the block came into the editor.

A paragraph read from Markdown or pasted from Word gets its spacing (12 px above and below,
135 % line height) from the HTML and `EDITOR_STYLESHEET`; a paragraph the clerk typed into
an empty editor started from Qt's bare block format (0 px, single line height), and a block
made a heading kept the paragraph's spacing. So the same text looked different depending on
where it came from. The formats here are Qt's own reading of `<p>`/`<hN>`, so they cannot
drift from what loading a saved text shows.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import (
    QFont,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
)

from desktop.richtext import EDITOR_STYLESHEET

HEADING_SIZES = {1: 15.0, 2: 13.0, 3: 11.0}  # pt, as h1–h3 in EDITOR_STYLESHEET
# What the standard format decides; alignment, indent and quote level stay the block's own.
SPACING = (
    QTextFormat.Property.BlockTopMargin,
    QTextFormat.Property.BlockBottomMargin,
    QTextFormat.Property.LineHeight,
    QTextFormat.Property.LineHeightType,
)


@cache
def _read_format(tag: str) -> QTextBlockFormat:
    scratch = QTextDocument()
    scratch.setDefaultStyleSheet(EDITOR_STYLESHEET)
    scratch.setHtml(f"<{tag}>x</{tag}>")
    return scratch.firstBlock().blockFormat()


def standard_block_format(heading_level: int = 0) -> QTextBlockFormat:
    """A copy of the format Qt gives `<p>` (level 0) or `<hN>` read with the editor's style."""
    fmt = QTextBlockFormat(_read_format(f"h{heading_level}" if heading_level else "p"))
    fmt.setHeadingLevel(heading_level)
    return fmt


def standard_char_format(heading_level: int, paragraph_size: float) -> QTextCharFormat:
    """The weight and size of a heading's (or, level 0, a paragraph's) text."""
    fmt = QTextCharFormat()
    if heading_level:
        fmt.setFontWeight(QFont.Weight.DemiBold)
        fmt.setFontPointSize(HEADING_SIZES.get(heading_level, 11.0))
    else:
        fmt.setFontWeight(QFont.Weight.Normal)
        fmt.setFontPointSize(paragraph_size)
    return fmt


def restyle_blocks(cursor: QTextCursor, heading_level: int) -> None:
    """Make the blocks the cursor touches headings of `heading_level` (0: paragraphs)."""
    document = cursor.document()
    first = document.findBlock(cursor.selectionStart())
    last = document.findBlock(cursor.selectionEnd())
    standard = standard_block_format(heading_level)
    block = first
    while block.isValid():
        fmt = block.blockFormat()
        for prop in SPACING:
            fmt.clearProperty(prop)
        fmt.merge(standard)
        QTextCursor(block).setBlockFormat(fmt)
        if block == last:
            break
        block = block.next()


def start_as_paragraph(document: QTextDocument) -> None:
    """Give an empty document's only block the paragraph format, without an undo step."""
    if not document.isEmpty():
        return
    undo = document.isUndoRedoEnabled()
    document.setUndoRedoEnabled(False)  # also empties the stack: an empty document has none
    QTextCursor(document).setBlockFormat(standard_block_format())
    document.setUndoRedoEnabled(undo)


def split_heading(cursor: QTextCursor, paragraph_size: float) -> None:
    """Enter in a heading, as in Word: inside it two headings, at its end a paragraph."""
    if not cursor.atBlockEnd():
        cursor.insertBlock(cursor.blockFormat(), cursor.charFormat())
        return
    fmt = cursor.blockFormat()
    for prop in SPACING:
        fmt.clearProperty(prop)
    fmt.merge(standard_block_format(0))
    cursor.insertBlock(fmt, standard_char_format(0, paragraph_size))
