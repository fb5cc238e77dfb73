"""The real program on a shared file, driven line by line, for tests/desktop/test_shared_drive.py.

`python -m tests.desktop.lock_launcher DATEI [FRAGE=ANTWORT …]` starts the wizard the way
`desktop.app.run_gui` does (desktop.startup.start, the file given on the command line), with
dialogs that answer the questions as given (e.g. `locked=read_only`, `lock_lost=take_over`,
`changed_on_disk=cancel`). It prints its state as one JSON line, then for every command read
from stdin does it and prints the state again:

    betreff TEXT           select the Betreff and type TEXT (real key presses)
    speichern              Datei → Speichern (the menu action: does nothing while disabled)
    speichern-unter PFAD   Datei → Speichern unter…, answered with PFAD
    erneuern               the lock refresh the timer does every few minutes
    antwort FRAGE ANTWORT  answer FRAGE from now on with ANTWORT
    beenden                close the window; the program ends normally
"""

from __future__ import annotations

import json
import os
import sys
import threading
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal

from desktop.dialogs import Dialogs
from desktop.mainwindow import MainWindow
from desktop.settings import Settings
from desktop.startup import create_application, prepare_event_loop, start
from forms.labels import Section
from tests.desktop.typing import send_text


class Commands(QObject):
    """Lines from stdin, handed to the GUI thread."""

    line = Signal(str)

    def read(self) -> None:
        for text in sys.stdin:
            self.line.emit(text.rstrip("\n"))
        self.line.emit("beenden")


class Driver:
    def __init__(self, window: MainWindow, dialogs: Dialogs) -> None:
        self.window = window
        self.dialogs = dialogs
        self.reported = 0

    def report(self, **extra: object) -> None:
        window, session = self.window, self.window.session
        asked = self.dialogs.shown[self.reported :]
        self.reported = len(self.dialogs.shown)
        state = {
            "pid": os.getpid(),
            "pfad": str(session.document.path) if session.document.path else None,
            "titel": window.windowTitle(),
            "schreibgeschuetzt": session.locks.read_only,
            "speichern_aktiv": window.file_menu.save_action.isEnabled(),
            "banner": window.read_only_banner.text() if window.read_only_banner.isVisible() else "",
            "ungespeichert": session.document.dirty,
            "gefragt": [{"titel": s.title, "text": s.text} for s in asked if s.text],
            **extra,
        }
        print(json.dumps(state, ensure_ascii=False), flush=True)

    def run(self, line: str) -> None:
        command, _, rest = line.partition(" ")
        window = self.window
        if command == "betreff":
            widget = window.go_to(Section.GRUNDDATEN).binder.widget_for("grunddaten.betreff")
            assert widget is not None
            widget.setFocus()
            widget.selectAll()  # type: ignore[attr-defined]
            send_text(widget, rest)
            window.document.flush()
        elif command == "speichern":
            window.file_menu.save_action.trigger()
        elif command == "speichern-unter":
            self.dialogs.paths.append(Path(rest))
            window.file_menu.save_as_action.trigger()
        elif command == "erneuern":
            window.session.locks.refresh()
        elif command == "antwort":
            key, _, value = rest.partition(" ")
            self.dialogs.answers[key] = value
        elif command == "beenden":
            window.close()
            self.report(beendet=True)
            return
        self.report()


def main(argv: list[str]) -> int:
    app = create_application()
    dialogs = Dialogs(interactive=False)
    for answer in argv[1:]:
        key, _, value = answer.partition("=")
        dialogs.answers[key] = value
    window, _autosave = start(Settings.load(), dialogs, Path(argv[0]))
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
    driver = Driver(window, dialogs)
    driver.report()
    commands = Commands()
    commands.line.connect(driver.run, Qt.ConnectionType.QueuedConnection)
    threading.Thread(target=commands.read, daemon=True).start()
    prepare_event_loop()
    return app.exec()


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
