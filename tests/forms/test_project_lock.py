"""The lock next to a project file (forms/lock.py, issue 16): who has it, since when, whether
that session still runs, takeover and release. Other computers and late hours come from an
injected identity and clock; the two-process tests are in tests/desktop/test_shared_drive.py."""

from __future__ import annotations

import datetime as dt
import errno
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from forms import lock
from forms.lock import FileLockedError, Identity, LockUnavailableError, ProjectLock, Staleness
from tests.forms.bad_files import in_child

HERE = Identity.current()
COLLEAGUE = Identity("mueller", "PC-RATHAUS-17", 4242)
NOON = dt.datetime(2026, 12, 2, 11, 37, tzinfo=dt.UTC)


class Clock:
    def __init__(self, now: dt.datetime = NOON) -> None:
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now


@pytest.fixture
def project(tmp_path: Path) -> Path:
    path = tmp_path / "FB_56_0319.vorlage.json"
    path.write_text("{}", encoding="utf-8")
    return path


def test_the_lock_names_user_computer_process_and_time(project: Path) -> None:
    held = ProjectLock.acquire(project, now=Clock())
    path = project.with_name("~$FB_56_0319.vorlage.json.lock")
    assert held.path == path
    document = json.loads(path.read_text(encoding="utf-8"))
    assert document["user"] == HERE.user
    assert document["computer"] == HERE.computer
    assert document["pid"] == os.getpid()
    assert document["since"] == "2026-12-02T11:37:00+00:00" == document["refreshed"]
    assert [p.name for p in project.parent.iterdir() if p.name.endswith(".tmp")] == []
    held.release()
    assert not path.exists()


def test_a_second_opener_is_told_who_and_since_when(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TZ", "Europe/Berlin")
    time.tzset()
    try:
        ProjectLock.acquire(project, identity=COLLEAGUE, now=Clock())
        with pytest.raises(FileLockedError) as caught:
            ProjectLock.acquire(project, now=Clock(NOON + dt.timedelta(minutes=10)))
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()
    assert caught.value.owner.user == "mueller"
    assert caught.value.staleness == Staleness.ACTIVE
    assert str(caught.value) == (
        "„FB_56_0319.vorlage.json“ ist gesperrt. Die Datei wird seit 02.12.2026, 12:37 Uhr "
        "von mueller auf PC-RATHAUS-17 bearbeitet."
    )


def test_same_computer_and_the_process_ended_is_stale(project: Path) -> None:
    ended = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        check=True,
        capture_output=True,
        text=True,
    )
    gone = Identity(HERE.user, HERE.computer.upper(), int(ended.stdout))
    ProjectLock.acquire(project, identity=gone)
    with pytest.raises(FileLockedError) as caught:
        ProjectLock.acquire(project)
    assert caught.value.staleness == Staleness.STALE


def test_another_computer_is_possibly_stale_only_after_hours_without_refresh(
    project: Path,
) -> None:
    clock = Clock()
    theirs = ProjectLock.acquire(project, identity=COLLEAGUE, now=clock)

    def seen_after(hours: float) -> Staleness:
        with pytest.raises(FileLockedError) as caught:
            ProjectLock.acquire(project, now=Clock(clock.now + dt.timedelta(hours=hours)))
        return caught.value.staleness

    assert seen_after(1.9) == Staleness.ACTIVE
    assert seen_after(2.1) == Staleness.POSSIBLY_STALE
    # Their wizard refreshes the lock: it is fresh again.
    clock.now += dt.timedelta(hours=2)
    assert theirs.refresh() is None
    assert seen_after(0.5) == Staleness.ACTIVE


def test_take_over_then_the_first_session_notices_and_leaves_the_new_lock(project: Path) -> None:
    first = ProjectLock.acquire(project, identity=COLLEAGUE)
    second = ProjectLock.acquire(project, take_over=True)
    lost_to = first.refresh()
    assert lost_to is not None and lost_to.user == HERE.user
    assert not first.is_ours() and second.is_ours()
    first.release()  # not its lock any more: nothing removed
    assert second.path.exists() and second.is_ours()
    second.release()
    assert not second.path.exists()


def test_a_removed_lock_is_created_again_at_the_next_refresh(project: Path) -> None:
    held = ProjectLock.acquire(project)
    held.path.unlink()
    assert held.refresh() is None
    assert held.is_ours()


def test_an_unreadable_lock_still_locks_with_an_unknown_owner(project: Path) -> None:
    lock.lock_path(project).write_bytes(b"\x00 kein JSON")
    with pytest.raises(FileLockedError, match="von unbekannt auf unbekanntem Computer"):
        ProjectLock.acquire(project)


def test_without_hard_links_the_lock_is_created_exclusively(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_links(_src: object, _dst: object) -> None:
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)  # FAT, some NAS: no hard links
    held = ProjectLock.acquire(project, now=Clock())
    assert held.is_ours()
    with pytest.raises(FileLockedError):
        ProjectLock.acquire(project, identity=COLLEAGUE)
    assert sorted(project.parent.iterdir()) == sorted([project, held.path])  # no temp left


def _lock_in_read_only_folder(folder: str) -> str:
    try:
        ProjectLock.acquire(Path(folder) / "a.vorlage.json")
    except LockUnavailableError as exc:
        return str(exc)
    return "gesperrt"


def test_a_read_only_folder_gives_a_german_reason(tmp_path: Path) -> None:
    folder = tmp_path / "nur-lesen"
    folder.mkdir()
    (folder / "a.vorlage.json").write_text("{}", encoding="utf-8")
    folder.chmod(0o555)
    tmp_path.chmod(0o755)
    try:
        message = in_child(lambda: _lock_in_read_only_folder(str(folder)))
    finally:
        folder.chmod(0o755)
    assert message == (
        "Für „a.vorlage.json“ konnte keine Sperrdatei angelegt werden (keine Berechtigung). "
        "Die Datei ist geöffnet, aber Kollegen, die sie gleichzeitig öffnen, werden nicht "
        "gewarnt."
    )
    assert list(folder.iterdir()) == [folder / "a.vorlage.json"]


def test_a_very_long_name_gets_a_lock_name_within_the_limit(tmp_path: Path) -> None:
    project = tmp_path / ("ä" * 120 + ".vorlage.json")  # 253 bytes
    held = ProjectLock.acquire(project)
    assert len(held.path.name.encode()) <= 255
    assert lock.is_lock_file(held.path)
    assert re.fullmatch(r"~\$ä+~[0-9a-f]{8}\.lock", held.path.name)
    held.release()


def test_a_takeover_given_back_restores_the_replaced_lock(project: Path) -> None:
    theirs = ProjectLock.acquire(project, identity=COLLEAGUE)
    before = theirs.path.read_bytes()
    mine = ProjectLock.acquire(project, take_over=True)
    assert not theirs.is_ours()
    mine.give_back()  # e.g. the save that needed the takeover was cancelled
    assert theirs.path.read_bytes() == before and theirs.is_ours()
    theirs.release()
    plain = ProjectLock.acquire(project)  # nothing replaced: giving back removes it
    plain.give_back()
    assert not plain.path.exists()


def test_a_strange_lock_never_garbles_the_message(project: Path) -> None:
    odd = Identity("a\u202eb\x07c" + "x" * 100, "PC\n17", 1)
    ProjectLock.acquire(project, identity=odd)
    with pytest.raises(FileLockedError) as caught:
        ProjectLock.acquire(project)
    assert "von a<U+202E>b<U+0007>c" in str(caught.value)
    assert "x" * 41 not in str(caught.value) and "auf PC<U+000A>17 bearbeitet." in str(caught.value)
    lock.lock_path(project).write_text("[" * 100_000, encoding="utf-8")  # nested too deep
    with pytest.raises(FileLockedError, match="von unbekannt"):
        ProjectLock.acquire(project)
