"""Tab walks every page in the order the eye reads it, and reaches every field."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from forms.flow import STEPS, Extra
from forms.labels import Section
from tests.desktop.pagewalk import (
    collapse,
    describe,
    fill_every_page,
    reading_order,
    settle,
    stop_key,
    tab_stops,
)
from tests.desktop.typing import type_text


@pytest.mark.parametrize("step", STEPS, ids=[s.value for s in STEPS])
def test_tab_order_is_the_visual_order(window, qtbot, step):
    fill_every_page(window)
    window.resize(1280, 800)
    page = window.go_to(step)
    settle()
    expected = collapse(reading_order(tab_stops(page)))
    assert expected, step
    first = expected[0]
    first_widget = first if not hasattr(first, "buttons") else first.buttons()[0]
    first_widget.setFocus(Qt.FocusReason.TabFocusReason)
    settle()
    walked = [stop_key(QApplication.focusWidget())]
    for _ in range(len(expected) + 5):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        focus = QApplication.focusWidget()
        if focus is None or not page.isAncestorOf(focus):
            break
        walked.append(stop_key(focus))
    assert [describe(k) for k in walked] == [describe(k) for k in expected]
    assert walked == expected


def test_tab_from_vorlage_nr_goes_to_betreff_and_keeps_federfuehrend(window, qtbot):
    window.session.open_example()
    page = window.go_to(Section.GRUNDDATEN)
    federfuehrend = window.document.vorlage.grunddaten.federfuehrend
    page.vorlage_nr.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(page.vorlage_nr, Qt.Key.Key_Tab)
    assert page.betreff.hasFocus()
    page.betreff.selectAll()
    qtbot.keyClicks(page.betreff, "Neuer Betreff")
    assert window.document.vorlage.grunddaten.betreff == "Neuer Betreff"
    assert window.document.vorlage.grunddaten.federfuehrend == federfuehrend


def test_free_federfuehrend_and_gremium_get_a_hint_but_stay(window, qtbot):
    window.session.open_example()
    page = window.go_to(Section.GRUNDDATEN)
    page.federfuehrend.lineEdit().selectAll()
    type_text(qtbot, page.federfuehrend.lineEdit(), "FB 99 - Amt für Träume")
    assert window.document.vorlage.grunddaten.federfuehrend.kuerzel == "FB 99"
    assert page.federfuehrend_hint.isVisible()
    assert "nicht im Dienststellenverzeichnis" in page.federfuehrend_hint.text()
    page.federfuehrend.lineEdit().selectAll()
    qtbot.keyClicks(page.federfuehrend.lineEdit(), "FB 56")
    assert not page.federfuehrend_hint.isVisible()

    page = window.go_to(Section.BERATUNGSFOLGE)
    page.gremium.lineEdit().selectAll()
    qtbot.keyClicks(page.gremium.lineEdit(), "Integrationsratt")
    assert window.document.vorlage.beratungsfolge[0].gremium == "Integrationsratt"
    assert page.gremium_hint.isVisible()
    assert "nicht im Verzeichnis der Gremien" in page.gremium_hint.text()
    page.gremium.lineEdit().backspace()
    assert not page.gremium_hint.isVisible()
    window.go_to(Extra.PRUEFEN)
    assert not any("Verzeichnis" in p.message for p in window.document.all_problems())
