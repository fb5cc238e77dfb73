"""Einfügen › Textbaustein…: the picker at the cursor and the clerk's own Textbausteine.

Strg+Umschalt+T (or the menu) opens a small picker over the cursor of the rich-text field that
has the focus: a filter line and a list, usable by keyboard only (type to filter, Pfeil hoch /
runter to choose, Enter inserts, Esc closes). The text is inserted at the cursor as one step of
the document's undo (`Document.step`), its placeholders filled from the Vorlage
(`forms.textbausteine.fill`); the first one left over is selected, so typing replaces it.

The clerk's own are kept in the user data folder (`forms.textbausteine.user_file`), read when
the picker opens; "Markierten Text als Textbaustein speichern…" adds one, export and import
copy them to and from a file another clerk can import.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import (
    QEvent,
    QObject,
    QPoint,
    QRect,
    QRegularExpression,
    QSize,
    Qt,
    QTimer,
    Slot,
)
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence, QTextCursor
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFileDialog,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QVBoxLayout,
    QWidget,
)

from desktop import richtext
from desktop.dialogs import Dialogs, Shown
from desktop.document import Document
from desktop.pages.base import Page
from desktop.widgets.buttons import accept_cancel
from desktop.widgets.markdownedit import MarkdownTextEdit
from desktop.widgets.richtext import RichTextEditor
from forms import textbausteine
from forms.textbausteine import Textbaustein, TextbausteinError

SHORTCUT = "Ctrl+Shift+T"
STEP_NAME = "Textbaustein einfügen"
_LIST_KEYS = (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown)


class Picker(QDialog):
    """Filter line and list; Enter takes the highlighted one (`chosen`)."""

    def __init__(self, bausteine: list[tuple[Textbaustein, str]], parent: QWidget) -> None:
        super().__init__(parent)
        self.setWindowTitle("Textbaustein einfügen")
        self.bausteine = bausteine
        self.chosen: Textbaustein | None = None
        self.filter = QLineEdit(self)
        self.filter.setPlaceholderText("Suchen: Titel, Rubrik oder Text …")
        self.filter.setAccessibleName("Textbausteine filtern")
        self.filter.setClearButtonEnabled(True)
        self.list = QListWidget(self)
        self.list.setAccessibleName("Textbausteine")
        self.preview = QLabel(self)
        self.preview.setWordWrap(True)
        self.preview.setObjectName("hintLabel")
        self.preview.setMinimumHeight(60)
        buttons, _ok = accept_cancel(self, "Einfügen")
        layout = QVBoxLayout(self)
        label = QLabel("&Suchen:", self)
        label.setBuddy(self.filter)
        layout.addWidget(label)
        layout.addWidget(self.filter)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.preview)
        layout.addWidget(buttons)
        self.resize(460, 360)
        self.filter.textChanged.connect(self._refilter)
        self.list.currentItemChanged.connect(self._show_text)
        self.list.itemActivated.connect(lambda _item: self.accept())
        # Pfeil hoch/runter in the filter line move through the list: typing never stops.
        self.filter.installEventFilter(self)
        self._refilter("")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.filter
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() in _LIST_KEYS
        ):
            QApplication.sendEvent(self.list, event)
            return True
        return super().eventFilter(watched, event)

    @Slot(str)
    def _refilter(self, text: str) -> None:
        words = text.split()
        self.list.clear()
        for baustein, source in self.bausteine:
            if baustein.matches(words):
                label = f"{baustein.titel}  ·  {baustein.rubrik or source}"
                item = QListWidgetItem(label, self.list)
                item.setData(Qt.ItemDataRole.UserRole, baustein)
                item.setToolTip(baustein.text)
        if self.list.count():
            self.list.setCurrentRow(0)
        else:
            self.preview.setText("Kein Textbaustein passt zur Suche.")

    def _show_text(self, item: QListWidgetItem | None) -> None:
        if item is not None:
            self.preview.setText(item.data(Qt.ItemDataRole.UserRole).text)

    def accept(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return  # nothing to insert; the picker stays open
        self.chosen = item.data(Qt.ItemDataRole.UserRole)
        super().accept()


class TextbausteinMenu(QObject):
    """Einfügen › Textbaustein…, save the selection as one, export, import."""

    def __init__(
        self, window: QMainWindow, menu: QMenu, document: Document, dialogs: Dialogs
    ) -> None:
        """Fills `menu`, the window's "Einfügen" (in the menu bar from the first paint)."""
        super().__init__(window)
        self.window = window
        self.document = document
        self.dialogs = dialogs
        self.picker: Picker | None = None  # the open one (tests drive it)
        self.menu = menu
        self.insert_action = self._action("&Textbaustein…", self.open_picker, SHORTCUT)
        self.menu.addSeparator()
        self.save_action = self._action(
            "Markierten Text als Textbaustein &speichern…", self.save_selection
        )
        self.export_action = self._action("Eigene Textbausteine e&xportieren…", self.export)
        self.import_action = self._action("Textbausteine &importieren…", self.import_file)

    def _action(self, text: str, slot: Callable[[], None], shortcut: str = "") -> QAction:
        action = QAction(text, self.window)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda: slot())
        self.menu.addAction(action)
        return action

    # -- where the text goes -------------------------------------------------------------------
    def _target(self) -> tuple[RichTextEditor, str] | None:
        """The focused rich-text field and its model path."""
        widget = QApplication.focusWidget()
        if not isinstance(widget, MarkdownTextEdit):
            return None
        editor = widget.parent()
        page = editor
        while page is not None and not isinstance(page, Page):
            page = page.parent()  # the page the field is on, whichever window holds it
        if not isinstance(editor, RichTextEditor) or not isinstance(page, Page):
            return None
        for binding in page.binder.bindings:
            if binding.widget is widget and (path := binding.resolved()):
                return editor, path
        return None

    def _all(self) -> list[tuple[Textbaustein, str]]:
        found: list[tuple[Textbaustein, str]] = []
        try:
            found += [(b, "Eigener") for b in textbausteine.own()]
        except TextbausteinError as exc:
            self.dialogs.warning("Eigene Textbausteine nicht lesbar", str(exc))
        try:
            found += [
                (b, self.document.profile.stadt)
                for b in textbausteine.shipped(self.document.profile)
            ]
        except TextbausteinError as exc:
            self.dialogs.warning("Textbausteine des Profils nicht lesbar", str(exc))
        return found

    # -- insert --------------------------------------------------------------------------------
    def open_picker(self) -> None:
        target = self._target()
        if target is None:
            self.dialogs.info(
                "Textbaustein einfügen",
                "Setzen Sie den Cursor zuerst in ein Textfeld (Beschlussvorschlag oder "
                "Erläuterungen); der Textbaustein wird dort eingefügt.",
            )
            return
        editor, path = target
        self.picker = picker = Picker(self._all(), self.window)
        rect = editor.editor.cursorRect()
        at = editor.editor.viewport().mapToGlobal(rect.bottomLeft() + QPoint(0, 4))
        picker.finished.connect(lambda _result: self._picked(picker, editor, path))
        picker.open()  # shown first: only then is the size with the window frame known
        screen = self.window.screen().availableGeometry()
        picker.move(_on_screen(at, picker.frameGeometry().size(), screen))
        picker.filter.setFocus()

    def _picked(self, picker: Picker, editor: RichTextEditor, path: str) -> None:
        self.picker = None
        picker.deleteLater()
        if picker.chosen is not None:
            self.insert(editor, path, picker.chosen)
        # Back to the field once the picker is gone (its closing gives the focus back later).
        self.window.activateWindow()
        QTimer.singleShot(0, editor.editor, editor.editor.setFocus)

    def insert(self, editor: RichTextEditor, path: str, baustein: Textbaustein) -> None:
        """At the cursor, one undo step; the first placeholder left over is selected."""
        text = textbausteine.fill(baustein.text, self.document.vorlage, self.document.profile)
        edit = editor.editor
        with self.document.step(STEP_NAME, focus=path):
            cursor = edit.textCursor()
            start = cursor.selectionStart()
            html = richtext.markdown_to_html(text)
            cursor.insertHtml(html)
            end = cursor.position()
            edit.setTextCursor(cursor)
            editor.flush()
        found = edit.document().find(QRegularExpression(textbausteine.PLACEHOLDER.pattern), start)
        if not found.isNull() and found.selectionEnd() <= end:
            edit.setTextCursor(found)
        else:
            cursor = edit.textCursor()
            cursor.setPosition(end)
            edit.setTextCursor(cursor)

    # -- the clerk's own -----------------------------------------------------------------------
    def save_selection(self) -> None:
        target = self._target()
        cursor = target[0].editor.textCursor() if target else QTextCursor()
        text = cursor.selection().toPlainText().strip() if target else ""
        if not text:
            self.dialogs.info(
                "Textbaustein speichern",
                "Markieren Sie zuerst in einem Textfeld den Text, der ein Textbaustein "
                "werden soll.",
            )
            return
        titel = self._ask_title(text)
        if not titel:
            return
        try:
            own = textbausteine.own()
            own, _added = textbausteine.merged(own, [Textbaustein(titel=titel, text=text)])
            textbausteine.write(textbausteine.user_file(), own)
        except TextbausteinError as exc:
            self.dialogs.warning("Textbaustein nicht gespeichert", str(exc))
            return
        self.window.statusBar().showMessage(f"Textbaustein „{titel}“ gespeichert.", 4000)

    def _ask_title(self, text: str) -> str:
        suggestion = text.splitlines()[0][:60]
        if not self.dialogs.interactive:
            self.dialogs.shown.append(Shown("question", "Textbaustein speichern", "Titel"))
            return str(self.dialogs.answers.get("textbaustein_titel", suggestion)).strip()
        titel, ok = QInputDialog.getText(
            self.window, "Textbaustein speichern", "Titel des Textbausteins:", text=suggestion
        )
        return titel.strip() if ok else ""

    def _path(self, title: str, save: bool) -> Path | None:
        if not self.dialogs.interactive:
            return self.dialogs.paths.popleft() if self.dialogs.paths else None
        ask = QFileDialog.getSaveFileName if save else QFileDialog.getOpenFileName
        name, _ = ask(self.window, title, "textbausteine.json", textbausteine.FILE_FILTER)
        return Path(name) if name else None

    def export(self) -> None:
        try:
            own = textbausteine.own()
        except TextbausteinError as exc:
            self.dialogs.warning("Textbausteine nicht exportiert", str(exc))
            return
        if not own:
            self.dialogs.info(
                "Textbausteine exportieren", "Es gibt noch keine eigenen Textbausteine."
            )
            return
        path = self._path("Eigene Textbausteine exportieren", save=True)
        if path is None:
            return
        try:
            textbausteine.write(path, own)
        except TextbausteinError as exc:
            self.dialogs.warning("Textbausteine nicht exportiert", str(exc))
            return
        self.window.statusBar().showMessage(f"{len(own)} Textbausteine exportiert.", 4000)

    def import_file(self) -> None:
        path = self._path("Textbausteine importieren", save=False)
        if path is None:
            return
        try:
            new = textbausteine.read(path)
            own, added = textbausteine.merged(textbausteine.own(), new)
            textbausteine.write(textbausteine.user_file(), own)
        except TextbausteinError as exc:
            self.dialogs.warning("Textbausteine nicht importiert", str(exc))
            return
        self.dialogs.info(
            "Textbausteine importiert",
            f"{added} neue Textbausteine übernommen"
            + (f", {len(new) - added} waren schon vorhanden." if len(new) > added else "."),
        )


def _on_screen(at: QPoint, size: QSize, screen: QRect) -> QPoint:
    """The picker's corner at the cursor, moved left or up as far as it must to be wholly on
    the screen (the cursor at the end of a line sits near the right edge of a small screen)."""
    x = max(screen.left(), min(at.x(), screen.right() + 1 - size.width()))
    y = max(screen.top(), min(at.y(), screen.bottom() + 1 - size.height()))
    return QPoint(x, y)
