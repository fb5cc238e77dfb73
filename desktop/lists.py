"""Lists in the rich-text editor: the list buttons, list levels and Word's AutoFormat.

A list's level is its `QTextListFormat.indent()`, the level the Markdown stores; a block
never keeps an indent of its own, or it would sit deeper on screen than it prints.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from PySide6.QtGui import QTextBlock, QTextCursor, QTextFormat, QTextList, QTextListFormat

from forms.markdown import MAX_LIST_DEPTH


def toggle_list(cursor: QTextCursor, numbered: bool) -> None:
    """The list button: make the selected blocks a list, or the same button again, paragraphs."""
    style = QTextListFormat.Style.ListDecimal if numbered else QTextListFormat.Style.ListDisc
    current = cursor.currentList()
    cursor.beginEditBlock()
    if current is not None and current.format().style() == style:
        for block in _selected_blocks(cursor):
            if block.textList() is not None:
                block.textList().remove(block)
            fmt = block.blockFormat()
            fmt.setIndent(0)
            QTextCursor(block).setBlockFormat(fmt)
    else:
        list_format = QTextListFormat()
        list_format.setStyle(style)
        list_format.setIndent(current.format().indent() if current is not None else 1)
        cursor.createList(list_format)
    cursor.endEditBlock()


def change_level(cursor: QTextCursor, step: int) -> str | None:
    """Strg+M / Strg+Umschalt+M on a list item; the German reason when it is refused."""
    current = cursor.currentList()
    if current is None:
        return None  # Markdown has no indented paragraphs (4 spaces would be code)
    level = current.format().indent() + step
    if level > MAX_LIST_DEPTH:
        # Deeper lists could not be stored and printed faithfully.
        return f"Eine Liste kann höchstens {MAX_LIST_DEPTH} Ebenen tief sein."
    style = current.format().style()
    block = cursor.block()
    cursor.beginEditBlock()
    current.remove(block)
    # Qt gives a block taken out of a list the list's indent as its own; on screen it would
    # then sit deeper than the level stored in the Markdown (list indent only).
    fmt = block.blockFormat()
    fmt.setIndent(0)
    QTextCursor(block).setBlockFormat(fmt)
    if level >= 1:
        target = _list_above(block, level)
        if target is not None:
            target.add(block)  # numbering continues in the neighbouring list
        else:
            list_format = QTextListFormat()
            list_format.setStyle(style)
            list_format.setIndent(level)
            QTextCursor(block).createList(list_format)
    cursor.endEditBlock()
    return None


# Typed at the start of a paragraph, these start a list (Word's AutoFormat as you type).
LIST_MARKERS = {
    "- ": QTextListFormat.Style.ListDisc,
    "* ": QTextListFormat.Style.ListDisc,
    "1. ": QTextListFormat.Style.ListDecimal,
}


def start_list(cursor: QTextCursor, before: Callable[[], object] | None = None) -> bool:
    """ "- " or "1. " just typed at a paragraph's start: the paragraph becomes a list item.

    One undo step of its own, so Strg+Z gives back the typed "- " as text, as in Word;
    `before` is called just before the change (the editor's `stepBoundary`).
    """
    block = cursor.block()
    style = LIST_MARKERS.get(block.text()[: cursor.positionInBlock()])
    fmt = block.blockFormat()
    if (
        style is None
        or cursor.hasSelection()
        or block.textList() is not None
        or cursor.currentTable() is not None
        or fmt.headingLevel() > 0
        or fmt.nonBreakableLines()
        or fmt.property(QTextFormat.Property.BlockQuoteLevel)
    ):
        return False
    if before is not None:
        before()
    cursor.beginEditBlock()
    marker = QTextCursor(block)
    marker.setPosition(cursor.position(), QTextCursor.MoveMode.KeepAnchor)
    marker.removeSelectedText()
    above = block.previous().textList() if block.previous().isValid() else None
    if above is not None and above.format().style() == style and above.format().indent() == 1:
        above.add(block)  # Markdown reads two such lists in a row as one: so does the screen
    else:
        list_format = QTextListFormat()
        list_format.setStyle(style)
        list_format.setIndent(1)
        QTextCursor(block).createList(list_format)
    cursor.endEditBlock()
    return True


def _selected_blocks(cursor: QTextCursor) -> Iterator[QTextBlock]:
    document = cursor.document()
    start = document.findBlock(cursor.selectionStart())
    end = document.findBlock(cursor.selectionEnd())
    block = start
    while block.isValid():
        yield block
        if block == end:
            break
        block = block.next()


def _list_above(block: QTextBlock, level: int) -> QTextList | None:
    """The list of that nesting level the block would continue, if any."""
    previous = block.previous()
    while previous.isValid() and previous.textList() is not None:
        indent = previous.textList().format().indent()
        if indent == level:
            return previous.textList()
        if indent < level:
            return None
        previous = previous.previous()
    return None
