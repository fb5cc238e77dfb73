"""Bearbeiten › Suchen und Ersetzen in the real window, by key presses: Strg+F, F3,
Umschalt+F3, Strg+H, the options, and "Alle ersetzen" as one undo step."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from forms.labels import Section
from forms.model import Anlage, Beratung, Vorlage
from tests.desktop.typing import type_text

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def vorlage(window) -> Vorlage:
    v = Vorlage()
    v.grunddaten.betreff = "Radweg an der Aachener Straße"
    v.beratungsfolge = [Beratung(gremium="Mobilitätsausschuss"), Beratung(gremium="Radbeirat")]
    v.beschlussvorschlag = "Der Rat beschließt den **Radweg**."
    v.erlaeuterungen = "## Anlass\n\nDer radweg fehlt. Radwege sind gut."
    v.anlagen = [Anlage(titel="Plan"), Anlage(titel="Karte Radweg")]
    window.document.replace(v, None)
    return window.document.vorlage


def find(qtbot, window, text: str) -> None:
    qtbot.keyClick(window, Qt.Key.Key_F, CTRL)
    bar = window.find_bar
    assert bar.isVisible() and bar.query.hasFocus()
    type_text(qtbot, bar.query, text)


def f3(qtbot, window, *, back: bool = False) -> None:
    modifiers = SHIFT if back else Qt.KeyboardModifier.NoModifier
    qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_F3, modifiers)


def test_strg_f_jumps_to_page_and_field_and_selects_the_hit(window, qtbot, vorlage):
    window.go_to(Section.KLIMARELEVANZ)
    find(qtbot, window, "radweg")
    bar = window.find_bar
    assert window.current_step() == Section.GRUNDDATEN
    page = window.page(Section.GRUNDDATEN)
    assert page.betreff.textCursor().selectedText() == "Radweg"
    assert bar.query.hasFocus()  # typing goes on into the search text, not over the hit
    # Betreff, Beschlussvorschlag, Erläuterungen twice (also in "Radwege"), an Anlage's title.
    assert bar.status.text().startswith("1 von 5")

    f3(qtbot, window)
    assert window.current_step() == Section.BESCHLUSSVORSCHLAG
    editor = window.page(Section.BESCHLUSSVORSCHLAG).editor.editor
    assert editor.textCursor().selectedText() == "Radweg"  # the bold word, as shown
    f3(qtbot, window)
    erl = window.page(Section.ERLAEUTERUNGEN).editor.editor
    assert window.current_step() == Section.ERLAEUTERUNGEN
    assert erl.textCursor().selectedText() == "radweg"
    f3(qtbot, window)
    assert erl.textCursor().selectedText() == "Radweg"
    assert erl.textCursor().selectionStart() == erl.toPlainText().index("Radwege")
    f3(qtbot, window)
    anlagen = window.page(Section.ANLAGEN)
    assert window.current_step() == Section.ANLAGEN
    assert anlagen.current() == 1 and anlagen.titel.selectedText() == "Radweg"
    f3(qtbot, window)  # past the last: from the start
    assert window.current_step() == Section.GRUNDDATEN and bar.status.text().startswith("1 von")
    f3(qtbot, window, back=True)  # Umschalt+F3: back to the last
    assert window.current_step() == Section.ANLAGEN
    assert bar.status.text().startswith("5 von 5")
    qtbot.keyClick(bar.query, Qt.Key.Key_Return, SHIFT)  # Umschalt+Eingabe: back as well
    assert bar.status.text().startswith("4 von 5") and erl.textCursor().hasSelection()
    qtbot.keyClick(bar.query, Qt.Key.Key_Return)  # Eingabe: on
    assert bar.status.text().startswith("5 von 5")

    qtbot.keyClick(bar.query, Qt.Key.Key_Escape)
    assert not bar.isVisible()
    assert anlagen.titel.hasFocus() and anlagen.titel.selectedText() == "Radweg"


def test_a_row_field_is_found_in_its_row(window, qtbot, vorlage):
    find(qtbot, window, "beirat")
    page = window.page(Section.BERATUNGSFOLGE)
    assert window.current_step() == Section.BERATUNGSFOLGE
    assert page.current() == 1
    assert page.gremium.lineEdit().selectedText() == "beirat"


def test_options_case_and_whole_word(window, qtbot, vorlage):
    find(qtbot, window, "Radweg")
    bar = window.find_bar
    assert bar.status.text().startswith("1 von 5")
    qtbot.keyClick(bar.case, Qt.Key.Key_Space)
    assert bar.case.isChecked()
    assert bar.status.text().startswith("1 von 4")  # not "radweg"
    qtbot.keyClick(bar.whole_word, Qt.Key.Key_Space)
    assert bar.status.text().startswith("1 von 3")  # not "Radwege" either
    bar.query.setFocus()
    bar.query.selectAll()
    type_text(qtbot, bar.query, "Rat")
    assert bar.status.text().startswith("1 von 1")  # not "Radbeirat"
    assert window.current_step() == Section.BESCHLUSSVORSCHLAG
    type_text(qtbot, bar.query, "haus")
    assert bar.status.text() == "Nicht gefunden"


def test_replace_all_across_fields_is_one_undo_step(window, qtbot, vorlage):
    qtbot.keyClick(window, Qt.Key.Key_H, CTRL)
    bar = window.find_bar
    assert bar.replacement.isVisible()
    type_text(qtbot, bar.query, "radweg")
    bar.replacement.setFocus()
    type_text(qtbot, bar.replacement, "Fußweg")
    qtbot.keyClick(bar.replace_all_button, Qt.Key.Key_Space)
    assert bar.status.text() == "5 Stellen ersetzt"
    v = window.document.vorlage
    assert v.grunddaten.betreff == "Fußweg an der Aachener Straße"
    assert v.beschlussvorschlag == "Der Rat beschließt den **Fußweg**."  # still bold
    assert v.erlaeuterungen == "## Anlass\n\nDer Fußweg fehlt. Fußwege sind gut."
    assert v.anlagen[1].titel == "Karte Fußweg"
    assert window.page(Section.GRUNDDATEN).betreff.toPlainText().startswith("Fußweg")
    assert window.edit_menu.undo_action.text().replace("&", "") == "Rückgängig: Alle ersetzen"

    bar.query.setFocus()
    qtbot.keyClick(bar.query, Qt.Key.Key_Z, CTRL)  # in the bar too: the Vorlage's undo
    assert bar.query.text() == "radweg"
    v = window.document.vorlage
    assert v.grunddaten.betreff == "Radweg an der Aachener Straße"
    assert v.beschlussvorschlag == "Der Rat beschließt den **Radweg**."
    assert v.erlaeuterungen == "## Anlass\n\nDer radweg fehlt. Radwege sind gut."
    assert v.anlagen[1].titel == "Karte Radweg"
    editor = window.page(Section.ERLAEUTERUNGEN).editor.editor
    assert "Der radweg fehlt" in editor.toPlainText()
    assert window.page(Section.ANLAGEN).table.item(1, 1).text() == "Karte Radweg"
    assert not window.document.dirty  # back at the state as opened
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Y, CTRL)
    assert window.document.vorlage.anlagen[1].titel == "Karte Fußweg"
    assert "Fußwege" in editor.toPlainText()


def test_replace_one_then_the_next(window, qtbot, vorlage):
    qtbot.keyClick(window, Qt.Key.Key_H, CTRL)
    bar = window.find_bar
    type_text(qtbot, bar.query, "radweg")
    qtbot.keyClick(bar.whole_word, Qt.Key.Key_Space)
    bar.replacement.setFocus()
    type_text(qtbot, bar.replacement, "Radroute")
    qtbot.keyClick(bar.replacement, Qt.Key.Key_Return)  # the Betreff's hit
    v = window.document.vorlage
    assert v.grunddaten.betreff == "Radroute an der Aachener Straße"
    assert window.current_step() == Section.BESCHLUSSVORSCHLAG  # on to the next hit
    qtbot.keyClick(bar.replacement, Qt.Key.Key_Return)
    assert v.beschlussvorschlag == "Der Rat beschließt den **Radroute**."
    assert v.erlaeuterungen.startswith("## Anlass\n\nDer radweg")  # shown, not yet replaced
    assert window.edit_menu.undo_action.text().replace("&", "") == "Rückgängig: Ersetzen"
    qtbot.keyClick(bar.replacement, Qt.Key.Key_Z, CTRL)  # one replacement at a time
    assert window.document.vorlage.beschlussvorschlag == "Der Rat beschließt den **Radweg**."
    assert window.document.vorlage.grunddaten.betreff.startswith("Radroute")
    assert bar.replacement.text() == "Radroute"
