"""Recovery copies of unsaved work (autosave), without Qt.

While a Vorlage has unsaved changes the wizard writes a copy into the user data folder – never
over the clerk's own file. Each running program has its own session: a copy
`<id>.wiederherstellung.json` and a lock file `<id>.lock` that the session keeps locked while
it runs. The operating system releases the lock when the process ends in any way (also on
SIGKILL or a power cut), so at the next start a copy whose lock can be taken belongs to a
session that did not end normally: that copy is offered for recovery. A normal save or close
removes the copy.

Nothing in the folder can stop the program: a folder that cannot be used, a copy that cannot
be read and a lock that is no file each become one German line in `Scan.failures`; the
readable copies are still offered (docs/reliability.md).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import logging
import os
import secrets
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import platformdirs

from forms import projectfile
from forms.errors import ProjectFileError
from forms.files import write_atomic
from forms.model import Vorlage

log = logging.getLogger(__name__)

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
        """The Vorlage of the copy; ProjectFileError (German) when it cannot be read."""
        name = f"Die Wiederherstellungskopie „{self.path.name}“"
        try:
            document = _read(self.path)
            return projectfile.from_document(document.get("document"), name)
        except (OSError, ValueError, RecursionError) as exc:
            raise ProjectFileError(f"{name} lässt sich nicht lesen ({exc}).") from exc

    def discard(self) -> None:
        """Delete the copy and its lock; ProjectFileError when the copy cannot be deleted."""
        try:
            self.path.unlink(missing_ok=True)
        except OSError as exc:
            raise ProjectFileError(
                f"Die Wiederherstellungskopie „{self.path}“ lässt sich nicht löschen "
                f"({exc.strerror or exc}); sie wird beim nächsten Start wieder angeboten."
            ) from exc
        with contextlib.suppress(OSError):  # a lock that is a folder is left to the clerk
            self.path.with_name(_session_id(self.path) + LOCK_SUFFIX).unlink(missing_ok=True)


class RecoverySession:
    """The recovery copy of one running program. Holds its lock until `close()`."""

    def __init__(self, folder: Path | None = None) -> None:
        """ProjectFileError (German) when the folder cannot hold copies."""
        self.folder = folder or default_folder()
        self.id = f"{dt.datetime.now():%Y%m%d-%H%M%S}-{os.getpid()}-{secrets.token_hex(3)}"
        self.path = self.folder / f"{self.id}{COPY_SUFFIX}"
        self.lock_path = self.folder / f"{self.id}{LOCK_SUFFIX}"
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            handle = _try_lock(self.lock_path)
        except OSError as exc:
            raise ProjectFileError(
                f"Der Ordner für Wiederherstellungskopien „{self.folder}“ ist nicht nutzbar "
                f"({exc.strerror or exc}). Ohne ihn gibt es keine automatische Sicherung – "
                "bitte regelmäßig speichern."
            ) from exc
        if handle is None:  # pragma: no cover - a fresh random name cannot be locked by others
            raise ProjectFileError(f"„{self.lock_path}“ ist von einem anderen Programm gesperrt.")
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
        try:
            self.path.unlink(missing_ok=True)
        except OSError as exc:  # the next start offers it again; the clerk's file is saved
            log.warning("Wiederherstellungskopie %s nicht gelöscht: %s", self.path, exc)

    def close(self) -> None:
        """Normal end of the program: remove copy and lock."""
        self.remove()
        if self._lock is not None:
            with contextlib.suppress(OSError):
                self.lock_path.unlink(missing_ok=True)
            self._lock.close()
            self._lock = None


@dataclass(frozen=True)
class Scan:
    """What the recovery folder holds: copies to offer, newest first, and what went wrong."""

    folder: Path
    copies: list[RecoveryCopy] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)  # German, one line per problem


def orphaned(folder: Path | None = None) -> list[RecoveryCopy]:
    """Copies of sessions that ended without saving or closing, newest first."""
    return scan(folder).copies


def scan(folder: Path | None = None) -> Scan:
    """Look for copies of sessions that ended without saving or closing.

    Copies of sessions still running (another window of the program) are left alone; a copy
    that cannot be read is left in place, not offered (it might be from a newer version) and
    named in `failures`.
    """
    result = Scan(folder or default_folder())
    folder = result.folder
    if not folder.exists():
        return result
    if not folder.is_dir():
        result.failures.append(
            f"„{folder}“ sollte der Ordner für Wiederherstellungskopien sein, ist aber eine Datei."
        )
        return result
    try:
        paths = sorted(folder.glob(f"*{COPY_SUFFIX}"))
    except OSError as exc:
        result.failures.append(f"Der Ordner „{folder}“ ist nicht lesbar ({exc.strerror or exc}).")
        return result
    for path in paths:
        if not _session_ended(folder / f"{_session_id(path)}{LOCK_SUFFIX}"):
            continue  # that session is alive
        try:
            result.copies.append(_describe(path))
        except (OSError, ValueError, KeyError, TypeError, RecursionError, ProjectFileError):
            result.failures.append(
                f"Die Wiederherstellungskopie „{path.name}“ ist beschädigt oder stammt aus einer "
                "neueren Version; sie bleibt im Ordner liegen und wird nicht angeboten."
            )
    _remove_stale_locks(folder)
    result.copies.sort(key=lambda c: c.saved_at, reverse=True)
    return result


def _session_ended(lock: Path) -> bool:
    """True unless a running program holds the lock. A lock that is missing, cannot be
    created (read-only folder) or is not a file is held by no one: sessions lock files."""
    try:
        handle = _try_lock(lock)
    except OSError:
        return True
    if handle is None:
        return False
    handle.close()
    return True


def _remove_stale_locks(folder: Path) -> None:
    # A session killed while nothing was unsaved leaves only its lock file behind.
    with contextlib.suppress(OSError):
        for lock in folder.glob(f"*{LOCK_SUFFIX}"):
            if not lock.is_file():
                continue
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
    if saved_at.tzinfo is None:  # written by hand or by an old version: local time
        saved_at = saved_at.astimezone()
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
