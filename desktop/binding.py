"""The open Vorlage as a Qt object, and a small binder from widgets to model paths.

`Document` owns the Vorlage, its file path and the dirty flag, and says so by signals:
`modelChanged` after every edit (what autosave hooks into), `replaced` when a whole other
Vorlage was loaded (pages reload their widgets), `dirtyChanged`, `pathChanged`.

`Binder` connects one widget to one model path ("grunddaten.betreff",
"beratungsfolge.0.datum"); an edit is parsed and validated at once, a German error appears
next to the field, and pushing model values back into widgets never re-enters the model
(the `_loading` guard, as in Orange's `connectControl`).
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from forms.errors import german_validation_messages
from forms.formatting import EingabeFehler
from forms.model import Vorlage
from forms.profile import Profile, load_profile


def _split(path: str) -> list[str | int]:
    return [int(p) if p.isdigit() else p for p in path.split(".")]


def get_path(root: Any, path: str) -> Any:
    obj = root
    for part in _split(path):
        obj = obj[part] if isinstance(part, int) else getattr(obj, part)
    return obj


class Document(QObject):
    modelChanged = Signal()
    replaced = Signal()
    dirtyChanged = Signal(bool)
    pathChanged = Signal()

    def __init__(self, vorlage: Vorlage | None = None, profile: Profile | None = None) -> None:
        super().__init__()
        self.profile = profile or load_profile()
        self.vorlage = vorlage or Vorlage()
        self.path: Path | None = None
        self._dirty = False

    @property
    def dirty(self) -> bool:
        return self._dirty

    def set_dirty(self, dirty: bool) -> None:
        if dirty != self._dirty:
            self._dirty = dirty
            self.dirtyChanged.emit(dirty)

    def get(self, path: str) -> Any:
        return get_path(self.vorlage, path)

    def set(self, path: str, value: Any) -> None:
        """Assign with validation; raises ValidationError and leaves the model unchanged."""
        parts = _split(path)
        parent = self.vorlage
        for part in parts[:-1]:
            parent = parent[part] if isinstance(part, int) else getattr(parent, part)
        last = parts[-1]
        current = parent[last] if isinstance(last, int) else getattr(parent, last)
        if current == value and type(current) is type(value):
            return
        if isinstance(last, int):
            parent[last] = value
        else:
            setattr(parent, last, value)
        self.changed()

    def edit(self, change: Callable[[Vorlage], None]) -> None:
        """Structural edits (add/remove/move rows) on a copy, validated as a whole, then kept."""
        draft = self.vorlage.model_copy(deep=True)
        change(draft)
        self.vorlage = Vorlage.model_validate(draft.model_dump())
        self.changed()

    def changed(self) -> None:
        self.set_dirty(True)
        self.modelChanged.emit()

    def replace(self, vorlage: Vorlage, path: Path | None) -> None:
        self.vorlage = vorlage
        self.path = path
        self._dirty = True  # force the signal below
        self.set_dirty(False)
        self.pathChanged.emit()
        self.replaced.emit()
        self.modelChanged.emit()

    def mark_saved(self, path: Path) -> None:
        if path != self.path:
            self.path = path
            self.pathChanged.emit()
        self.set_dirty(False)

    def snapshot(self) -> Vorlage:
        """A deep copy for work on another thread (the GUI may go on editing)."""
        return copy.deepcopy(self.vorlage)


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
    error: QLabel | None

    def resolved(self) -> str | None:
        return self.path() if callable(self.path) else self.path


class Binder:
    def __init__(self, document: Document) -> None:
        self.document = document
        self.bindings: list[Binding] = []
        self._loading = False
        self.on_edit: list[Callable[[], None]] = []
        # Typed input that could not be read (the model keeps the last readable value):
        # model path → German message, so the review page can list it as an error.
        self.invalid: dict[str, str] = {}

    @property
    def loading(self) -> bool:
        return self._loading

    def _add(self, binding: Binding, signal: Any) -> Binding:
        self.bindings.append(binding)
        signal.connect(lambda *_: self.commit(binding))
        return binding

    def commit(self, binding: Binding) -> bool:
        if self._loading:
            return True
        path = binding.resolved()
        if path is None:
            return True
        try:
            value = binding.parse(binding.read())
            self.document.set(path, value)
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
            binding.error.setVisible(bool(text))

    def load(self) -> None:
        """Push model values into every bound widget without triggering edits."""
        self._loading = True
        self.invalid.clear()
        try:
            for binding in self.bindings:
                path = binding.resolved()
                if path is None:
                    binding.write(binding.fmt(None))
                    continue
                binding.write(binding.fmt(self.document.get(path)))
                self._show_error(binding, "")
        finally:
            self._loading = False

    def widget_for(self, path: str) -> QWidget | None:
        for binding in self.bindings:
            if binding.resolved() == path:
                return binding.widget
        return None

    # -- widget kinds -----------------------------------------------------------------------
    def line_edit(
        self,
        widget: QLineEdit,
        path: PathSpec,
        *,
        parse: Callable[[str], Any] = str,
        fmt: Callable[[Any], str] = lambda v: "" if v is None else str(v),
        error: QLabel | None = None,
    ) -> Binding:
        binding = Binding(widget, path, widget.text, _set_line(widget), parse, fmt, error)
        return self._add(binding, widget.textEdited)

    def plain_text(
        self, widget: QPlainTextEdit, path: PathSpec, error: QLabel | None = None
    ) -> Binding:
        def write(text: str) -> None:
            if widget.toPlainText() != text:
                widget.setPlainText(text)

        binding = Binding(widget, path, widget.toPlainText, write, str, lambda v: v or "", error)
        return self._add(binding, widget.textChanged)

    def combo_text(
        self,
        widget: QComboBox,
        path: PathSpec,
        *,
        parse: Callable[[str], Any] = str,
        fmt: Callable[[Any], str] = lambda v: "" if v is None else str(v),
        error: QLabel | None = None,
    ) -> Binding:
        """An editable combo: the typed or chosen text is the value."""

        def write(text: str) -> None:
            if widget.currentText() != text:
                index = widget.findText(text)
                if index >= 0:
                    widget.setCurrentIndex(index)
                widget.setEditText(text)

        binding = Binding(widget, path, widget.currentText, write, parse, fmt, error)
        return self._add(binding, widget.currentTextChanged)

    def combo_data(self, widget: QComboBox, path: PathSpec, error: QLabel | None = None) -> Binding:
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
        error: QLabel | None = None,
    ) -> Binding:
        return self._add(Binding(widget, path, read, write, parse, fmt, error), signal)


def _set_line(widget: QLineEdit) -> Callable[[str], None]:
    def write(text: str) -> None:
        if widget.text() != text:
            widget.setText(text)
            widget.setCursorPosition(0)

    return write

