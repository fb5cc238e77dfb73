"""The text field of the rich-text editor: a QTextEdit whose paste keeps the rich-text subset
(desktop/paste.py), Enter in a heading as in Word, "- " and "1. " start lists
(desktop/lists.py), Tab moves between table cells, and no resource is ever loaded."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QTextEdit

from desktop import blockstyle, lists, paste, richtext


class MarkdownTextEdit(QTextEdit):
    """QTextEdit whose paste keeps the rich-text subset only and that never loads a resource."""

    pasteConverted = Signal(list)  # German names of what a paste brought outside the subset
    # Before and after a change that is an undo step of its own (a paste, a list started by
    # typing "- "): the document's undo ends the typing burst there (desktop/binding.py).
    stepBoundary = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setDocument(richtext.SafeTextDocument(self))
        self.setAcceptRichText(True)
        self.setTabChangesFocus(True)
        self.document().setDefaultStyleSheet(richtext.EDITOR_STYLESHEET)
        self.document().setDocumentMargin(10)
        blockstyle.start_as_paragraph(self.document())

    def focusNextPrevChild(self, forward: bool) -> bool:
        # In a table Tab moves between cells (a new row after the last one), as in Word;
        # elsewhere it moves the focus on, so the form stays keyboard-operable.
        table = self.textCursor().currentTable()
        if table is None:
            return super().focusNextPrevChild(forward)
        cell = table.cellAt(self.textCursor())
        index = cell.row() * table.columns() + cell.column() + (1 if forward else -1)
        if index >= table.rows() * table.columns():
            table.appendRows(1)
        if index >= 0:
            row, column = divmod(index, table.columns())
            self.setTextCursor(table.cellAt(row, column).firstCursorPosition())
        return True

    def insertFromMimeData(self, source: QMimeData) -> None:
        # A paste is an undo step of its own, apart from the typing around it.
        self.stepBoundary.emit()
        try:
            self._insert(source)
        finally:
            self.stepBoundary.emit()

    def _insert(self, source: QMimeData) -> None:
        if source.hasHtml():
            html, converted = paste.sanitize_html(source.html())
            cursor = self.textCursor()
            paste.insert_html(cursor, html)
            self.setTextCursor(cursor)
            self.ensureCursorVisible()
            if converted:
                self.pasteConverted.emit(converted)
            return
        if source.hasText():
            self.textCursor().insertText(source.text())
        # Anything else (a bare image, files) has no place in the stored Markdown.

    def keyPressEvent(self, event: QKeyEvent) -> None:
        cursor = self.textCursor()
        if (
            event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and event.modifiers()
            in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier)
            and cursor.blockFormat().headingLevel()
            and not cursor.hasSelection()
        ):
            # Qt made the second half of a split heading a paragraph in heading print (stored
            # and printed as a paragraph) and went on in heading print after it. As in Word:
            # Enter inside a heading splits it into two, at its end a paragraph follows.
            size = self.document().defaultFont().pointSizeF()
            blockstyle.split_heading(cursor, size)
            self.setTextCursor(cursor)
            self.ensureCursorVisible()
            return
        super().keyPressEvent(event)
        if event.text() == " " and lists.start_list(
            self.textCursor(), before=self.stepBoundary.emit
        ):
            self.stepBoundary.emit()

    def loadResource(self, kind: int, name) -> object:
        return self.document().loadResource(kind, name)
