"""Finanzen does not jump: the message of an unreadable amount appears without moving its cell."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect

from forms.labels import Section
from tests.desktop.pagewalk import fill_every_page, settle

CASES = [
    # unreadable amounts: the message line under the table appears
    ("finanzen.investiv.auszahlungen.ansatz_fortgeschrieben", "12x"),
    ("finanzen.konsumtiv.abschreibungen.ansatz", "1,234.56"),
    ("finanzen.konsumtiv.ertrag.neu", "12x"),
]


def _rect(widget) -> QRect:
    return QRect(widget.mapToGlobal(widget.rect().topLeft()), widget.size())


@pytest.mark.parametrize("scroll", [0, 40])
@pytest.mark.parametrize(("path", "typed"), CASES)
def test_typing_an_amount_moves_no_cell(window, qtbot, path, scroll, typed):
    fill_every_page(window)  # JA, Haushaltsjahr 2026, one amount: no problem line yet
    page = window.go_to(Section.FINANZEN)
    settle()  # the page laid out as shown
    assert page.status_label.text() == ""
    cell = page.cells[path]
    cell.setFocus()
    page.scroll_area.verticalScrollBar().setValue(scroll)
    settle()
    before = _rect(cell)
    qtbot.keyClicks(cell, typed)
    settle()
    shown = [label.text() for label in page.findChildren(type(page.jahr_error), "errorLabel")]
    assert any(t.startswith(page.cells[path].accessibleName()) for t in shown), shown
    assert _rect(cell) == before
