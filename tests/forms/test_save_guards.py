"""Saving does not destroy anybody's work: not another window's, not an older version, not a
write-protected file; it keeps mode, owner and group; any file name the OS allows can be saved.

Tests run as root; ownership cases use the real kernel (chown to nobody, child as nobody).
"""

from __future__ import annotations

import grp
import os
import stat
from pathlib import Path

import pytest

from forms import files, projectfile
from forms.errors import FileChangedError, ProjectFileError
from forms.model import Vorlage
from tests.forms.bad_files import NOBODY, in_child

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX modes and owners")


def fassung(text: str) -> Vorlage:
    vorlage = Vorlage()
    vorlage.grunddaten.betreff = text
    return vorlage


def betreff(path: Path) -> str:
    return projectfile.load(path).grunddaten.betreff


# --- two windows on one file ----------------------------------------------------------------


def test_second_window_does_not_silently_overwrite_the_first(tmp_path: Path) -> None:
    path = tmp_path / "arbeit.vorlage.json"
    projectfile.save(fassung("Anfang"), path)
    _, stamp_a = projectfile.load_stamped(path)
    _, stamp_b = projectfile.load_stamped(path)
    projectfile.save(fassung("Arbeit von B"), path, expected=stamp_b)

    with pytest.raises(FileChangedError) as caught:
        projectfile.save(fassung("Arbeit von A"), path, expected=stamp_a)
    assert str(caught.value) == (
        "„arbeit.vorlage.json“ wurde nicht gespeichert: die Datei wurde seit dem Öffnen oder "
        "letzten Speichern von einem anderen Fenster oder Programm geändert. Beim "
        "Überschreiben gingen diese Änderungen verloren; die Arbeit ist noch im Programm."
    )
    assert caught.value.path == path
    assert betreff(path) == "Arbeit von B"
    # The clerk chose „überschreiben“: saving without `expected` writes, B's text is the .bak.
    stamp = projectfile.save(fassung("Arbeit von A"), path)
    assert betreff(path) == "Arbeit von A"
    assert betreff(files.backup_path(path)) == "Arbeit von B"
    # The stamp a save returns is the one for the next save of the same window.
    assert projectfile.save(fassung("A weiter"), path, expected=stamp) is not None
    assert betreff(path) == "A weiter"


def test_own_saves_chain_and_a_deleted_file_is_written_again(tmp_path: Path) -> None:
    path = tmp_path / "arbeit.vorlage.json"
    stamp = projectfile.save(fassung("1"), path)
    for text in "234":
        stamp = projectfile.save(fassung(text), path, expected=stamp)
    path.touch()  # touched, not changed: nobody's work is at stake
    stamp = projectfile.save(fassung("5"), path, expected=stamp)
    path.unlink()
    projectfile.save(fassung("6"), path, expected=stamp)
    assert betreff(path) == "6"


def test_the_stamp_is_of_the_bytes_on_disk(tmp_path: Path) -> None:
    path = tmp_path / "arbeit.vorlage.json"
    stamp = projectfile.save(fassung("x"), path)
    assert stamp == files.FileStamp.of(path.read_bytes()) == projectfile.load_stamped(path)[1]
    assert stamp.size == path.stat().st_size


# --- backups --------------------------------------------------------------------------------


def test_saving_without_changes_does_not_rotate_the_backup(tmp_path: Path) -> None:
    path = tmp_path / "arbeit.vorlage.json"
    projectfile.save(fassung("alt"), path)
    projectfile.save(fassung("neu"), path)
    an_hour_ago = path.stat().st_mtime_ns - 3600 * 10**9
    os.utime(path, ns=(an_hour_ago, an_hour_ago))
    for _ in range(3):
        projectfile.save(fassung("neu"), path)
    assert betreff(files.backup_path(path)) == "alt"
    assert path.stat().st_mtime_ns == an_hour_ago, "an unchanged file was rewritten"
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "arbeit.vorlage.json",
        "arbeit.vorlage.json.bak",
    ]


def test_three_backup_generations_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "arbeit.vorlage.json"
    for n in range(1, 7):
        projectfile.save(fassung(f"Fassung {n}"), path)
    assert [betreff(p) for p in files.backup_paths(path)] == ["Fassung 5", "Fassung 4", "Fassung 3"]
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "arbeit.vorlage.json",
        "arbeit.vorlage.json.2.bak",
        "arbeit.vorlage.json.3.bak",
        "arbeit.vorlage.json.bak",
    ]


# --- read-only, mode, owner, group ----------------------------------------------------------


def test_a_read_only_file_is_not_replaced(tmp_path: Path) -> None:
    path = tmp_path / "arbeit.vorlage.json"
    projectfile.save(fassung("geschützt"), path)
    path.chmod(0o444)
    before = path.read_bytes()
    with pytest.raises(ProjectFileError) as caught:
        projectfile.save(fassung("anders"), path)
    assert str(caught.value) == (
        "„arbeit.vorlage.json“ wurde nicht gespeichert: die Datei ist schreibgeschützt. "
        "Die bisherige Datei ist unverändert und die Arbeit ist noch im Programm; bitte "
        "unter einem anderen Namen speichern oder den Schreibschutz aufheben."
    )
    assert path.read_bytes() == before and stat.S_IMODE(path.stat().st_mode) == 0o444
    assert sorted(p.name for p in tmp_path.iterdir()) == ["arbeit.vorlage.json"]


def test_a_file_the_user_may_not_write_is_not_replaced(shared_dir: Path) -> None:
    path = shared_dir / "fremd.vorlage.json"
    projectfile.save(fassung("von root"), path)
    path.chmod(0o644)  # root's file, readable for all, in a folder everyone may write

    def save_as_nobody() -> str:
        try:
            projectfile.save(fassung("von nobody"), path)
        except ProjectFileError as exc:
            return str(exc)
        return "gespeichert"

    assert "die Datei ist schreibgeschützt" in in_child(save_as_nobody)
    assert betreff(path) == "von root" and path.stat().st_uid == 0


def test_save_keeps_mode_owner_and_group(tmp_path: Path) -> None:
    if os.geteuid() != 0:
        pytest.skip("only root can give a file to another user")
    nogroup = grp.getgrgid(NOBODY).gr_gid if _has_gid(NOBODY) else 0
    path = tmp_path / "arbeit.vorlage.json"
    projectfile.save(fassung("1"), path)
    os.chown(path, NOBODY, nogroup)
    path.chmod(0o640)
    projectfile.save(fassung("2"), path)
    info = path.stat()
    assert (info.st_uid, info.st_gid, stat.S_IMODE(info.st_mode)) == (NOBODY, nogroup, 0o640)
    assert betreff(path) == "2"


def test_a_copied_backup_keeps_mode_owner_and_group(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "arbeit.vorlage.json"
    projectfile.save(fassung("1"), path)
    path.chmod(0o600)
    if os.geteuid() == 0:
        os.chown(path, NOBODY, -1)

    def no_links(*args: object, **kwargs: object) -> None:
        raise OSError(1, "Operation not permitted")  # FAT, some network drives

    monkeypatch.setattr(os, "link", no_links)
    projectfile.save(fassung("2"), path)
    backup = files.backup_path(path)
    assert betreff(backup) == "1"
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    assert backup.stat().st_uid == path.stat().st_uid


def _has_gid(gid: int) -> bool:
    try:
        grp.getgrgid(gid)
    except KeyError:
        return False
    return True


# --- long file names ------------------------------------------------------------------------


@pytest.mark.parametrize("length", [242, 248, 251, 255])
@pytest.mark.parametrize("letter", ["a", "ä"])
def test_every_file_name_the_os_allows_can_be_saved(
    tmp_path: Path, length: int, letter: str
) -> None:
    suffix = ".vorlage.json"
    stem = letter * ((length - len(suffix)) // len(letter.encode()))
    name = stem + "x" * (length - len(suffix) - len(stem.encode())) + suffix
    assert len(name.encode()) == length
    path = tmp_path / name
    for n in range(5):
        projectfile.save(fassung(f"Fassung {n}"), path)
    assert betreff(path) == "Fassung 4"
    backups = [betreff(p) for p in files.backup_paths(path)]
    assert backups == ["Fassung 3", "Fassung 2", "Fassung 1"]
    assert all(len(p.name.encode()) <= 255 for p in tmp_path.iterdir())
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    # A damaged long-named file still points to its backup.
    path.write_bytes(b"")
    with pytest.raises(ProjectFileError, match="liegt als Sicherung in"):
        projectfile.load(path)


def test_stale_temps_of_a_long_name_are_cleaned_up(tmp_path: Path) -> None:
    name = "b" * 250 + ".json"
    path = tmp_path / name
    projectfile.save(fassung("1"), path)
    stale = tmp_path / f".{files._fitted(name, 14)}.deadbeef.tmp"
    stale.write_bytes(b"{halb")
    os.utime(stale, (0, 0))
    projectfile.save(fassung("2"), path)
    assert not stale.exists()


# --- reading: the type is decided on the opened file ----------------------------------------


def _read_fifo_disguised_as_file(fifo: str, regular: str) -> None:
    # A FIFO swapped in between a stat() and the open(): stat() still describes a regular
    # file. The reader must decide on the opened file and must not block.
    real_stat = Path.stat

    def stale_stat(self: Path, **kwargs: object) -> os.stat_result:
        return real_stat(Path(regular)) if str(self) == fifo else real_stat(self)

    Path.stat = stale_stat  # type: ignore[method-assign]
    try:
        files.read_regular_file(Path(fifo), "Die Datei", max_bytes=1000)
    except ProjectFileError as exc:
        os._exit(0 if "keine gewöhnliche Datei" in str(exc) else 3)
    os._exit(4)


def test_a_fifo_swapped_in_after_stat_is_neither_read_nor_blocking(tmp_path: Path) -> None:
    import multiprocessing

    fifo, regular = tmp_path / "rohr.vorlage.json", tmp_path / "echt.vorlage.json"
    os.mkfifo(fifo)
    regular.write_bytes(b"{}")
    child = multiprocessing.get_context("fork").Process(
        target=_read_fifo_disguised_as_file, args=(str(fifo), str(regular))
    )
    child.start()
    child.join(10)
    if child.is_alive():
        child.kill()
        child.join()
        pytest.fail("reading blocked on the FIFO")
    assert child.exitcode == 0
