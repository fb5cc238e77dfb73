"""The session's one export path: what the clerk just typed is in every export, problems are
checked once, and a running export can be cancelled when the window closes."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from desktop.dialogs import Locked, LockLost
from desktop.exports import OPARL, PDF
from desktop.jobs import JobContext
from forms import projectfile
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
        window.file_menu.oparl_action.trigger()  # at once, no pause
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


@pytest.fixture
def held_export(monkeypatch) -> tuple[threading.Event, threading.Event]:
    """Holds the export thread at its second progress report until the test releases it.

    Without it the cancel races the renderer: on an idle machine the 20 sections are done
    before the click arrives. (reached, release): the thread waits after `reached` is set.
    """
    reached, release = threading.Event(), threading.Event()
    real = JobContext.progress
    calls = 0

    def progress(self: JobContext, done: int, total: int) -> None:
        nonlocal calls
        calls += 1
        if calls == 2:
            reached.set()
            release.wait(60)
        real(self, done, total)

    monkeypatch.setattr(JobContext, "progress", progress)
    return reached, release


def test_closing_during_an_export_cancels_it_and_leaves_no_file(
    window, dialogs, qtbot, tmp_path: Path, held_export
) -> None:
    reached, release = held_export
    assert window.session.open_example()
    window.document.set("erlaeuterungen", long_markdown(20))
    target = tmp_path / "abgebrochen.pdf"
    progress: list[tuple[int, int]] = []
    window.session.exportProgress.connect(lambda done, total: progress.append((done, total)))
    assert window.session.export_pdf(target)
    assert window.session.jobs.busy
    qtbot.waitUntil(reached.is_set, timeout=60_000)  # the renderer is at work
    dialogs.answers["cancel_running"] = False
    window.document.set_dirty(False)
    assert not window.close()  # "Weiter warten": the window stays, the export goes on
    assert window.session.jobs.busy and window.isVisible()
    dialogs.answers["cancel_running"] = True
    job = window.session.jobs.current
    assert window.close()
    assert not window.session.jobs.busy and job is not None and job.cancelled
    release.set()
    assert [s.title for s in dialogs.shown if s.title.endswith("läuft")] == [
        "PDF-Export läuft",
        "PDF-Export läuft",
    ]
    window.session.jobs.pool.waitForDone(120_000)
    qtbot.wait(50)  # queued signals of the finished job arrive and are dropped
    assert not target.exists()
    assert not any(s.title == "PDF exportiert" for s in dialogs.shown)
    # Nothing was reported after the cancel: the next progress report raised Cancelled
    # inside the renderer (without the cancel the reports run up to the total).
    assert progress and progress[-1][0] < progress[-1][1]


# -- two windows on one file (#13 item 3) ---------------------------------------------------
@pytest.fixture
def second(app, qtbot, settings):  # type: ignore[no-untyped-def]
    from desktop.dialogs import Dialogs
    from desktop.startup import build_window

    other = build_window(settings, Dialogs(interactive=False))
    qtbot.addWidget(other)
    yield other
    other.document.set_dirty(False)
    other.close()


@pytest.mark.parametrize("answer", ["cancel", "save_as", "overwrite"])
def test_a_save_over_a_file_another_window_saved_asks_first(
    window, second, dialogs, example_path: Path, tmp_path: Path, answer: str
) -> None:
    shared = tmp_path / "gemeinsam.vorlage.json"
    shared.write_bytes(example_path.read_bytes())
    # Both windows get past the lock (issue 16): B takes it over, A takes it back to save.
    # The content check below is independent of the lock.
    second.dialogs.answers["locked"] = Locked.TAKE_OVER
    dialogs.answers["lock_lost"] = LockLost.TAKE_OVER
    assert window.session.open_file(shared) and second.session.open_file(shared)
    second.document.set("grunddaten.betreff", "Fassung aus Fenster B")
    assert second.session.save()
    window.document.set("grunddaten.betreff", "Fassung aus Fenster A")
    dialogs.answers["changed_on_disk"] = answer
    elsewhere = tmp_path / "anders.vorlage.json"
    dialogs.paths.append(elsewhere)
    saved = window.session.save()
    assert dialogs.shown[-1 if answer != "save_as" else -2].title == "Datei wurde geändert"
    on_disk = projectfile.load(shared).grunddaten.betreff
    if answer == "cancel":
        assert not saved and window.document.dirty
        assert on_disk == "Fassung aus Fenster B"
    elif answer == "save_as":
        assert saved and window.document.path == elsewhere
        assert on_disk == "Fassung aus Fenster B"
        assert projectfile.load(elsewhere).grunddaten.betreff == "Fassung aus Fenster A"
    else:
        assert saved and on_disk == "Fassung aus Fenster A"


def test_saving_twice_in_one_window_does_not_ask(window, dialogs, example_path, tmp_path):
    path = tmp_path / "eigen.vorlage.json"
    path.write_bytes(example_path.read_bytes())
    assert window.session.open_file(path)
    for text in ("erste", "zweite"):
        window.document.set("grunddaten.betreff", text)
        assert window.session.save()
    assert not any(s.title == "Datei wurde geändert" for s in dialogs.shown)
    assert projectfile.load(path).grunddaten.betreff == "zweite"


def test_an_export_never_writes_over_the_project_file(window, dialogs, example_path, tmp_path):
    path = tmp_path / "kim.json"  # a project file whatever its name
    path.write_bytes(example_path.read_bytes())
    assert window.session.open_file(path)
    for export in (window.session.export_pdf, window.session.export_oparl):
        assert not export(path)
        assert dialogs.shown[-1].kind == "error"
        assert dialogs.shown[-1].title.endswith("nicht möglich")
    assert path.read_bytes() == example_path.read_bytes()
    assert not window.session.jobs.busy


def test_the_import_runs_off_the_gui_thread(window, dialogs, qtbot, monkeypatch) -> None:
    import threading

    from forms import imports
    from tests.conftest import SEED

    threads: list[threading.Thread] = []
    real = imports.import_text

    def recording(*args, **kwargs):  # type: ignore[no-untyped-def]
        threads.append(threading.current_thread())
        return real(*args, **kwargs)

    monkeypatch.setattr(imports, "import_text", recording)
    with qtbot.waitSignal(window.session.imported, timeout=60_000):
        assert window.session.import_vorlage(SEED.read_text(encoding="utf-8"))
        assert window.session.jobs.busy and not window.file_menu.import_action.isEnabled()
    assert threads and threads[0] is not threading.main_thread()
    assert window.file_menu.import_action.isEnabled()
    assert window.document.vorlage.grunddaten.vorlage_nr == "FB 56/0319/WP18"


def test_a_running_export_can_be_cancelled_on_the_review_page(
    window, dialogs, qtbot, tmp_path, held_export
):
    reached, release = held_export
    assert window.session.open_example()
    window.document.set("erlaeuterungen", long_markdown(20))
    target = tmp_path / "abgebrochen.pdf"
    progress: list[tuple[int, int]] = []
    window.session.exportProgress.connect(lambda done, total: progress.append((done, total)))
    assert window.session.export_pdf(target)
    page = window.pruefen_page
    assert page.cancel_button.isVisible() and not page.export_button.isEnabled()
    qtbot.waitUntil(reached.is_set, timeout=60_000)
    qtbot.mouseClick(page.cancel_button, Qt.MouseButton.LeftButton)
    release.set()
    assert not page.cancel_button.isVisible() and page.export_button.isEnabled()
    assert window.statusBar().currentMessage() == "PDF-Export abgebrochen."
    window.session.jobs.pool.waitForDone(120_000)
    qtbot.wait(50)
    assert not target.exists() and progress[-1][0] < progress[-1][1]
    # The clerk can export again at once, and this time it finishes.
    window.document.set("erlaeuterungen", long_markdown(1))
    with qtbot.waitSignal(window.session.exportFinished, timeout=120_000):
        assert window.session.export_pdf(target)
    assert target.read_bytes().startswith(b"%PDF-")
