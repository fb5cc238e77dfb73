"""The wizard's file reading for import and OParl against hostile files (#13.6): "Aus Datei
laden" refuses a FIFO and /dev/zero at once; an Anlage the clerk picked in the file dialog is
copied by the OParl export even from outside the project folder, a stored one is not; a PDF
and an OParl paper.json loaded in the import dialog become the draft."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from desktop.import_dialog import ImportDialog
from forms.labels import Section
from tests.hostile import WAITING, fifo_with_waiting_text

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="FIFOs and /dev/zero are POSIX")


@pytest.mark.qt_log_ignore("does not support propagateSizeHints")
def test_load_from_file_refuses_fifo_and_device(window, dialogs, qtbot, tmp_path):
    dialog = ImportDialog(window, warn=dialogs.warning)
    qtbot.addWidget(dialog)
    with fifo_with_waiting_text(tmp_path / "seite.txt") as unread:
        for path in (tmp_path / "seite.txt", Path("/dev/zero")):
            assert not dialog.load_file(path)
            assert dialogs.shown[-1].kind == "warning"
            assert "keine gewöhnliche Datei" in dialogs.shown[-1].text
        assert unread() == WAITING  # refused before a byte was read
    assert dialog.text.toPlainText() == ""


def test_oparl_export_copies_a_picked_anlage_from_outside_only(
    window, dialogs, qtbot, example_path, tmp_path
):
    projekt = tmp_path / "projekt"
    projekt.mkdir()
    source = projekt / "kim.vorlage.json"
    source.write_bytes(example_path.read_bytes())
    assert window.session.open_file(source)
    picked = tmp_path / "anderswo" / "plan.pdf"
    picked.parent.mkdir()
    picked.write_bytes(b"%PDF plan")
    page = window.go_to(Section.ANLAGEN)
    page.add_button.click()
    dialogs.paths.append(picked)
    page._browse()
    assert window.document.vorlage.anlagen[-1].datei == str(picked)
    target = tmp_path / "out" / "paper.json"
    target.parent.mkdir()
    dialogs.paths.append(target)
    with qtbot.waitSignal(window.session.exportFinished, timeout=60_000):
        window.file_menu.oparl_action.trigger()
    paper = json.loads(target.read_text(encoding="utf-8"))
    number = len(window.document.vorlage.anlagen)
    last = paper["auxiliaryFile"][-1]
    assert last["fileName"] == f"Anlage_{number}_plan.pdf"
    assert (target.parent / last["fileName"]).read_bytes() == b"%PDF plan"


@pytest.mark.qt_log_ignore("does not support propagateSizeHints")
def test_import_dialog_takes_a_pdf_and_the_wizard_imports_it(window, dialogs, qtbot, tmp_path):
    from forms.pdf import render
    from tests.forms.imports.samples import AUSDRUCK, rich_vorlage

    pdf = tmp_path / "vorjahr.pdf"
    pdf.write_bytes(render(rich_vorlage(), ausdruck_datum=AUSDRUCK))
    dialog = ImportDialog(window, warn=dialogs.warning)
    qtbot.addWidget(dialog)
    assert not dialog.ok_button.isEnabled()
    assert dialog.load_file(pdf)
    assert dialog.pdf == pdf and dialog.ok_button.isEnabled()
    assert dialog.text.toPlainText() == ""  # no binary garbage in the box
    assert "vorjahr.pdf" in dialog.text.placeholderText()

    dialogs.answers["import_pdf"] = pdf
    with qtbot.waitSignal(window.session.imported, timeout=60_000) as imported:
        window.start_page.import_button.click()
    assert window.document.vorlage == rich_vorlage()
    assert "erlaeuterungen" in imported.args[0].gefuellt
    assert dialogs.shown[-1].title == "Import abgeschlossen"


@pytest.mark.qt_log_ignore("does not support propagateSizeHints")
def test_import_dialog_takes_an_oparl_paper_and_the_wizard_imports_it(
    window, dialogs, qtbot, tmp_path, example_path
):
    import datetime as dt

    from forms import oparl, projectfile

    vorlage = projectfile.load(example_path)
    vorlage.beratungsfolge[0].status = "vertagt"  # a verbatim status comes through too
    export = oparl.build_paper(
        vorlage, b"%PDF-1.7\n%%EOF\n", jetzt=dt.datetime(2025, 11, 3, tzinfo=dt.UTC)
    )
    paper = tmp_path / "uebergabe" / "paper.json"
    paper.parent.mkdir()
    oparl.write_export(export, paper)
    dialog = ImportDialog(window, warn=dialogs.warning)
    qtbot.addWidget(dialog)
    assert dialog.load_file(paper)
    assert dialog.ok_button.isEnabled() and dialog.pdf is None
    assert json.loads(dialog.text.toPlainText())["reference"] == "FB 56/0319/WP18"

    dialogs.answers["import_text"] = dialog.text.toPlainText()
    with qtbot.waitSignal(window.session.imported, timeout=60_000) as imported:
        window.start_page.import_button.click()
    assert window.document.vorlage == vorlage
    assert window.document.path is None  # a new draft, not the exported file
    assert "beratungsfolge" in imported.args[0].gefuellt
    report = dialogs.shown[-1]
    assert report.title == "Import abgeschlossen" and "„vertagt“ übernommen" in report.text
