"""Open, save, save as, unsaved-changes prompt, broken files."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import Qt

from desktop.dialogs import Unsaved
from forms import projectfile
from forms.labels import Section


def test_window_title_shows_name_and_unsaved_marker(window, qtbot, example_path, tmp_path):
    assert window.windowTitle().startswith("Unbenannt")
    target = tmp_path / "kopie.vorlage.json"
    target.write_bytes(example_path.read_bytes())
    assert window.session.open_file(target)
    assert window.windowTitle() == "kopie.vorlage.json[*] – Vorlagen-Assistent"
    assert not window.isWindowModified()
    page = window.go_to(Section.GRUNDDATEN)
    qtbot.keyClick(page.verfasst_von, Qt.Key.Key_End)
    qtbot.keyClicks(page.verfasst_von, " (Frau Beispiel)")
    assert window.isWindowModified()
    assert window.document.vorlage.grunddaten.verfasst_von == "FB 56/600 (Frau Beispiel)"


def test_open_save_roundtrip_keeps_the_file_identical(window, example_path, tmp_path):
    source = tmp_path / "beispiel.vorlage.json"
    source.write_bytes(example_path.read_bytes())
    assert window.session.open_file(source)
    # Every page shows the file; saving unchanged must write the same canonical file.
    window.session.save()
    assert source.read_text(encoding="utf-8") == example_path.read_text(encoding="utf-8")
    assert str(source.resolve()) == window.settings.recent_files[0]


def test_save_as_writes_a_new_file_and_switches_to_it(
    window, dialogs, qtbot, example_path, tmp_path
):
    source = tmp_path / "a.vorlage.json"
    source.write_bytes(example_path.read_bytes())
    window.session.open_file(source)
    page = window.go_to(Section.GRUNDDATEN)
    page.betreff.selectAll()
    qtbot.keyClicks(page.betreff, "Neuer Betreff")
    target = tmp_path / "b.vorlage.json"
    dialogs.paths.append(target)
    window.file_menu.save_as_action.trigger()
    assert window.document.path == target
    assert projectfile.load(target).grunddaten.betreff == "Neuer Betreff"
    assert projectfile.load(source).grunddaten.betreff != "Neuer Betreff"
    assert not window.isWindowModified()
    assert "b.vorlage.json" in window.windowTitle()


def test_save_without_path_asks_for_one(window, dialogs, qtbot, tmp_path):
    window.session.new_vorlage("Kenntnisnahme", "FB 56")
    target = tmp_path / "neu.vorlage.json"
    dialogs.paths.append(target)
    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert target.exists()
    saved = projectfile.load(target)
    assert saved.grunddaten.federfuehrend.kuerzel == "FB 56"
    assert saved.grunddaten.federfuehrend.name == "Fachbereich Wohnen, Soziales und Integration"


def _make_dirty(window, qtbot):
    page = window.go_to(Section.GRUNDDATEN)
    qtbot.keyClicks(page.verfasst_von, "FB 36/001")
    assert window.document.dirty


def test_close_with_unsaved_changes_cancel_keeps_window(window, dialogs, qtbot):
    _make_dirty(window, qtbot)
    dialogs.answers["unsaved"] = Unsaved.CANCEL
    assert not window.close()
    assert window.isVisible()
    assert dialogs.shown[-1].title == "Ungespeicherte Änderungen"


def test_close_with_unsaved_changes_discard_closes(window, dialogs, qtbot):
    _make_dirty(window, qtbot)
    dialogs.answers["unsaved"] = Unsaved.DISCARD
    assert window.close()


def test_close_with_unsaved_changes_save_writes_file(window, dialogs, qtbot, tmp_path):
    _make_dirty(window, qtbot)
    dialogs.answers["unsaved"] = Unsaved.SAVE
    target = tmp_path / "gerettet.vorlage.json"
    dialogs.paths.append(target)
    assert window.close()
    assert projectfile.load(target).grunddaten.verfasst_von == "FB 36/001"


def test_new_with_unsaved_changes_asks_first(window, dialogs, qtbot):
    _make_dirty(window, qtbot)
    dialogs.answers["unsaved"] = Unsaved.CANCEL
    window.file_menu.new_action.trigger()
    assert window.document.vorlage.grunddaten.verfasst_von == "FB 36/001"


def test_broken_file_shows_message_and_keeps_current_project(window, dialogs, qtbot, tmp_path):
    _make_dirty(window, qtbot)
    broken = tmp_path / "kaputt.vorlage.json"
    broken.write_text('{"schema_version": 1, "vorlage": {', encoding="utf-8")
    dialogs.answers["unsaved"] = Unsaved.DISCARD
    assert not window.session.open_file(broken)
    assert dialogs.shown[-1].kind == "error"
    assert "beschädigt" in dialogs.shown[-1].text
    assert "kaputt.vorlage.json" in dialogs.shown[-1].text
    assert window.document.vorlage.grunddaten.verfasst_von == "FB 36/001"
    page = window.page(Section.GRUNDDATEN)
    assert page.verfasst_von.text() == "FB 36/001"


def test_newer_file_is_refused_with_german_message(window, dialogs, example_path, tmp_path):
    document = json.loads(example_path.read_text(encoding="utf-8"))
    document["schema_version"] = 99
    newer = tmp_path / "neuer.vorlage.json"
    newer.write_text(json.dumps(document), encoding="utf-8")
    before = window.document.vorlage
    assert not window.session.open_file(newer)
    assert "neueren Version" in dialogs.shown[-1].text
    assert window.document.vorlage is before


def test_recent_files_are_remembered_in_settings_file(window, settings, example_path, tmp_path):
    source = tmp_path / "zuletzt.vorlage.json"
    source.write_bytes(example_path.read_bytes())
    window.session.open_file(source)
    stored = json.loads(Path(settings.path).read_text(encoding="utf-8"))
    assert stored["recent_files"][0] == str(source.resolve())
    assert window.start_page.recent.item(0).text().startswith("zuletzt.vorlage.json")


def test_missing_recent_file_is_explained_and_dropped(window, dialogs, example_path, tmp_path):
    source = tmp_path / "weg.vorlage.json"
    source.write_bytes(example_path.read_bytes())
    window.session.open_file(source)
    window.document.set_dirty(False)
    source.unlink()
    assert not window.session.open_file(source)
    assert "gibt es nicht" in dialogs.shown[-1].text
    assert str(source.resolve()) not in window.settings.recent_files
