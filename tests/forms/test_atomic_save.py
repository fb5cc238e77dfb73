"""Saving never loses work: a real save in a child process is SIGKILLed at many moments, and
the file is always the complete old or the complete new version. Plus the backup file."""

from __future__ import annotations

import multiprocessing
import os
import random
import signal
import stat
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest

from forms import files, projectfile
from forms.errors import ProjectFileError
from forms.model import Beratung, Vorlage

pytestmark = pytest.mark.skipif(
    not hasattr(os, "fork"), reason="the kill tests fork a child process (POSIX only)"
)

# Large enough that writing and fsyncing takes a measurable time, so random kills land inside
# the write as well as around the rename.
FILLER = "Erläuterung mit Umlauten äöüß – und „Anführungszeichen“.\n" * 16_000  # ~0.9 MB


def fassung(n: int) -> Vorlage:
    """Version n of the clerk's work: n is in the Betreff, the text and the row count."""
    vorlage = Vorlage()
    vorlage.grunddaten.betreff = f"Fassung {n}"
    vorlage.erlaeuterungen = f"Fassung {n}\n{FILLER}"
    vorlage.beratungsfolge = [Beratung(gremium=f"Gremium {i}") for i in range(n % 7)]
    return vorlage


def version_on_disk(path: Path) -> int:
    """Load the file (it must load) and check it is *exactly* one complete version."""
    vorlage = projectfile.load(path)
    n = int(vorlage.grunddaten.betreff.removeprefix("Fassung "))
    assert path.read_bytes() == projectfile.encode(fassung(n)), "file differs from version n"
    return n


def _save_forever(path: str, first: int, ready: multiprocessing.connection.Connection) -> None:
    ready.send("los")
    n = first
    while True:
        projectfile.save(fassung(n), path)
        n += 1


def leftovers(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir() if p.name.endswith(".tmp")}


@pytest.mark.slow
def test_sigkill_at_random_moments_never_corrupts_the_file(tmp_path: Path) -> None:
    ctx = multiprocessing.get_context("fork")
    path = tmp_path / "arbeit.vorlage.json"
    projectfile.save(fassung(0), path, backup=False)

    start = time.perf_counter()
    for i in range(5):
        projectfile.save(fassung(i), tmp_path / "messung.vorlage.json")
    one_save = (time.perf_counter() - start) / 5
    (tmp_path / "messung.vorlage.json").unlink()
    (tmp_path / "messung.vorlage.json.bak").unlink()

    rng = random.Random(4)
    trials = 150
    outcomes: Counter[str] = Counter()
    last = 0
    for _ in range(trials):
        before = version_on_disk(path)
        receive, send = ctx.Pipe(duplex=False)
        child = ctx.Process(target=_save_forever, args=(str(path), before + 1, send))
        child.start()
        assert receive.poll(30), "child did not start"
        receive.recv()
        # Anywhere from "before the first save began" to "in the middle of the fourth".
        time.sleep(rng.uniform(0, 3.5 * one_save))
        os.kill(child.pid, signal.SIGKILL)
        child.join()
        assert child.exitcode == -signal.SIGKILL

        now = version_on_disk(path)
        assert now >= before
        backup = projectfile.backup_path(path)
        if backup.exists():
            assert now - 1 <= version_on_disk(backup) <= now
        temps = leftovers(tmp_path)
        if any(name.endswith(".bak.tmp") for name in temps):
            outcomes["killed while keeping the backup"] += 1
        elif temps:
            outcomes["killed between temp file and rename"] += 1
        elif now == before:
            outcomes["killed before the first save wrote anything"] += 1
        else:
            outcomes["killed between two saves"] += 1
        for name in temps:
            (tmp_path / name).unlink()
        last = now

    print(f"\n{trials} kills, one save ≈ {one_save * 1000:.0f} ms, last version {last}:")
    for outcome, count in sorted(outcomes.items()):
        print(f"  {count:4d} × {outcome}")
    # The kills must really have hit the dangerous window, not only the quiet time around it.
    assert outcomes["killed between temp file and rename"] >= 10, outcomes
    assert last > 10, "the child never completed saves: the test proves nothing"


def _count_lines_of_save(target: Path, kill_at: int | None) -> int:
    """Run one save under a tracer that counts executed lines of projectfile and files; SIGKILL
    the own process at line `kill_at`. Returns the number of lines when not killed."""
    sources = {projectfile.__file__, files.__file__}
    count = 0

    def local(frame, event, arg):  # type: ignore[no-untyped-def]
        nonlocal count
        if event in {"call", "line"}:
            count += 1
            if count == kill_at:
                os.kill(os.getpid(), signal.SIGKILL)
        return local

    def tracer(frame, event, arg):  # type: ignore[no-untyped-def]
        if frame.f_code.co_filename not in sources:
            return None
        return local(frame, event, arg)

    sys.settrace(tracer)
    try:
        projectfile.save(fassung(1), target)
    finally:
        sys.settrace(None)
    return count


def _kill_at_line(target: str, line: int) -> None:
    _count_lines_of_save(Path(target), line)


def _run_killed_at_every_line(
    tmp_path: Path, prepare: Callable[[Path], None]
) -> tuple[list[int | None], int]:
    ctx = multiprocessing.get_context("fork")
    scratch = tmp_path / "zaehlen" / "arbeit.vorlage.json"
    scratch.parent.mkdir()
    prepare(scratch)
    lines = _count_lines_of_save(scratch, None)
    seen: list[int | None] = []
    for line in range(1, lines + 1):
        folder = tmp_path / f"zeile{line}"
        folder.mkdir()
        path = folder / "arbeit.vorlage.json"
        prepare(path)
        child = ctx.Process(target=_kill_at_line, args=(str(path), line))
        child.start()
        child.join()
        assert child.exitcode == -signal.SIGKILL, f"line {line}: child was not killed"
        seen.append(version_on_disk(path) if path.exists() else None)
        backup = projectfile.backup_path(path)
        if backup.exists():
            assert version_on_disk(backup) == 0
    return seen, lines


def test_sigkill_at_every_line_of_save_overwriting_a_file(tmp_path: Path) -> None:
    seen, lines = _run_killed_at_every_line(
        tmp_path, lambda p: projectfile.save(fassung(0), p, backup=False)
    )
    # Monotone: the old version until the rename, the new one after it; never anything else.
    switch = seen.index(1)
    assert seen == [0] * switch + [1] * (lines - switch), seen
    assert switch > 5 and lines - switch >= 1
    print(f"\n{lines} kill points in save(); old version up to line {switch}, new after")


def test_sigkill_at_every_line_of_the_first_save(tmp_path: Path) -> None:
    seen, lines = _run_killed_at_every_line(tmp_path, lambda p: None)
    switch = seen.index(1)
    assert seen == [None] * switch + [1] * (lines - switch), seen


# --- backup ---------------------------------------------------------------------------------


def test_save_keeps_the_previous_version_as_bak(tmp_path: Path) -> None:
    path = tmp_path / "arbeit.vorlage.json"
    projectfile.save(fassung(1), path)
    backup = tmp_path / "arbeit.vorlage.json.bak"
    assert not backup.exists(), "a first save has nothing to back up"
    projectfile.save(fassung(2), path)
    assert backup.read_bytes() == projectfile.encode(fassung(1))
    projectfile.save(fassung(3), path)
    assert projectfile.load(backup) == fassung(2)
    assert projectfile.load(path) == fassung(3)
    assert leftovers(tmp_path) == set()


def test_backup_can_be_switched_off(tmp_path: Path) -> None:
    path = tmp_path / "arbeit.vorlage.json"
    projectfile.save(fassung(1), path, backup=False)
    projectfile.save(fassung(2), path, backup=False)
    assert not projectfile.backup_path(path).exists()


def test_load_of_a_damaged_file_points_to_the_backup(tmp_path: Path) -> None:
    path = tmp_path / "arbeit.vorlage.json"
    projectfile.save(fassung(1), path)
    projectfile.save(fassung(2), path)
    path.write_bytes(path.read_bytes()[:1000])  # damaged by some other program
    with pytest.raises(ProjectFileError) as caught:
        projectfile.load(path)
    assert str(caught.value).endswith(
        "\nDie vorige gespeicherte Fassung liegt als Sicherung in „arbeit.vorlage.json.bak“."
    )
    assert projectfile.load(projectfile.backup_path(path)) == fassung(1)


def test_save_keeps_the_file_mode_and_follows_symlinks(tmp_path: Path) -> None:
    path = tmp_path / "arbeit.vorlage.json"
    projectfile.save(fassung(1), path)
    # New files get 0666 minus the umask like any editor's files, not mkstemp's private 0600.
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~umask
    path.chmod(0o640)
    projectfile.save(fassung(2), path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o640

    link = tmp_path / "verknuepfung.vorlage.json"
    link.symlink_to(path)
    projectfile.save(fassung(3), link)
    assert link.is_symlink() and projectfile.load(path) == fassung(3)


def test_stale_temp_files_of_killed_saves_are_cleaned_up_later(tmp_path: Path) -> None:
    path = tmp_path / "arbeit.vorlage.json"
    old = tmp_path / ".arbeit.vorlage.json.deadbeef.tmp"
    young = tmp_path / ".arbeit.vorlage.json.cafebabe.tmp"
    other = tmp_path / ".andere.vorlage.json.deadbeef.tmp"
    for leftover in (old, young, other):
        leftover.write_bytes(b"{halb")
    an_hour_ago = time.time() - 3600
    for aged in (old, other):
        os.utime(aged, (an_hour_ago, an_hour_ago))
    projectfile.save(fassung(1), path)
    # Only old leftovers of *this* file go; a young one may belong to a save running right now.
    assert leftovers(tmp_path) == {young.name, other.name}
