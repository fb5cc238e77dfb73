"""Reading and writing files so that nothing is lost and nothing else is read.

`write_atomic` writes a temporary file next to the target, fsyncs it and renames it over the
target, so a crash or kill at any moment leaves the complete old or the complete new file.
`read_regular_file` reads only a regular file (never a FIFO or a device) and at most a given
number of bytes. Both raise ProjectFileError with a German message naming the file.
See docs/reliability.md for the guarantees and the tests that prove them.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
import time
from pathlib import Path

from forms.errors import ProjectFileError, german_os_reason, shown_value

BACKUP_SUFFIX = ".bak"
# Temporary files of a save that was killed are removed by a later save once they are this old
# (younger ones might belong to a save running right now in another process).
STALE_TEMP_SECONDS = 15 * 60

_O_BINARY = getattr(os, "O_BINARY", 0)


# ---------------------------------------------------------------------------------------------
# Reading


def read_regular_file(
    path: Path,
    source: str,
    *,
    max_bytes: int,
    purpose: str = "eine Vorlage",
    missing_hint: str = "",
) -> bytes:
    """The bytes of `path` if it is a regular file of at most `max_bytes`.

    `source` names the file in messages („Die Datei „x.json““), `purpose` says what it is too
    large for, `missing_hint` is appended when the file does not exist.
    """
    path = Path(path)
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise ProjectFileError(f"„{path.name}“ ist ein Ordner, keine Datei.")
        if not stat.S_ISREG(info.st_mode):
            # A pipe or device (/dev/zero) would block or never end.
            raise ProjectFileError(f"„{path.name}“ ist keine gewöhnliche Datei.")
        _check_size(info.st_size, source, max_bytes, purpose)
        with path.open("rb") as handle:
            # Read at most one byte more than allowed: the file may grow after stat().
            data = handle.read(max_bytes + 1)
        _check_size(len(data), source, max_bytes, purpose)
        return data
    except ValueError:  # a NUL byte in the path (e.g. from a damaged list of recent files)
        raise ProjectFileError(
            f"Der Dateiname {shown_value(path.name)} enthält ein ungültiges Zeichen."
        ) from None
    except FileNotFoundError:
        raise ProjectFileError(f"{source} gibt es nicht (mehr).{missing_hint}") from None
    except PermissionError:
        raise ProjectFileError(
            f"{source} darf nicht gelesen werden (keine Berechtigung)."
        ) from None
    except OSError as exc:
        raise ProjectFileError(
            f"{source} kann nicht gelesen werden: {german_os_reason(exc)}."
        ) from None


def _check_size(size: int, source: str, max_bytes: int, purpose: str) -> None:
    if size > max_bytes:
        raise ProjectFileError(
            f"{source} ist mit {megabytes(size)} zu groß für {purpose} "
            f"(höchstens {megabytes(max_bytes)})."
        )


def megabytes(size: int) -> str:
    """A size in German notation: '32,0 MB'."""
    return f"{size / (1024 * 1024):.1f}".replace(".", ",") + " MB"


# ---------------------------------------------------------------------------------------------
# Writing


def write_atomic(
    path: Path, data: bytes, *, backup: bool = False, mode_limit: int | None = None
) -> None:
    """Temp file in the same folder, write, fsync, (link old version to .bak), rename.

    `mode_limit`: the new file's permission bits are at most these (a copy of a 0640 file must
    not become 0644); applied before the rename, so the file is never visible wider."""
    path = Path(path)
    if "\x00" in str(path):
        raise ProjectFileError(
            f"„{shown_value(path.name)[1:-1]}“ wurde nicht gespeichert: der Dateiname enthält ein "
            "ungültiges Zeichen."
        )
    # Saving through a symbolic link updates the file it points to, and keeps the link.
    if path.is_symlink():
        path = path.resolve()
    folder = path.parent if str(path.parent) else Path(".")
    tmp: Path | None = None
    try:
        if path.is_dir():
            raise ProjectFileError(
                f"„{path.name}“ wurde nicht gespeichert: unter diesem Namen gibt es einen Ordner."
            )
        tmp, fd = _create_temp(path, folder)
        try:
            if mode_limit is not None and hasattr(os, "fchmod"):
                os.fchmod(fd, stat.S_IMODE(os.fstat(fd).st_mode) & mode_limit)
            _write_all(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
        if backup and path.exists():
            _keep_backup(path)
        os.replace(tmp, path)
        tmp = None
        _fsync_dir(folder)
    except OSError as exc:
        raise ProjectFileError(
            f"„{path.name}“ wurde nicht gespeichert: {german_os_reason(exc)} "
            f"(Ordner „{folder}“). Die bisherige Datei ist unverändert und die Arbeit ist "
            "noch im Programm; bitte an einem anderen Ort speichern."
        ) from None
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                tmp.unlink()
    _remove_stale_temps(path, folder)


def _create_temp(path: Path, folder: Path) -> tuple[Path, int]:
    # Not tempfile.mkstemp: that creates mode 0600, and a file on a shared drive would silently
    # become unreadable for colleagues. 0666 minus the umask is what any editor creates; an
    # existing file keeps its mode.
    while True:
        tmp = folder / f".{path.name}.{secrets.token_hex(4)}.tmp"
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _O_BINARY, 0o666)
        except FileExistsError:
            continue
        with contextlib.suppress(OSError):
            if hasattr(os, "fchmod"):
                os.fchmod(fd, stat.S_IMODE(path.stat().st_mode))
        return tmp, fd


def _write_all(fd: int, data: bytes) -> None:
    # os.write may write less than asked (signals, network drives); loop until all is out.
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def backup_path(path: Path) -> Path:
    return path.with_name(path.name + BACKUP_SUFFIX)


def _keep_backup(path: Path) -> None:
    # A hard link is atomic and costs no copy; fall back to a copy where links are unsupported
    # (FAT, some network drives). Replacing the .bak via a temp name keeps the old .bak intact
    # until the new one is complete.
    target = backup_path(path)
    tmp = target.with_name(target.name + ".tmp")
    with contextlib.suppress(FileNotFoundError):
        tmp.unlink()
    try:
        os.link(path, tmp)
    except OSError:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | _O_BINARY, 0o666)
        try:
            _write_all(fd, path.read_bytes())
            os.fsync(fd)
        finally:
            os.close(fd)
    os.replace(tmp, target)


def _fsync_dir(folder: Path) -> None:
    # Makes the rename itself durable on POSIX; Windows has no directory handles for this.
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _remove_stale_temps(path: Path, folder: Path) -> None:
    """Remove temp files left by saves of this file that were killed long ago."""
    limit = time.time() - STALE_TEMP_SECONDS
    with contextlib.suppress(OSError):
        for candidate in folder.glob(f".{_glob_escape(path.name)}.*.tmp"):
            with contextlib.suppress(OSError):
                if candidate.stat().st_mtime < limit:
                    candidate.unlink()


def _glob_escape(name: str) -> str:
    return "".join(f"[{c}]" if c in "*?[" else c for c in name)
