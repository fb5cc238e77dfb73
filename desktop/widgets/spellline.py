"""The spell check in a QLineEdit (an Anlage's title): the underline as input-method formats of
its text layout, the context menu of desktop/widgets/spellcheck.py."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QContextMenuEvent, QInputMethodEvent
from PySide6.QtWidgets import QLineEdit, QMenu, QWidget

from desktop.widgets.spellcheck import Speller, SpellField, token_at, underline_format
from forms import spelling
from forms.spelling import Token


class LineField(SpellField):
    """QLineEdit (an Anlage's title): the underline as input-method formats of its layout."""

    widget: QLineEdit

    def __init__(self, service: Speller, widget: QWidget, path: Callable[[], str | None]):
        super().__init__(service, widget, path)
        assert isinstance(widget, QLineEdit)
        self.format = underline_format()
        self.marked: list[Token] = []
        widget.textChanged.connect(self.check_all)
        widget.cursorPositionChanged.connect(lambda *_: self.check_all())
        widget.installEventFilter(self)

    def check_all(self) -> None:
        if not self.service.ready:
            return
        text = self.widget.text()
        at = self.widget.cursorPosition() if self.widget.hasFocus() else -1
        marked, missing = [], []
        for token in spelling.tokens(text):
            if token.start < at <= token.end:
                continue
            verdict = self.service.wrong(token)
            if verdict is None:
                missing += spelling.words_to_ask(token)
            elif verdict:
                marked.append(token)
        if missing:
            self.service.ask(missing, lambda _r: self.check_all())
        if marked != self.marked:
            self.marked = marked
            self._apply()

    def recheck_marked(self) -> None:
        self.check_all()

    def _apply(self) -> None:
        # QLineEdit has no highlighter: formats given as an (empty) input-method event are
        # kept by its text layout; positions are relative to the cursor.
        cursor = self.widget.cursorPosition()
        attributes = [
            QInputMethodEvent.Attribute(
                QInputMethodEvent.AttributeType.TextFormat,
                t.start - cursor,
                t.end - t.start,
                self.format,
            )
            for t in self.marked
        ]
        event = QInputMethodEvent("", attributes)
        self.widget.inputMethodEvent(event)

    def formats(self) -> list[tuple[int, int]]:
        """(start, length) of each underlined word, for tests and the review's jump."""
        return [(t.start, t.end - t.start) for t in self.marked]

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusOut:
            QTimer.singleShot(0, self.check_all)
        if event.type() == QEvent.Type.ContextMenu and isinstance(event, QContextMenuEvent):
            keyboard = event.reason() == QContextMenuEvent.Reason.Keyboard
            position = (
                self.widget.cursorPosition()
                if keyboard
                else self.widget.cursorPositionAt(event.pos())
            )
            menu = self.context_menu(position)
            menu.exec(
                self.widget.mapToGlobal(self.widget.cursorRect().center())
                if keyboard
                else event.globalPos()
            )
            menu.deleteLater()
            return True
        return False

    def context_menu(self, position: int) -> QMenu:
        token = token_at(self.widget.text(), position)
        menu = self.widget.createStandardContextMenu()

        def replace(text: str) -> None:
            assert token is not None
            self.widget.setSelection(token.start, token.end - token.start)
            self.widget.insert(text)

        return self._menu(menu, token, replace)

    def select_first_wrong(self) -> bool:
        if not self.marked:
            return False
        token = self.marked[0]
        self.widget.setSelection(token.start, token.end - token.start)
        return True
