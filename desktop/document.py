"""The open Vorlage as a Qt object: the model, its file, the dirty flag and what is wrong with it.

Signals: `modelChanged` after every edit (autosave and the side list hook into it),
`replaced` when a whole other Vorlage was loaded (pages reload their widgets),
`restored` when undo, redo or a `step` changed values behind the widgets' backs (pages show
the model again; the argument is the model path to focus, or ""), `profileChanged` just before
`replaced` when that Vorlage belongs to another municipal profile (the window rebuilds the
section pages: catalogues, hints), `homeProfileChanged` when the clerk chose another profile
(the start page's catalogues), `dirtyChanged`, `pathChanged`,
`hintsChanged` (a hint source, e.g. the spell check, has news).

Every edit is a step on `undo_stack` (desktop/undo.py): `set` for one field (what a binder
calls; typing bursts merge), `edit` for structural changes, `step(name)` for several changes
as one. The dirty flag is the stack's clean state, so undoing back to the saved state makes
the Vorlage unchanged again; saving marks the stack clean and keeps it.

Two registries make the session's work one call each:
- editors (one per page, `desktop.binding.Binder`) that may hold typed text not yet in the
  model: `flush()` writes it, `input_problems()` lists text that could not be taken over;
- the rule check `problems()` runs once per change, however many views ask for it;
- hint sources: Hinweise computed elsewhere, in the background (unknown words of the spell
  check, desktop/spelling.py); the review page lists them after the rules' problems.
"""

from __future__ import annotations

import copy
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Protocol

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtGui import QUndoStack

from desktop.undo import UNDO_LIMIT, Change, FieldChange, Step, VorlageChange, step_name
from forms import profiles
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
    profileChanged = Signal()
    homeProfileChanged = Signal()
    dirtyChanged = Signal(bool)
    pathChanged = Signal()
    restored = Signal(str)
    hintsChanged = Signal()

    def __init__(
        self,
        vorlage: Vorlage | None = None,
        profile: Profile | None = None,
        *,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__()
        # The clerk's profile (setting, --profil): new Vorlagen, files that record none.
        self.home_profile = profile or load_profile()
        # The open Vorlage's profile (forms.profiles.for_vorlage) and what to tell about it.
        self.profile = self.home_profile
        self.profile_note = ""
        self.vorlage = vorlage or self.home_profile.new_vorlage()
        self.path: Path | None = None
        # What the file held when it was opened or last saved here: a save notices when
        # another window or program changed it meanwhile (forms.projectfile.save(expected=)).
        self.stamp: FileStamp | None = None
        self._editors: list[Editor] = []
        self._hint_sources: list[Callable[[], list[Problem]]] = []
        self._problems: list[Problem] | None = None
        self.clock = clock  # when keystrokes reach the model: bursts of typing are one step
        self.undo_stack = QUndoStack(self)
        self.undo_stack.setUndoLimit(UNDO_LIMIT)
        # The stack's clean state as it reports it (at exit it reports while destroyed).
        self._clean = True
        self.undo_stack.cleanChanged.connect(self._clean_changed)
        self._open: Step | None = None  # the step that `step()` is gathering
        self._focus = ""  # where the step undone or redone last wants the focus
        self._break = False  # the next change begins a step of its own
        # Unsaved beyond the stack: work restored from a backup or recovery copy (`_forced`),
        # rich text typed but not yet in the model (`_pending`, a long text waits for a pause).
        self._forced = False
        self._pending = False
        self._shown_dirty = False

    # -- dirty state and name ---------------------------------------------------------------
    @property
    def dirty(self) -> bool:
        return self._forced or self._pending or not self._clean

    @Slot(bool)
    def _clean_changed(self, clean: bool) -> None:
        self._clean = clean
        self._update_dirty()

    def _update_dirty(self) -> None:
        if self.dirty != self._shown_dirty:
            self._shown_dirty = self.dirty
            self.dirtyChanged.emit(self._shown_dirty)

    def set_dirty(self, dirty: bool) -> None:
        """True: unsaved whatever the stack says (restored work); False: this state is saved."""
        if dirty:
            self._forced = True
        else:
            self._forced = self._pending = False
            self.undo_stack.setClean()
        self._update_dirty()

    def note_pending(self) -> None:
        """A keystroke whose text reaches the model later: unsaved from now on."""
        self._pending = True
        self._update_dirty()

    def display_name(self) -> str:
        return self.path.name if self.path else "Unbenannt"

    # -- editing ----------------------------------------------------------------------------
    def get(self, path: str) -> Any:
        return get_path(self.vorlage, path)

    def assign(self, path: str, value: Any) -> None:
        """Assign with validation, no undo step; raises ValidationError, model unchanged."""
        parts = _split(path)
        parent: Any = self.vorlage
        for part in parts[:-1]:
            parent = _child(parent, part)
        last = parts[-1]
        if isinstance(last, int):
            parent[last] = value
        else:
            setattr(parent, last, value)

    def set(self, path: str, value: Any, *, name: str = "", merge: bool = False) -> None:
        """One field's new value as an undo step (named after the field unless `name`);
        `merge`: typing, whose keystrokes in a burst are one step. Raises ValidationError
        and leaves the model unchanged."""
        before = self.get(path)
        if before == value and type(before) is type(value):
            return
        self.assign(path, value)
        change = FieldChange(path, before, self.get(path))
        self._record(change, name or step_name(path), path, path if merge else "")

    def edit(
        self,
        change: Callable[[Vorlage], None],
        name: str = "Bearbeiten",
        focus: str = "",
        focus_after: str | None = None,
    ) -> None:
        """Structural edits (add/remove/move rows) on a copy, validated as a whole, then kept
        as one undo step `name`; undoing it focuses the model path `focus`, redoing it
        `focus_after` (default: the same)."""
        draft = self.vorlage.model_copy(deep=True)
        change(draft)
        before, self.vorlage = self.vorlage, Vorlage.model_validate(draft.model_dump())
        self._record(VorlageChange(before, self.vorlage), name, focus, "", focus_after)

    @contextmanager
    def step(self, name: str, focus: str = "") -> Iterator[None]:
        """Every `set` and `edit` inside is one undo step `name` ("Alle ersetzen",
        "Textbaustein einfügen"); editors are flushed at the end, so text typed or inserted
        into a widget inside belongs to it too. Afterwards the pages show the model; on an
        exception everything inside is undone."""
        if self._open is not None:  # nested: part of the outer step
            yield
            return
        self._open = gathered = Step(self, name, [], focus=focus)
        try:
            yield
            self.flush()
        except BaseException:
            self._open = None
            gathered.undo()
            self.restored.emit("")
            raise
        self._open = None
        if gathered.changes:
            self.undo_stack.push(gathered)
            self._pending = False
            self._update_dirty()
        self.restored.emit("")

    def _record(
        self,
        change: Change,
        name: str,
        focus: str,
        merge_key: str,
        focus_after: str | None = None,
    ) -> None:
        if self._open is not None:
            self._open.changes.append(change)
        else:
            step = Step(
                self,
                name,
                [change],
                focus=focus,
                focus_after=focus_after,
                merge_key=merge_key,
                at=self.clock(),
                after_break=self._break,
            )
            self._break = False
            self.undo_stack.push(step)
            self._pending = False
        self._changed()

    def adopt(self, path: str, value: Any) -> None:
        """The value an editor shows after converting what the model had (a file's Markdown
        outside the editor's subset): taken over without an undo step, so undo never brings
        the unconverted text back; unsaved, since the file still holds the old one."""
        if self.get(path) == value:
            return
        self.assign(path, value)
        self._forced = True
        self._changed()

    def break_burst(self) -> None:
        """The typing burst ends here: the next change is a new step (a paste, an automatic
        list in a rich-text editor; `Step.mergeWith`)."""
        self._break = True

    def _changed(self) -> None:
        self._problems = None
        self._update_dirty()
        self.modelChanged.emit()

    def changed(self) -> None:
        """The model was changed outside the undo stack (restored work): unsaved."""
        self._forced = True
        self._changed()

    # -- undo and redo ------------------------------------------------------------------------
    def undo(self) -> None:
        self.flush()  # text still waiting for a pause is the newest step
        self._replay(self.undo_stack.undo, self.undo_stack.canUndo())

    def redo(self) -> None:
        self.flush()
        self._replay(self.undo_stack.redo, self.undo_stack.canRedo())

    def _replay(self, action: Callable[[], None], possible: bool) -> None:
        if not possible or self._open is not None:
            return
        self._focus = ""
        action()
        self._pending = False
        self._update_dirty()
        # After the stack is done: the pages may now show the model and move the focus.
        self.restored.emit(self._focus)

    def replayed(self, focus: str) -> None:
        """Called by a step that was undone or redone (desktop/undo.py)."""
        self._focus = focus
        self._changed()

    def set_home_profile(self, profile: Profile) -> None:
        """The clerk chose another profile: it holds for new Vorlagen and files without one."""
        if profile is not self.home_profile:
            self.home_profile = profile
            self.homeProfileChanged.emit()

    def replace(self, vorlage: Vorlage, path: Path | None, stamp: FileStamp | None = None) -> None:
        choice = profiles.for_vorlage(vorlage.profil, self.home_profile)
        if not vorlage.profil:
            vorlage.profil = choice.profile.id  # recorded when saved (schema version 2)
        self.profile_note = choice.hinweis
        if choice.profile is not self.profile:
            self.profile = choice.profile
            self._problems = None
            self.profileChanged.emit()
        self.vorlage = vorlage
        self.path = path
        self.stamp = stamp
        self._problems = None
        # Another Vorlage: its history starts here. The signal below is sent in any case.
        self._forced = self._pending = False
        self._shown_dirty = True
        self.undo_stack.clear()
        self._update_dirty()
        self.pathChanged.emit()
        self.replaced.emit()
        self.modelChanged.emit()

    def mark_saved(self, path: Path, stamp: FileStamp | None = None) -> None:
        """Saved: the stack stays (undo goes on), this state is its clean one."""
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

    def remove_editor(self, editor: Editor) -> None:
        """A page was dropped (another profile's pages replace it)."""
        if editor in self._editors:
            self._editors.remove(editor)

    def flush(self) -> None:
        """Every editor's pending text into the model (before saving, exporting, leaving)."""
        for editor in self._editors:
            editor.flush()
        if self._pending:
            self._pending = False
            self._update_dirty()

    def problems(self) -> list[Problem]:
        """The rule check of the current model; computed once per change."""
        if self._problems is None:
            self._problems = problems(self.vorlage, self.profile)
        return self._problems

    def input_problems(self) -> list[Problem]:
        """Typed text no editor could take over, in page order."""
        found = [p for editor in self._editors for p in editor.input_problems()]
        return sorted(found, key=lambda p: STEPS.index(p.section))

    def add_hint_source(self, source: Callable[[], list[Problem]]) -> None:
        self._hint_sources.append(source)

    def hints(self) -> list[Problem]:
        """What the hint sources know now (never waits for them)."""
        return [p for source in self._hint_sources for p in source()]

    def all_problems(self) -> list[Problem]:
        return self.input_problems() + self.problems() + self.hints()
