"""The open Vorlage as a Qt object: the model, its file, the dirty flag and what is wrong with it.

Signals: `modelChanged` after every edit (autosave and the side list hook into it),
`replaced` when a whole other Vorlage was loaded (pages reload their widgets),
`dirtyChanged`, `pathChanged`.

Two registries make the session's work one call each:
- editors (one per page, `desktop.binding.Binder`) that may hold typed text not yet in the
  model: `flush()` writes it, `input_problems()` lists text that could not be taken over;
- the rule check `problems()` runs once per change, however many views ask for it.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

from PySide6.QtCore import QObject, Signal

from forms.files import FileStamp
from forms.flow import STEPS
from forms.model import Vorlage
from forms.profile import Profile, load_profile
from forms.rules import Problem, problems


class Editor(Protocol):
    """What the document needs from a page's binder."""

    def flush(self) -> None:
        """Write typed text that is still pending (a long rich text waits for a pause)."""

    def input_problems(self) -> list[Problem]:
        """Typed text that could not be read, as errors: the file would not contain it."""


def _split(path: str) -> list[str | int]:
    return [int(p) if p.isdigit() else p for p in path.split(".")]


def _child(obj: Any, part: str | int) -> Any:
    return obj[part] if isinstance(part, int) else getattr(obj, part)


def get_path(root: Any, path: str) -> Any:
    """The value at a model path such as "beratungsfolge.0.datum"."""
    obj = root
    for part in _split(path):
        obj = _child(obj, part)
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
        # What the file held when it was opened or last saved here: a save notices when
        # another window or program changed it meanwhile (forms.projectfile.save(expected=)).
        self.stamp: FileStamp | None = None
        self._dirty = False
        self._editors: list[Editor] = []
        self._problems: list[Problem] | None = None

    # -- dirty state and name ---------------------------------------------------------------
    @property
    def dirty(self) -> bool:
        return self._dirty

    def set_dirty(self, dirty: bool) -> None:
        if dirty != self._dirty:
            self._dirty = dirty
            self.dirtyChanged.emit(dirty)

    def display_name(self) -> str:
        return self.path.name if self.path else "Unbenannt"

    # -- editing ----------------------------------------------------------------------------
    def get(self, path: str) -> Any:
        return get_path(self.vorlage, path)

    def set(self, path: str, value: Any) -> None:
        """Assign with validation; raises ValidationError and leaves the model unchanged."""
        parts = _split(path)
        parent: Any = self.vorlage
        for part in parts[:-1]:
            parent = _child(parent, part)
        last = parts[-1]
        current = _child(parent, last)
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
        self._problems = None
        self.set_dirty(True)
        self.modelChanged.emit()

    def replace(self, vorlage: Vorlage, path: Path | None, stamp: FileStamp | None = None) -> None:
        self.vorlage = vorlage
        self.path = path
        self.stamp = stamp
        self._problems = None
        self._dirty = True  # force the signal below
        self.set_dirty(False)
        self.pathChanged.emit()
        self.replaced.emit()
        self.modelChanged.emit()

    def mark_saved(self, path: Path, stamp: FileStamp | None = None) -> None:
        self.stamp = stamp
        if path != self.path:
            self.path = path
            self.pathChanged.emit()
        self.set_dirty(False)

    def snapshot(self) -> Vorlage:
        """A deep copy for work on another thread (the GUI may go on editing)."""
        return copy.deepcopy(self.vorlage)

    # -- editors and problems ---------------------------------------------------------------
    def add_editor(self, editor: Editor) -> None:
        self._editors.append(editor)

    def flush(self) -> None:
        """Every editor's pending text into the model (before saving, exporting, leaving)."""
        for editor in self._editors:
            editor.flush()

    def problems(self) -> list[Problem]:
        """The rule check of the current model; computed once per change."""
        if self._problems is None:
            self._problems = problems(self.vorlage, self.profile)
        return self._problems

    def input_problems(self) -> list[Problem]:
        """Typed text no editor could take over, in page order."""
        found = [p for editor in self._editors for p in editor.input_problems()]
        return sorted(found, key=lambda p: STEPS.index(p.section))

    def all_problems(self) -> list[Problem]:
        return self.input_problems() + self.problems()
