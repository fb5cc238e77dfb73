"""Finanzen: a result never comes from a value no longer in the field; errors name the column."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible

from forms.labels import Section


def _page(window, qtbot):
    window.session.open_example()
    page = window.go_to(Section.FINANZEN)
    qtbot.mouseClick(page.ja, Qt.MouseButton.LeftButton)
    page.haushaltsjahr.setText("2026")
    page.haushaltsjahr.textEdited.emit("2026")
    return page


def test_ergebnis_is_not_computed_from_a_rejected_amount(window, qtbot):
    page = _page(window, qtbot)
    cell = page.cells["finanzen.investiv.auszahlungen.neu"]
    qtbot.keyClicks(cell, "1.234.567,89")
    ergebnis = page.ergebnis["investiv"]["neu"]
    assert ergebnis.text() == "−1.234.567,89"
    qtbot.keyClicks(cell, "x")  # "1.234.567,89x" cannot be read
    assert window.document.vorlage.finanzen.investiv.auszahlungen.neu == Decimal("1234567.89")
    assert ergebnis.text() == "—"
    assert "Nicht berechenbar" in ergebnis.toolTip()
    assert QAccessible.queryAccessibleInterface(ergebnis).text(QAccessible.Text.Name) == (
        "nicht berechenbar"
    )
    # The other columns still compute.
    assert page.ergebnis["investiv"]["ansatz"].text() == "0,00"
    qtbot.keyClick(cell, Qt.Key.Key_Backspace)
    assert ergebnis.text() == "−1.234.567,89"
    assert ergebnis.toolTip().startswith("Berechnet:")


def test_change_row_is_not_computed_from_a_rejected_amount(window, qtbot):
    page = _page(window, qtbot)
    cell = page.cells["finanzen.konsumtiv.ertrag.ansatz_fortgeschrieben"]
    qtbot.keyClicks(cell, "100")
    jahr, ff = page.veraenderung["konsumtiv"]
    assert jahr.text() == "+100,00"
    qtbot.keyClicks(cell, ",123")
    assert jahr.text() == "—"
    assert ff.text() == "0,00"


def test_amount_error_names_the_column_heading(window, qtbot):
    page = _page(window, qtbot)
    cell = page.cells["finanzen.investiv.auszahlungen.neu"]
    qtbot.keyClicks(cell, "1,234.56")
    messages = [
        label.text()
        for label in page.findChildren(type(page.jahr_error), "errorLabel")
        if label.isVisible() and label.text()
    ]
    assert any(m.startswith("Auszahlungen, Gesamtbedarf (neu): ") for m in messages), messages
    assert not any("Spalte" in m for m in messages)
    window.go_to(Section.GRUNDDATEN)
    problems = [p.message for p in window.document.input_problems()]
    assert problems, "the rejected amount is listed on the review page"
