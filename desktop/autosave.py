"""Autosave into a recovery copy, and the offer to restore one at start (forms/recovery.py).

While the open Vorlage has unsaved changes, a copy is written after `IDLE_MS` without edits,
and during continuous typing at the latest `MAX_DELAY_MS` after the first unsaved edit – so at
most about 4 seconds of typing are ever at risk. Saving (the dirty flag goes off) or closing
the window normally removes the copy. The clerk's own file is never touched.
"""

from __future__ import annotations

import json
import logging
import os
import sys

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

from desktop.mainwindow import MainWindow
from forms.errors import ProjectFileError
from forms.recovery import RecoveryCopy, RecoverySession, orphaned

log = logging.getLogger(__name__)

IDLE_MS = 2000
MAX_DELAY_MS = 4000
# Test hooks for the end-to-end kill test (tests/desktop/test_autosave.py): type this text
# into the Betreff after start; answer the recovery question with "Wiederherstellen" without a
# dialog and print what was asked and restored.
TEST_TYPING_ENV = "VORLAGEN_TEST_TIPPEN"
TEST_RESTART_ENV = "VORLAGEN_TEST_NEUSTART"


class Autosave(QObject):
    def __init__(self, window: MainWindow, session: RecoverySession) -> None:
        super().__init__(window)
        self.window = window
        self.session = session
        self.writes = 0
        self._idle = QTimer(self, singleShot=True, interval=IDLE_MS, timeout=self.write_now)
        self._max = QTimer(self, singleShot=True, interval=MAX_DELAY_MS, timeout=self.write_now)
        document = window.document
        document.modelChanged.connect(self._changed)
        document.dirtyChanged.connect(self._dirty_changed)
        window.installEventFilter(self)
        app = QApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.close)

    def _changed(self) -> None:
        if not self.window.document.dirty:
            return
        self._idle.start()
        if not self._max.isActive():
            self._max.start()

    def _dirty_changed(self, dirty: bool) -> None:
        if not dirty:  # saved, or another Vorlage opened: the copy is obsolete
            self._idle.stop()
            self._max.stop()
            self.session.remove()

    def write_now(self) -> None:
        self._idle.stop()
        self._max.stop()
        document = self.window.document
        if not document.dirty:
            return
        try:
            self.session.write(document.vorlage, document.path)
        except ProjectFileError as exc:  # a full disk must not interrupt the clerk's typing
            log.warning("Wiederherstellungskopie nicht geschrieben: %s", exc)
            self.window.statusBar().showMessage(
                "Achtung: die automatische Sicherungskopie konnte nicht geschrieben werden – "
                "bitte bald speichern.",
                15000,
            )
            return
        self.writes += 1
        log.info("Wiederherstellungskopie geschrieben: %s", self.session.path)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.Close:
            # Whether the close is accepted is only known after the window's own handler.
            QTimer.singleShot(0, self._after_close)
        return False

    def _after_close(self) -> None:
        if not self.window.isVisible():
            self.close()

    def close(self) -> None:
        self._idle.stop()
        self._max.stop()
        self.session.close()


def offer_recovery(window: MainWindow, copies: list[RecoveryCopy]) -> RecoveryCopy | None:
    """Ask about each copy, newest first; restore at most one and return it. A copy the clerk
    discards is deleted; the restored one is deleted by the caller once it is safe again."""
    for copy in copies:
        when = copy.saved_at.strftime("%d.%m.%Y um %H:%M:%S Uhr")
        name = copy.source.name if copy.source else "Unbenannt"
        if not window.dialogs.ask_recover(name, when):
            copy.discard()
            continue
        try:
            vorlage = copy.load()
        except ProjectFileError as exc:
            window.dialogs.error("Wiederherstellung nicht möglich", str(exc))
            continue
        # Restored work is unsaved; "Speichern" writes it to the file it came from.
        window.document.replace(vorlage, copy.source)
        window.document.changed()
        window.statusBar().showMessage(f"Wiederhergestellt: Stand vom {when}", 8000)
        return copy
    return None


def install(window: MainWindow, session: RecoverySession | None = None) -> Autosave:
    """Offer recovery of copies left by ended sessions, then start autosaving."""
    session = session or RecoverySession()
    copies = orphaned(session.folder)
    autosave = Autosave(window, session)
    testing_restart = bool(os.environ.get(TEST_RESTART_ENV))
    if testing_restart:
        window.dialogs.interactive = False  # its default answer is "Wiederherstellen"
    restored = offer_recovery(window, copies)
    if restored is not None:
        autosave.write_now()  # our own copy first, then the old one may go
        restored.discard()
    if testing_restart:
        asked = [s.text for s in window.dialogs.shown if s.title == "Wiederherstellen?"]
        report = {
            "gefragt": asked,
            "betreff": window.document.vorlage.grunddaten.betreff,
            "ungespeichert": window.document.dirty,
        }
        print(json.dumps(report, ensure_ascii=False), flush=True)
    window.autosave = autosave  # type: ignore[attr-defined]
    if os.environ.get(TEST_TYPING_ENV):
        QTimer.singleShot(0, lambda: _type_for_test(window, os.environ[TEST_TYPING_ENV]))
    return autosave


def type_text(widget: QWidget, text: str) -> None:
    """Send `text` as key presses carrying the characters, as a keyboard or input method does.
    (QTest.keyClicks knows only ASCII and aborts on „ü“ or an emoji.)"""
    for char in _graphemes(text):
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char)
            QApplication.sendEvent(widget, event)


def _graphemes(text: str) -> list[str]:
    # Surrogate pairs do not exist in Python str; one key event per code point is enough.
    return list(text)


def _type_for_test(window: MainWindow, text: str) -> None:
    from forms.labels import Section

    page = window.go_to(Section.GRUNDDATEN)
    widget = page.binder.widget_for("grunddaten.betreff")
    if widget is None:  # pragma: no cover - the test would fail on the missing text anyway
        print("kein Betreff-Feld", flush=True, file=sys.stdout)
        return
    widget.setFocus()
    type_text(widget, text)
    print("getippt", flush=True, file=sys.stdout)
