"""Recovery copies of unsaved work (autosave), without Qt.

While a Vorlage has unsaved changes the wizard writes a copy into the user data folder – never
over the clerk's own file. Each running program has its own session: a copy
`<id>.wiederherstellung.json` and a lock file `<id>.lock` that the session keeps locked while
it runs. The operating system releases the lock when the process ends in any way (also on
SIGKILL or a power cut), so at the next start a copy whose lock can be taken belongs to a
session that did not end normally: that copy is offered for recovery. A normal save or close
removes the copy.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import secrets
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import platformdirs

from forms import projectfile
from forms.errors import ProjectFileError
from forms.files import write_atomic
from forms.model import Vorlage

APP_NAME = "vorlagen-assistent"
COPY_SUFFIX = ".wiederherstellung.json"
LOCK_SUFFIX = ".lock"
FORMAT = 1


def default_folder() -> Path:
    """`<user data folder>/wiederherstellung` (platformdirs; on Windows under %LOCALAPPDATA%)."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "wiederherstellung"


@dataclass(frozen=True)
class RecoveryCopy:
    """A copy left behind by a session that ended without saving."""

    path: Path
    saved_at: dt.datetime  # local time, timezone-aware
    source: Path | None  # the project file the clerk was editing, None for a new Vorlage

    def load(self) -> Vorlage:
        document = _read(self.path)
        return projectfile.from_document(
            document.get("document"), f"Die Wiederherstellungskopie „{self.path.name}“"
        )

    def discard(self) -> None:
        for path in (self.path, self.path.with_name(_session_id(self.path) + LOCK_SUFFIX)):
            with contextlib.suppress(FileNotFoundError):
                path.unlink()


class RecoverySession:
    """The recovery copy of one running program. Holds its lock until `close()`."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder or default_folder()
        self.folder.mkdir(parents=True, exist_ok=True)
        self.id = f"{dt.datetime.now():%Y%m%d-%H%M%S}-{os.getpid()}-{secrets.token_hex(3)}"
        self.path = self.folder / f"{self.id}{COPY_SUFFIX}"
        self.lock_path = self.folder / f"{self.id}{LOCK_SUFFIX}"
        handle = _try_lock(self.lock_path)
        if handle is None:  # pragma: no cover - a fresh random name cannot be locked by others
            raise OSError(f"cannot lock {self.lock_path}")
        self._lock: IO[bytes] | None = handle

    def write(self, vorlage: Vorlage, source: Path | None) -> Path:
        """Write (atomically) the current state; raises ProjectFileError on failure."""
        now = dt.datetime.now().astimezone()
        document = {
            "wiederherstellung": FORMAT,
            "saved_at": now.isoformat(timespec="milliseconds"),
            "source": str(source) if source is not None else None,
            "document": json.loads(projectfile.dumps(vorlage)),
        }
        data = json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")
        write_atomic(self.path, data)
        return self.path

    def remove(self) -> None:
        """The work is saved (or deliberately discarded): the copy is no longer needed."""
        with contextlib.suppress(FileNotFoundError):
            self.path.unlink()

    def close(self) -> None:
        """Normal end of the program: remove copy and lock."""
        self.remove()
        if self._lock is not None:
            with contextlib.suppress(FileNotFoundError):
                self.lock_path.unlink()
            self._lock.close()
            self._lock = None


def orphaned(folder: Path | None = None) -> list[RecoveryCopy]:
    """Copies of sessions that ended without saving or closing, newest first.

    Copies of sessions still running (another window of the program) are left alone; a copy
    that cannot be read is left in place and not offered (it might be from a newer version).
    """
    folder = folder or default_folder()
    found: list[RecoveryCopy] = []
    if not folder.is_dir():
        return found
    for path in folder.glob(f"*{COPY_SUFFIX}"):
        handle = _try_lock(folder / f"{_session_id(path)}{LOCK_SUFFIX}")
        if handle is None:
            continue  # that session is alive
        handle.close()
        try:
            found.append(_describe(path))
        except (OSError, ValueError, ProjectFileError):
            continue
    _remove_stale_locks(folder)
    return sorted(found, key=lambda c: c.saved_at, reverse=True)


def _remove_stale_locks(folder: Path) -> None:
    # A session killed while nothing was unsaved leaves only its lock file behind.
    for lock in folder.glob(f"*{LOCK_SUFFIX}"):
        if (folder / f"{lock.name.removesuffix(LOCK_SUFFIX)}{COPY_SUFFIX}").exists():
            continue
        handle = _try_lock(lock)
        if handle is not None:
            with contextlib.suppress(OSError):
                lock.unlink()
            handle.close()


def _describe(path: Path) -> RecoveryCopy:
    document = _read(path)
    saved_at = dt.datetime.fromisoformat(str(document["saved_at"]))
    source = document.get("source")
    return RecoveryCopy(path, saved_at, Path(source) if isinstance(source, str) else None)


def _read(path: Path) -> dict[str, Any]:
    document = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(document, dict) or document.get("wiederherstellung") != FORMAT:
        raise ValueError(f"{path.name}: not a recovery copy of format {FORMAT}")
    return document


def _session_id(copy_path: Path) -> str:
    return copy_path.name.removesuffix(COPY_SUFFIX)


def _try_lock(path: Path) -> IO[bytes] | None:
    """Open and lock `path` without waiting; None when another process holds the lock."""
    handle = open(path, "a+b")  # noqa: SIM115 - the handle lives as long as the session
    try:
        if sys.platform == "win32":  # pragma: no cover - Windows
            import msvcrt

            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        else:
            import fcntl

            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        handle.close()
        return None
    return handle
