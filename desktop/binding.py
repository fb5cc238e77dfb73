"""The binder: one widget ↔ one model path ("grunddaten.betreff", "beratungsfolge.0.datum").

An edit is parsed and validated at once, a German message appears next to the field, and
pushing model values back into widgets never re-enters the model (the `quiet()` guard, as in
Orange's `connectControl`). Each page has one binder; it registers with the Document as an
editor, so the session can flush pending rich text and list unreadable input in one call.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from pydantic import ValidationError
from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit, QWidget

from desktop.document import Document
from desktop.undo import UndoKeys
from forms.errors import german_validation_messages
from forms.formatting import EingabeFehler
from forms.labels import Section, field_label
from forms.rules import Problem, Schwere

if TYPE_CHECKING:
    from desktop.widgets.richtext import RichTextEditor


class ErrorSink(Protocol):
    """Where a field's German message goes (an ErrorLabel shows itself while it has text)."""

    def setText(self, text: str, /) -> None: ...


def error_text(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        lines = german_validation_messages(exc)
        # The field is obvious from where the message is shown; keep what is wrong.
        return "; ".join(line.split(": ", 1)[-1] for line in lines)
    return str(exc)


PathSpec = str | Callable[[], str | None]


@dataclass
class Binding:
    widget: QWidget
    path: PathSpec
    read: Callable[[], Any]  # widget → raw value
    write: Callable[[Any], None]  # raw value → widget
    parse: Callable[[Any], Any]
    fmt: Callable[[Any], Any]
    error: ErrorSink | None
    merge: bool = False  # typing: a burst of keystrokes is one undo step

    def resolved(self) -> str | None:
        return self.path() if callable(self.path) else self.path


class Binder:
    def __init__(self, document: Document, section: Section | None = None) -> None:
        self.document = document
        self.section = section  # where unreadable input is listed; None: pages outside a section
        self.bindings: list[Binding] = []
        self._quiet = False
        self._rich: list[RichTextEditor] = []
        self.on_edit: list[Callable[[], None]] = []
        # Typed input that could not be read (the model keeps the last readable value):
        # model path → German message, so the review page can list it as an error.
        self.invalid: dict[str, str] = {}
        # Strg+Z in a line edit means the document's undo, not the field's own history.
        self._undo_keys = UndoKeys(document, document)
        document.add_editor(self)

    def guard(self, widget: QWidget) -> None:
        """Strg+Z, Strg+Y in a field the binder does not bind (an entry line that adds to a
        list) are the document's too (desktop/undo.py)."""
        self._undo_keys.watch(widget)

    @property
    def loading(self) -> bool:
        return self._quiet

    @contextmanager
    def quiet(self) -> Iterator[None]:
        """Widget changes inside are display changes, never edits of the model."""
        before = self._quiet
        self._quiet = True
        try:
            yield
        finally:
            self._quiet = before

    def _add(self, binding: Binding, signal: Any) -> Binding:
        self.bindings.append(binding)
        signal.connect(lambda *_: self.commit(binding))
        return binding

    def commit(self, binding: Binding) -> bool:
        if self._quiet:
            return True
        path = binding.resolved()
        if path is None:
            return True
        try:
            value = binding.parse(binding.read())
            self.document.set(path, value, merge=binding.merge)
        except (EingabeFehler, ValidationError, ValueError) as exc:
            message = error_text(exc)
            self.invalid[path] = message
            self._show_error(binding, message)
            return False
        self.invalid.pop(path, None)
        self._show_error(binding, "")
        for callback in self.on_edit:
            callback()
        return True

    def _show_error(self, binding: Binding, text: str) -> None:
        binding.widget.setProperty("invalid", bool(text))
        # The red frame in words: screen readers read the description, the mouse the tooltip.
        widget = binding.widget
        if widget.property("ownTip") is None:
            widget.setProperty("ownTip", (widget.toolTip(), widget.accessibleDescription()))
        tip, description = widget.property("ownTip")
        widget.setToolTip(text or tip)
        widget.setAccessibleDescription(text or description)
        # Re-polish so the stylesheet's [invalid="true"] rule applies.
        style = binding.widget.style()
        style.unpolish(binding.widget)
        style.polish(binding.widget)
        if binding.error is not None:
            binding.error.setText(text)

    def load(self) -> None:
        """Push model values into every bound widget without triggering edits."""
        self.invalid.clear()
        with self.quiet():
            for binding in self.bindings:
                path = binding.resolved()
                if path is None:
                    binding.write(binding.fmt(None))
                    continue
                binding.write(binding.fmt(self.document.get(path)))
                self._show_error(binding, "")

    def widget_for(self, path: str) -> QWidget | None:
        for binding in self.bindings:
            if binding.resolved() == path:
                return binding.widget
        return None

    # -- the Editor protocol of desktop.document ---------------------------------------------
    def flush(self) -> None:
        for editor in self._rich:
            editor.flush()

    def input_problems(self) -> list[Problem]:
        if self.section is None:
            return []
        return [
            Problem(
                self.section,
                path,
                f"{field_label(path)}: Eingabe nicht übernommen – {message}",
                Schwere.FEHLER,
            )
            for path, message in self.invalid.items()
        ]

    # -- widget kinds -----------------------------------------------------------------------
    def line_edit(
        self,
        widget: QLineEdit,
        path: PathSpec,
        *,
        parse: Callable[[str], Any] = str,
        fmt: Callable[[Any], str] = lambda v: "" if v is None else str(v),
        error: ErrorSink | None = None,
    ) -> Binding:
        binding = Binding(widget, path, widget.text, _set_line(widget), parse, fmt, error, True)
        self._undo_keys.watch(widget)
        return self._add(binding, widget.textEdited)

    def plain_text(
        self, widget: QPlainTextEdit, path: PathSpec, error: ErrorSink | None = None
    ) -> Binding:
        def write(text: str) -> None:
            if widget.toPlainText() != text:
                widget.setPlainText(text)

        # The document's stack is the only undo (Strg+Z then reaches the Bearbeiten menu).
        widget.setUndoRedoEnabled(False)
        self._undo_keys.watch(widget)
        binding = Binding(
            widget, path, widget.toPlainText, write, str, lambda v: v or "", error, True
        )
        return self._add(binding, widget.textChanged)

    def combo_text(
        self,
        widget: QComboBox,
        path: PathSpec,
        *,
        parse: Callable[[str], Any] = str,
        fmt: Callable[[Any], str] = lambda v: "" if v is None else str(v),
        error: ErrorSink | None = None,
    ) -> Binding:
        """An editable combo: the typed or chosen text is the value."""

        def write(text: str) -> None:
            if widget.currentText() != text:
                index = widget.findText(text)
                if index >= 0:
                    widget.setCurrentIndex(index)
                widget.setEditText(text)

        binding = Binding(widget, path, widget.currentText, write, parse, fmt, error, True)
        if (line := widget.lineEdit()) is not None:
            self._undo_keys.watch(line)
        return self._add(binding, widget.currentTextChanged)

    def combo_data(
        self, widget: QComboBox, path: PathSpec, error: ErrorSink | None = None
    ) -> Binding:
        """A fixed-choice combo: the item's data is the value."""

        def write(value: Any) -> None:
            index = widget.findData(value)
            widget.setCurrentIndex(max(index, 0))

        binding = Binding(widget, path, widget.currentData, write, lambda v: v, lambda v: v, error)
        return self._add(binding, widget.currentIndexChanged)

    def custom(
        self,
        widget: QWidget,
        path: PathSpec,
        signal: Any,
        read: Callable[[], Any],
        write: Callable[[Any], None],
        *,
        parse: Callable[[Any], Any] = lambda v: v,
        fmt: Callable[[Any], Any] = lambda v: v,
        error: ErrorSink | None = None,
    ) -> Binding:
        return self._add(Binding(widget, path, read, write, parse, fmt, error), signal)

    def rich_text(self, editor: RichTextEditor, path: str) -> Binding:
        """A rich-text field: Markdown in the model; unsaved from the first keystroke on.

        The editor writes long texts after a pause; `flush()` writes them at once.
        """
        self._rich.append(editor)
        editor.edited.connect(lambda: None if self._quiet else self.document.note_pending())
        # One undo for the whole Vorlage: the editor's own QTextDocument history is off, a
        # rich-text step is its Markdown before and after (docs/wizard.md, "Bearbeiten").
        editor.editor.setUndoRedoEnabled(False)
        self._undo_keys.watch(editor.editor)
        # A paste or an automatic list is a step of its own, as the editor's history had it.
        # (A long text still waiting for its pause joins the step: converting it here, on
        # every paste, would stall typing in a 100-page text.)
        editor.editor.stepBoundary.connect(self.document.break_burst)

        def write(text: str) -> None:
            if text == editor.markdown():
                return
            # Shown again after undo: the cursor stays about where it was.
            position = editor.editor.textCursor().position()
            editor.set_markdown(text)
            shown = editor.markdown()
            if shown != text:  # converted to what the editor can show: the model takes it
                self.document.adopt(path, shown)
            cursor = editor.editor.textCursor()
            cursor.setPosition(min(position, editor.editor.document().characterCount() - 1))
            editor.editor.setTextCursor(cursor)

        binding = Binding(
            editor.editor, path, editor.markdown, write, lambda v: v, lambda v: v or "", None, True
        )
        return self._add(binding, editor.markdownChanged)


def _set_line(widget: QLineEdit) -> Callable[[str], None]:
    def write(text: str) -> None:
        if widget.text() != text:
            widget.setText(text)
            widget.setCursorPosition(0)

    return write
