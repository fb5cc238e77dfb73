"""Dates as clerks type them: read at once, confirmed with the weekday, written in full."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from forms.labels import Section


@pytest.mark.parametrize("typed", ["1.2.22", "01.02.22", "1.2.2022", "01.02.2022"])
def test_short_dates_are_read_and_written_in_full(window, qtbot, typed):
    page = window.go_to(Section.GRUNDDATEN)
    page.datum.setFocus()
    qtbot.keyClicks(page.datum, typed)
    assert window.document.vorlage.grunddaten.datum == dt.date(2022, 2, 1)
    assert page.datum.echo.isVisible()
    assert page.datum.echo.text() == "= Dienstag, 01.02.2022"
    assert not page.datum_error.isVisible()
    qtbot.keyClick(page.datum, Qt.Key.Key_Tab)
    assert page.datum.text() == "01.02.2022"
    assert window.document.vorlage.grunddaten.datum == dt.date(2022, 2, 1)


def test_heute_in_the_beratungsfolge(window, qtbot):
    window.session.open_example()
    page = window.go_to(Section.BERATUNGSFOLGE)
    page.datum.selectAll()
    qtbot.keyClicks(page.datum, "heute")
    assert window.document.vorlage.beratungsfolge[0].datum == dt.date.today()
    page.datum.editingFinished.emit()
    assert page.datum.text() == dt.date.today().strftime("%d.%m.%Y")


def test_unreadable_date_hides_the_echo_and_explains(window, qtbot):
    page = window.go_to(Section.GRUNDDATEN)
    qtbot.keyClicks(page.datum, "31.2.22")
    assert not page.datum.echo.isVisible()
    assert "gibt es nicht im Kalender" in page.datum_error.text()
    qtbot.keyClick(page.datum, Qt.Key.Key_Tab)
    assert page.datum.text() == "31.2.22"  # never rewritten while it cannot be read
