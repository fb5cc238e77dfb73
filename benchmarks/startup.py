"""Child process of the cold-start benchmark: `python -m benchmarks.startup MODE [PAGES]`,
MODE one of app, floor, first-action.

The parent notes `time.monotonic()` just before it starts this process (the clock is system-wide)
and reads back one JSON line: the monotonic time at which the first wizard page was on screen,
i.e. shown and painted once, and how many pages the wizard has.

`app` runs the real entry point (`desktop.app.main`) unchanged. `floor` is a bare PySide6 QWizard
with the same number of pages and no application code: what any Qt wizard costs to start.
Both go through the same probe, so the probe's own (tiny) cost cancels out in the ratio.

`first-action` starts the app the same way and, once the first page is painted, clicks
"Neue Vorlage anlegen" (a real mouse click) and reports the seconds from that click until the
Grunddaten page is shown and painted: whatever start-up deferred must not land on this click.
The click is queued behind what the app does in its first idle moment after the paint (as any
real click, which comes at least a frame later); `since_paint_s` is the time from the first
paint to the painted Grunddaten page, idle work included.
"""

from __future__ import annotations

import json
import os
import sys
import time


def _install_probe(first_action: bool = False) -> None:
    """Report as soon as a wizard page is visible and painted, then leave at once.

    "Wizard" is a QWizard or a window whose pages sit in a QStackedWidget (our main window).

    The probe hooks the event loop's entry (QApplication.exec / QDialog.exec), which every Qt
    app reaches right after it has shown its window, so the app's code stays untouched.
    """
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QDialog, QStackedWidget, QWidget, QWizard

    deadline = time.monotonic() + 30

    def page_count(window: QWidget) -> int | None:
        """Pages of a QWizard, or of the page stack of a main window; None: not a wizard."""
        if isinstance(window, QWizard):
            return len(window.pageIds()) if window.currentPage() is not None else None
        stacks = window.findChildren(QStackedWidget)
        stacks = [s for s in stacks if s.currentWidget() is not None and s.isVisible()]
        return max((s.count() for s in stacks), default=None)

    def report() -> None:
        shown = [
            (w, pages)
            for w in QApplication.topLevelWidgets()
            if w.isVisible() and (pages := page_count(w)) is not None
        ]
        if not shown:
            if time.monotonic() > deadline:
                print(json.dumps({"error": "no wizard page became visible"}), flush=True)
                os._exit(3)
            QTimer.singleShot(5, report)
            return
        window, pages = shown[0]
        window.repaint()  # synchronous paint: the page is really drawn, not just mapped
        now = time.monotonic()
        if first_action:
            # A real click comes at least a frame (16 ms) after the paint the clerk sees:
            # behind whatever the app queued for its first idle moment.
            QTimer.singleShot(16, lambda: _click_new(window, now))
            return
        print(json.dumps({"shown": now, "pages": pages}), flush=True)
        os._exit(0)  # what happens after the first page is not part of the measurement

    original_app_exec = QApplication.exec
    original_dialog_exec = QDialog.exec

    def app_exec(*_: object) -> int:  # called as app.exec() or QApplication.exec()
        QTimer.singleShot(0, report)
        return original_app_exec()

    def dialog_exec(self: QDialog) -> int:
        QTimer.singleShot(0, report)
        return original_dialog_exec(self)

    QApplication.exec = app_exec  # type: ignore[method-assign]
    QDialog.exec = dialog_exec  # type: ignore[method-assign]


def _click_new(window: object, shown: float) -> None:
    """Click "Neue Vorlage anlegen"; report when the Grunddaten page is visible and painted."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QPushButton, QStackedWidget

    buttons = [b for b in window.findChildren(QPushButton) if "Neue Vorlage" in b.text()]  # type: ignore[attr-defined]
    stack = max(window.findChildren(QStackedWidget), key=lambda s: s.count())  # type: ignore[attr-defined]
    start_index = stack.currentIndex()
    clicked = time.monotonic()
    QTest.mouseClick(buttons[0], Qt.MouseButton.LeftButton)
    while stack.currentIndex() == start_index:  # a dialog or a queued step: let it run
        QApplication.processEvents()
        if time.monotonic() - clicked > 30:
            print(json.dumps({"error": "Grunddaten did not appear"}), flush=True)
            os._exit(3)
    page = stack.currentWidget()
    window.repaint()  # type: ignore[attr-defined]
    painted = time.monotonic()
    title = type(page).__name__
    result = {"shown": shown, "click_s": painted - clicked, "since_paint_s": painted - shown}
    print(json.dumps({**result, "page": title}), flush=True)
    os._exit(0)


def _floor(pages: int) -> int:
    from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWizard, QWizardPage

    app = QApplication(sys.argv[:1])
    wizard = QWizard()
    wizard.setWindowTitle("Vorlagen-Assistent")
    for number in range(pages):
        page = QWizardPage()
        page.setTitle(f"Seite {number + 1}")
        layout = QVBoxLayout(page)
        layout.addWidget(QLabel(f"Inhalt der Seite {number + 1}"))
        wizard.addPage(page)
    wizard.show()
    return app.exec()


def main(argv: list[str]) -> int:
    _install_probe(first_action=argv[0] == "first-action")
    if argv[0] == "floor":
        return _floor(int(argv[1]))
    from desktop.app import main as app_main

    result = app_main([])
    print(json.dumps({"error": f"the app returned {result} without showing a wizard"}), flush=True)
    return 3


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
