"""Bearbeiten › Rückgängig / Wiederholen, driven by real key presses in the real window.

Each test checks the model, the widget that shows it and the menu entry's name. The burst
tests use a clock of their own (`Document.clock`), so a pause is a number, not a sleep.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import QMimeData, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication, QPushButton

from forms.labels import Section
from forms.model import Anlage, Beratung
from tests.desktop.clock import Clock
from tests.desktop.typing import type_text

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def clock(window) -> Clock:
    clock = Clock()
    window.document.clock = clock
    return clock


def undo(qtbot, widget) -> None:
    qtbot.keyClick(widget, Qt.Key.Key_Z, CTRL)


def redo(qtbot, widget, *, shift: bool = False) -> None:
    if shift:
        qtbot.keyClick(widget, Qt.Key.Key_Z, CTRL | SHIFT)
    else:
        qtbot.keyClick(widget, Qt.Key.Key_Y, CTRL)


def menu_text(window) -> tuple[str, str]:
    menu = window.edit_menu
    return menu.undo_action.text().replace("&", ""), menu.redo_action.text().replace("&", "")


def test_entf_deletes_a_beratung_and_strg_z_brings_it_back(window, qtbot):
    window.document.edit(
        lambda v: v.beratungsfolge.extend(
            [Beratung(gremium="Rat"), Beratung(gremium="Bauausschuss"), Beratung(gremium="AK")]
        )
    )
    page = window.go_to(Section.BERATUNGSFOLGE)
    page.reload()
    page.table.setFocus()
    page.table.setCurrentCell(1, 0)
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    assert [b.gremium for b in window.document.vorlage.beratungsfolge] == ["Rat", "AK"]
    assert page.table.rowCount() == 2
    assert menu_text(window)[0] == "Rückgängig: Beratung löschen"

    undo(qtbot, page.table)
    gremien = [b.gremium for b in window.document.vorlage.beratungsfolge]
    assert gremien == ["Rat", "Bauausschuss", "AK"]
    # The table shows it, the row is selected again, the detail form shows that row.
    assert [page.table.item(r, 2).text() for r in range(3)] == gremien
    assert page.current() == 1 and page.gremium.currentText() == "Bauausschuss"
    assert page.table.hasFocus()
    assert menu_text(window)[1] == "Wiederholen: Beratung löschen"

    redo(qtbot, page.table)
    assert [b.gremium for b in window.document.vorlage.beratungsfolge] == ["Rat", "AK"]
    assert page.table.rowCount() == 2 and page.gremium.currentText() == "AK"


def test_adding_and_moving_anlagen_are_steps(window, qtbot):
    window.document.edit(lambda v: v.anlagen.extend([Anlage(titel="Plan"), Anlage(titel="Foto")]))
    page = window.go_to(Section.ANLAGEN)
    page.reload()
    page.table.setFocus()
    page.table.setCurrentCell(0, 0)
    qtbot.keyClick(page.table, Qt.Key.Key_Down, CTRL)
    assert [a.titel for a in window.document.vorlage.anlagen] == ["Foto", "Plan"]
    assert menu_text(window)[0] == "Rückgängig: Anlage verschieben"
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    assert len(window.document.vorlage.anlagen) == 3
    assert menu_text(window)[0] == "Rückgängig: Anlage hinzufügen"
    undo(qtbot, page.titel)
    assert [a.titel for a in window.document.vorlage.anlagen] == ["Foto", "Plan"]
    assert page.table.rowCount() == 2
    undo(qtbot, page.table)
    assert [a.titel for a in window.document.vorlage.anlagen] == ["Plan", "Foto"]
    assert [page.table.item(r, 1).text() for r in range(2)] == ["Plan", "Foto"]
    assert page.current() == 0 and page.titel.text() == "Plan"


def test_a_typed_burst_is_one_step_a_pause_starts_the_next(window, qtbot, clock):
    page = window.go_to(Section.GRUNDDATEN)
    page.betreff.setFocus()
    type_text(qtbot, page.betreff, "Radweg")
    clock.now += 10  # a pause
    type_text(qtbot, page.betreff, " Nord")
    assert window.document.vorlage.grunddaten.betreff == "Radweg Nord"
    assert menu_text(window)[0] == "Rückgängig: Betreff ändern"

    undo(qtbot, page.betreff)
    assert window.document.vorlage.grunddaten.betreff == "Radweg"
    assert page.betreff.toPlainText() == "Radweg"
    undo(qtbot, page.betreff)
    assert window.document.vorlage.grunddaten.betreff == ""
    assert page.betreff.toPlainText() == ""
    assert not window.edit_menu.undo_action.isEnabled()
    undo(qtbot, page.betreff)  # nothing left: nothing happens
    assert page.betreff.toPlainText() == ""

    redo(qtbot, page.betreff)
    assert page.betreff.toPlainText() == "Radweg"
    redo(qtbot, page.betreff, shift=True)  # Strg+Umschalt+Z as well
    assert page.betreff.toPlainText() == "Radweg Nord"
    assert window.document.vorlage.grunddaten.betreff == "Radweg Nord"
    assert not window.edit_menu.redo_action.isEnabled()


def test_strg_z_in_a_line_edit_is_the_document_undo(window, qtbot, clock):
    """One stack: Strg+Z in Vorlage-Nr. undoes the newest step, typed in another field."""
    page = window.go_to(Section.GRUNDDATEN)
    page.vorlage_nr.setFocus()
    type_text(qtbot, page.vorlage_nr, "FB 56/0001")
    clock.now += 1
    page.verfasst_von.setFocus()
    type_text(qtbot, page.verfasst_von, "FB 56/600")
    page.vorlage_nr.setFocus()
    undo(qtbot, page.vorlage_nr)
    grunddaten = window.document.vorlage.grunddaten
    assert grunddaten.verfasst_von == "" and page.verfasst_von.text() == ""
    assert grunddaten.vorlage_nr == "FB 56/0001" and page.vorlage_nr.text() == "FB 56/0001"
    assert page.verfasst_von.hasFocus()  # the undone step's field
    undo(qtbot, page.verfasst_von)
    assert grunddaten.vorlage_nr == "" and page.vorlage_nr.text() == ""
    # With nothing left to undo, Strg+Z is not the field's own undo either.
    type_text(qtbot, page.vorlage_nr, "x")
    undo(qtbot, page.vorlage_nr)
    undo(qtbot, page.vorlage_nr)
    assert page.vorlage_nr.text() == "" and grunddaten.vorlage_nr == ""


def test_undo_goes_to_the_page_and_field_of_the_step(window, qtbot):
    page = window.go_to(Section.GRUNDDATEN)
    page.aktenzeichen.setFocus()
    type_text(qtbot, page.aktenzeichen, "AZ 1")
    window.go_to(Section.ANLAGEN)
    undo(qtbot, window)
    assert window.current_step() == Section.GRUNDDATEN
    assert page.aktenzeichen.hasFocus() and page.aktenzeichen.text() == ""
    assert QApplication.focusWidget() is page.aktenzeichen


def test_dirty_marker_follows_undo_back_to_the_saved_state(window, dialogs, qtbot, tmp_path):
    page = window.go_to(Section.GRUNDDATEN)
    page.betreff.setFocus()
    type_text(qtbot, page.betreff, "Radweg")
    assert window.isWindowModified()
    dialogs.paths.append(tmp_path / "radweg.vorlage.json")
    qtbot.keyClick(page.betreff, Qt.Key.Key_S, CTRL)
    assert not window.isWindowModified() and not window.document.dirty
    # Saving keeps the history.
    assert window.edit_menu.undo_action.isEnabled()
    type_text(qtbot, page.betreff, " Nord")  # right after saving: a step of its own
    assert window.isWindowModified()
    undo(qtbot, page.betreff)
    assert page.betreff.toPlainText() == "Radweg"
    assert not window.isWindowModified() and not window.document.dirty
    undo(qtbot, page.betreff)  # before the saved state: changed again
    assert page.betreff.toPlainText() == "" and window.isWindowModified()
    redo(qtbot, page.betreff)
    assert page.betreff.toPlainText() == "Radweg" and not window.isWindowModified()


def test_rich_text_typing_is_undone_in_the_editor_and_the_model(window, qtbot, clock):
    page = window.go_to(Section.ERLAEUTERUNGEN)
    edit = page.editor.editor
    edit.setFocus()
    type_text(qtbot, edit, "Erster Satz.")
    clock.now += 10
    type_text(qtbot, edit, " Zweiter Satz.")
    assert window.document.vorlage.erlaeuterungen == "Erster Satz. Zweiter Satz."
    assert menu_text(window)[0] == "Rückgängig: Erläuterungen ändern"
    undo(qtbot, edit)  # reaches the document, not the editor's own history
    assert window.document.vorlage.erlaeuterungen == "Erster Satz."
    # (The editor shows a loaded paragraph with a trailing space, as on opening a file.)
    assert edit.toPlainText().rstrip() == "Erster Satz."
    assert edit.textCursor().position() >= len("Erster Satz.")  # the cursor stays near
    redo(qtbot, edit)
    assert edit.toPlainText().rstrip() == "Erster Satz. Zweiter Satz."
    assert window.document.vorlage.erlaeuterungen == "Erster Satz. Zweiter Satz."


def test_finance_amounts_and_klimarelevanz_choices_are_undone(window, qtbot, clock):
    page = window.go_to(Section.FINANZEN)
    cell = page.cells["finanzen.investiv.auszahlungen.ansatz"]
    cell.setFocus()
    type_text(qtbot, cell, "260.000")
    assert window.document.vorlage.finanzen.investiv.auszahlungen.ansatz == Decimal(260000)
    assert menu_text(window)[0] == "Rückgängig: Auszahlungen, Ansatz ändern"
    assert page.ergebnis["investiv"]["ansatz"].text() == "−260.000,00"
    undo(qtbot, cell)
    assert window.document.vorlage.finanzen.investiv.auszahlungen.ansatz == Decimal(0)
    assert cell.text() == "" and page.ergebnis["investiv"]["ansatz"].text() == "0,00"

    klima = window.go_to(Section.KLIMARELEVANZ)
    frage = klima.fragen["klimaschutz"]
    button = next(iter(frage.buttons.values()))
    button.setFocus()
    qtbot.keyClick(button, Qt.Key.Key_Space)
    chosen = window.document.vorlage.klimarelevanz.klimaschutz
    assert chosen is not None and button.isChecked()
    assert menu_text(window)[0] == "Rückgängig: Relevanz für den Klimaschutz ändern"
    undo(qtbot, button)
    assert window.document.vorlage.klimarelevanz.klimaschutz is None
    assert frage.value() is None and not button.isChecked()
    redo(qtbot, klima)
    assert window.document.vorlage.klimarelevanz.klimaschutz == chosen and button.isChecked()


def test_typed_and_deleted_again_leaves_no_step(window, qtbot, clock):
    page = window.go_to(Section.GRUNDDATEN)
    page.aktenzeichen.setFocus()
    type_text(qtbot, page.aktenzeichen, "ab")
    qtbot.keyClick(page.aktenzeichen, Qt.Key.Key_Backspace)
    qtbot.keyClick(page.aktenzeichen, Qt.Key.Key_Backspace)
    assert not window.edit_menu.undo_action.isEnabled()
    assert not window.document.dirty


def test_a_new_vorlage_starts_a_new_history(window, qtbot):
    page = window.go_to(Section.GRUNDDATEN)
    page.betreff.setFocus()
    type_text(qtbot, page.betreff, "alt")
    window.document.set_dirty(False)
    window.session.new_vorlage()
    assert not window.edit_menu.undo_action.isEnabled()
    assert menu_text(window) == ("Rückgängig", "Wiederholen")


def test_inserted_textbausteine_are_one_step_apart_from_the_typing(window, qtbot, clock):
    window.document.edit(lambda v: v.beratungsfolge.append(Beratung(gremium="Rat")))
    page = window.go_to(Section.BESCHLUSSVORSCHLAG)
    edit = page.editor.editor
    edit.setFocus()
    type_text(qtbot, edit, "Vorab.")
    qtbot.keyClick(page.skeleton_button, Qt.Key.Key_Space)
    inserted = window.document.vorlage.beschlussvorschlag
    assert inserted.startswith("Vorab.") and "Rat" in inserted
    assert menu_text(window)[0] == "Rückgängig: Textbausteine einfügen"
    undo(qtbot, edit)
    assert window.document.vorlage.beschlussvorschlag == "Vorab."
    assert edit.toPlainText().rstrip() == "Vorab."
    assert menu_text(window)[0] == "Rückgängig: Beschlussvorschlag ändern"


def test_a_paste_and_an_automatic_list_are_steps_of_their_own(window, qtbot, clock):
    """As the editor's own history had it (docs/rich-text.md): one Strg+Z takes back the paste,
    one gives back the typed "- " as text; the typing before them stays."""
    page = window.go_to(Section.ERLAEUTERUNGEN)
    edit = page.editor.editor
    edit.setFocus()
    type_text(qtbot, edit, "Vorweg. ")
    data = QMimeData()
    data.setHtml("<p>aus Word</p>")
    QApplication.clipboard().setMimeData(data)
    qtbot.keyClick(edit, Qt.Key.Key_V, CTRL)
    assert window.document.vorlage.erlaeuterungen == "Vorweg. aus Word"
    undo(qtbot, edit)
    assert window.document.vorlage.erlaeuterungen == "Vorweg."
    edit.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    type_text(qtbot, edit, "- ")
    assert edit.document().findBlockByNumber(1).textList() is not None
    undo(qtbot, edit)
    assert window.document.vorlage.erlaeuterungen == "Vorweg.\n\n\\-"
    assert edit.document().findBlockByNumber(1).textList() is None
    assert edit.document().findBlockByNumber(1).text().startswith("-")
    undo(qtbot, edit)
    assert window.document.vorlage.erlaeuterungen == "Vorweg."


def test_text_the_editor_converts_on_opening_is_no_step(window, qtbot, clock):
    """A file's "* eins" list is shown (and stored) as "- eins": not a step undo would revert
    to the file's spelling; typing after it is undone back to the converted text."""
    from forms.model import Vorlage

    window.document.replace(Vorlage(erlaeuterungen="* eins\n* zwei"), None)
    page = window.go_to(Section.ERLAEUTERUNGEN)
    assert window.document.vorlage.erlaeuterungen == "- eins\n- zwei"
    assert not window.edit_menu.undo_action.isEnabled()
    edit = page.editor.editor
    edit.setFocus()
    edit.moveCursor(QTextCursor.MoveOperation.End)
    type_text(qtbot, edit, " drei")
    undo(qtbot, edit)
    assert window.document.vorlage.erlaeuterungen == "- eins\n- zwei"
    assert window.edit_menu.redo_action.isEnabled()
    assert not window.edit_menu.undo_action.isEnabled()


def test_beteiligt_and_a_chosen_anlage_file_are_steps(window, dialogs, qtbot, tmp_path):
    page = window.go_to(Section.GRUNDDATEN)
    page.beteiligt_neu.setFocus()
    type_text(qtbot, page.beteiligt_neu, "Dezernat II")
    qtbot.keyClick(page.beteiligt_neu, Qt.Key.Key_Return)
    assert [d.anzeige() for d in window.document.vorlage.grunddaten.beteiligt] == ["Dezernat II"]
    assert menu_text(window)[0] == "Rückgängig: Beteiligt ändern"
    undo(qtbot, page.beteiligt_neu)
    assert window.document.vorlage.grunddaten.beteiligt == []
    checked = [
        page.beteiligt.item(i).text()
        for i in range(page.beteiligt.count())
        if page.beteiligt.item(i).checkState() == Qt.CheckState.Checked
    ]
    assert checked == [] and page.beteiligt.hasFocus()

    anlagen = window.go_to(Section.ANLAGEN)
    qtbot.mouseClick(anlagen.add_button, Qt.MouseButton.LeftButton)
    plan = tmp_path / "Lageplan.pdf"
    plan.write_bytes(b"%PDF-1.4\n")
    dialogs.paths.append(plan)
    browse = next(b for b in anlagen.findChildren(QPushButton) if b.text() == "Durch&suchen…")
    qtbot.mouseClick(browse, Qt.MouseButton.LeftButton)
    anlage = window.document.vorlage.anlagen[0]
    assert (anlage.titel, anlage.datei) == ("Lageplan", str(plan))
    assert menu_text(window)[0] == "Rückgängig: Datei wählen"
    undo(qtbot, anlagen.titel)  # file and title in one step
    anlage = window.document.vorlage.anlagen[0]
    assert (anlage.titel, anlage.datei) == ("", None)
    assert anlagen.titel.text() == "" and anlagen.datei.text() == ""
