"""The Bearbeiten menu: Rückgängig and Wiederholen for the whole Vorlage; Suchen und Ersetzen.

The entries name the step ("Rückgängig: Beratung löschen") and follow the document's undo
stack; Strg+Z, Strg+Y and Strg+Umschalt+Z work in every field (desktop/undo.py routes the line
edits' own shortcuts here). After an undo the pages show the model again and the step's field
gets the focus, on its page (`MainWindow` connects `Document.restored`). Suchen (Strg+F),
Weitersuchen (F3), Rückwärts suchen (Umschalt+F3) and Ersetzen (Strg+H) open the find bar
(desktop/find.py).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu

from desktop.document import Document
from desktop.find import FindBar
from desktop.undo import REDO_KEYS, UNDO_KEYS


class EditMenu(QObject):
    """The menu and its actions; a QObject, so the stack's signals stop when the window goes.

    The slots use what the signals carry, never the stack itself: at exit the stack may be
    half destroyed while it still reports (its destructor clears it).
    """

    def __init__(
        self, window: QMainWindow, menu: QMenu, document: Document, find_bar: FindBar
    ) -> None:
        """Fills `menu`, the window's "Bearbeiten" (in the menu bar from the first paint)."""
        super().__init__(window)
        self.document = document
        self.menu = menu
        stack = document.undo_stack
        self.undo_action = QAction(UNDO, window)
        self.undo_action.setShortcuts(list(UNDO_KEYS))
        self.undo_action.triggered.connect(self._undo)
        self.redo_action = QAction(REDO, window)
        self.redo_action.setShortcuts(list(REDO_KEYS))
        self.redo_action.triggered.connect(self._redo)
        self.menu.addAction(self.undo_action)
        self.menu.addAction(self.redo_action)
        self.menu.addSeparator()
        self.find_action = self._add(window, "&Suchen…", "Ctrl+F", find_bar.open_find)
        self.find_next_action = self._add(window, "Weitersuche&n", "F3", find_bar.find_next)
        self.find_previous_action = self._add(
            window, "Rüc&kwärts suchen", "Shift+F3", find_bar.find_previous
        )
        self.replace_action = self._add(window, "&Ersetzen…", "Ctrl+H", find_bar.open_replace)
        self._texts = {UNDO: stack.undoText(), REDO: stack.redoText()}
        self._can = {UNDO: stack.canUndo(), REDO: stack.canRedo()}
        stack.undoTextChanged.connect(self._undo_text)
        stack.redoTextChanged.connect(self._redo_text)
        stack.canUndoChanged.connect(self._can_undo)
        stack.canRedoChanged.connect(self._can_redo)
        self._show()

    def _add(
        self, window: QMainWindow, text: str, keys: str, slot: Callable[[], object]
    ) -> QAction:
        action = QAction(text, window)
        action.setShortcut(QKeySequence(keys))
        action.triggered.connect(lambda _checked=False: slot())
        self.menu.addAction(action)
        return action

    @Slot()
    def _undo(self) -> None:
        self.document.undo()

    @Slot()
    def _redo(self) -> None:
        self.document.redo()

    @Slot(str)
    def _undo_text(self, text: str) -> None:
        self._texts[UNDO] = text
        self._show()

    @Slot(str)
    def _redo_text(self, text: str) -> None:
        self._texts[REDO] = text
        self._show()

    @Slot(bool)
    def _can_undo(self, can: bool) -> None:
        self._can[UNDO] = can
        self._show()

    @Slot(bool)
    def _can_redo(self, can: bool) -> None:
        self._can[REDO] = can
        self._show()

    def _show(self) -> None:
        for action, label in ((self.undo_action, UNDO), (self.redo_action, REDO)):
            can, text = self._can[label], self._texts[label]
            action.setEnabled(can)
            action.setText(f"{label}: {text}" if can and text else label)


UNDO = "&Rückgängig"
REDO = "&Wiederholen"
