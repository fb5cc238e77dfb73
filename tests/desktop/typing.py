"""Typing German text like a keyboard does.

`QTest.keyClicks` only maps ASCII to key codes (it asserts on "ü"); a German keyboard sends a key
event whose text is the character, which is what `type_text` does for everything else.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

_ASCII_RUN = re.compile(r"[\x20-\x7e]+|[^\x20-\x7e]")


def type_text(qtbot, widget, text: str) -> None:
    for chunk in _ASCII_RUN.findall(text):
        if chunk.isascii():
            qtbot.keyClicks(widget, chunk)
            continue
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, chunk)
            QApplication.sendEvent(widget, event)


def send_text(widget, text: str) -> None:
    """Every character as one key press carrying it, as a keyboard or input method sends it
    (also without qtbot, e.g. in tests/desktop/launcher.py)."""
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char)
            QApplication.sendEvent(widget, event)
