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
from collections.abc import Callable
from pathlib import Path

import pytest

from desktop import autosave
from desktop.mainwindow import MainWindow
from desktop.startup import build_window
from forms import projectfile, recovery
from forms.labels import Section
from tests.conftest import ROOT
from tests.desktop.boxes import answer_next_box
from tests.desktop.typing import send_text


class ManualTimer:
    """A single-shot timer the test fires: the intervals are checked, not waited for."""

    def __init__(self, _parent: object, interval_ms: int, fire: Callable[[], None]) -> None:
        self.interval_ms = interval_ms
        self.fire = fire
        self.active = False
        self.starts = 0

    def start(self) -> None:
        self.active = True
        self.starts += 1

    def stop(self) -> None:
        self.active = False

    def isActive(self) -> bool:
        return self.active

    def elapse(self) -> None:
        assert self.active, "the timer was not running"
        self.active = False
        self.fire()


class ManualTimers:
    def __init__(self) -> None:
        self.made: dict[int, ManualTimer] = {}

    def __call__(self, parent: object, interval_ms: int, fire: Callable[[], None]) -> ManualTimer:
        timer = ManualTimer(parent, interval_ms, fire)
        self.made[interval_ms] = timer
        return timer

    @property
    def idle(self) -> ManualTimer:
        return self.made[autosave.IDLE_MS]

    @property
    def longest(self) -> ManualTimer:
        return self.made[autosave.MAX_DELAY_MS]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return tmp_path / "wiederherstellung"


@pytest.fixture
def timers() -> ManualTimers:
    return ManualTimers()


@pytest.fixture
def saver(window: MainWindow, folder: Path, timers: ManualTimers) -> autosave.Autosave:
    auto = autosave.install(window.session, recovery.RecoverySession(folder), timer=timers)
    yield auto
    auto.close()


def copy_text(folder: Path) -> str | None:
    copies = list(folder.glob("*.wiederherstellung.json"))
    if not copies:
        return None
    document = json.loads(copies[0].read_text(encoding="utf-8"))
    return document["document"]["vorlage"]["grunddaten"]["betreff"]


def type_betreff(window: MainWindow, text: str) -> None:
    page = window.go_to(Section.GRUNDDATEN)
    send_text(page.betreff, text)


def test_a_pause_after_typing_writes_the_copy_and_save_removes_it(
    window: MainWindow,
    saver: autosave.Autosave,
    timers: ManualTimers,
    folder: Path,
    dialogs,
    tmp_path: Path,
) -> None:
    assert timers.idle.interval_ms == 2000 and timers.longest.interval_ms == 4000
    type_betreff(window, "Radweg Süd")
    assert timers.idle.active and copy_text(folder) is None
    timers.idle.elapse()  # 2 s without a keystroke
    assert copy_text(folder) == "Radweg Süd"
    assert not timers.longest.active  # written: the 4 s bound starts again with the next edit
    target = tmp_path / "radweg.vorlage.json"
    dialogs.paths.append(target)
    assert window.session.save()
    assert copy_text(folder) is None
    assert projectfile.load(target).grunddaten.betreff == "Radweg Süd"


def test_continuous_typing_is_copied_before_the_clerk_pauses(
    window: MainWindow, saver: autosave.Autosave, timers: ManualTimers, folder: Path
) -> None:
    page = window.go_to(Section.GRUNDDATEN)
    for _ in range(20):  # every keystroke restarts the idle wait …
        send_text(page.betreff, "a")
    assert timers.idle.starts == 20
    assert timers.longest.starts == 1  # … but not the bound since the first unsaved edit
    timers.longest.elapse()
    assert copy_text(folder) == "a" * 20
    assert not timers.idle.active


def test_no_copy_while_nothing_is_unsaved(
    window: MainWindow, saver: autosave.Autosave, timers: ManualTimers, folder: Path
) -> None:
    window.document.changed()
    window.document.set_dirty(False)
    assert not timers.idle.active and not timers.longest.active
    saver.write_now()
    assert copy_text(folder) is None


def test_normal_close_removes_the_copy(
    window: MainWindow, saver: autosave.Autosave, folder: Path, dialogs, qtbot
) -> None:
    type_betreff(window, "wird verworfen")
    saver.write_now()
    assert copy_text(folder) == "wird verworfen"
    dialogs.answers["unsaved"] = "discard"
    window.close()
    assert copy_text(folder) is None
    assert list(folder.iterdir()) == []


def test_the_clerks_file_is_never_written_by_autosave(
    window: MainWindow, saver: autosave.Autosave, folder: Path, tmp_path: Path
) -> None:
    path = tmp_path / "eigene.vorlage.json"
    projectfile.save(projectfile.loads(projectfile.dumps(window.document.vorlage)), path)
    before = path.read_bytes()
    assert window.session.load(path)
    type_betreff(window, "nur in der Kopie")
    saver.write_now()
    assert copy_text(folder) == "nur in der Kopie"
    assert path.read_bytes() == before


def start_program(env: dict[str, str], *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.desktop.launcher", *args],
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
    # (The 2 s / 4 s timing is proved with injected timers above; here only that it happens.)
    program = start_program(env, "tippen", TEXT)
    try:
        assert first_line(program) == "getippt"
        typed = time.monotonic()
        while copy_text(folder) != TEXT and time.monotonic() < typed + 60:
            time.sleep(0.1)
        assert copy_text(folder) == TEXT
    finally:
        kill(program)

    [left] = recovery.orphaned(folder)
    when = left.saved_at.strftime("%d.%m.%Y um %H:%M:%S Uhr")

    # 2. Next start of the real program: it asks, with the time of the copy, and restores.
    program = start_program(env, "neustart")
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
    from tests.forms.recovery_copies import killed_session

    killed_session(folder, None, "nicht mehr gebraucht")
    dialogs.answers["recover"] = False
    window = build_window(settings, dialogs)
    qtbot.addWidget(window)
    auto = autosave.install(window.session, recovery.RecoverySession(folder))
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

    type_betreff(window, "Text")
    monkeypatch.setattr(os, "write", full)
    saver.write_now()
    monkeypatch.undo()
    assert copy_text(folder) is None
    assert (
        window.statusBar()
        .currentMessage()
        .startswith("Achtung: die automatische Sicherungskopie konnte nicht geschrieben werden")
    )
    type_betreff(window, " mehr")  # the next edit tries again
    saver.write_now()
    assert copy_text(folder) == "Text mehr"


@pytest.mark.parametrize(
    ("action", "restored"), [("Wiederherstellen", True), ("Verwerfen", False), ("Escape", True)]
)
def test_the_real_question_box(app, qtbot, action: str, restored: bool) -> None:
    from desktop.dialogs import Dialogs

    seen: list[str] = []
    answer_next_box(qtbot, action, seen)
    assert (
        Dialogs(interactive=True).ask_recover("x.vorlage.json", "14.03.2025 um 09:30:00 Uhr")
        is restored
    )
    assert "Von „x.vorlage.json“ gibt es eine Wiederherstellungskopie vom 14.03.2025 um " in seen[0]
    assert {"Wiederherstellen", "Verwerfen"} <= set(seen[1:])
