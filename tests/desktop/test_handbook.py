"""Hilfe › Handbuch: the German handbook from docs/, rendered offline in the program."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from desktop import handbook
from desktop.handbook import HandbookDialog, show_handbook

ROOT = Path(__file__).resolve().parents[2]


def test_handbook_shows_docs_handbuch_as_formatted_text(qtbot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    dialog = show_handbook(parent)
    assert dialog.isVisible()
    assert dialog.windowTitle() == "Handbuch – Vorlagen-Assistent"
    text = dialog.browser.toPlainText()
    source = (ROOT / "docs" / "handbuch.md").read_text("utf-8")
    headings = [line.lstrip("# ").strip() for line in source.splitlines() if line.startswith("#")]
    assert len(headings) >= 6
    for heading in headings:
        assert heading in text
    # Rendered as Markdown, not shown as source: no "## " left, the title is a level-1 heading.
    assert "## " not in text
    assert dialog.browser.document().firstBlock().blockFormat().headingLevel() == 1
    # A second F1 raises the same window instead of stacking copies.
    assert show_handbook(parent) is dialog
    assert len(parent.findChildren(HandbookDialog)) == 1


def test_missing_handbook_says_so_in_german(qtbot, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(handbook, "handbook_path", lambda: ROOT / "fehlt" / "handbuch.md")
    dialog = HandbookDialog()
    qtbot.addWidget(dialog)
    assert "Das Handbuch fehlt" in dialog.browser.toPlainText()


def test_f1_in_the_main_window_opens_the_handbook(window, qtbot) -> None:
    window.show()
    qtbot.waitExposed(window)
    assert window.help_menu.handbook_action in window.menuBar().actions()[-1].menu().actions()
    qtbot.keyClick(window, Qt.Key.Key_F1)
    dialogs = window.findChildren(HandbookDialog)
    assert len(dialogs) == 1
    assert dialogs[0].isVisible()
    assert "Handbuch zum Vorlagen-Assistenten" in dialogs[0].browser.toPlainText()


def test_handbook_keys_are_the_windows_shortcuts(window) -> None:
    # The handbook's key table must not promise what the window does not do.
    source = (ROOT / "docs" / "handbuch.md").read_text("utf-8")
    shortcuts = {
        a.shortcut().toString() for a in window.findChildren(QAction) if not a.shortcut().isEmpty()
    }
    for german, qt in [
        ("Strg+N", "Ctrl+N"),
        ("Strg+O", "Ctrl+O"),
        ("Strg+S", "Ctrl+S"),
        ("Strg+E", "Ctrl+E"),
        ("Strg+Bild↓", "Ctrl+PgDown"),
        ("F1", "F1"),
    ]:
        assert german in source, german
        assert qt in shortcuts, german
    assert {f"Alt+{n}" for n in range(9)} <= shortcuts
