"""Bad inputs from the file system (issue 4): permissions (tests run as root, so a child
process drops to "nobody"), a full disk, the kernel's file size limit, folders in the way."""

from __future__ import annotations

import errno
import io
import os
import resource
import signal
from collections.abc import Callable
from contextlib import redirect_stderr
from pathlib import Path
from typing import Any

import pytest

from forms import cli, projectfile
from forms.errors import ProjectFileError
from forms.model import Vorlage
from tests.forms.bad_files import NAME, SRC, in_child

# --- permissions: tests run as root, so the child process drops to "nobody" -----------------


def load_message(path: Path) -> Callable[[], str]:
    def run() -> str:
        try:
            projectfile.load(path)
        except ProjectFileError as exc:
            return str(exc)
        return "geladen"

    return run


def cli_in_child(*args: str) -> Callable[[], str]:
    """The real CLI entry point; its stderr and exit code come back as text."""

    def run() -> str:
        stderr = io.StringIO()
        with redirect_stderr(stderr):
            code = cli.main(list(args))
        return f"{code}|{stderr.getvalue()}"

    return run


def test_unreadable_file(shared_dir: Path) -> None:
    path = shared_dir / NAME
    projectfile.save(Vorlage(), path, backup=False)
    path.chmod(0)
    message = f"{SRC} darf nicht gelesen werden (keine Berechtigung)."
    assert in_child(load_message(path)) == message
    assert in_child(cli_in_child("validate", str(path))) == f"2|Fehler: {message}\n"
    path.chmod(0o644)
    assert projectfile.load(path) == Vorlage()


def test_read_only_folder_keeps_the_old_file(shared_dir: Path) -> None:
    path = shared_dir / NAME
    old = Vorlage()
    old.grunddaten.betreff = "alt"
    projectfile.save(old, path, backup=False)
    path.chmod(0o666)
    before = path.read_bytes()
    shared_dir.chmod(0o555)
    new = Vorlage()
    new.grunddaten.betreff = "neu"

    def save_new() -> str:
        try:
            projectfile.save(new, path)
        except ProjectFileError as exc:
            return str(exc)
        return "gespeichert"

    message = (
        f"„{NAME}“ wurde nicht gespeichert: keine Berechtigung (Ordner „{shared_dir}“). Die "
        "bisherige Datei ist unverändert und die Arbeit ist noch im Programm; bitte an einem "
        "anderen Ort speichern."
    )
    assert in_child(save_new) == message
    target = shared_dir / "neu.vorlage.json"
    assert in_child(cli_in_child("new", "-o", str(target))) == (
        f"2|Fehler: „neu.vorlage.json“ wurde nicht gespeichert: keine Berechtigung (Ordner "
        f"„{shared_dir}“). Die bisherige Datei ist unverändert und die Arbeit ist noch im "
        "Programm; bitte an einem anderen Ort speichern.\n"
    )
    shared_dir.chmod(0o777)
    assert path.read_bytes() == before
    assert sorted(p.name for p in shared_dir.iterdir()) == [NAME]


# --- disk full ------------------------------------------------------------------------------


def test_disk_full_in_the_middle_of_writing_keeps_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / NAME
    old = Vorlage()
    old.erlaeuterungen = "alter Text\n" * 1000
    projectfile.save(Vorlage(), path)
    projectfile.save(old, path)  # changes the file: the first version becomes the .bak
    before, backup_before = path.read_bytes(), projectfile.backup_path(path).read_bytes()

    real_write = os.write
    written = 0

    def write_until_full(fd: int, data: Any) -> int:
        # The disk takes 4 KiB of the new file, then reports ENOSPC like a full partition.
        nonlocal written
        if written >= 4096:
            raise OSError(errno.ENOSPC, "No space left on device")
        n = real_write(fd, bytes(data)[: 4096 - written])
        written += n
        return n

    monkeypatch.setattr(os, "write", write_until_full)
    new = Vorlage()
    new.erlaeuterungen = "neuer Text\n" * 5000
    with pytest.raises(ProjectFileError) as caught:
        projectfile.save(new, path)
    monkeypatch.undo()
    assert str(caught.value) == (
        f"„{NAME}“ wurde nicht gespeichert: auf dem Datenträger ist kein Platz mehr frei "
        f"(Ordner „{tmp_path}“). Die bisherige Datei ist unverändert und die Arbeit ist noch "
        "im Programm; bitte an einem anderen Ort speichern."
    )
    assert written == 4096
    assert path.read_bytes() == before
    assert projectfile.backup_path(path).read_bytes() == backup_before
    assert sorted(p.name for p in tmp_path.iterdir()) == [NAME, f"{NAME}.bak"]


def test_file_size_limit_of_the_kernel_is_reported_and_keeps_the_old_file(
    tmp_path: Path,
) -> None:
    # No monkeypatching: the kernel itself refuses to write past RLIMIT_FSIZE (EFBIG), as a
    # quota or a small FAT stick would.
    path = tmp_path / NAME
    projectfile.save(Vorlage(), path, backup=False)
    before = path.read_bytes()
    new = Vorlage()
    new.erlaeuterungen = "x" * 100_000

    def save_with_limit() -> str:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (10_000, 10_000))
        try:
            projectfile.save(new, path)
        except ProjectFileError as exc:
            return str(exc)
        return "gespeichert"

    assert in_child(save_with_limit, as_nobody=False) == (
        f"„{NAME}“ wurde nicht gespeichert: die Datei ist zu groß für diesen Datenträger "
        f"(Ordner „{tmp_path}“). Die bisherige Datei ist unverändert und die Arbeit ist noch "
        "im Programm; bitte an einem anderen Ort speichern."
    )
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [NAME]


def test_saving_onto_a_folder_or_into_a_missing_folder(tmp_path: Path) -> None:
    (tmp_path / NAME).mkdir()
    with pytest.raises(ProjectFileError) as caught:
        projectfile.save(Vorlage(), tmp_path / NAME)
    assert str(caught.value) == (
        f"„{NAME}“ wurde nicht gespeichert: unter diesem Namen gibt es einen Ordner."
    )
    missing = tmp_path / "gibt-es-nicht" / NAME
    with pytest.raises(ProjectFileError) as caught:
        projectfile.save(Vorlage(), missing)
    assert str(caught.value) == (
        f"„{NAME}“ wurde nicht gespeichert: der Ordner oder die Datei existiert nicht "
        f"(Ordner „{missing.parent}“). Die bisherige Datei ist unverändert und die Arbeit ist "
        "noch im Programm; bitte an einem anderen Ort speichern."
    )
