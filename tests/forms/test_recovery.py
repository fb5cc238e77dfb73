"""Recovery copies without Qt: where they live, who owns them, what a killed session leaves."""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import signal
from pathlib import Path

import pytest

from forms import recovery
from forms.model import Vorlage

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="forks a child process (POSIX)")


def vorlage(betreff: str) -> Vorlage:
    v = Vorlage()
    v.grunddaten.betreff = betreff
    return v


def _write_and_die(folder: str, source: str | None, betreff: str) -> None:
    session = recovery.RecoverySession(Path(folder))
    session.write(vorlage(betreff), Path(source) if source else None)
    os.kill(os.getpid(), signal.SIGKILL)


def _write_and_wait(folder: str, ready, stop) -> None:  # type: ignore[no-untyped-def]
    session = recovery.RecoverySession(Path(folder))
    session.write(vorlage("läuft noch"), None)
    ready.set()
    stop.wait(30)
    session.close()


def killed_session(folder: Path, source: Path | None, betreff: str) -> None:
    child = multiprocessing.get_context("fork").Process(
        target=_write_and_die, args=(str(folder), str(source) if source else None, betreff)
    )
    child.start()
    child.join()
    assert child.exitcode == -signal.SIGKILL


def test_default_folder_is_the_user_data_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "daten"))
    assert (
        recovery.default_folder() == tmp_path / "daten" / "vorlagen-assistent" / "wiederherstellung"
    )


def test_copy_of_a_killed_session_is_offered_with_time_and_source(tmp_path: Path) -> None:
    source = tmp_path / "arbeit.vorlage.json"
    source.write_bytes(b"die Datei der Sachbearbeiterin")
    now = dt.datetime.now().astimezone()
    before = now.replace(microsecond=now.microsecond // 1000 * 1000)  # stored in milliseconds
    killed_session(tmp_path / "kopien", source, "ungespeicherter Betreff")
    [copy] = recovery.orphaned(tmp_path / "kopien")
    assert copy.source == source
    assert before <= copy.saved_at <= dt.datetime.now().astimezone()
    assert copy.load() == vorlage("ungespeicherter Betreff")
    # The clerk's own file was never touched.
    assert source.read_bytes() == b"die Datei der Sachbearbeiterin"
    copy.discard()
    assert list((tmp_path / "kopien").iterdir()) == []


def test_copies_of_running_sessions_are_not_offered(tmp_path: Path) -> None:
    ctx = multiprocessing.get_context("fork")
    ready, stop = ctx.Event(), ctx.Event()
    child = ctx.Process(target=_write_and_wait, args=(str(tmp_path), ready, stop))
    child.start()
    try:
        assert ready.wait(30)
        own = recovery.RecoverySession(tmp_path)
        own.write(vorlage("meins"), None)
        # Neither the other running program's copy nor our own is "left behind".
        assert recovery.orphaned(tmp_path) == []
        own.close()
    finally:
        stop.set()
        child.join()
    assert list(tmp_path.iterdir()) == []


def test_normal_save_and_close_remove_the_copy(tmp_path: Path) -> None:
    session = recovery.RecoverySession(tmp_path)
    path = session.write(vorlage("a"), None)
    assert path.exists()
    session.remove()  # saved
    assert not path.exists()
    session.write(vorlage("b"), None)
    session.close()  # program ends normally
    assert list(tmp_path.iterdir()) == []
    assert recovery.orphaned(tmp_path) == []


def test_newest_copy_first_and_damaged_copies_are_left_alone(tmp_path: Path) -> None:
    killed_session(tmp_path, None, "älter")
    killed_session(tmp_path, None, "neuer")
    damaged = tmp_path / "20000101-000000-1-abcdef.wiederherstellung.json"
    damaged.write_text("{kaputt", encoding="utf-8")
    copies = recovery.orphaned(tmp_path)
    assert [c.load().grunddaten.betreff for c in copies] == ["neuer", "älter"]
    assert damaged.exists() and damaged not in [c.path for c in copies]


def test_missing_folder_means_nothing_to_recover(tmp_path: Path) -> None:
    assert recovery.orphaned(tmp_path / "gibt-es-nicht") == []


def _lock_and_die(folder: str) -> None:
    recovery.RecoverySession(Path(folder))  # nothing unsaved: only the lock file exists
    os.kill(os.getpid(), signal.SIGKILL)


def test_lock_files_of_killed_sessions_without_a_copy_are_removed(tmp_path: Path) -> None:
    child = multiprocessing.get_context("fork").Process(target=_lock_and_die, args=(str(tmp_path),))
    child.start()
    child.join()
    own = recovery.RecoverySession(tmp_path)
    assert len(list(tmp_path.glob("*.lock"))) == 2
    assert recovery.orphaned(tmp_path) == []
    assert [p.name for p in tmp_path.iterdir()] == [own.lock_path.name]
    own.close()
