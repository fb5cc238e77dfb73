"""The real question boxes (interactive Dialogs): the clerk's click decides, closing the box
without a choice takes the safe answer."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from desktop.dialogs import Changed, Dialogs, Unsaved
from tests.desktop.boxes import answer_next_box

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
    answer_next_box(qtbot, action, seen)
    assert ASK[question](Dialogs(interactive=True)) == expected
    assert seen and seen[0]
