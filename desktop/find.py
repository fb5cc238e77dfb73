"""Suchen und Ersetzen: the bar under the page (Strg+F, Strg+H, F3, Umschalt+F3).

What counts as a hit is `forms.search` (no Qt); here a hit is shown: the window goes to its page,
the page selects the row and scrolls to the field, the field selects the hit. The focus stays in
the bar, so typing goes on into the search text and never overwrites the hit; Esc closes the
bar and puts the focus on the hit.

Replacing goes through the document's undo: "Ersetzen" and "Alle ersetzen" are one step each
(`Document.step`). Plain fields are replaced in the model; rich-text fields in their editor (a
hit's formatting stays), whose Markdown the step then records.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut, QTextCursor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTextEdit,
    QWidget,
)

from desktop.document import Document
from desktop.pages.base import PageFrame
from desktop.undo import UndoKeys
from forms import search
from forms.flow import Step
from forms.labels import Section, field_label


class Pages(Protocol):
    """What the bar needs of the window: a step's page, built if need be, and going there."""

    def page(self, step: Step) -> PageFrame: ...
    def go_to(self, step: Step) -> PageFrame: ...


def _section(path: str) -> Section:
    return Section(path.partition(".")[0])


class FindBar(QWidget):
    def __init__(self, document: Document, pages: Pages, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.pages = pages
        self.setObjectName("findBar")
        self.setAccessibleName("Suchen und Ersetzen")
        # The hit shown last: (field order, start) — F3 goes on from there.
        self._position: tuple[int, int] | None = None
        self._shown: search.Hit | None = None
        # The fields' texts until the model changes: searching as you type only matches.
        self._fields: list[search.Field] | None = None
        document.modelChanged.connect(self._model_changed)

        self.query = QLineEdit(self)
        self.query.setObjectName("findText")
        self.query.setPlaceholderText("Suchen in der ganzen Vorlage")
        self.query.setAccessibleName("Suchen nach")
        self.query.setClearButtonEnabled(True)
        self.query.textEdited.connect(self._typed)
        self.query.returnPressed.connect(self.find_next)
        for keys in ("Shift+Return", "Shift+Enter"):
            back = QShortcut(QKeySequence(keys), self.query)
            back.setContext(Qt.ShortcutContext.WidgetShortcut)
            back.activated.connect(self.find_previous)
        self.previous_button = QPushButton("◀ Zurück", self)
        self.previous_button.setToolTip("Vorheriger Treffer (Umschalt+F3)")
        self.previous_button.clicked.connect(self.find_previous)
        self.next_button = QPushButton("Weiter ▶", self)
        self.next_button.setToolTip("Nächster Treffer (F3, Eingabetaste)")
        self.next_button.clicked.connect(self.find_next)
        self.case = QCheckBox("Groß-/Kleinschreibung", self)
        self.case.setToolTip("Nur Treffer mit genau dieser Groß- und Kleinschreibung")
        self.whole_word = QCheckBox("Nur ganzes Wort", self)
        self.whole_word.setToolTip("„Rat“ findet dann nicht „Beirat“ oder „Ratsbeschluss“")
        for box in (self.case, self.whole_word):
            box.toggled.connect(self._options_changed)
        self.status = QLabel(self)
        self.status.setObjectName("findStatus")
        self.close_button = QPushButton("Schließen", self)
        self.close_button.setToolTip("Suche schließen (Esc)")
        self.close_button.clicked.connect(self.close_bar)

        self.replacement = QLineEdit(self)
        self.replacement.setObjectName("replaceText")
        self.replacement.setPlaceholderText("Ersetzen durch")
        self.replacement.setAccessibleName("Ersetzen durch")
        self.replacement.returnPressed.connect(self.replace_one)
        self.replace_button = QPushButton("Ersetzen", self)
        self.replace_button.setToolTip("Diesen Treffer ersetzen und zum nächsten gehen")
        self.replace_button.clicked.connect(self.replace_one)
        self.replace_all_button = QPushButton("Alle ersetzen", self)
        self.replace_all_button.setToolTip(
            "Jeden Treffer in der ganzen Vorlage ersetzen – ein Schritt für Rückgängig"
        )
        self.replace_all_button.clicked.connect(self.replace_all)
        self.replace_label = QLabel("Ersetzen:", self)
        self.replace_label.setBuddy(self.replacement)

        layout = QGridLayout(self)
        layout.setContentsMargins(24, 6, 24, 6)
        layout.setHorizontalSpacing(8)
        layout.setVerticalSpacing(4)
        find_label = QLabel("Suchen:", self)
        find_label.setBuddy(self.query)
        layout.addWidget(find_label, 0, 0)
        layout.addWidget(self.query, 0, 1)
        layout.addWidget(self.previous_button, 0, 2)
        layout.addWidget(self.next_button, 0, 3)
        layout.addWidget(self.close_button, 0, 4)
        layout.addWidget(self.replace_label, 1, 0)
        layout.addWidget(self.replacement, 1, 1)
        layout.addWidget(self.replace_button, 1, 2)
        layout.addWidget(self.replace_all_button, 1, 3)
        options = QHBoxLayout()
        options.setSpacing(14)
        options.addWidget(self.case)
        options.addWidget(self.whole_word)
        options.addWidget(self.status, 1)
        layout.addLayout(options, 2, 1, 1, 4)
        layout.setColumnStretch(1, 1)
        # Strg+Z here too means the Vorlage (right after "Alle ersetzen" that is what it
        # should take back), not the search text.
        undo_keys = UndoKeys(document, self)
        undo_keys.watch(self.query)
        undo_keys.watch(self.replacement)
        escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        escape.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        escape.activated.connect(self.close_bar)
        document.replaced.connect(self._forget)
        self._set_replacing(False)
        self.hide()

    # -- opening and closing ------------------------------------------------------------------
    def open_find(self) -> None:
        """Strg+F: the bar, the search text selected for typing over."""
        self._set_replacing(False)
        self._open()

    def open_replace(self) -> None:
        """Strg+H: the bar with the replace row."""
        self._set_replacing(True)
        self._open()

    def _open(self) -> None:
        self.show()
        self.query.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.query.selectAll()

    def _set_replacing(self, on: bool) -> None:
        for widget in (
            self.replace_label,
            self.replacement,
            self.replace_button,
            self.replace_all_button,
        ):
            widget.setVisible(on)

    def close_bar(self) -> None:
        self.hide()
        hit = self._shown
        if hit is not None:
            widget = self.pages.page(_section(hit.path)).reveal(hit.path)
            if widget is not None:
                widget.setFocus(Qt.FocusReason.OtherFocusReason)

    def _forget(self) -> None:
        self._position = None
        self._shown = None
        self.status.clear()

    # -- finding ------------------------------------------------------------------------------
    def options(self) -> search.Options:
        return search.Options(self.case.isChecked(), self.whole_word.isChecked())

    def hits(self) -> list[search.Hit]:
        self.document.flush()  # text waiting for a pause is searched too
        if self._fields is None:
            self._fields = search.fields(self.document.vorlage)
        return search.find_in(self._fields, self.query.text(), self.options())

    def _model_changed(self) -> None:
        self._fields = None

    def find_next(self) -> search.Hit | None:
        return self._find(backwards=False)

    def find_previous(self) -> search.Hit | None:
        return self._find(backwards=True)

    def _find(self, *, backwards: bool) -> search.Hit | None:
        if not self.query.text():  # F3 before anything was searched: ask what
            self.open_find()
            return None
        self.show()
        hits = self.hits()
        hit = search.following(hits, self._position, backwards=backwards)
        self._show(hit, hits)
        return hit

    def _typed(self) -> None:
        # Typing on keeps the hit shown when it still matches (incremental search).
        hits = self.hits()
        position = self._position
        start = None if position is None else (position[0], position[1] - 1)
        self._show(search.following(hits, start), hits)

    def _options_changed(self) -> None:
        if self.query.text():
            self._typed()

    def _show(self, hit: search.Hit | None, hits: list[search.Hit]) -> None:
        self._shown = hit
        if hit is None:
            self.status.setText("Nicht gefunden" if self.query.text() else "")
            return
        self._position = hit.position
        self.status.setText(f"{hits.index(hit) + 1} von {len(hits)} – {field_label(hit.path)}")
        page = self.pages.go_to(_section(hit.path))
        widget = page.reveal(hit.path)
        if widget is not None:
            _select(widget, hit, self.query.text(), self.options())

    # -- replacing ----------------------------------------------------------------------------
    def replace_one(self) -> None:
        """Replace the hit shown (if it is still there), then show the next one."""
        hits = self.hits()
        hit = self._shown if self._shown in hits else None
        if hit is None:
            self.find_next()
            return
        if not hit.replaceable:
            self.status.setText(f"{field_label(hit.path)} wird ausgewählt, nicht ersetzt.")
            return
        text = self.replacement.text()
        with self.document.step("Ersetzen", focus=hit.path):
            self._replace_in(hit.path, hit.rich, occurrence=hit.occurrence)
        # On after the new text (an empty replacement: from where the hit was).
        self._position = (hit.order, hit.start + len(text) - 1)
        self.find_next()

    def replace_all(self) -> int:
        """Every replaceable hit of the Vorlage, as one undo step; returns how many."""
        hits = [h for h in self.hits() if h.replaceable]
        paths = {h.path: h.rich for h in hits}
        if paths:
            with self.document.step("Alle ersetzen"):
                for path, rich in paths.items():
                    self._replace_in(path, rich)
        count = len(hits)
        self._forget()
        self.status.setText(
            "Nichts ersetzt" if not count else f"{count} Stelle{'n' * (count > 1)} ersetzt"
        )
        return count

    def _replace_in(self, path: str, rich: bool, occurrence: int | None = None) -> None:
        query, text, options = self.query.text(), self.replacement.text(), self.options()
        if not rich:
            value, _ = search.replace(self.document.get(path), query, text, options, occurrence)
            self.document.set(path, value)
            return
        # In the editor, so each hit keeps its formatting; the step records the Markdown.
        widget = self.pages.page(_section(path)).reveal(path)
        assert isinstance(widget, QTextEdit)
        spans = search.matches(widget.toPlainText(), query, options)
        if occurrence is not None:
            spans = spans[occurrence : occurrence + 1]
        cursor = QTextCursor(widget.document())
        cursor.beginEditBlock()
        for start, end in reversed(spans):
            cursor.setPosition(start)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            cursor.insertText(text)
        cursor.endEditBlock()


def _select(widget: QWidget, hit: search.Hit, query: str, options: search.Options) -> None:
    """Select the hit in its field, without taking the focus from the bar."""
    if isinstance(widget, QComboBox):
        line = widget.lineEdit()
        if line is None:
            return
        widget = line
    if isinstance(widget, QLineEdit):
        widget.setSelection(hit.start, hit.end - hit.start)
        return
    if isinstance(widget, QTextEdit | QPlainTextEdit):
        start, end = hit.start, hit.end
        if hit.rich:  # the editor's text: its n-th hit is the model's n-th hit
            spans = search.matches(widget.toPlainText(), query, options)
            if not spans:
                return
            start, end = spans[min(hit.occurrence, len(spans) - 1)]
        cursor = widget.textCursor()
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        widget.setTextCursor(cursor)
        widget.ensureCursorVisible()
