"""The session's one export path: what the clerk just typed is in every export, problems are
checked once, and a running export can be cancelled when the window closes."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import Qt

from desktop.session import OPARL, PDF
from forms.labels import Section
from tests.desktop.typing import type_text
from tests.forms.pdfutil import body_text, long_markdown

MARKER = "Zuletzt getippter Satz vor dem Export"


def type_at_end_of_erlaeuterungen(window, qtbot, text: str) -> None:
    page = window.go_to(Section.ERLAEUTERUNGEN)
    editor = page.editor.editor
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    editor.setFocus()
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    type_text(qtbot, editor, text)


def test_text_typed_into_a_long_erlaeuterungen_is_in_the_oparl_paper_pdf(
    window, dialogs, qtbot, example_path: Path, tmp_path: Path
) -> None:
    source = tmp_path / "kim.vorlage.json"
    source.write_bytes(example_path.read_bytes())
    assert window.session.open_file(source)
    window.document.set("erlaeuterungen", long_markdown(3))
    type_at_end_of_erlaeuterungen(window, qtbot, MARKER)
    # Long texts reach the model only after a pause: the keystrokes are still pending.
    assert MARKER not in window.document.vorlage.erlaeuterungen
    target = tmp_path / "paper.json"
    dialogs.paths.append(target)
    with qtbot.waitSignal(window.session.exportFinished, timeout=120_000) as done:
        window.oparl_action.trigger()  # at once, no pause
    kind, exported = done.args
    assert kind is OPARL and target in exported.written
    paper = json.loads(target.read_text(encoding="utf-8"))
    pdf = (target.parent / paper["mainFile"]["fileName"]).read_bytes()
    assert MARKER in body_text(pdf)
    assert MARKER in window.document.vorlage.erlaeuterungen


def test_text_typed_into_a_long_erlaeuterungen_is_in_the_pdf(
    window, dialogs, qtbot, tmp_path: Path
) -> None:
    assert window.session.open_example()
    window.document.set("erlaeuterungen", long_markdown(3))
    type_at_end_of_erlaeuterungen(window, qtbot, MARKER)
    target = tmp_path / "vorlage.pdf"
    with qtbot.waitSignal(window.session.exportFinished, timeout=120_000) as done:
        assert window.session.export_pdf(target)
    assert done.args[0] is PDF
    assert MARKER in body_text(target.read_bytes())


def test_unreadable_input_counts_as_an_error_of_both_exports(
    window, dialogs, qtbot, tmp_path: Path
) -> None:
    assert window.session.open_example()
    page = window.go_to(Section.GRUNDDATEN)
    page.datum.selectAll()
    qtbot.keyClicks(page.datum, "31.02.2025")
    assert window.document.input_problems()
    dialogs.answers["export_with_errors"] = False
    for export in (window.session.export_pdf, window.session.export_oparl):
        dialogs.shown.clear()
        assert not export(tmp_path / "nie.pdf")
        assert [s.title for s in dialogs.shown] == ["Vorlage unvollständig"]
    assert list(tmp_path.iterdir()) == []


def test_closing_during_an_export_cancels_it_and_leaves_no_file(
    window, dialogs, qtbot, tmp_path: Path
) -> None:
    assert window.session.open_example()
    window.document.set("erlaeuterungen", long_markdown(20))
    target = tmp_path / "abgebrochen.pdf"
    assert window.session.export_pdf(target)
    assert window.session.jobs.busy
    dialogs.answers["cancel_running"] = False
    window.document.set_dirty(False)
    assert not window.close()  # "Weiter warten": the window stays, the export goes on
    assert window.session.jobs.busy and window.isVisible()
    dialogs.answers["cancel_running"] = True
    job = window.session.jobs.current
    assert window.close()
    assert not window.session.jobs.busy and job is not None and job.cancelled
    assert [s.title for s in dialogs.shown if s.title.endswith("läuft")] == [
        "PDF-Export läuft",
        "PDF-Export läuft",
    ]
    window.session.jobs.pool.waitForDone(120_000)
    qtbot.wait(50)  # queued signals of the finished job arrive and are dropped
    assert not target.exists()
    assert not any(s.title == "PDF exportiert" for s in dialogs.shown)
