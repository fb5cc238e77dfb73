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


@pytest.mark.parametrize("size", [(1024, 768), (1900, 1400)], ids=["small", "no scroll bar"])
@pytest.mark.parametrize("scroll", [0, 10_000], ids=["top", "bottom"])
def test_a_problem_line_above_the_tables_moves_no_cell(window, qtbot, size, scroll):
    """An amount that worsens the result brings "Verschlechterung … Deckung" above both
    tables; the cell being typed in stays where it was (the body scrolls, or gets room)."""
    window.resize(*size)
    fill_every_page(window)
    page = window.go_to(Section.FINANZEN)
    settle()
    cell = page.cells["finanzen.konsumtiv.ertrag.ansatz"]
    cell.setFocus()
    page.scroll_area.verticalScrollBar().setValue(scroll)
    settle()
    before = _rect(cell)
    qtbot.keyClicks(cell, "5000")
    settle()
    assert "Verschlechterung von −5.000,00 €" in page.status_label.text()
    assert _rect(cell) == before
    # Shown anew, the page gives back the room it kept at its end.
    window.go_to(Section.ANLAGEN)
    page = window.go_to(Section.FINANZEN)
    assert page.body.minimumHeight() == 0
