"""The spell check in a widget: underline, context menu, jump (desktop/spelling.py drives it).

`TextField` puts a QSyntaxHighlighter on the document of a QTextEdit (rich text) or
QPlainTextEdit (Betreff); `LineField` (desktop/widgets/spellline.py) underlines in a QLineEdit
(an Anlage's title). Both are a `SpellField` (the context menu, here) and ask a `Speller` (the
window's SpellService) for verdicts; neither calls the dictionary itself.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any, Protocol

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import (
    QAction,
    QColor,
    QContextMenuEvent,
    QSyntaxHighlighter,
    QTextBlock,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
)
from PySide6.QtWidgets import QMenu, QPlainTextEdit, QTextEdit, QWidget

from desktop.undo import OWN_CONTEXT_MENU
from forms import spelling
from forms.spelling import Token

# Text arriving at once in larger pieces (a Vorlage opened, a long paste) is checked on the
# worker instead of paragraph by paragraph on the GUI thread.
BULK_CHARS = 5_000
# Underlining many paragraphs at once (a whole text checked) costs up to ~1 ms a paragraph at
# 100 pages: done in slices of this long, the rest in the next turn of the event loop, so
# typing never waits for more than one slice (benchmarks/children.py typing, issue 19).
SLICE_SECONDS = 0.008


class Speller(Protocol):
    """What a field needs from the window's spell check (desktop.spelling.SpellService)."""

    known: frozenset[str]

    @property
    def ready(self) -> bool: ...

    @property
    def checker(self) -> spelling.Checker: ...

    def wrong(self, token: Token) -> bool | None: ...

    def ask(self, words: list[str], done: Callable[[Any], None]) -> None: ...

    def run(
        self, operation: Callable[..., Any], done: Callable[[Any], None], *args: Any
    ) -> None: ...

    def suggestions(self, word: str) -> list[str]: ...

    def ignore(self, word: str) -> None: ...

    def add_to_dictionary(self, word: str) -> bool: ...

    def correct(self, change: Callable[[], None]) -> None:
        """Make a correction from the menu, one undo step of its own."""

    def standard_menu(self, menu: QMenu) -> None:
        """Adjust a field's standard menu as the window wants it (undo: the document's)."""


def underline_format() -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SpellCheckUnderline)
    fmt.setUnderlineColor(QColor("#d32f2f"))
    return fmt


class SpellField(QObject):
    """One widget's spell check: underline, context menu, jump to the first unknown word."""

    def __init__(self, service: Speller, widget: QWidget, path: Callable[[], str | None]):
        super().__init__(widget)
        self.service = service
        self.widget = widget
        self.path = path
        # The field's context menu is this one (suggestions first, then the standard menu
        # with the document's undo): desktop/undo.py's UndoKeys leaves it alone.
        widget.setProperty(OWN_CONTEXT_MENU, True)

    @property
    def pending(self) -> bool:
        """Underlines still to be drawn on the GUI thread (in slices)."""
        return False

    def check_all(self) -> None: ...

    def recheck_marked(self) -> None: ...

    def select_first_wrong(self) -> bool:
        return False

    def _menu(self, menu: QMenu, token: Token | None, replace: Callable[[str], None]) -> QMenu:
        service = self.service
        service.standard_menu(menu)
        if token is None or service.wrong(token) is not True:
            return menu
        first = menu.actions()[0] if menu.actions() else None
        suggestions = service.suggestions(token.word)
        added: list[QAction] = []
        for text in suggestions:
            action = QAction(text, menu)
            font = action.font()
            font.setBold(True)
            action.setFont(font)
            action.triggered.connect(lambda _c=False, t=text: service.correct(lambda: replace(t)))
            added.append(action)
        if not suggestions:
            none = QAction("(keine Vorschläge)", menu)
            none.setEnabled(False)
            added.append(none)
        ignore = QAction("Ignorieren", menu)
        ignore.triggered.connect(lambda: service.ignore(token.word))
        add = QAction("Zum Wörterbuch hinzufügen", menu)
        add.triggered.connect(lambda: service.add_to_dictionary(token.word))
        added += [ignore, add]
        if first is None:
            menu.addActions(added)
        else:
            menu.insertActions(first, added)
            menu.insertSeparator(first)
        return menu


def token_at(text: str, position: int) -> Token | None:
    return next((t for t in spelling.tokens(text) if t.start <= position <= t.end), None)


class _Highlighter(QSyntaxHighlighter):
    def __init__(self, field: TextField, document: QTextDocument) -> None:
        super().__init__(document)
        self.field = field

    def highlightBlock(self, text: str) -> None:
        self.field.highlight(self, text)


class TextField(SpellField):
    """QTextEdit (rich text) or QPlainTextEdit (Betreff): a highlighter on its document."""

    widget: QTextEdit | QPlainTextEdit

    def __init__(self, service: Speller, widget: QWidget, path: Callable[[], str | None]):
        super().__init__(service, widget, path)
        assert isinstance(widget, QTextEdit | QPlainTextEdit)
        self.format = underline_format()
        self.document = widget.document()
        self._bulk = False
        self._deferred: tuple[int, int, int] | None = None  # block number, start, end
        self._queued: dict[int, None] = {}  # block numbers to underline again, in order
        self._slice = QTimer(self)
        self._slice.setSingleShot(True)
        self._slice.setInterval(0)
        self._slice.timeout.connect(self._drain)
        # Before the highlighter's own connection, so a big change is seen before it.
        self.document.contentsChange.connect(self._before_change)
        with self._quiet():
            self.highlighter = _Highlighter(self, self.document)
            self.highlighter.rehighlight()  # nothing to mark yet; cancels Qt's queued pass
        self.document.contentsChange.connect(self._after_change)
        widget.cursorPositionChanged.connect(self._cursor_moved)
        widget.installEventFilter(self)
        widget.viewport().installEventFilter(self)

    def detach(self) -> None:
        """No more spell check in this field (its underlines go)."""
        self.document.contentsChange.disconnect(self._before_change)
        self.document.contentsChange.disconnect(self._after_change)
        self.widget.cursorPositionChanged.disconnect(self._cursor_moved)
        self.widget.removeEventFilter(self)
        self.widget.viewport().removeEventFilter(self)
        self._slice.stop()
        self._queued.clear()
        with self._quiet():
            self.highlighter.setDocument(None)

    def _quiet(self) -> _Blocked:
        return _Blocked(self.document)

    # -- highlighting ---------------------------------------------------------------------------
    def highlight(self, highlighter: _Highlighter, text: str) -> None:
        if self._bulk or not self.service.ready:
            return
        block = highlighter.currentBlock()
        cursor = self.widget.textCursor()
        at = cursor.positionInBlock() if cursor.block() == block and self._typing() else -1
        missing: list[str] = []
        for token in spelling.tokens(text):
            if token.start < at <= token.end:
                self._deferred = (block.blockNumber(), token.start, token.end)
                continue
            verdict = self.service.wrong(token)
            if verdict is None:
                missing += spelling.words_to_ask(token)
            elif verdict:
                highlighter.setFormat(token.start, token.end - token.start, self.format)
        if missing:
            number = block.blockNumber()
            self.service.ask(missing, lambda _r: self._rehighlight([number]))

    def _typing(self) -> bool:
        return self.widget.hasFocus()

    @property
    def pending(self) -> bool:
        return bool(self._queued)

    def _rehighlight(self, numbers: list[int]) -> None:
        """Underline these paragraphs again: at once up to SLICE_SECONDS, the rest in slices."""
        self._queued.update(dict.fromkeys(numbers))
        self._drain()

    def _drain(self) -> None:
        deadline = time.perf_counter() + SLICE_SECONDS
        with self._quiet():
            while self._queued:
                number = next(iter(self._queued))
                del self._queued[number]
                block = self.document.findBlockByNumber(number)
                if block.isValid():
                    self.highlighter.rehighlightBlock(block)
                if time.perf_counter() > deadline:
                    break
        if self._queued:
            self._slice.start()

    def _before_change(self, _position: int, removed: int, added: int) -> None:
        self._bulk = max(removed, added) > BULK_CHARS

    def _after_change(self, _position: int, _removed: int, _added: int) -> None:
        if self._bulk:
            self._bulk = False
            self.check_all()

    def check_all(self) -> None:
        """The whole text on the worker; then only paragraphs with unknown words again."""
        if not self.service.ready:
            return
        texts = _block_texts(self.document)
        known = self.service.known
        checker = self.service.checker

        def work() -> list[int]:
            marked = []
            for number, text in enumerate(texts):
                found = list(spelling.tokens(text))
                checker.judge(w for t in found for w in spelling.words_to_ask(t))
                if any(spelling.wrong(t, checker.verdicts, known) for t in found):
                    marked.append(number)
            return marked

        self.service.run(work, self._rehighlight)

    def recheck_marked(self) -> None:
        marked = []
        block = self.document.begin()
        while block.isValid():
            if block.layout() is not None and block.layout().formats():
                marked.append(block.blockNumber())
            block = block.next()
        self._rehighlight(marked)

    def _cursor_moved(self) -> None:
        deferred = self._deferred
        if deferred is None:
            return
        cursor = self.widget.textCursor()
        number, start, end = deferred
        if cursor.blockNumber() != number or not start < cursor.positionInBlock() <= end:
            self._deferred = None
            self._rehighlight([number])

    # -- context menu and jump ------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusOut and watched is self.widget and self._deferred:
            number = self._deferred[0]
            self._deferred = None
            self._rehighlight([number])
        if event.type() == QEvent.Type.ContextMenu and isinstance(event, QContextMenuEvent):
            keyboard = event.reason() == QContextMenuEvent.Reason.Keyboard
            if keyboard:
                cursor = self.widget.textCursor()
                at = self.widget.cursorRect().center()
            else:
                viewport_pos = self.widget.viewport().mapFrom(self.widget, event.pos())
                at = event.pos() if watched is self.widget.viewport() else viewport_pos
                cursor = self.widget.cursorForPosition(at)
            menu = self.context_menu(cursor)
            menu.exec(self.widget.viewport().mapToGlobal(at) if keyboard else event.globalPos())
            menu.deleteLater()
            return True
        return False

    def context_menu(self, cursor: QTextCursor) -> QMenu:
        """The standard menu with suggestions for the word at `cursor` on top."""
        block = cursor.block()
        token = token_at(block.text(), cursor.positionInBlock())
        menu = self.widget.createStandardContextMenu()

        def replace(text: str) -> None:
            assert token is not None
            edit = QTextCursor(block)
            edit.setPosition(block.position() + token.start)
            edit.setPosition(block.position() + token.end, QTextCursor.MoveMode.KeepAnchor)
            edit.insertText(text)
            self.widget.setTextCursor(edit)

        return self._menu(menu, token, replace)

    def select_first_wrong(self) -> bool:
        block = self.document.begin()
        while block.isValid():
            for token in spelling.tokens(block.text()):
                if self.service.wrong(token):
                    cursor = QTextCursor(block)
                    cursor.setPosition(block.position() + token.start)
                    cursor.setPosition(
                        block.position() + token.end, QTextCursor.MoveMode.KeepAnchor
                    )
                    self.widget.setTextCursor(cursor)
                    self.widget.ensureCursorVisible()
                    return True
            block = block.next()
        return False


def _block_texts(document: QTextDocument) -> list[str]:
    texts = []
    block: QTextBlock = document.begin()
    while block.isValid():
        texts.append(block.text())
        block = block.next()
    return texts


class _Blocked:
    """Format-only changes: the document's signals are held back (no edit is reported)."""

    def __init__(self, document: QTextDocument) -> None:
        self.document = document
        self.before = False

    def __enter__(self) -> None:
        self.before = self.document.blockSignals(True)

    def __exit__(self, *_exc: object) -> None:
        self.document.blockSignals(self.before)


def underlined(block: QTextBlock) -> list[tuple[int, int]]:
    """(start, length) of the spell-check underlines in a paragraph (QTextLayout formats)."""
    layout = block.layout()
    if layout is None:
        return []
    style = QTextCharFormat.UnderlineStyle.SpellCheckUnderline
    return [
        (r.start, r.length)
        for r in layout.formats()
        if r.format.underlineStyle() == style
        and r.format.property(QTextFormat.Property.TextUnderlineStyle) is not None
    ]
