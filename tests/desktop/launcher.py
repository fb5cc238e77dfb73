"""The real program, started the way `desktop.app.run_gui` starts it, for the kill test.

`python -m tests.desktop.launcher tippen TEXT`: type TEXT into the Betreff once the window is
up, then print "getippt". `python -m tests.desktop.launcher neustart`: answer the recovery
question with "Wiederherstellen" (dialogs not interactive) and print as JSON what was asked
and what is open. Either way the program then runs until it is killed
(tests/desktop/test_autosave.py).
"""

from __future__ import annotations

import json
import sys

from PySide6.QtCore import QTimer

from desktop.dialogs import Dialogs
from desktop.mainwindow import MainWindow
from desktop.settings import Settings
from desktop.startup import create_application, prepare_event_loop, start
from forms.labels import Section
from tests.desktop.typing import send_text


def type_betreff(window: MainWindow, text: str) -> None:
    page = window.go_to(Section.GRUNDDATEN)
    widget = page.binder.widget_for("grunddaten.betreff")
    assert widget is not None
    widget.setFocus()
    send_text(widget, text)
    print("getippt", flush=True)


def main(argv: list[str]) -> int:
    app = create_application()
    restart = argv[0] == "neustart"
    dialogs = Dialogs(interactive=not restart)  # not interactive: "Wiederherstellen"
    window, _autosave = start(Settings.load(), dialogs)
    if restart:
        asked = [s.text for s in dialogs.shown if s.title == "Wiederherstellen?"]
        report = {
            "gefragt": asked,
            "betreff": window.document.vorlage.grunddaten.betreff,
            "ungespeichert": window.document.dirty,
        }
        print(json.dumps(report, ensure_ascii=False), flush=True)
    else:
        QTimer.singleShot(0, lambda: type_betreff(window, argv[1]))
    prepare_event_loop()
    return app.exec()


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
