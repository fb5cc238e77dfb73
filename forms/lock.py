"""Who has a project file open: a lock file next to it, for shared network drives (issue 16).

Why not QLockFile, `filelock` or `portalocker`: `forms/` is Qt-free (the CLI and tests use it),
and the libraries lock with the operating system (fcntl/msvcrt). Such a lock records nobody's
name, vanishes with the process instead of surviving a crash as something to show, and on SMB
shares mounted from Linux is not always passed on to the server. QLockFile writes pid, host and
program, but not the user, and judges a lock from another computer only by its file time. What
the clerk needs is small enough to own (about 200 lines):

- `~$<Datei>.lock` next to `<Datei>` (as Office does), JSON: user, computer, pid, program, a
  random token of the session, `since` and `refreshed` in UTC ISO format.
- Created atomically with its whole content: written to a temp file, then `os.link`ed to the
  lock name (fails if the name exists, on SMB from Windows and Linux as on local disks). Where
  hard links are not supported (FAT, some NAS) the lock name is created with
  O_CREAT|O_EXCL and written at once; a reader that finds it empty or half written retries
  briefly and otherwise treats it as a lock of unknown owner (still a lock).
- The running wizard refreshes `refreshed` every REFRESH_SECONDS (temp file + os.replace, so a
  reader never sees half a file) and notices then – and before every save – whether another
  session has taken the lock over (another token in the file).
- A lock left by a crash is *stale*: on the same computer when its process is no longer alive
  (certain); from another computer when it was not refreshed for STALE_AFTER (possible: that
  computer may only be asleep). Either way the clerk is offered to take it over.

Releasing removes the file only if it is still ours. A window remains between reading the token
and removing or replacing the file (a takeover in that instant): then both sessions believe the
other one has it, and neither overwrites silently – the save-time check of the file content
(forms.projectfile.save(expected=)) still guards the data.
"""

from __future__ import annotations

import atexit
import contextlib
import dataclasses
import datetime as dt
import getpass
import json
import os
import secrets
import socket
import sys
import time
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from forms.errors import VorlageError, german_os_reason, shown_value
from forms.files import _fitted, _write_all

PREFIX = "~$"
SUFFIX = ".lock"
FORMAT = "vorlagen-assistent-sperre"
REFRESH_SECONDS = 5 * 60
STALE_AFTER = dt.timedelta(hours=2)
# A lock file seen empty or unreadable may be being written (no hard links): read again this
# often, this long apart, before it counts as a lock of unknown owner.
READ_TRIES = 5
READ_PAUSE = 0.05
MAX_LOCK_BYTES = 64 * 1024  # a lock is a few hundred bytes; anything bigger is not ours
_O_BINARY = getattr(os, "O_BINARY", 0)

Clock = Callable[[], dt.datetime]


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def lock_path(project: Path) -> Path:
    """`~$x.vorlage.json.lock` next to `x.vorlage.json`."""
    # Shortened like backups when the name would pass the file system's limit (forms.files).
    return project.with_name(f"{PREFIX}{_fitted(project.name, len(PREFIX) + len(SUFFIX))}{SUFFIX}")


def is_lock_file(path: Path) -> bool:
    return path.name.startswith(PREFIX) and path.name.endswith(SUFFIX)


def shown_time(when: dt.datetime) -> str:
    """'02.12.2026, 14:37 Uhr' in the local time zone."""
    return when.astimezone().strftime("%d.%m.%Y, %H:%M Uhr")


@dataclass(frozen=True)
class Identity:
    """Who is opening: the login name, the computer's name and this program's process id."""

    user: str
    computer: str
    pid: int

    @classmethod
    def current(cls) -> Identity:
        try:
            user = getpass.getuser()
        except (KeyError, OSError):  # no login name (containers, odd Windows setups)
            user = "unbekannt"
        return cls(user, socket.gethostname() or "unbekannt", os.getpid())


class Staleness(StrEnum):
    ACTIVE = "active"  # its session is running (or may be)
    STALE = "stale"  # same computer, the process has ended: certainly left by a crash
    POSSIBLY_STALE = "possibly_stale"  # another computer, not refreshed for STALE_AFTER


@dataclass(frozen=True)
class Owner:
    """What a lock file says (fields may be 'unbekannt' for a file that cannot be read)."""

    user: str
    computer: str
    pid: int
    since: dt.datetime
    refreshed: dt.datetime
    token: str
    program: str = "Vorlagen-Assistent"

    def describe(self) -> str:
        """The sentence shown to a second opener."""
        # The file may come from anywhere: no invisible characters, no endless names.
        user, computer = (shown_value(text, 40)[1:-1] for text in (self.user, self.computer))
        return f"Die Datei wird seit {shown_time(self.since)} von {user} auf {computer} bearbeitet."

    def staleness(self, identity: Identity, now: dt.datetime) -> Staleness:
        here = self.computer.casefold() == identity.computer.casefold()
        if here and self.pid > 0 and not process_alive(self.pid):
            return Staleness.STALE
        if now - self.refreshed > STALE_AFTER:
            return Staleness.POSSIBLY_STALE
        return Staleness.ACTIVE

    def to_json(self) -> bytes:
        document = {
            "format": FORMAT,
            "user": self.user,
            "computer": self.computer,
            "pid": self.pid,
            "program": self.program,
            "token": self.token,
            "since": self.since.isoformat(),
            "refreshed": self.refreshed.isoformat(),
        }
        return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")

    @classmethod
    def from_json(cls, data: bytes) -> Owner:
        document: Any = json.loads(data.decode("utf-8"))
        if not isinstance(document, dict) or document.get("format") != FORMAT:
            raise ValueError("not a lock of the Vorlagen-Assistent")
        since = _utc(document["since"])
        return cls(
            str(document["user"]),
            str(document["computer"]),
            int(document["pid"]),
            since,
            _utc(document.get("refreshed", document["since"])),
            str(document["token"]),
            str(document.get("program", "Vorlagen-Assistent")),
        )


def _utc(text: object) -> dt.datetime:
    when = dt.datetime.fromisoformat(str(text))
    return when.replace(tzinfo=dt.UTC) if when.tzinfo is None else when


class FileLockedError(VorlageError):
    """Another session has the file open; `owner` says who, `staleness` whether it still runs."""

    def __init__(self, project: Path, owner: Owner, staleness: Staleness) -> None:
        self.project = project
        self.owner = owner
        self.staleness = staleness
        super().__init__(f"„{project.name}“ ist gesperrt. {owner.describe()}")


class LockUnavailableError(VorlageError):
    """No lock can be written (read-only folder, full disk): open without one, say so."""


def read_owner(lock: Path, *, now: Clock = utc_now) -> Owner | None:
    """Who holds `lock`, None when there is no lock file. A file that cannot be understood
    (foreign, or still empty after retries) is a lock of an unknown owner, dated by its mtime."""
    for attempt in range(READ_TRIES):
        try:
            with lock.open("rb") as handle:
                data = handle.read(MAX_LOCK_BYTES)
        except FileNotFoundError:
            return None
        except OSError:
            data = b""
        with contextlib.suppress(ValueError, KeyError, TypeError, RecursionError):
            return Owner.from_json(data)
        if attempt + 1 < READ_TRIES:
            time.sleep(READ_PAUSE)
    try:
        when = dt.datetime.fromtimestamp(lock.stat().st_mtime, dt.UTC)
    except OSError:
        when = now()
    return Owner("unbekannt", "unbekanntem Computer", 0, when, when, "")


class ProjectLock:
    """The lock this session holds on one project file."""

    def __init__(self, project: Path, owner: Owner, *, now: Clock = utc_now) -> None:
        self.project = project
        self.path = lock_path(project)
        self.owner = owner
        self._now = now
        # A takeover keeps the lock it replaced: `give_back` restores it if the open or save
        # that needed the takeover does not happen after all.
        self.replaced: bytes | None = None
        _held.add(self)

    @classmethod
    def acquire(
        cls,
        project: Path,
        *,
        take_over: bool = False,
        identity: Identity | None = None,
        now: Clock = utc_now,
    ) -> ProjectLock:
        """Lock `project`. FileLockedError when someone else has it (unless `take_over`:
        then their lock is replaced); LockUnavailableError when no lock can be written."""
        identity = identity or Identity.current()
        when = now()
        owner = Owner(
            identity.user, identity.computer, identity.pid, when, when, secrets.token_hex(8)
        )
        lock = lock_path(project)
        replaced = None
        try:
            if take_over:
                with contextlib.suppress(FileNotFoundError):
                    replaced = lock.read_bytes()
                _replace(lock, owner.to_json())
            else:
                while not _create(lock, owner.to_json()):
                    holder = read_owner(lock, now=now)
                    if holder is not None:
                        raise FileLockedError(project, holder, holder.staleness(identity, when))
        except OSError as exc:
            raise LockUnavailableError(
                f"Für „{project.name}“ konnte keine Sperrdatei angelegt werden "
                f"({german_os_reason(exc)}). Die Datei ist geöffnet, aber Kollegen, die sie "
                "gleichzeitig öffnen, werden nicht gewarnt."
            ) from None
        held = cls(project, owner, now=now)
        held.replaced = replaced
        return held

    def holder(self) -> Owner | None:
        """Who the lock file names now (None: it is gone)."""
        return read_owner(self.path, now=self._now)

    def is_ours(self) -> bool:
        holder = self.holder()
        return holder is not None and holder.token == self.owner.token

    def refresh(self) -> Owner | None:
        """Renew the timestamp. Returns None while the lock is ours, else who has it now (a
        removed lock file is created again). OSError (a network hiccup) is left to the caller."""
        holder = self.holder()
        if holder is None:
            if _create(self.path, self.owner.to_json()):
                return None
            holder = self.holder()
        if holder is None or holder.token != self.owner.token:
            return holder
        self.owner = dataclasses.replace(self.owner, refreshed=self._now())
        _replace(self.path, self.owner.to_json())
        return None

    def release(self) -> None:
        """Remove the lock file if it is still ours; never raises."""
        _held.discard(self)
        with contextlib.suppress(OSError):
            if self.is_ours():
                self.path.unlink()

    def give_back(self) -> None:
        """Undo a takeover: the replaced lock returns (if this one is still ours)."""
        if self.replaced is None:
            self.release()
            return
        _held.discard(self)
        with contextlib.suppress(OSError):
            if self.is_ours():
                _replace(self.path, self.replaced)


_held: weakref.WeakSet[ProjectLock] = weakref.WeakSet()


@atexit.register
def _release_all() -> None:
    """A normal exit never leaves a lock behind, whatever the window did."""
    for lock in list(_held):
        lock.release()


def _new_file(path: Path, data: bytes) -> bool:
    """Create `path` exclusively and write `data` (False when the name exists)."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _O_BINARY, 0o666)
    except FileExistsError:
        return False
    try:
        _write_all(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)
    return True


def _temp(lock: Path, data: bytes) -> Path:
    while True:
        tmp = lock.with_name(f"{_fitted(lock.name, 13)}.{secrets.token_hex(4)}.tmp")
        if _new_file(tmp, data):
            return tmp


def _create(lock: Path, data: bytes) -> bool:
    """Create `lock` with `data` unless it exists (False then)."""
    tmp = _temp(lock, data)
    try:
        os.link(tmp, lock)
        return True
    except FileExistsError:
        return False
    except OSError:  # no hard links here: create the name exclusively and write at once
        pass
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()
    return _new_file(lock, data)


def _replace(lock: Path, data: bytes) -> None:
    tmp = _temp(lock, data)
    try:
        os.replace(tmp, lock)
    except OSError:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def process_alive(pid: int) -> bool:
    """Whether a process with this id runs on this computer."""
    if sys.platform == "win32":  # pragma: no cover - Windows (os.kill(pid, 0) would kill it)
        import ctypes

        kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
        handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:  # no such process – or one of another user (access denied)
            return bool(kernel32.GetLastError() == 5)
        code = ctypes.c_ulong()
        try:
            kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
        finally:
            kernel32.CloseHandle(handle)
        return code.value == 259  # STILL_ACTIVE
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # alive, another user's
        return True
    return True
