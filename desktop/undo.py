"""Undo and redo for the whole Vorlage: the steps on the document's `QUndoStack`.

One stack for everything the clerk changes (docs/wizard.md, "Bearbeiten"). A step holds the
model values before and after, never widget state: undoing writes the model back and the pages
show the model again (`Document.restored`), so model and widgets cannot disagree.

- A field edit is a `FieldChange` (path, value before, value after). Typing into one field
  without a pause longer than `BURST_PAUSE` is one step: the stack merges the steps of a burst
  (`Step.mergeWith`), timed by the document's clock (injectable, for tests).
- Structural edits (rows added, deleted, moved; an import) are a `VorlageChange`: the whole
  Vorlage before and after. Both are immutable once replaced, so a step keeps two references.
- `Document.step(name)` gathers several changes into one step ("Alle ersetzen").

Rich-text fields are field edits like any other: their Markdown before and after. The editors'
own QTextDocument undo is switched off (`desktop.binding`), so Strg+Z always means this stack.
Line edits keep an undo history of their own that Qt cannot switch off, and text edits take
Strg+Z for themselves even with their history off: `UndoKeys` sends their Strg+Z/Strg+Y to the
window's Bearbeiten menu, and the context menu's Rückgängig/Wiederholen of line edits and
plain-text fields to the document as well (a rich-text editor's own entries are greyed out).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QContextMenuEvent, QKeyEvent, QKeySequence, QUndoCommand, QUndoStack
from PySide6.QtWidgets import QLineEdit, QMenu, QPlainTextEdit, QWidget

from forms.labels import FIELD_LABELS, ROW_LISTS
from forms.model import Vorlage

# Typing into one field with pauses no longer than this (seconds) is one undo step.
BURST_PAUSE = 3.0
# How many steps are kept (a 100-page Erläuterungen keeps its Markdown twice per step).
UNDO_LIMIT = 200
_MERGE_ID = 1500  # QUndoCommand.id of the steps that may merge (typing bursts)

# A widget with this dynamic property builds its own context menu (the spell check's,
# desktop/widgets/spellcheck.py) and routes Rückgängig/Wiederholen itself (route_to_stack).
OWN_CONTEXT_MENU = "ownContextMenu"
UNDO_KEYS = (QKeySequence("Ctrl+Z"),)
REDO_KEYS = (QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z"))


class Document(Protocol):
    """What a step needs of `desktop.document.Document` (which imports this module)."""

    vorlage: Vorlage
    undo_stack: QUndoStack

    def assign(self, path: str, value: Any) -> None: ...
    def replayed(self, focus: str) -> None: ...
    def undo(self) -> None: ...
    def redo(self) -> None: ...


@dataclass
class FieldChange:
    """One model path's value before and after (`Document.set`)."""

    path: str
    before: Any
    after: Any

    def apply(self, document: Document, forward: bool) -> None:
        document.assign(self.path, self.after if forward else self.before)


@dataclass
class VorlageChange:
    """The whole Vorlage before and after (rows added, deleted, moved; an import)."""

    before: Vorlage
    after: Vorlage

    def apply(self, document: Document, forward: bool) -> None:
        document.vorlage = self.after if forward else self.before


Change = FieldChange | VorlageChange


class Step(QUndoCommand):
    """One entry of the Bearbeiten menu: its changes, where to put the focus afterwards.

    The changes are already made when the step is pushed (the first `redo` does nothing);
    `merge_key` (a field path) lets the next step of the same typing burst join this one.
    """

    def __init__(
        self,
        document: Document,
        name: str,
        changes: list[Change],
        *,
        focus: str = "",
        focus_after: str | None = None,
        merge_key: str = "",
        at: float = 0.0,
        after_break: bool = False,
    ) -> None:
        super().__init__(name)
        self.document = document
        self.changes = changes
        self.focus = focus  # after undo: where the change was
        self.focus_after = focus if focus_after is None else focus_after  # after redo
        self.merge_key = merge_key
        self.at = at  # when the last keystroke of the burst reached the model
        self.after_break = after_break  # begins a step of its own (`Document.break_burst`)
        self._done = True

    def id(self) -> int:
        return _MERGE_ID if self.merge_key else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, Step) or not self.merge_key or other.merge_key != self.merge_key:
            return False
        if other.after_break or other.at - self.at > BURST_PAUSE:
            return False
        stack = self.document.undo_stack
        if stack.cleanIndex() == stack.index():
            return False  # saved after this step: what follows is a new one
        mine, theirs = self.changes[0], other.changes[0]
        assert isinstance(mine, FieldChange) and isinstance(theirs, FieldChange)
        mine.after = theirs.after
        self.at = other.at
        # Typed and deleted again: nothing left to undo.
        self.setObsolete(mine.after == mine.before and type(mine.after) is type(mine.before))
        return True

    def redo(self) -> None:
        if self._done:
            return
        self._done = True
        for change in self.changes:
            change.apply(self.document, True)
        self.document.replayed(self.focus_after)

    def undo(self) -> None:
        self._done = False
        for change in reversed(self.changes):
            change.apply(self.document, False)
        self.document.replayed(self.focus)


def step_name(path: str) -> str:
    """The menu's name of a field edit: "Betreff ändern", "Einzahlungen, Ansatz ändern"."""
    parts = [p for p in path.split(".") if not p.isdigit()]
    words = [FIELD_LABELS.get(p, p) for p in parts]
    if path.startswith(("finanzen.investiv.", "finanzen.konsumtiv.")) and len(parts) == 4:
        return f"{words[2]}, {words[3]} ändern"
    return f"{words[-1]} ändern"


def row_noun(list_attr: str) -> str:
    """ "Beratung" for the Beratungsfolge's rows, "Anlage" for the Anlagen."""
    return {"beratungsfolge": "Beratung"}.get(list_attr, ROW_LISTS.get(list_attr, "Zeile"))


def _matches(event: QKeyEvent, keys: tuple[QKeySequence, ...]) -> bool:
    combined = QKeySequence(event.keyCombination())
    return any(combined.matches(k) == QKeySequence.SequenceMatch.ExactMatch for k in keys)


class UndoKeys(QObject):
    """A line edit's Strg+Z, Strg+Y, Strg+Umschalt+Z and its context menu's Rückgängig and
    Wiederholen go to the document's stack instead of the field's own history."""

    def __init__(self, document: Document, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.document = document

    def watch(self, widget: QWidget) -> None:
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress) and isinstance(
            event, QKeyEvent
        ):
            # Not taken by the field: the shortcut goes to the Bearbeiten menu, and with
            # nothing to undo the key does nothing (not the field's own undo).
            return _matches(event, UNDO_KEYS + REDO_KEYS)
        if (
            kind == QEvent.Type.ContextMenu
            and isinstance(watched, QLineEdit | QPlainTextEdit)
            and not watched.property(OWN_CONTEXT_MENU)
        ):
            assert isinstance(event, QContextMenuEvent)
            self._context_menu(watched, event)
            return True
        return False

    def _context_menu(self, widget: QLineEdit | QPlainTextEdit, event: QContextMenuEvent) -> None:
        menu = widget.createStandardContextMenu()
        route_to_stack(menu, self.document)
        menu.exec(event.globalPos())
        menu.deleteLater()


def route_to_stack(menu: QMenu, document: Document) -> None:
    """A field's standard context menu: Rückgängig and Wiederholen mean the document's stack
    (also used by the spell check's menu, desktop/spelling.py)."""
    stack = document.undo_stack
    actions: dict[str, tuple[Callable[[], None], bool]] = {
        "edit-undo": (document.undo, stack.canUndo()),
        "edit-redo": (document.redo, stack.canRedo()),
    }
    for action in menu.actions():
        if action.objectName() in actions:
            slot, enabled = actions[action.objectName()]
            action.triggered.disconnect()
            action.triggered.connect(slot)
            action.setEnabled(enabled)
