"""Einfügen › Textbaustein…, driven by real key presses in the real window (issue 15)."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt

from desktop.textbausteine import Picker
from forms import textbausteine
from forms.labels import Section
from forms.model import Beratung
from tests.desktop.typing import type_text

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def own_file(tmp_path, monkeypatch):
    path = tmp_path / "benutzerdaten" / "textbausteine.json"
    monkeypatch.setenv(textbausteine.ENV_DATEI, str(path))
    return path


def open_picker(window, qtbot, edit) -> Picker:
    qtbot.keyClick(edit, Qt.Key.Key_T, CTRL | SHIFT)
    qtbot.waitUntil(lambda: window.textbausteine.picker is not None)
    picker = window.textbausteine.picker
    assert picker is not None
    qtbot.waitUntil(picker.filter.hasFocus)
    return picker


def beschluss_editor(window, qtbot, text: str = ""):
    page = window.go_to(Section.BESCHLUSSVORSCHLAG)
    edit = page.editor.editor
    edit.setFocus()
    qtbot.waitUntil(edit.hasFocus)
    if text:
        type_text(qtbot, edit, text)
    return edit


def menu_undo_text(window) -> str:
    return window.edit_menu.undo_action.text().replace("&", "")


def test_shortcut_filter_enter_fills_gremium_and_one_undo_removes_it(window, qtbot, own_file):
    window.document.edit(
        lambda v: v.beratungsfolge.extend(
            [
                Beratung(gremium="Mobilitätsausschuss", rolle="Anhörung/Empfehlung"),
                Beratung(gremium="Rat der Stadt Aachen", rolle="Entscheidung"),
            ]
        )
    )
    edit = beschluss_editor(window, qtbot, "Vorab. ")
    picker = open_picker(window, qtbot, edit)
    everything = picker.list.count()
    assert everything >= 10  # the Aachen profile's
    qtbot.keyClicks(picker.filter, "kenntnis beschluss")
    assert 0 < picker.list.count() < everything
    assert picker.list.currentItem().text().startswith("Beschluss: Kenntnisnahme")
    qtbot.keyClick(picker.filter, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.textbausteine.picker is None)
    wanted = "Vorab. Der Rat der Stadt Aachen nimmt die Ausführungen der Verwaltung zur Kenntnis."
    assert edit.toPlainText().strip() == wanted
    assert window.document.vorlage.beschlussvorschlag == wanted
    assert menu_undo_text(window) == "Rückgängig: Textbaustein einfügen"
    qtbot.waitUntil(edit.hasFocus)
    qtbot.keyClick(edit, Qt.Key.Key_Z, CTRL)
    assert window.document.vorlage.beschlussvorschlag == "Vorab."
    assert edit.toPlainText().rstrip() == "Vorab."


def test_an_unfilled_placeholder_is_selected_and_typing_replaces_it(window, qtbot, own_file):
    window.document.edit(lambda v: setattr(v.finanzen, "haushaltsjahr", 2027))
    page = window.go_to(Section.ERLAEUTERUNGEN)
    edit = page.editor.editor
    edit.setFocus()
    qtbot.waitUntil(edit.hasFocus)
    picker = open_picker(window, qtbot, edit)
    qtbot.keyClicks(picker.filter, "veranschlagt")
    assert picker.list.count() == 1
    qtbot.keyClick(picker.filter, Qt.Key.Key_Enter)
    qtbot.waitUntil(lambda: window.textbausteine.picker is None)
    assert "im Haushaltsjahr 2027" in edit.toPlainText()
    assert edit.textCursor().selectedText() == "[Betrag]"
    type_text(qtbot, edit, "12.500")
    window.document.flush()
    assert "Mittel in Höhe von 12.500 € stehen" in window.document.vorlage.erlaeuterungen
    assert "[Produkt]" in edit.toPlainText()


def test_arrow_keys_choose_and_escape_inserts_nothing(window, qtbot, own_file):
    edit = beschluss_editor(window, qtbot)
    picker = open_picker(window, qtbot, edit)
    first = picker.list.currentItem().text()
    qtbot.keyClick(picker.filter, Qt.Key.Key_Down)
    assert picker.list.currentItem().text() != first
    qtbot.keyClick(picker.filter, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.textbausteine.picker is None)
    assert window.document.vorlage.beschlussvorschlag == ""
    assert not window.document.undo_stack.canUndo()


def test_the_picker_opens_wholly_on_the_screen_at_a_line_end_near_its_edge(window, qtbot, own_file):
    # The window fills the screen, as on a 1024×768 laptop; the cursor at the end of a
    # long line is near the screen's right edge, where a picker at the cursor stuck out.
    screen = window.screen().availableGeometry()
    window.setGeometry(screen)
    edit = beschluss_editor(window, qtbot, "Der Integrationsrat nimmt die Ausführungen " * 3)
    assert edit.viewport().mapToGlobal(edit.cursorRect().bottomLeft()).x() > screen.center().x()
    picker = open_picker(window, qtbot, edit)
    assert screen.contains(picker.frameGeometry()), (picker.frameGeometry(), screen)
    qtbot.keyClick(picker.filter, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.textbausteine.picker is None)


def test_outside_a_text_field_the_shortcut_says_where_to_go(window, qtbot, dialogs, own_file):
    page = window.go_to(Section.GRUNDDATEN)
    qtbot.keyClick(page, Qt.Key.Key_T, CTRL | SHIFT)
    assert window.textbausteine.picker is None
    assert dialogs.shown[-1].title == "Textbaustein einfügen"
    assert "Cursor" in dialogs.shown[-1].text


def test_own_textbaustein_saved_found_after_restart_exported_and_imported(
    app, qtbot, dialogs, settings, own_file, tmp_path
):
    from desktop.startup import build_window

    def new_window():
        win = build_window(settings, dialogs)
        qtbot.addWidget(win)
        win.show()
        qtbot.waitExposed(win)
        return win

    window = new_window()
    edit = beschluss_editor(window, qtbot, "Die Sitzung wird vertagt.")
    edit.selectAll()
    dialogs.answers["textbaustein_titel"] = "Vertagung"
    window.textbausteine.save_action.trigger()
    saved = json.loads(own_file.read_text(encoding="utf-8"))
    assert saved["bausteine"] == [
        {"titel": "Vertagung", "rubrik": "", "text": "Die Sitzung wird vertagt."}
    ]
    window.document.set_dirty(False)
    window.close()

    # "Restart": a new window reads the user data folder again.
    window = new_window()
    edit = beschluss_editor(window, qtbot)
    picker = open_picker(window, qtbot, edit)
    qtbot.keyClicks(picker.filter, "vertag")
    assert picker.list.count() == 1
    qtbot.keyClick(picker.filter, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.textbausteine.picker is None)
    assert window.document.vorlage.beschlussvorschlag == "Die Sitzung wird vertagt."

    # Export, then a colleague with an empty folder imports the file (twice: no duplicates).
    shared = tmp_path / "abteilung" / "fb56-bausteine.json"
    dialogs.paths.append(shared)
    window.textbausteine.export_action.trigger()
    assert textbausteine.read(shared) == textbausteine.own()
    own_file.unlink()
    dialogs.paths.extend([shared, shared])
    window.textbausteine.import_action.trigger()
    assert dialogs.shown[-1].text == "1 neue Textbausteine übernommen."
    window.textbausteine.import_action.trigger()
    assert dialogs.shown[-1].text == "0 neue Textbausteine übernommen, 1 waren schon vorhanden."
    assert [b.titel for b in textbausteine.own()] == ["Vertagung"]
    window.document.set_dirty(False)
    window.close()


def test_a_broken_import_file_gives_a_german_message(window, qtbot, dialogs, own_file, tmp_path):
    broken = tmp_path / "kaputt.json"
    broken.write_text(
        json.dumps({"textbausteine_version": 1, "bausteine": [{"titel": "Ohne Text"}]}),
        encoding="utf-8",
    )
    dialogs.paths.append(broken)
    window.textbausteine.import_action.trigger()
    shown = dialogs.shown[-1]
    assert shown.title == "Textbausteine nicht importiert"
    assert "„kaputt.json“" in shown.text
    assert "Textbaustein 1 › Text: fehlt" in shown.text
    assert not own_file.exists()
