"""The real question boxes (interactive Dialogs): the clerk's click decides, closing the box
without a choice takes the safe answer."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop.dialogs import Changed, Dialogs, Unsaved


def answer_with(qtbot, action: str, seen: list[str]) -> None:  # type: ignore[no-untyped-def]
    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, answer)
            return
        seen.append(box.text())
        if action == "Escape":
            qtbot.keyClick(box, Qt.Key.Key_Escape)
            return
        [button] = [b for b in box.buttons() if b.text().replace("&", "") == action]
        button.click()

    QTimer.singleShot(20, answer)


ASK: dict[str, Callable[[Dialogs], object]] = {
    "changed": lambda d: d.ask_changed_on_disk("a.vorlage.json"),
    "running": lambda d: d.ask_cancel_running("PDF-Export"),
    "unsaved": lambda d: d.ask_unsaved("a.vorlage.json"),
}


@pytest.mark.parametrize(
    ("question", "action", "expected"),
    [
        ("changed", "Speichern unter…", Changed.SAVE_AS),
        ("changed", "Überschreiben", Changed.OVERWRITE),
        ("changed", "Abbrechen", Changed.CANCEL),
        ("changed", "Escape", Changed.CANCEL),
        ("running", "Abbrechen und schließen", True),
        ("running", "Weiter warten", False),
        ("running", "Escape", False),
        ("unsaved", "Verwerfen", Unsaved.DISCARD),
        ("unsaved", "Escape", Unsaved.CANCEL),
    ],
)
def test_the_clicked_button_decides(app, qtbot, question, action, expected) -> None:
    seen: list[str] = []
    answer_with(qtbot, action, seen)
    assert ASK[question](Dialogs(interactive=True)) == expected
    assert seen and seen[0]
