"""The session's lock on its project file (forms/lock.py, issue 16), and read-only opening.

Opening and saving go in two steps: a `Claim` for the path is made first (this may ask the
clerk: the file is locked – read-only, take over, cancel), then, once the file is read or
written, `commit` makes it the session's (the previous file's lock goes) or `abandon` drops it
(the old file stays open and locked). While a lock is held a timer refreshes it; a lost lock
(a colleague took over) is told once, and the next save asks instead of overwriting.
The lock goes when the document gets another path or none (Neu, Import, Beispiel, Speichern
unter) and when the window closes; forms.lock also removes it at a normal exit.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from desktop.dialogs import Dialogs, Locked, LockLost
from desktop.document import Document
from forms.lock import (
    REFRESH_SECONDS,
    FileLockedError,
    Identity,
    LockUnavailableError,
    Owner,
    ProjectLock,
)


@dataclass(frozen=True)
class Claim:
    """What the session will hold on `path` once the open or save has succeeded."""

    path: Path
    lock: ProjectLock | None  # None: read-only, or no lock could be written (`note` says why)
    new: bool = False  # made by this claim: `abandon` removes it
    holder: Owner | None = None  # read-only: who has the file open
    note: str = ""

    @property
    def read_only(self) -> bool:
        return self.holder is not None


class SaveElsewhere:
    """`claim_save`'s answer when the clerk chose to save under another name instead."""


SAVE_ELSEWHERE = SaveElsewhere()


class Locks(QObject):
    changed = Signal()  # read-only state or lock changed: title, banner, Speichern

    def __init__(
        self, document: Document, dialogs: Dialogs, identity: Identity | None = None
    ) -> None:
        super().__init__(document)
        self.document = document
        self.dialogs = dialogs
        self.identity = identity
        self.lock: ProjectLock | None = None
        self.holder: Owner | None = None  # read-only: who has the open file
        self._read_only_path: Path | None = None
        self._lost_told = False
        self.timer = QTimer(self)
        self.timer.setInterval(REFRESH_SECONDS * 1000)
        self.timer.timeout.connect(self.refresh)
        document.pathChanged.connect(self._path_changed)

    @property
    def read_only(self) -> bool:
        path = self.document.path
        return path is not None and path == self._read_only_path

    def banner(self) -> str:
        """The line over the pages while the file is open read-only ('' otherwise)."""
        if not self.read_only or self.holder is None:
            return ""
        return (
            f"Schreibgeschützt geöffnet. {self.holder.describe()} Änderungen lassen sich nur "
            "mit „Speichern unter…“ unter einem anderen Namen speichern."
        )

    # -- claims --------------------------------------------------------------------------
    def claim_open(self, path: Path) -> Claim | None:
        """The lock for opening `path`; None when the clerk cancelled."""
        if self.lock is not None and self.lock.project == path and self.lock.is_ours():
            return Claim(path, self.lock)
        try:
            return Claim(path, ProjectLock.acquire(path, identity=self.identity), new=True)
        except LockUnavailableError as exc:
            return Claim(path, None, note=str(exc))
        except FileLockedError as exc:
            answer = self.dialogs.ask_locked(path.name, exc.owner.describe(), exc.staleness)
            if answer == Locked.READ_ONLY:
                return Claim(path, None, holder=exc.owner)
            if answer == Locked.TAKE_OVER:
                return self._take_over(path)
            return None

    def claim_save(self, path: Path) -> Claim | SaveElsewhere | None:
        """The lock for writing `path`; None when the clerk cancelled, SAVE_ELSEWHERE when the
        file is not (any more) ours to overwrite and the clerk chose another name."""
        if self.lock is not None and self.lock.project == path:
            try:
                lost_to = self.lock.refresh()
            except OSError:  # cannot look now (network): the content check still guards
                return Claim(path, self.lock)
            if lost_to is None:
                return Claim(path, self.lock)
            answer = self.dialogs.ask_lock_lost(path.name, lost_to.describe())
            if answer == LockLost.SAVE_AS:
                return SAVE_ELSEWHERE
            return self._take_over(path) if answer == LockLost.TAKE_OVER else None
        try:
            return Claim(path, ProjectLock.acquire(path, identity=self.identity), new=True)
        except LockUnavailableError as exc:
            return Claim(path, None, note=str(exc))
        except FileLockedError as exc:
            locked = self.dialogs.ask_locked(
                path.name, exc.owner.describe(), exc.staleness, saving=True
            )
            return self._take_over(path) if locked == Locked.TAKE_OVER else None

    def _take_over(self, path: Path) -> Claim:
        try:
            lock = ProjectLock.acquire(path, take_over=True, identity=self.identity)
        except LockUnavailableError as exc:
            return Claim(path, None, note=str(exc))
        return Claim(path, lock, new=True)

    def commit(self, claim: Claim) -> None:
        """The open or save succeeded: `claim` is now the session's."""
        if self.lock is not None and self.lock is not claim.lock:
            self.lock.release()
        self.lock = claim.lock
        self.holder = claim.holder
        self._read_only_path = claim.path if claim.read_only else None
        self._lost_told = False
        if self.lock is not None:
            self.timer.start()
        else:
            self.timer.stop()
        self.changed.emit()

    def abandon(self, claim: Claim) -> None:
        """The open or save failed or was cancelled: drop what the claim made."""
        if claim.new and claim.lock is not None and claim.lock is not self.lock:
            claim.lock.give_back()

    # -- while open ----------------------------------------------------------------------
    def refresh(self) -> None:
        """Renew the lock (the timer, every few minutes); tell the clerk once if it was lost."""
        if self.lock is None:
            return
        try:
            lost_to = self.lock.refresh()
        except OSError:  # the share is away for a moment: try again next time
            return
        if lost_to is None or self._lost_told:
            return
        self._lost_told = True
        self.dialogs.warning(
            "Sperre übernommen",
            f"Eine andere Sitzung hat „{self.lock.project.name}“ übernommen. "
            f"{lost_to.describe()} Beim Speichern wird vorher gefragt, damit nichts "
            "überschrieben wird; am sichersten ist „Speichern unter…“.",
        )

    def release(self) -> None:
        """Closing: remove our lock (never raises)."""
        self.timer.stop()
        if self.lock is not None:
            self.lock.release()
            self.lock = None
        self.changed.emit()

    def _path_changed(self) -> None:
        path = self.document.path
        if self.lock is not None and self.lock.project != path:
            self.lock.release()
            self.lock = None
            self.timer.stop()
        if self._read_only_path is not None and self._read_only_path != path:
            self._read_only_path = None
            self.holder = None
        self.changed.emit()
