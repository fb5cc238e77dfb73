"""Autosave into a recovery copy, and the offer to restore one at start (forms/recovery.py).

While the open Vorlage has unsaved changes, a copy is written after `IDLE_MS` without edits,
and during continuous typing at the latest `MAX_DELAY_MS` after the first unsaved edit – so at
most about 4 seconds of typing are ever at risk. Saving (the dirty flag goes off) or closing
the window normally removes the copy. The clerk's own file is never touched.

Nothing here may stop the program from starting: a recovery folder that cannot be used, or
copies that cannot be read, are reported once, and the wizard runs without autosave or
without those copies.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QObject, QTimer

from desktop.session import Session
from forms.errors import ProjectFileError
from forms.recovery import RecoveryCopy, RecoverySession, scan

log = logging.getLogger(__name__)

IDLE_MS = 2000
MAX_DELAY_MS = 4000


class Timer(Protocol):
    """A single-shot timer as Autosave uses it (QTimer; tests pass one they fire by hand)."""

    def start(self) -> None: ...
    def stop(self) -> None: ...
    def isActive(self) -> bool: ...


TimerFactory = Callable[[QObject, int, Callable[[], None]], Timer]


def qt_timer(parent: QObject, interval_ms: int, fire: Callable[[], None]) -> Timer:
    timer = QTimer(parent)
    timer.setSingleShot(True)
    timer.setInterval(interval_ms)
    timer.timeout.connect(fire)
    return timer


class Autosave(QObject):
    def __init__(
        self,
        session: Session,
        recovery: RecoverySession | None,
        *,
        timer: TimerFactory = qt_timer,
    ) -> None:
        super().__init__(session)
        self.session = session
        self.recovery = recovery  # None: the folder cannot be used, nothing is copied
        self.writes = 0
        self._idle = timer(self, IDLE_MS, self.write_now)
        self._max = timer(self, MAX_DELAY_MS, self.write_now)
        document = session.document
        document.modelChanged.connect(self._changed)
        document.dirtyChanged.connect(self._dirty_changed)
        session.closing.connect(self.close)

    def _changed(self) -> None:
        if not self.session.document.dirty:
            return
        self._idle.start()
        if not self._max.isActive():
            self._max.start()

    def _dirty_changed(self, dirty: bool) -> None:
        if not dirty:  # saved, or another Vorlage opened: the copy is obsolete
            self._idle.stop()
            self._max.stop()
            if self.recovery is not None:
                self.recovery.remove()

    def write_now(self) -> None:
        self._idle.stop()
        self._max.stop()
        document = self.session.document
        if not document.dirty or self.recovery is None:
            return
        try:
            self.recovery.write(document.vorlage, document.path)
        except ProjectFileError as exc:  # a full disk must not interrupt the clerk's typing
            log.warning("Wiederherstellungskopie nicht geschrieben: %s", exc)
            self.session.status.emit(
                "Achtung: die automatische Sicherungskopie konnte nicht geschrieben werden – "
                "bitte bald speichern.",
                15000,
            )
            return
        self.writes += 1
        log.info("Wiederherstellungskopie geschrieben: %s", self.recovery.path)

    def close(self) -> None:
        self._idle.stop()
        self._max.stop()
        if self.recovery is not None:
            self.recovery.close()


def offer_recovery(session: Session, copies: list[RecoveryCopy]) -> RecoveryCopy | None:
    """Ask about each copy, newest first; restore at most one and return it. A copy the clerk
    discards is deleted; the restored one is deleted by the caller once it is safe again."""
    dialogs = session.dialogs
    for copy in copies:
        when = copy.saved_at.strftime("%d.%m.%Y um %H:%M:%S Uhr")
        name = copy.source.name if copy.source else "Unbenannt"
        if not dialogs.ask_recover(name, when):
            _discard(session, copy)
            continue
        try:
            vorlage = copy.load()
        except ProjectFileError as exc:
            dialogs.error("Wiederherstellung nicht möglich", str(exc))
            continue
        # Restored work is unsaved; "Speichern" writes it to the file it came from.
        session.document.replace(vorlage, copy.source)
        session.document.changed()
        session.status.emit(f"Wiederhergestellt: Stand vom {when}", 8000)
        return copy
    return None


def _discard(session: Session, copy: RecoveryCopy) -> None:
    try:
        copy.discard()
    except ProjectFileError as exc:
        session.dialogs.warning("Wiederherstellungskopie nicht gelöscht", str(exc))


def install(
    session: Session,
    recovery: RecoverySession | None = None,
    *,
    timer: TimerFactory = qt_timer,
) -> Autosave:
    """Offer recovery of copies left by ended sessions, then start autosaving.

    Every problem with the recovery folder is shown once, in one message; the program starts.
    """
    found = scan(recovery.folder if recovery is not None else None)
    failures = list(found.failures)
    if recovery is None:
        try:
            recovery = RecoverySession(found.folder)
        except ProjectFileError as exc:
            failures.append(str(exc))
    if failures:
        session.dialogs.warning(
            "Wiederherstellung eingeschränkt", "\n\n".join(dict.fromkeys(failures))
        )
    autosave = Autosave(session, recovery, timer=timer)
    restored = offer_recovery(session, found.copies)
    if restored is not None:
        autosave.write_now()  # our own copy first, then the old one may go
        _discard(session, restored)
    return autosave
