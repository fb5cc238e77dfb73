"""Reading and writing files so that nothing is lost and nothing else is read.

`write_atomic` writes a temporary file next to the target, fsyncs it and renames it over the
target, so a crash or kill at any moment leaves the complete old or the complete new file.
`read_regular_file` reads only a regular file (never a FIFO or a device) and at most a given
number of bytes. Both raise ProjectFileError with a German message naming the file.
See docs/reliability.md for the guarantees and the tests that prove them.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import secrets
import stat
import time
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from forms.errors import ProjectFileError, VorlageError, german_os_reason, shown_value

BACKUP_SUFFIX = ".bak"
# Backups kept of a file saved with backup=True: `<name>.bak` (the version before the last
# save), `<name>.2.bak`, `<name>.3.bak` (older). Only a save that changes the bytes rotates.
BACKUP_GENERATIONS = 3
# Longest file name (bytes) on the usual file systems (ext4, NTFS, APFS, SMB shares). Names of
# temp files and backups that would be longer are shortened (see `_fitted`).
NAME_MAX = 255
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
        if path.is_dir():  # (Windows cannot open a folder, so ask before opening)
            raise ProjectFileError(f"„{path.name}“ ist ein Ordner, keine Datei.")
        with _open_regular(path) as handle:
            info = os.fstat(handle.fileno())
            if stat.S_ISDIR(info.st_mode):
                raise ProjectFileError(f"„{path.name}“ ist ein Ordner, keine Datei.")
            if not stat.S_ISREG(info.st_mode):
                # A pipe or device (/dev/zero) would block or never end.
                raise ProjectFileError(f"„{path.name}“ ist keine gewöhnliche Datei.")
            _check_size(info.st_size, source, max_bytes, purpose)
            # Read at most one byte more than allowed: the file may grow after fstat().
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


def _open_regular(path: Path) -> BinaryIO:
    # O_NONBLOCK: opening a FIFO without a writer returns at once instead of blocking, and the
    # type is then decided on the opened file (fstat), so nothing swapped in between a stat()
    # and the open() can block or be read. (For regular files the flag changes nothing.)
    fd = os.open(path, os.O_RDONLY | _O_BINARY | getattr(os, "O_NONBLOCK", 0))
    return os.fdopen(fd, "rb")


def _check_size(size: int, source: str, max_bytes: int, purpose: str) -> None:
    if size > max_bytes:
        raise ProjectFileError(
            f"{source} ist mit {megabytes(size)} zu groß für {purpose} "
            f"(höchstens {megabytes(max_bytes)})."
        )


def megabytes(size: int) -> str:
    """A size in German notation: '32,0 MB'."""
    return f"{size / (1024 * 1024):.1f}".replace(".", ",") + " MB"


@dataclass(frozen=True)
class FileStamp:
    """What a file held when it was read or written: its size and SHA-256.

    Content, not mtime: network drives and FAT have coarse or shifted clocks, and a touched but
    unchanged file loses nobody's work.
    """

    size: int
    sha256: str

    @classmethod
    def of(cls, data: bytes) -> FileStamp:
        return cls(len(data), hashlib.sha256(data).hexdigest())


def current_bytes(path: Path, max_bytes: int) -> bytes | None:
    """The bytes now on disk at `path`, or None if there is no regular, readable file of at
    most `max_bytes` (then nothing can be compared)."""
    try:
        with _open_regular(Path(path)) as handle:
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode) or info.st_size > max_bytes:
                return None
            data = handle.read(max_bytes + 1)
    except (OSError, ValueError):
        return None
    return data if len(data) <= max_bytes else None


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
        _refuse_read_only(path)
        tmp, fd = _create_temp(path, folder)
        try:
            _keep_attributes(fd, path)
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


def _refuse_read_only(path: Path) -> None:
    # The rename would replace a write-protected file (the folder decides, not the file), and
    # root may write anything: so look at the file's own write bits as well.
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return
    if not mode & 0o222 or not os.access(path, os.W_OK):
        raise ProjectFileError(
            f"„{path.name}“ wurde nicht gespeichert: die Datei ist schreibgeschützt. "
            "Die bisherige Datei ist unverändert und die Arbeit ist noch im Programm; bitte "
            "unter einem anderen Namen speichern oder den Schreibschutz aufheben."
        )


def _create_temp(path: Path, folder: Path) -> tuple[Path, int]:
    # Not tempfile.mkstemp: that creates mode 0600, and a file on a shared drive would silently
    # become unreadable for colleagues. 0666 minus the umask is what any editor creates.
    while True:
        tmp = folder / f".{_fitted(path.name, 14)}.{secrets.token_hex(4)}.tmp"
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _O_BINARY, 0o666)
        except FileExistsError:
            continue
        return tmp, fd


def _keep_attributes(fd: int, original: Path) -> None:
    """Give the new file the mode, owner and group of `original` (if it exists).

    The owner can only be kept by root; a group only if the saving user belongs to it. What
    cannot be kept is left as the system sets it (as any editor that saves atomically).
    """
    try:
        info = original.stat()
    except OSError:
        return
    if hasattr(os, "fchown"):
        with contextlib.suppress(OSError):
            os.fchown(fd, info.st_uid, info.st_gid)
        with contextlib.suppress(OSError):
            os.fchown(fd, -1, info.st_gid)
    if hasattr(os, "fchmod"):  # after chown: chown may clear set-id bits
        with contextlib.suppress(OSError):
            os.fchmod(fd, stat.S_IMODE(info.st_mode))


def _write_all(fd: int, data: bytes) -> None:
    # os.write may write less than asked (signals, network drives); loop until all is out.
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def backup_path(path: Path, generation: int = 1) -> Path:
    """`<name>.bak` for the newest backup, `<name>.<n>.bak` for older generations."""
    suffix = BACKUP_SUFFIX if generation == 1 else f".{generation}{BACKUP_SUFFIX}"
    return path.with_name(_fitted(path.name, len(suffix)) + suffix)


_BACKUP_NAME = re.compile(r"^(?P<name>.+?)(?:\.[2-9])?\.bak$")


def original_of_backup(path: Path) -> Path | None:
    """`x.vorlage.json` for `x.vorlage.json.bak` or `x.vorlage.json.2.bak`; None otherwise."""
    match = _BACKUP_NAME.match(path.name)
    return path.with_name(match["name"]) if match else None


def backup_paths(path: Path) -> list[Path]:
    """Every backup generation of `path`, newest first (existing or not)."""
    return [backup_path(path, n) for n in range(1, BACKUP_GENERATIONS + 1)]


def _keep_backup(path: Path) -> None:
    # Older generations move one step back first (each rename is atomic; a kill in between
    # leaves every version under some backup name). Then the current file becomes `.bak`:
    # a hard link is atomic and costs no copy; a copy where links are unsupported (FAT, some
    # network drives). Creating the new .bak via a temp name keeps the old one intact until
    # the new one is complete.
    generations = backup_paths(path)
    for older, newer in zip(generations[:0:-1], generations[-2::-1], strict=True):
        with contextlib.suppress(FileNotFoundError):
            os.replace(newer, older)
    target = generations[0]
    tmp = target.with_name(_fitted(path.name, len(BACKUP_SUFFIX) + 4) + BACKUP_SUFFIX + ".tmp")
    with contextlib.suppress(FileNotFoundError):
        tmp.unlink()
    try:
        os.link(path, tmp)
    except OSError:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | _O_BINARY, 0o666)
        try:
            _keep_attributes(fd, path)
            _write_all(fd, path.read_bytes())
            os.fsync(fd)
        finally:
            os.close(fd)
    os.replace(tmp, target)


def _fitted(name: str, extra: int) -> str:
    """`name`, shortened so that `extra` more bytes still fit into NAME_MAX.

    A shortened name keeps its start and ends in `~` and 8 hex digits of the full name's
    hash, so every file has its own, stable temp and backup names.
    """
    encoded = name.encode("utf-8", "surrogateescape")
    if len(encoded) + extra <= NAME_MAX:
        return name
    digest = hashlib.sha256(encoded).hexdigest()[:8]
    keep = encoded[: NAME_MAX - extra - 9].decode("utf-8", "ignore")  # cut at a character
    return f"{keep}~{digest}"


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
        for candidate in folder.glob(f".{_glob_escape(_fitted(path.name, 14))}.*.tmp"):
            with contextlib.suppress(OSError):
                if candidate.stat().st_mtime < limit:
                    candidate.unlink()


def _glob_escape(name: str) -> str:
    return "".join(f"[{c}]" if c in "*?[" else c for c in name)


def create_folder(folder: Path, *, hint: str) -> None:
    """Create an output folder with its parents; a German VorlageError ending in `hint` if not."""
    if folder.is_dir():
        return
    if folder.exists():
        raise VorlageError(f"„{folder}“ ist kein Ordner; {hint}.")
    try:
        folder.mkdir(parents=True)
    except FileExistsError as exc:  # a file appeared in between, or a parent is a file
        raise VorlageError(f"„{folder}“ ist kein Ordner; {hint}.") from exc
    except OSError as exc:
        raise VorlageError(
            f"Der Ordner „{folder}“ lässt sich nicht anlegen: {exc.strerror or exc}."
        ) from exc
