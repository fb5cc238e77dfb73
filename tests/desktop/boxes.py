"""Answering a real (modal) QMessageBox in a test: click a button by its text, or press Esc."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox


def answer_next_box(qtbot, action: str, seen: list[str]) -> None:  # type: ignore[no-untyped-def]
    """Once the next message box is up, record its text and button texts in `seen`, then
    click the button whose text (without the & of its shortcut) is `action`, or "Escape"."""

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, answer)
            return
        seen.append(box.text())
        seen.extend(b.text().replace("&", "") for b in box.buttons())
        if action == "Escape":
            qtbot.keyClick(box, Qt.Key.Key_Escape)
            return
        [button] = [b for b in box.buttons() if b.text().replace("&", "") == action]
        button.click()

    QTimer.singleShot(20, answer)
