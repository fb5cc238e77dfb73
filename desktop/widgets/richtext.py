"""Rich-text editor with a small toolbar; its value is CommonMark Markdown.

The text field itself (paste, Enter in headings, lists by typing, Tab in tables) is
`MarkdownTextEdit` in desktop/widgets/markdownedit.py; here: the toolbar and its formatting
commands, and when the Markdown reaches the model (at once, or after a pause on a worker).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QFont,
    QKeySequence,
    QTextCharFormat,
    QTextCursor,
    QTextTableFormat,
)
from PySide6.QtWidgets import QComboBox, QLabel, QToolBar, QVBoxLayout, QWidget

from desktop import blockstyle, lists, richtext
from desktop.handover import BackgroundMarkdown
from desktop.widgets.markdownedit import MarkdownTextEdit
from forms import markdown as markdown_module

# Up to this size (two pages) every keystroke updates the model at once; longer texts
# (serialising costs about 2 µs per character) are written after a short pause in typing,
# converted on a worker thread (desktop/handover.py); flush() converts at once.
IMMEDIATE_CHARS = 5_000
# How many of its own Markdown texts an editor remembers for undo (`RichTextEditor._wrote`).
WRITTEN_KEPT = 64
PAUSE_MS = 400
# Typing without pause still reaches the model (and the autosave) this often.
MAX_WAIT_MS = 2_000


class RichTextEditor(QWidget):
    markdownChanged = Signal()  # the Markdown may differ: read it with markdown()
    edited = Signal()  # every keystroke, before the (possibly delayed) markdownChanged

    def __init__(self, parent=None, *, placeholder: str = "") -> None:
        super().__init__(parent)
        self.editor = MarkdownTextEdit(self)
        self.editor.setPlaceholderText(placeholder)
        self.toolbar = QToolBar(self)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self._build_toolbar()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        # What the editor refused or converted, in German (the ⇥ limit, a converted file).
        self.notice = QLabel(self)
        self.notice.setObjectName("hintLabel")
        self.notice.setWordWrap(True)
        self.notice.hide()
        layout.addWidget(self.toolbar)
        layout.addWidget(self.notice)
        layout.addWidget(self.editor, 1)
        self.editor.pasteConverted.connect(
            lambda names: self.show_notice(
                "Beim Einfügen umgewandelt: "
                + ", ".join(names)
                + ". Der Text ist vollständig erhalten."
            )
        )
        self._setting = False
        # The Markdown of the document as last written or loaded; None after any change.
        self._markdown: str | None = ""
        self._pending = False
        self._pause = QTimer(self)
        self._pause.setSingleShot(True)
        self._pause.setInterval(PAUSE_MS)
        self._pause.timeout.connect(self._hand_over)
        self._max_wait = QTimer(self)
        self._max_wait.setSingleShot(True)
        self._max_wait.setInterval(MAX_WAIT_MS)
        self._max_wait.timeout.connect(self._hand_over)
        # Content changes since the editor was made, and the count the model's text reflects.
        self._edits = 0
        self._handed = 0
        self._handover: str | None = None  # a snapshot's Markdown while it is handed over
        self._written: dict[str, None] = {}  # the last texts markdown() gave (`_wrote`)
        self._background = BackgroundMarkdown(self, richtext.to_markdown)
        self._background.finished.connect(self._handed_over)
        self._background.failed.connect(lambda _edits: self.flush())
        self.editor.document().contentsChanged.connect(self._changed)
        self.editor.cursorPositionChanged.connect(self._sync_toolbar)

    # -- value ------------------------------------------------------------------------------
    def markdown(self) -> str:
        if self._handover is not None:
            return self._handover
        if self._markdown is None:
            self._markdown = richtext.to_markdown(self.editor.document())
            self._wrote(self._markdown)
        return self._markdown

    def _wrote(self, text: str) -> None:
        """Markdown this editor wrote: shown again (undo), it needs no round-trip check."""
        self._written[text] = None
        if len(self._written) > WRITTEN_KEPT:
            del self._written[next(iter(self._written))]

    def set_markdown(self, text: str) -> None:
        """Show `text`; what lies outside the editor's subset is converted now, once, and said.

        The converted Markdown is announced with `markdownChanged` right away, so the model
        holds what the editor shows and no later keystroke changes anything else.
        """
        if text == self.markdown():
            return
        if text in self._written:
            # The editor's own earlier text (undo, redo): canonical, shown as it is. Spares
            # normalising and converting back, two thirds of the time at 100 pages.
            self._setting = True
            try:
                richtext.set_markdown(self.editor.document(), text)
                self._markdown = text
                self._handed = self._edits
            finally:
                self._setting = False
            self.notice.hide()
            return
        self._setting = True
        try:
            canonical = markdown_module.normalize(text)
            richtext.set_markdown(self.editor.document(), canonical)
            if not canonical:  # "---" is an empty document too, holding a rule
                blockstyle.start_as_paragraph(self.editor.document())
            self._markdown = None
            written = self.markdown()
            self._handed = self._edits  # a conversion still running is of the old text
        finally:
            self._setting = False
        converted = markdown_module.unsupported(canonical) if written != canonical else []
        if written != canonical and not converted:
            converted = ["Formatierungen, die der Editor nicht darstellen kann"]
        if converted:
            self.show_notice(
                "Beim Öffnen an den Editor angepasst: "
                + ", ".join(converted)
                + ". Der Text ist vollständig erhalten."
            )
            QTimer.singleShot(0, self.markdownChanged.emit)
        else:
            self.notice.hide()

    def show_notice(self, text: str) -> None:
        self.notice.setText(text)
        self.notice.show()

    def _changed(self) -> None:
        if self._setting:
            return
        self._markdown = None
        self._edits += 1
        self.edited.emit()
        if self.editor.document().characterCount() <= IMMEDIATE_CHARS:
            self._pending = True
            self.flush()
            return
        self._pending = True
        self._pause.start()
        if not self._max_wait.isActive():
            self._max_wait.start()

    def flush(self) -> None:
        """Write a pending change now (before saving, exporting, checking)."""
        self._pause.stop()
        self._max_wait.stop()
        if self._pending:
            self._pending = False
            self._handed = self._edits
            self.markdownChanged.emit()

    def _hand_over(self) -> None:
        """After a pause (or the longest wait): a snapshot converted on a worker thread."""
        self._pause.stop()
        self._max_wait.stop()
        if self._pending and not self._background.start(self.editor.document(), self._edits):
            self._pause.start()  # one conversion at a time: the next one after this pause

    def _handed_over(self, edits: int, text: str) -> None:
        """A snapshot's Markdown into the model, unless a flush or a load came after it."""
        if edits <= self._handed:
            return
        self._handed = edits
        self._wrote(text)
        if edits == self._edits:  # nothing typed since the snapshot: it is the current text
            self._markdown = text
            self._pending = False
            self.markdownChanged.emit()
            return
        # Typed on meanwhile: the model gets the snapshot; the rest follows after the next pause.
        self._handover = text
        try:
            self.markdownChanged.emit()
        finally:
            self._handover = None

    # -- toolbar ----------------------------------------------------------------------------
    def _action(self, text: str, tip: str, slot, *shortcuts: str, toolbar: bool = True) -> QAction:
        """A toolbar button (or, toolbar=False, a shortcut only) working while typing."""
        action = QAction(text, self)
        sequences = [QKeySequence(s) for s in shortcuts]
        native = [s.toString(QKeySequence.SequenceFormat.NativeText) for s in sequences]
        action.setToolTip(tip + (f" ({', '.join(native)})" if native else ""))
        if sequences:
            action.setShortcuts(sequences)
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        if toolbar:
            self.toolbar.addAction(action)
        # Also on the editor's parent, so the shortcut works while typing in the editor.
        self.addAction(action)
        return action

    def _build_toolbar(self) -> None:
        self.style_combo = QComboBox(self)
        self.style_combo.addItem("Absatz", 0)
        for level in (1, 2, 3):
            self.style_combo.addItem(f"Überschrift {level}", level)
        self.style_combo.setToolTip("Absatzformat")
        self.style_combo.activated.connect(
            lambda _i: self.set_heading(self.style_combo.currentData())
        )
        self.toolbar.addWidget(self.style_combo)
        self.toolbar.addSeparator()
        # Word's German aliases Strg+Umschalt+F/K next to Strg+B/I.
        self.bold_action = self._action("F", "Fett", self.toggle_bold, "Ctrl+B", "Ctrl+Shift+F")
        self.bold_action.setCheckable(True)
        font = self.bold_action.font()
        font.setBold(True)
        self.bold_action.setFont(font)
        self.italic_action = self._action(
            "K", "Kursiv", self.toggle_italic, "Ctrl+I", "Ctrl+Shift+K"
        )
        self.italic_action.setCheckable(True)
        font = self.italic_action.font()
        font.setItalic(True)
        self.italic_action.setFont(font)
        self.toolbar.addSeparator()
        # Lists and tables as in Word (Strg+Umschalt+L) and LibreOffice Writer (F12 …).
        self.bullet_action = self._action(
            "• Liste", "Aufzählung", lambda: self.make_list(False), "Ctrl+Shift+L", "Shift+F12"
        )
        self.number_action = self._action(
            "1. Liste", "Nummerierte Liste", lambda: self.make_list(True), "F12"
        )
        self._action("⇤", "Einzug verkleinern", lambda: self.indent(-1), "Ctrl+Shift+M")
        self._action("⇥", "Einzug vergrößern", lambda: self.indent(1), "Ctrl+M")
        self.toolbar.addSeparator()
        self.table_action = self._action(
            "Tabelle",
            "Einfache Tabelle einfügen (3 Spalten, 2 Zeilen)",
            self.insert_table,
            "Ctrl+F12",
        )
        self.row_action = self._action(
            "+ Zeile", "Tabellenzeile anfügen", self.add_table_row, "Alt+Ins"
        )
        # Paragraph styles as in Word: Strg+Alt+1/2/3 headings, Strg+Umschalt+N Standard.
        self.heading_actions = [
            self._action(
                f"Überschrift {level}",
                f"Überschrift {level}",
                lambda *_, lv=level: self.set_heading(lv),
                f"Ctrl+Alt+{level}",
                toolbar=False,
            )
            for level in (1, 2, 3)
        ]
        self.paragraph_action = self._action(
            "Absatz",
            "Absatz (Standard)",
            lambda: self.set_heading(0),
            "Ctrl+Shift+N",
            toolbar=False,
        )

    def _sync_toolbar(self) -> None:
        cursor = self.editor.textCursor()
        fmt = cursor.charFormat()
        self.bold_action.setChecked(fmt.fontWeight() >= QFont.Weight.DemiBold)
        self.italic_action.setChecked(fmt.fontItalic())
        level = cursor.blockFormat().headingLevel()
        self.style_combo.setCurrentIndex(self.style_combo.findData(level))
        self.row_action.setEnabled(cursor.currentTable() is not None)

    def toggle_bold(self) -> None:
        fmt = QTextCharFormat()
        bold = self.editor.textCursor().charFormat().fontWeight() < QFont.Weight.DemiBold
        fmt.setFontWeight(QFont.Weight.Bold if bold else QFont.Weight.Normal)
        self._merge(fmt)

    def toggle_italic(self) -> None:
        fmt = QTextCharFormat()
        fmt.setFontItalic(not self.editor.textCursor().charFormat().fontItalic())
        self._merge(fmt)

    def _merge(self, fmt: QTextCharFormat) -> None:
        # With a selection it is formatted; without, the format applies to what is typed next.
        self.editor.mergeCurrentCharFormat(fmt)
        self._sync_toolbar()

    def set_heading(self, level: int) -> None:
        cursor = self.editor.textCursor()
        cursor.beginEditBlock()
        # Spacing as a heading or paragraph read from Markdown has it, not the old block's.
        blockstyle.restyle_blocks(cursor, level)
        size = self.editor.document().defaultFont().pointSizeF()
        cursor.select(QTextCursor.SelectionType.BlockUnderCursor)
        cursor.mergeCharFormat(blockstyle.standard_char_format(level, size))
        cursor.endEditBlock()
        self.editor.setFocus()

    def make_list(self, numbered: bool) -> None:
        lists.toggle_list(self.editor.textCursor(), numbered)
        self.editor.setFocus()

    def indent(self, step: int) -> None:
        refusal = lists.change_level(self.editor.textCursor(), step)
        if refusal:
            self.show_notice(refusal)
        else:
            self.notice.hide()

    def insert_table(self) -> None:
        fmt = QTextTableFormat()
        fmt.setBorder(1)
        fmt.setCellPadding(4)
        fmt.setCellSpacing(0)
        fmt.setBorderStyle(QTextTableFormat.BorderStyle.BorderStyle_Solid)
        cursor = self.editor.textCursor()
        cursor.insertTable(2, 3, fmt)
        self.editor.setTextCursor(cursor)  # now in the first cell
        self.editor.setFocus()

    def add_table_row(self) -> None:
        cursor = self.editor.textCursor()
        table = cursor.currentTable()
        if table is not None:
            table.appendRows(1)
