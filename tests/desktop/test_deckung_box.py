"""The Deckung choice is readable at any width: full wording where it fits, else the short one."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop.widgets.deckung import DeckungBox
from forms.labels import Section
from tests.desktop.clipping import clipped
from tests.desktop.pagewalk import fill_every_page, settle


def test_narrow_box_shows_the_short_wording_with_the_full_one_as_tooltip(app, qtbot):
    box = DeckungBox()
    qtbot.addWidget(box)
    box.resize(400, 28)
    box.show()
    qtbot.waitExposed(box)
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_End)  # the last choice, by keyboard
    assert box.currentText() == "keine ausreichende Deckung vorhanden"
    assert box.toolTip() == ""
    box.resize(170, 28)
    settle()
    assert box.currentText() == "nicht ausreichend"
    assert box.currentData() == "nicht ausreichend"
    assert box.toolTip() == "Deckung: keine ausreichende Deckung vorhanden"
    assert clipped(box) == []
    qtbot.keyClick(box, Qt.Key.Key_Up)
    assert box.currentText() == "gegeben"
    assert box.toolTip() == "Deckung: Deckung ist gegeben"


def test_deckung_chosen_by_keyboard_reaches_the_model_at_1024(window, qtbot):
    window.resize(1024, 700)
    fill_every_page(window)
    page = window.go_to(Section.FINANZEN)
    settle()
    jahr, ff = page.deckung["investiv"]
    jahr.setFocus()
    qtbot.keyClick(jahr, Qt.Key.Key_End)
    settle()
    assert window.document.vorlage.finanzen.investiv.deckung_jahr.value == "nicht ausreichend"
    assert clipped(jahr) == [] and clipped(ff) == []
    assert jahr.currentText() in ("keine ausreichende Deckung vorhanden", "nicht ausreichend")
