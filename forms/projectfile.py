"""The project file: versioned, validated JSON, saved atomically.

Loading is bytes → JSON → migrate → validate; every failure raises ProjectFileError with a
German message that names the file and, where there is one, the field. Opening a file never
executes anything and never reads another file it names.

Saving writes a temporary file next to the target, fsyncs it and renames it over the target,
so a crash or kill at any moment leaves the complete old or the complete new file. The
previous version is kept as `<name>.bak`. What `save` writes, `load` reads: anything that
could not be read back (too large) is refused before the disk is touched.
See docs/reliability.md for the guarantees and the tests that prove them.
"""

from __future__ import annotations

import contextlib
import copy
import json
import os
import secrets
import stat
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from forms.errors import (
    ProjectFileError,
    german_os_reason,
    german_validation_messages,
    shown_value,
)
from forms.model import Vorlage

SCHEMA_VERSION = 1
SUFFIX = ".vorlage.json"
BACKUP_SUFFIX = ".bak"
# A Vorlage with dozens of pages of text is well below 1 MB; anything above this limit is not
# a Vorlage, and refusing it early keeps a stray file (a video, a disk image) from eating memory.
MAX_FILE_BYTES = 32 * 1024 * 1024
# Temporary files of a save that was killed are removed by a later save once they are this old
# (younger ones might belong to a save running right now in another process).
STALE_TEMP_SECONDS = 15 * 60

Migration = Callable[[dict[str, Any]], dict[str, Any]]
# MIGRATIONS[n] turns a whole document of schema_version n into one of version n + 1 (the
# framework then sets "schema_version"; a step may raise, the file is then refused unchanged).
# Never remove or change a step once released: files of every old version must stay readable.
# Every step gets a fixture file under tests/fixtures/schema-v<n>/ that is kept forever.
MIGRATIONS: dict[int, Migration] = {}


def migration(from_version: int) -> Callable[[Migration], Migration]:
    """Register the step from `from_version` to `from_version + 1` (decorator)."""

    def register(step: Migration) -> Migration:
        if from_version in MIGRATIONS:
            raise ValueError(f"migration from schema {from_version} registered twice")
        MIGRATIONS[from_version] = step
        return step

    return register


# ---------------------------------------------------------------------------------------------
# Serialising


def dumps(vorlage: Vorlage) -> str:
    """Human-readable JSON with a stable key order (model field order)."""
    document = {"schema_version": SCHEMA_VERSION, "vorlage": vorlage.model_dump(mode="json")}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def encode(vorlage: Vorlage) -> bytes:
    """The bytes of the project file: UTF-8 JSON. (The model refuses lone UTF-16 surrogates,
    the one kind of str that UTF-8 cannot encode, so this cannot fail.)"""
    return dumps(vorlage).encode("utf-8")


# ---------------------------------------------------------------------------------------------
# Loading


def loads(text: str | bytes, source: str = "Die Datei") -> Vorlage:
    if isinstance(text, bytes):
        text = _decode(text, source)
    if not text.strip():
        raise ProjectFileError(f"{source} ist leer.")
    try:
        document = json.loads(text, object_pairs_hook=_no_duplicate_keys(source))
    except json.JSONDecodeError as exc:
        raise ProjectFileError(
            f"{source} ist beschädigt: kein gültiges JSON (Zeile {exc.lineno}, Spalte {exc.colno})."
        ) from None
    except RecursionError:
        raise ProjectFileError(
            f"{source} ist beschädigt: zu tief verschachtelt für eine Vorlage."
        ) from None
    except ValueError:
        # Python refuses integers of more than 4300 digits (a guard against slow parsing).
        raise ProjectFileError(
            f"{source} ist beschädigt: sie enthält eine Zahl mit zu vielen Stellen."
        ) from None
    return from_document(document, source)


def _decode(data: bytes, source: str) -> str:
    kind = _binary_kind(data)
    if kind:
        raise ProjectFileError(
            f"{source} ist keine Projektdatei, sondern {kind}. "
            f"Projektdateien des Vorlagen-Assistenten enden auf „{SUFFIX}“."
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ProjectFileError(
            f"{source} ist keine Projektdatei: sie ist nicht als UTF-8-Text lesbar "
            f"(Byte {exc.start}; vielleicht von einem anderen Programm in einer älteren "
            "Kodierung wie Windows-1252 gespeichert). "
            f"Projektdateien des Vorlagen-Assistenten enden auf „{SUFFIX}“."
        ) from None


_MAGIC = (
    (b"%PDF", "ein PDF-Dokument"),
    (b"PK\x03\x04", "ein ZIP-Archiv oder Office-Dokument (z. B. .docx)"),
    (b"\xd0\xcf\x11\xe0", "ein altes Office-Dokument (z. B. .doc)"),
    (b"\x89PNG", "ein Bild"),
    (b"\xff\xd8\xff", "ein Bild"),
    (b"GIF8", "ein Bild"),
)


def _binary_kind(data: bytes) -> str | None:
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    # Text never holds NUL bytes; UTF-16 text does, and is not what we write either.
    if b"\x00" in data[:8192]:
        return "eine Binärdatei"
    return None


def _no_duplicate_keys(source: str) -> Callable[[list[tuple[str, Any]]], dict[str, Any]]:
    # json.loads keeps the last of two equal keys and silently drops the first value;
    # in a hand-edited file that would lose text without a word.
    def build(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key, value in pairs:
            if key in result:
                raise ProjectFileError(
                    f"{source} ist beschädigt: das Feld „{key}“ steht zweimal im selben Objekt."
                )
            result[key] = value
        return result

    return build


_KIND_NAMES = {list: "eine Liste", str: "ein Text", int: "eine Zahl", float: "eine Zahl"}


def from_document(
    document: Any,
    source: str = "Die Datei",
    *,
    migrations: dict[int, Migration] | None = None,
    current: int = SCHEMA_VERSION,
) -> Vorlage:
    if not isinstance(document, dict):
        found = "null" if document is None else _KIND_NAMES.get(type(document), "etwas anderes")
        if isinstance(document, bool):
            found = "ein Wahrheitswert"
        raise ProjectFileError(
            f"{source} enthält keine Vorlage: erwartet wird ein JSON-Objekt mit "
            f"„schema_version“ und „vorlage“, gefunden wurde {found}."
        )
    document = migrate(document, source, migrations=migrations, current=current)
    unknown = sorted(set(document) - {"schema_version", "vorlage"})
    if unknown:
        raise ProjectFileError(
            f"{source} enthält unbekannte Felder auf oberster Ebene: "
            + ", ".join(f"„{k}“" for k in unknown)
            + "."
        )
    if "vorlage" not in document:
        raise ProjectFileError(f"{source} enthält kein Feld „vorlage“.")
    try:
        return Vorlage.model_validate(document["vorlage"])
    except ValidationError as exc:
        lines = german_validation_messages(exc)
        shown = lines[:12]
        more = f"\n… und {len(lines) - 12} weitere" if len(lines) > 12 else ""
        raise ProjectFileError(
            f"{source} enthält ungültige Angaben:\n" + "\n".join(f"• {x}" for x in shown) + more
        ) from None


def migrate(
    document: dict[str, Any],
    source: str = "Die Datei",
    *,
    migrations: dict[int, Migration] | None = None,
    current: int = SCHEMA_VERSION,
) -> dict[str, Any]:
    """Bring a document of any older schema version to `current`, one step at a time.

    `migrations` and `current` default to the program's own chain; tests pass their own so
    that a test migration never leaks into the program.
    """
    steps = MIGRATIONS if migrations is None else migrations
    if "schema_version" not in document:
        raise ProjectFileError(
            f"{source} enthält keine „schema_version“; ist es eine Projektdatei "
            "des Vorlagen-Assistenten?"
        )
    version = document["schema_version"]
    if not isinstance(version, int) or isinstance(version, bool):
        raise ProjectFileError(
            f"{source} hat keine gültige „schema_version“ (erwartet eine ganze Zahl)."
        )
    if version > current:
        raise ProjectFileError(
            f"{source} wurde mit einer neueren Version des Vorlagen-Assistenten gespeichert "
            f"(Schema {version}, dieses Programm kennt bis {current}). "
            "Bitte das Programm aktualisieren; die Datei wurde nicht verändert."
        )
    if version < 1:
        raise ProjectFileError(f"{source} hat eine unbekannte „schema_version“ {version}.")
    # Steps work on a deep copy: a failing step must not leave a half-changed document behind.
    document = copy.deepcopy(document)
    while version < current:
        step = steps.get(version)
        if step is None:
            raise ProjectFileError(
                f"{source} hat Schema {version}; der Weg zu Schema {version + 1} fehlt in "
                "diesem Programm. Bitte den Fehler melden; die Datei wurde nicht verändert."
            )
        try:
            document = step(document)
            if not isinstance(document, dict):
                raise TypeError(f"migration {version} returned {type(document).__name__}")
        except Exception:
            raise ProjectFileError(
                f"{source} konnte nicht von Schema {version} auf {version + 1} umgestellt "
                "werden; die Datei wurde nicht verändert."
            ) from None
        version += 1
        document["schema_version"] = version
    return document


def load(path: str | os.PathLike[str]) -> Vorlage:
    """Read a project file. Never changes it; on any failure raises ProjectFileError."""
    path = Path(path)
    source = f"Die Datei „{path.name}“"
    data = _read(path, source)
    try:
        return loads(data, source)
    except ProjectFileError as exc:
        raise ProjectFileError(f"{exc}{_backup_hint(path)}") from None


def _read(path: Path, source: str) -> bytes:
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise ProjectFileError(f"„{path.name}“ ist ein Ordner, keine Datei.")
        if not stat.S_ISREG(info.st_mode):
            # A pipe or device (/dev/zero) would block or never end.
            raise ProjectFileError(f"„{path.name}“ ist keine gewöhnliche Datei.")
        _check_size(info.st_size, source)
        with path.open("rb") as handle:
            # Read at most one byte more than allowed: the file may grow after stat().
            data = handle.read(MAX_FILE_BYTES + 1)
        _check_size(len(data), source)
        return data
    except ValueError:  # a NUL byte in the path (e.g. from a damaged list of recent files)
        raise ProjectFileError(
            f"Der Dateiname {shown_value(path.name)} enthält ein ungültiges Zeichen."
        ) from None
    except FileNotFoundError:
        raise ProjectFileError(f"{source} gibt es nicht (mehr).{_backup_hint(path)}") from None
    except PermissionError:
        raise ProjectFileError(
            f"{source} darf nicht gelesen werden (keine Berechtigung)."
        ) from None
    except OSError as exc:
        raise ProjectFileError(
            f"{source} kann nicht gelesen werden: {german_os_reason(exc)}."
        ) from None


def _check_size(size: int, source: str) -> None:
    if size > MAX_FILE_BYTES:
        raise ProjectFileError(
            f"{source} ist mit {_megabytes(size)} zu groß für eine Vorlage "
            f"(höchstens {_megabytes(MAX_FILE_BYTES)})."
        )


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}".replace(".", ",") + " MB"


def _backup_hint(path: Path) -> str:
    backup = backup_path(path)
    if path.name.endswith(BACKUP_SUFFIX) or not backup.is_file():
        return ""
    return f"\nDie vorige gespeicherte Fassung liegt als Sicherung in „{backup.name}“."


# ---------------------------------------------------------------------------------------------
# Saving


def save(vorlage: Vorlage, path: str | os.PathLike[str], *, backup: bool = True) -> None:
    """Write atomically; keep the previous version as `<name>.bak` when `backup` is set.

    On failure raises ProjectFileError and the file on disk is exactly as before.
    """
    path = Path(path)
    data = encode(vorlage)
    if len(data) > MAX_FILE_BYTES:
        raise ProjectFileError(
            f"„{path.name}“ wurde nicht gespeichert: die Vorlage wäre mit {_megabytes(len(data))} "
            f"größer als die {_megabytes(MAX_FILE_BYTES)}, die eine Projektdatei haben darf. "
            "Bitte sehr lange Texte kürzen oder als Anlage beifügen."
        )
    write_atomic(path, data, backup=backup)


def write_atomic(path: Path, data: bytes, *, backup: bool = False) -> None:
    """Temp file in the same folder, write, fsync, (link old version to .bak), rename."""
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


_O_BINARY = getattr(os, "O_BINARY", 0)


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


def json_schema() -> dict[str, Any]:
    """The published JSON Schema of the project file (resources/schema/)."""
    schema = Vorlage.model_json_schema(mode="serialization")
    defs = schema.pop("$defs", {})
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://vorlagen-assistent.example/schema/vorlage-1.schema.json",
        "title": "Vorlagen-Assistent Projektdatei",
        "description": "Eine Ratsvorlage (Vorlage) als Projektdatei des Vorlagen-Assistenten.",
        "type": "object",
        "additionalProperties": False,
        "required": ["schema_version", "vorlage"],
        "properties": {
            "schema_version": {"const": SCHEMA_VERSION},
            "vorlage": {"$ref": "#/$defs/Vorlage"},
        },
        "$defs": {**defs, "Vorlage": schema},
    }
