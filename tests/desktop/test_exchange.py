"""Importieren… (start page, Datei menu) and OParl exportieren… in the real main window."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from desktop.dialogs import Unsaved
from desktop.import_dialog import ImportDialog
from desktop.richtext import to_markdown
from forms import projectfile
from forms.flow import Extra
from forms.labels import Section
from tests.conftest import SEED
from tests.forms.oparl_schema import assert_valid_paper

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "ratsinfo"


def _datei_menu(window):
    return next(a.menu() for a in window.menuBar().actions() if a.text() == "&Datei")


def test_start_page_import_button_imports_pasted_text(window, dialogs, qtbot, example_path):
    dialogs.answers["import_text"] = SEED.read_text(encoding="utf-8")
    button = window.start_page.import_button
    assert button.isVisible()
    with qtbot.waitSignal(window.session.imported) as imported:
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert window.document.vorlage == projectfile.load(example_path)
    # A new, unsaved draft that shows its problems first.
    assert window.document.path is None and window.isWindowModified()
    assert window.current_step() == Extra.PRUEFEN
    report = dialogs.shown[-1]
    assert report.title == "Import abgeschlossen" and "Grunddaten › Betreff" in report.text
    assert "grunddaten.betreff" in imported.args[0].gefuellt
    # The pages show the imported values.
    page = window.go_to(Section.GRUNDDATEN)
    assert page.betreff.toPlainText() == "Sachstandsbericht zum Kommunalen Integrationsmanagement"


def test_imported_nested_bullets_and_joined_sentences_show_in_the_editor(window, dialogs, qtbot):
    dialogs.answers["import_text"] = (FIXTURES / "listen.txt").read_text(encoding="utf-8")
    with qtbot.waitSignal(window.session.imported):
        window.file_menu.import_action.trigger()
    imported = window.document.vorlage.erlaeuterungen
    page = window.go_to(Section.ERLAEUTERUNGEN)
    document = page.editor.editor.document()
    blocks = []
    block = document.begin()
    while block.isValid():
        text_list = block.textList()
        blocks.append((block.text().strip(), text_list.format().indent() if text_list else 0))
        block = block.next()
    # The editor shows the page's sub-items one level deeper, and the broken sentence whole.
    assert ("Zoo und Tierpark", 2) in blocks and ("Seepferdchen-Kurse", 3) in blocks
    assert ("Standort Brand", 2) in blocks and ("Tagesausflüge", 1) in blocks
    assert blocks[0][0].endswith("wurden von rund 2.400 Kindern besucht.")
    # Wizard and importer agree: what the editor writes back is the imported text.
    assert to_markdown(document) == imported


def test_import_of_text_that_is_no_vorlage_shows_an_error(window, dialogs, qtbot):
    before = window.document.vorlage
    dialogs.answers["import_text"] = "Milch\nEier\nBrot"
    window.file_menu.import_action.trigger()
    qtbot.waitUntil(lambda: not window.session.jobs.busy)
    assert dialogs.shown[-1].kind == "error"
    assert "sieht nicht wie eine Vorlage" in dialogs.shown[-1].text
    assert window.document.vorlage is before


def test_import_asks_before_dropping_unsaved_work(window, dialogs, qtbot):
    page = window.go_to(Section.GRUNDDATEN)
    qtbot.keyClicks(page.verfasst_von, "FB 36/001")
    dialogs.answers["unsaved"] = Unsaved.CANCEL
    dialogs.answers["import_text"] = SEED.read_text(encoding="utf-8")
    assert not window.session.import_vorlage()
    assert window.document.vorlage.grunddaten.verfasst_von == "FB 36/001"


# The offscreen platform plugin cannot resize top-level dialogs to their size hints; that
# warning says nothing about the dialog.
@pytest.mark.qt_log_ignore("does not support propagateSizeHints")
def test_import_dialog_takes_typed_text_or_a_file(window, dialogs, qtbot, tmp_path):
    dialog = ImportDialog(window, warn=dialogs.warning)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.ok_button.isEnabled()
    qtbot.keyClicks(dialog.text, "Kenntnisnahme - FB 56/0319/WP18")
    assert dialog.ok_button.isEnabled()
    page = tmp_path / "seite.txt"
    page.write_bytes(SEED.read_bytes())
    assert dialog.load_file(page)
    assert dialog.text.toPlainText() == SEED.read_text(encoding="utf-8")
    assert dialog.source == "„seite.txt“"
    assert not dialog.load_file(tmp_path / "fehlt.txt")
    assert dialogs.shown[-1].kind == "warning" and "fehlt.txt" in dialogs.shown[-1].text
    assert dialog.text.toPlainText() == SEED.read_text(encoding="utf-8")  # kept
    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)


def test_menu_has_import_and_oparl_actions(window):
    texts = [a.text() for a in _datei_menu(window).actions()]
    assert "&Importieren…" in texts and "&OParl exportieren…" in texts
    assert texts.index("&OParl exportieren…") > texts.index("&PDF exportieren…")


def test_oparl_export_from_the_menu(window, dialogs, qtbot, example_path, tmp_path):
    source = tmp_path / "kim.vorlage.json"
    source.write_bytes(example_path.read_bytes())
    assert window.session.open_file(source)
    target = tmp_path / "uebergabe" / "paper.json"
    target.parent.mkdir()
    dialogs.paths.append(target)
    with qtbot.waitSignal(window.session.exportFinished, timeout=60_000) as done:
        window.file_menu.oparl_action.trigger()
    assert target in done.args[1].written
    paper = json.loads(target.read_text(encoding="utf-8"))
    assert_valid_paper(paper)
    pdf = (target.parent / paper["mainFile"]["fileName"]).read_bytes()
    assert hashlib.sha512(pdf).hexdigest() == paper["mainFile"]["sha512Checksum"]
    assert paper["reference"] == "FB 56/0319/WP18"
    assert dialogs.shown[-1].title == "OParl exportiert"
    assert window.file_menu.oparl_action.isEnabled()


def test_oparl_export_of_incomplete_draft_can_be_declined(window, dialogs, tmp_path):
    window.session.new_vorlage("Entscheidungsvorlage", "FB 36")
    dialogs.answers["export_with_errors"] = False
    dialogs.paths.append(tmp_path / "paper.json")
    assert not window.session.export_oparl()
    assert dialogs.shown[-1].title == "Vorlage unvollständig"
    assert not (tmp_path / "paper.json").exists()
