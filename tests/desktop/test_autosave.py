"""Autosave end to end: typing is copied within seconds, saving/closing removes the copy, and
after a real SIGKILL of the running program the next start offers and restores the text."""

from __future__ import annotations

import json
import os
import re
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer

from desktop import autosave
from desktop.mainwindow import MainWindow
from forms import projectfile, recovery
from forms.labels import Section
from tests.conftest import ROOT


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return tmp_path / "wiederherstellung"


@pytest.fixture
def saver(window: MainWindow, folder: Path) -> autosave.Autosave:
    auto = autosave.install(window, recovery.RecoverySession(folder))
    yield auto
    auto.close()


def copy_text(folder: Path) -> str | None:
    copies = list(folder.glob("*.wiederherstellung.json"))
    if not copies:
        return None
    document = json.loads(copies[0].read_text(encoding="utf-8"))
    return document["document"]["vorlage"]["grunddaten"]["betreff"]


def type_betreff(window: MainWindow, qtbot, text: str) -> None:  # type: ignore[no-untyped-def]
    page = window.go_to(Section.GRUNDDATEN)
    autosave.type_text(page.betreff, text)


def test_typing_is_copied_within_five_seconds_and_save_removes_the_copy(
    window: MainWindow, saver: autosave.Autosave, folder: Path, dialogs, qtbot, tmp_path: Path
) -> None:
    type_betreff(window, qtbot, "Radweg Süd")
    typed = time.monotonic()
    qtbot.waitUntil(lambda: copy_text(folder) == "Radweg Süd", timeout=5000)
    assert time.monotonic() - typed <= 5
    target = tmp_path / "radweg.vorlage.json"
    dialogs.paths.append(target)
    assert window.save()
    assert copy_text(folder) is None
    assert projectfile.load(target).grunddaten.betreff == "Radweg Süd"


def test_continuous_typing_is_copied_before_the_clerk_pauses(
    window: MainWindow, saver: autosave.Autosave, folder: Path, qtbot
) -> None:
    page = window.go_to(Section.GRUNDDATEN)
    start = time.monotonic()
    while time.monotonic() - start < 6 and copy_text(folder) is None:
        qtbot.keyClick(page.betreff, Qt.Key.Key_A)
        qtbot.wait(300)  # faster than the idle time: only the maximum delay can fire
    assert copy_text(folder), "no copy during 6 s of continuous typing"
    assert time.monotonic() - start <= autosave.MAX_DELAY_MS / 1000 + 1


def test_normal_close_removes_the_copy(
    window: MainWindow, saver: autosave.Autosave, folder: Path, dialogs, qtbot
) -> None:
    type_betreff(window, qtbot, "wird verworfen")
    saver.write_now()
    assert copy_text(folder) == "wird verworfen"
    dialogs.answers["unsaved"] = "discard"
    window.close()
    qtbot.waitUntil(lambda: copy_text(folder) is None, timeout=2000)
    assert list(folder.iterdir()) == []


def test_the_clerks_file_is_never_written_by_autosave(
    window: MainWindow, saver: autosave.Autosave, folder: Path, qtbot, tmp_path: Path
) -> None:
    path = tmp_path / "eigene.vorlage.json"
    projectfile.save(projectfile.loads(projectfile.dumps(window.document.vorlage)), path)
    before = path.read_bytes()
    assert window.load(path)
    type_betreff(window, qtbot, "nur in der Kopie")
    saver.write_now()
    assert copy_text(folder) == "nur in der Kopie"
    assert path.read_bytes() == before


def start_program(env: dict[str, str]) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "desktop.app"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def first_line(program: subprocess.Popen[str]) -> str:
    assert program.stdout is not None
    ready, _, _ = select.select([program.stdout], [], [], 60)
    assert ready, "the program printed nothing within 60 s"
    return program.stdout.readline().strip()


def kill(program: subprocess.Popen[str]) -> None:
    program.send_signal(signal.SIGKILL)
    program.wait()
    assert program.returncode == -signal.SIGKILL


TEXT = "Radweg Süd – Entwurf 🚲"


def test_sigkill_then_restart_offers_and_restores_the_text(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_STATE_HOME": str(tmp_path / "state"),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
    }
    folder = tmp_path / "data" / "vorlagen-assistent" / "wiederherstellung"

    # 1. The clerk types; the program is killed as soon as its copy is there.
    program = start_program({**env, autosave.TEST_TYPING_ENV: TEXT})
    try:
        assert first_line(program) == "getippt"
        typed = time.monotonic()
        while copy_text(folder) != TEXT and time.monotonic() < typed + 10:
            time.sleep(0.1)
        waited = time.monotonic() - typed
        assert copy_text(folder) == TEXT
        assert waited <= 5, f"copy appeared {waited:.1f} s after typing"
    finally:
        kill(program)

    [left] = recovery.orphaned(folder)
    when = left.saved_at.strftime("%d.%m.%Y um %H:%M:%S Uhr")

    # 2. Next start of the real program: it asks, with the time of the copy, and restores.
    program = start_program({**env, autosave.TEST_RESTART_ENV: "1"})
    try:
        report = json.loads(first_line(program))
        [question] = report["gefragt"]
        assert re.fullmatch(
            r"Der Vorlagen-Assistent wurde nicht ordnungsgemäß beendet\. Von „Unbenannt“ gibt "
            r"es eine Wiederherstellungskopie vom \d\d\.\d\d\.\d{4} um \d\d:\d\d:\d\d Uhr mit "
            r"ungespeicherten Änderungen\.",
            question,
        ), question
        assert f"vom {when} mit" in question
        assert report["betreff"] == TEXT and report["ungespeichert"] is True
    finally:
        kill(program)  # a second crash right after restoring …

    # … still loses nothing: the restored work was copied again before anything else.
    [copy] = recovery.orphaned(folder)
    assert copy.load().grunddaten.betreff == TEXT
    assert len(list(folder.glob("*.wiederherstellung.json"))) == 1


def test_verwerfen_deletes_the_copy_and_keeps_the_empty_start(
    app, qtbot, dialogs, settings, folder: Path
) -> None:
    from tests.forms.test_recovery import killed_session

    killed_session(folder, None, "nicht mehr gebraucht")
    dialogs.answers["recover"] = False
    window = MainWindow(settings, dialogs)
    qtbot.addWidget(window)
    auto = autosave.install(window, recovery.RecoverySession(folder))
    try:
        assert any(s.title == "Wiederherstellen?" for s in dialogs.shown)
        assert window.document.vorlage.grunddaten.betreff == ""
        assert not window.document.dirty
        assert recovery.orphaned(folder) == []
    finally:
        auto.close()
        window.close()


def test_a_failing_copy_is_shown_in_the_status_bar_and_retried(
    window: MainWindow, saver: autosave.Autosave, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    def full(fd: int, data: object) -> int:
        raise OSError(errno.ENOSPC, "full")

    type_betreff(window, None, "Text")
    monkeypatch.setattr(os, "write", full)
    saver.write_now()
    monkeypatch.undo()
    assert copy_text(folder) is None
    assert (
        window.statusBar()
        .currentMessage()
        .startswith("Achtung: die automatische Sicherungskopie konnte nicht geschrieben werden")
    )
    type_betreff(window, None, " mehr")  # the next edit tries again
    saver.write_now()
    assert copy_text(folder) == "Text mehr"


@pytest.mark.parametrize(
    ("action", "restored"), [("Wiederherstellen", True), ("Verwerfen", False), ("Escape", True)]
)
def test_the_real_question_box(app, qtbot, action: str, restored: bool) -> None:
    from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

    from desktop.dialogs import Dialogs

    seen: list[str] = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(50, answer)
            return
        seen.append(box.text())
        seen.extend(b.text() for b in box.findChildren(QPushButton))
        if action == "Escape":
            qtbot.keyClick(box, Qt.Key.Key_Escape)
        else:
            [button] = [b for b in box.buttons() if b.text() == action]
            button.click()

    QTimer.singleShot(50, answer)
    assert (
        Dialogs(interactive=True).ask_recover("x.vorlage.json", "14.03.2025 um 09:30:00 Uhr")
        is restored
    )
    assert "Von „x.vorlage.json“ gibt es eine Wiederherstellungskopie vom 14.03.2025 um " in seen[0]
    assert {"Wiederherstellen", "Verwerfen"} <= set(seen[1:])
