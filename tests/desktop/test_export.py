"""PDF export from the window: runs in a worker, reports progress, keeps the GUI responsive."""

from __future__ import annotations

from PySide6.QtCore import QTimer

from desktop.dialogs import AfterExport
from forms.flow import Extra
from tests.forms.pdfutil import body_text, long_markdown


def test_export_runs_in_worker_with_progress_and_live_event_loop(window, dialogs, qtbot, tmp_path):
    window.session.open_example()
    window.document.set("erlaeuterungen", long_markdown(6))
    ticks: list[int] = []
    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start()
    target = tmp_path / "lang.pdf"
    dialogs.answers["after_export"] = AfterExport.CLOSE
    progress: list[tuple[int, int]] = []
    window.session.exportProgress.connect(lambda done, total: progress.append((done, total)))
    with qtbot.waitSignal(window.session.exportFinished, timeout=120_000) as finished:
        assert window.session.export_pdf(target)
        # export_pdf returned while the job is still owned by the window: nothing blocked.
        assert window.session.jobs.busy
        assert window.pruefen_page.progress.isVisible()
        assert not window.file_menu.export_action.isEnabled()
    timer.stop()
    assert finished.args[1].written == [target]
    assert ticks, "the GUI event loop did not run during the export"
    assert progress, "no progress signal arrived"
    assert progress[-1][0] == progress[-1][1]
    assert not window.pruefen_page.progress.isVisible()
    assert window.file_menu.export_action.isEnabled()
    assert "Abschnitt 6: Sachstand" in body_text(target.read_bytes())
    assert dialogs.shown[-1].title == "PDF exportiert"


def test_export_with_errors_asks_and_marks_draft(window, dialogs, qtbot, tmp_path):
    window.session.new_vorlage("Entscheidungsvorlage", "FB 36")
    dialogs.answers["export_with_errors"] = False
    assert not window.session.export_pdf(tmp_path / "nein.pdf")
    assert dialogs.shown[-1].title == "Vorlage unvollständig"
    dialogs.answers["export_with_errors"] = True
    target = tmp_path / "entwurf.pdf"
    with qtbot.waitSignal(window.session.exportFinished, timeout=60_000):
        assert window.session.export_pdf(target)
    assert "ENTWURF" in body_text(target.read_bytes())


def test_export_failure_shows_german_message(window, dialogs, qtbot, tmp_path):
    window.session.open_example()
    target = tmp_path / "gibt-es-nicht" / "x.pdf"
    with qtbot.waitSignal(window.session.exportFailed, timeout=60_000) as failed:
        assert window.session.export_pdf(target)
    assert "wurde nicht gespeichert" in failed.args[1]
    assert "x.pdf" in failed.args[1]
    assert dialogs.shown[-1].kind == "error"
    assert dialogs.shown[-1].title == "PDF-Export fehlgeschlagen"
    assert window.current_step() == Extra.PRUEFEN
    assert window.pruefen_page.export_button.isEnabled()


def test_ctrl_e_asks_for_target_and_exports(window, dialogs, qtbot, tmp_path):
    window.session.open_example()
    target = tmp_path / "per-tastatur.pdf"
    dialogs.paths.append(target)
    with qtbot.waitSignal(window.session.exportFinished, timeout=60_000):
        window.file_menu.export_action.trigger()
    assert target.read_bytes().startswith(b"%PDF-")
