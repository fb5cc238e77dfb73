"""Keyboard use: every Alt+letter on a page is unique, sections are reachable by shortcut."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QLabel

from forms.flow import STEPS, Extra
from forms.labels import Section

_MNEMONIC = re.compile(r"&([^&\s])")


def _letters(widgets) -> list[str]:
    letters = []
    for w in widgets:
        if isinstance(w, QLabel) and w.buddy() is None:
            continue
        match = _MNEMONIC.search(w.text())
        if match:
            letters.append(match.group(1).lower())
    return letters


@pytest.mark.parametrize("step", STEPS, ids=[s.value for s in STEPS])
def test_alt_letters_are_unique_on_every_page(window, step):
    page = window.go_to(step)
    on_page = [
        w
        for w in page.findChildren(QLabel) + page.findChildren(QAbstractButton)
        if w.isVisibleTo(window)
    ]
    footer = [window.back_button, window.next_button]
    menus = [action for action in window.menuBar().actions()]
    letters = _letters(on_page) + _letters(footer) + _letters(menus)
    duplicates = [letter for letter, n in Counter(letters).items() if n > 1]
    assert not duplicates, (step, duplicates)


def test_sections_by_alt_digit_and_ctrl_page(window, qtbot):
    qtbot.keyClick(window, Qt.Key.Key_4, Qt.KeyboardModifier.AltModifier)
    assert window.current_step() == Section.ERLAEUTERUNGEN
    qtbot.keyClick(window, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert window.current_step() == Section.ANLAGEN
    qtbot.keyClick(window, Qt.Key.Key_8, Qt.KeyboardModifier.AltModifier)
    assert window.current_step() == Extra.PRUEFEN


def test_alt_letter_focuses_the_field(window, qtbot):
    page = window.go_to(Section.GRUNDDATEN)
    qtbot.keyClick(window, Qt.Key.Key_O, Qt.KeyboardModifier.AltModifier)
    assert page.verfasst_von.hasFocus()
    qtbot.keyClick(window, Qt.Key.Key_B, Qt.KeyboardModifier.AltModifier)
    assert page.betreff.hasFocus()
