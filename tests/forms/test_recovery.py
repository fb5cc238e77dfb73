"""Recovery copies without Qt: where they live, who owns them, what a killed session leaves."""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import signal
from pathlib import Path

import pytest

from forms import recovery
from tests.forms.recovery_copies import DROP, killed_session, vorlage, write_copy

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="forks a child process (POSIX)")


def _write_and_wait(folder: str, ready, stop) -> None:  # type: ignore[no-untyped-def]
    session = recovery.RecoverySession(Path(folder))
    session.write(vorlage("läuft noch"), None)
    ready.set()
    stop.wait(30)
    session.close()


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


# -- a hostile recovery folder never stops the start (#13 item 8) ----------------------------
def test_a_copy_without_saved_at_is_reported_and_the_valid_one_offered(tmp_path: Path) -> None:
    write_copy(tmp_path, "20250314-093000-1-aaaaaa", "ohne Zeit", saved_at=DROP)
    write_copy(tmp_path, "20250314-093000-2-bbbbbb", "gültig")
    found = recovery.scan(tmp_path)
    assert [c.load().grunddaten.betreff for c in found.copies] == ["gültig"]
    [failure] = found.failures
    assert "20250314-093000-1-aaaaaa" in failure and "beschädigt" in failure


def test_naive_and_aware_timestamps_are_sorted_together(tmp_path: Path) -> None:
    write_copy(tmp_path, "a-1-aaaaaa", "ohne Zone", saved_at="2025-03-14T09:30:00")
    write_copy(tmp_path, "b-2-bbbbbb", "mit Zone", saved_at="2025-03-15T09:30:00+01:00")
    found = recovery.scan(tmp_path)
    assert [c.load().grunddaten.betreff for c in found.copies] == ["mit Zone", "ohne Zone"]
    assert all(c.saved_at.tzinfo is not None for c in found.copies)
    assert found.failures == []


def test_a_deeply_nested_copy_is_reported_not_raised(tmp_path: Path) -> None:
    deep = tmp_path / f"c-3-cccccc{recovery.COPY_SUFFIX}"
    deep.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    nested: object = "x"
    for _ in range(900):  # below the parser's own limit: it parses, then the model refuses
        nested = {"a": nested}
    write_copy(tmp_path, "d-4-dddddd", "tief", document={"vorlage": nested})
    write_copy(tmp_path, "e-5-eeeeee", "gültig")
    found = recovery.scan(tmp_path)
    offered = {c.path.name: c for c in found.copies}
    assert deep.name not in offered
    assert offered[f"e-5-eeeeee{recovery.COPY_SUFFIX}"].load().grunddaten.betreff == "gültig"
    with pytest.raises(recovery.ProjectFileError):
        offered[f"d-4-dddddd{recovery.COPY_SUFFIX}"].load()
    assert len(found.failures) == 1


def test_a_lock_that_is_a_folder_is_no_live_session(tmp_path: Path) -> None:
    copy = write_copy(tmp_path, "f-6-ffffff", "Sperre ist ein Ordner")
    (tmp_path / f"f-6-ffffff{recovery.LOCK_SUFFIX}").mkdir()
    (tmp_path / f"g-7-gggggg{recovery.LOCK_SUFFIX}").mkdir()  # without a copy
    [found] = recovery.scan(tmp_path).copies
    assert found.path == copy
    found.discard()  # the copy goes; the folder is the clerk's business
    assert not copy.exists()


def _read_only_folder_checks(folder: str) -> None:
    [copy] = recovery.scan(Path(folder)).copies
    assert copy.load().grunddaten.betreff == "im schreibgeschützten Ordner"
    with pytest.raises(recovery.ProjectFileError, match="nicht nutzbar"):
        recovery.RecoverySession(Path(folder))
    with pytest.raises(recovery.ProjectFileError, match="lässt sich nicht löschen"):
        copy.discard()


def _as_nobody(check, folder: str) -> None:  # type: ignore[no-untyped-def]
    # root ignores file modes: the check runs in a child that gave up its privileges.
    if os.geteuid() == 0:
        os.setgid(65534)
        os.setuid(65534)
    check(folder)


def test_a_read_only_folder_still_offers_its_copies_and_refuses_a_session() -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        os.chmod(tmp, 0o755)
        folder = Path(tmp) / "kopien"
        write_copy(folder, "h-8-hhhhhh", "im schreibgeschützten Ordner")
        (folder / f"h-8-hhhhhh{recovery.COPY_SUFFIX}").chmod(0o644)
        folder.chmod(0o555)
        try:
            child = multiprocessing.get_context("fork").Process(
                target=_as_nobody, args=(_read_only_folder_checks, str(folder))
            )
            child.start()
            child.join()
            assert child.exitcode == 0
        finally:
            folder.chmod(0o755)


def test_a_file_where_the_folder_should_be(tmp_path: Path) -> None:
    blocker = tmp_path / "wiederherstellung"
    blocker.write_text("keine Kopie", encoding="utf-8")
    found = recovery.scan(blocker)
    assert found.copies == [] and "ist aber eine Datei" in found.failures[0]
    with pytest.raises(recovery.ProjectFileError, match="nicht nutzbar"):
        recovery.RecoverySession(blocker)
    assert blocker.read_text(encoding="utf-8") == "keine Kopie"
