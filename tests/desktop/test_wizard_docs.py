"""docs/wizard.md stays true: every shortcut of the menus and the text editor is listed."""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence

from forms.labels import Section
from tests.conftest import ROOT


def test_every_shortcut_is_documented(window):
    window.go_to(Section.ERLAEUTERUNGEN)  # builds a rich-text editor with its toolbar
    doc = (ROOT / "docs" / "wizard.md").read_text(encoding="utf-8")
    table = doc[doc.index("## Keyboard") :]
    missing = []
    for action in window.findChildren(QAction):
        for sequence in action.shortcuts():
            text = sequence.toString(QKeySequence.SequenceFormat.NativeText)
            digit_range = text.startswith("Alt+") and text[4:].isdigit()
            if digit_range and "Alt+0 … Alt+8" in table:
                continue
            if text not in table:
                missing.append(f"{action.text()}: {text}")
    assert missing == []
