"""Two real programs on one project file (issue 16): the second sees the first one's lock and
opens read-only, a lock left by `kill -9` is found stale and taken over, a takeover is noticed by
the first program at its next refresh and save, and the content check before every save stops
an overwrite even when the lock was taken back. Each program is tests/desktop/lock_launcher.py
(the real wizard, offscreen) driven over stdin; every step waits for the program's answer."""

from __future__ import annotations

import getpass
import json
import os
import re
import select
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from forms import projectfile
from forms.lock import lock_path, read_owner, shown_time
from tests.conftest import ROOT

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="select() on pipes, SIGKILL")


class Program:
    def __init__(self, home: Path, project: Path, *answers: str) -> None:
        env = {
            **os.environ,
            "QT_QPA_PLATFORM": "offscreen",
            **{f"XDG_{kind}_HOME": str(home / kind.lower()) for kind in ("DATA", "CONFIG")},
            **{f"XDG_{kind}_HOME": str(home / kind.lower()) for kind in ("STATE", "CACHE")},
        }
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.desktop.lock_launcher", str(project), *answers],
            cwd=ROOT,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.pid = self.process.pid
        self.state = self._answer()

    def _answer(self) -> dict[str, Any]:
        stdout = self.process.stdout
        assert stdout is not None
        ready, _, _ = select.select([stdout], [], [], 120)
        assert ready, "the program did not answer within 120 s"
        line = stdout.readline()
        if not line:
            self.process.wait()
            assert self.process.stderr is not None
            raise AssertionError(f"the program ended: {self.process.stderr.read()[-3000:]}")
        state: dict[str, Any] = json.loads(line)
        return state

    def send(self, command: str) -> dict[str, Any]:
        assert self.process.stdin is not None
        self.process.stdin.write(command + "\n")
        self.process.stdin.flush()
        self.state = self._answer()
        return self.state

    def asked(self, title: str) -> str:
        [text] = [q["text"] for q in self.state["gefragt"] if q["titel"] == title]
        return str(text)

    def quit(self) -> None:
        assert self.send("beenden")["beendet"]
        assert self.process.wait(60) == 0

    def kill(self) -> None:
        self.process.send_signal(signal.SIGKILL)
        assert self.process.wait(60) == -signal.SIGKILL


@pytest.fixture
def programs(tmp_path: Path) -> Iterator[list[Program]]:
    started: list[Program] = []
    yield started
    for program in started:
        if program.process.poll() is None:
            program.kill()


@pytest.fixture
def shared(tmp_path: Path, example_path: Path) -> Path:
    folder = tmp_path / "laufwerk"
    folder.mkdir()
    path = folder / "gemeinsam.vorlage.json"
    path.write_bytes(example_path.read_bytes())
    return path


def launch(programs: list[Program], tmp_path: Path, project: Path, *answers: str) -> Program:
    program = Program(tmp_path / f"benutzer{len(programs)}", project, *answers)
    programs.append(program)
    return program


def lock_pid(project: Path) -> int | None:
    owner = read_owner(lock_path(project))
    return owner.pid if owner else None


def betreff(project: Path) -> str:
    return projectfile.load(project).grunddaten.betreff


def holder_sentence(project: Path) -> str:
    owner = read_owner(lock_path(project))
    assert owner is not None
    return (
        f"Die Datei wird seit {shown_time(owner.since)} von {getpass.getuser()} auf "
        f"{socket.gethostname()} bearbeitet."
    )


def test_the_second_program_sees_the_lock_and_opens_read_only(
    programs: list[Program], tmp_path: Path, shared: Path
) -> None:
    first = launch(programs, tmp_path, shared)
    assert first.state["pfad"] == str(shared) and not first.state["schreibgeschuetzt"]
    assert lock_pid(shared) == first.pid
    sentence = holder_sentence(shared)
    assert re.fullmatch(r"Die Datei wird seit \d\d\.\d\d\.\d{4}, \d\d:\d\d Uhr von .+", sentence)

    second = launch(programs, tmp_path, shared, "locked=read_only")
    assert second.asked("Datei ist gesperrt") == (
        f"„gemeinsam.vorlage.json“ ist bereits geöffnet. {sentence}"
    )
    assert second.state["schreibgeschuetzt"] and not second.state["speichern_aktiv"]
    assert "gemeinsam.vorlage.json (schreibgeschützt)" in second.state["titel"]
    assert second.state["banner"].startswith(f"Schreibgeschützt geöffnet. {sentence}")
    assert lock_pid(shared) == first.pid  # a read-only open makes no lock

    # Speichern is off; Speichern unter writes a new file, locked by the second program.
    before = shared.read_bytes()
    second.send("betreff Kopie aus dem zweiten Programm")
    second.send("speichern")
    assert shared.read_bytes() == before
    copy = shared.with_name("kopie.vorlage.json")
    state = second.send(f"speichern-unter {copy}")
    assert state["pfad"] == str(copy) and not state["schreibgeschuetzt"] and not state["banner"]
    assert betreff(copy) == "Kopie aus dem zweiten Programm"
    assert lock_pid(copy) == second.pid and lock_pid(shared) == first.pid

    # A normal exit leaves no lock behind.
    second.quit()
    assert not lock_path(copy).exists() and lock_pid(shared) == first.pid
    first.quit()
    assert not [p.name for p in shared.parent.iterdir() if p.name.startswith("~$")]


def test_a_lock_left_by_kill_9_is_stale_and_taken_over(
    programs: list[Program], tmp_path: Path, shared: Path
) -> None:
    first = launch(programs, tmp_path, shared)
    first.send("betreff nie gespeichert")
    first.kill()
    assert lock_pid(shared) == first.pid  # the crash left its lock
    sentence = holder_sentence(shared)

    second = launch(programs, tmp_path, shared, "locked=take_over")
    assert second.asked("Verwaiste Sperre") == (
        f"„gemeinsam.vorlage.json“ ist bereits geöffnet. {sentence}"
    )
    assert not second.state["schreibgeschuetzt"] and second.state["speichern_aktiv"]
    assert lock_pid(shared) == second.pid
    second.send("betreff vom zweiten Programm")
    assert not second.send("speichern")["ungespeichert"]
    assert betreff(shared) == "vom zweiten Programm"
    second.quit()
    assert not lock_path(shared).exists()


def test_a_takeover_is_noticed_and_the_content_check_still_guards_the_file(
    programs: list[Program], tmp_path: Path, shared: Path
) -> None:
    first = launch(programs, tmp_path, shared, "lock_lost=take_over", "changed_on_disk=cancel")
    second = launch(programs, tmp_path, shared, "locked=take_over")
    assert second.asked("Datei ist gesperrt")  # the first program runs: not stale
    assert lock_pid(shared) == second.pid
    lost = first.send("erneuern")  # the first program's refresh timer
    assert holder_sentence(shared) in first.asked("Sperre übernommen")
    assert not lost["schreibgeschuetzt"]

    second.send("betreff Fassung des zweiten Programms")
    second.send("speichern")
    assert betreff(shared) == "Fassung des zweiten Programms"

    # The first program saves: it is asked about the lost lock, takes it back – and then the
    # content check finds the second program's save and asks again; "Abbrechen" keeps it.
    first.send("betreff Fassung des ersten Programms")
    state = first.send("speichern")
    assert holder_sentence(shared) in first.asked("Sperre verloren")
    assert first.asked("Datei wurde geändert").startswith("„gemeinsam.vorlage.json“ wurde seit")
    assert state["ungespeichert"]
    assert betreff(shared) == "Fassung des zweiten Programms"
    assert lock_pid(shared) == second.pid  # the cancelled save gave the lock back

    # Overwriting on purpose: now the first program has the file and its lock.
    first.send("antwort changed_on_disk overwrite")
    assert not first.send("speichern")["ungespeichert"]
    assert betreff(shared) == "Fassung des ersten Programms"
    assert lock_pid(shared) == first.pid
    second.send("erneuern")
    assert second.asked("Sperre übernommen")
    second.send("antwort unsaved discard")
    second.quit()
    assert lock_pid(shared) == first.pid  # the second program left the first one's lock
    first.quit()
    assert not lock_path(shared).exists()
