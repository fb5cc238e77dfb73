"""The project file: versioned, validated JSON, saved atomically.

Loading is bytes → JSON → migrate → validate; every failure raises ProjectFileError with a
German message that names the file and, where there is one, the field. Opening a file never
executes anything and never reads another file it names.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from forms.errors import ProjectFileError, german_validation_messages
from forms.model import Vorlage

SCHEMA_VERSION = 1
SUFFIX = ".vorlage.json"
# Larger files are not Vorlagen; refusing early keeps a stray file from eating memory.
MAX_FILE_BYTES = 64 * 1024 * 1024

Migration = Callable[[dict[str, Any]], dict[str, Any]]
# MIGRATIONS[n] turns a document of schema_version n into n + 1. Never remove a step.
MIGRATIONS: dict[int, Migration] = {}


def dumps(vorlage: Vorlage) -> str:
    """Human-readable JSON with a stable key order (model field order)."""
    document = {"schema_version": SCHEMA_VERSION, "vorlage": vorlage.model_dump(mode="json")}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def loads(text: str | bytes, source: str = "Die Datei") -> Vorlage:
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise ProjectFileError(
                f"{source} ist keine Textdatei in UTF-8 (Byte {exc.start}); "
                "ist es wirklich eine Vorlage-Projektdatei?"
            ) from None
    if not text.strip():
        raise ProjectFileError(f"{source} ist leer.")
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ProjectFileError(
            f"{source} ist beschädigt: kein gültiges JSON (Zeile {exc.lineno}, Spalte {exc.colno})."
        ) from None
    except RecursionError:
        raise ProjectFileError(f"{source} ist zu tief verschachtelt.") from None
    return from_document(document, source)


def from_document(document: Any, source: str = "Die Datei") -> Vorlage:
    if not isinstance(document, dict):
        raise ProjectFileError(
            f"{source} enthält keine Vorlage: erwartet wird ein JSON-Objekt mit "
            "„schema_version“ und „vorlage“."
        )
    document = migrate(document, source)
    unknown = sorted(set(document) - {"schema_version", "vorlage"})
    if unknown:
        raise ProjectFileError(
            f"{source} enthält unbekannte Felder auf oberster Ebene: {', '.join(unknown)}."
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


def migrate(document: dict[str, Any], source: str = "Die Datei") -> dict[str, Any]:
    version = document.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise ProjectFileError(f"{source} hat keine gültige „schema_version“.")
    if version > SCHEMA_VERSION:
        raise ProjectFileError(
            f"{source} wurde mit einer neueren Version des Vorlagen-Assistenten gespeichert "
            f"(Schema {version}, dieses Programm kennt bis {SCHEMA_VERSION}). "
            "Bitte das Programm aktualisieren; die Datei wurde nicht verändert."
        )
    if version < 1:
        raise ProjectFileError(f"{source} hat eine unbekannte „schema_version“ {version}.")
    while version < SCHEMA_VERSION:
        document = MIGRATIONS[version](dict(document))
        version += 1
        document["schema_version"] = version
    return document


def load(path: str | os.PathLike[str]) -> Vorlage:
    path = Path(path)
    source = f"Die Datei „{path.name}“"
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ProjectFileError(
                f"{source} ist mit {size // (1024 * 1024)} MB zu groß für eine Vorlage "
                f"(höchstens {MAX_FILE_BYTES // (1024 * 1024)} MB)."
            )
        data = path.read_bytes()
    except FileNotFoundError:
        raise ProjectFileError(f"{source} gibt es nicht (mehr).") from None
    except IsADirectoryError:
        raise ProjectFileError(f"„{path.name}“ ist ein Ordner, keine Datei.") from None
    except PermissionError:
        raise ProjectFileError(
            f"{source} darf nicht gelesen werden (keine Berechtigung)."
        ) from None
    except OSError as exc:
        raise ProjectFileError(f"{source} kann nicht gelesen werden: {exc.strerror}.") from None
    return loads(data, source)


def save(vorlage: Vorlage, path: str | os.PathLike[str], *, backup: bool = True) -> None:
    """Write atomically: temp file in the same folder, fsync, replace.

    A kill at any moment leaves the old or the new file, never a mix. The previous version is
    kept as `<name>.bak` when `backup` is set.
    """
    path = Path(path)
    data = dumps(vorlage).encode("utf-8")
    write_atomic(path, data, backup=backup)


def write_atomic(path: Path, data: bytes, *, backup: bool = False) -> None:
    source = f"„{path.name}“"
    folder = path.parent if str(path.parent) else Path(".")
    tmp_name: str | None = None
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if backup and path.exists():
            _keep_backup(path)
        os.replace(tmp_name, path)
        tmp_name = None
        _fsync_dir(folder)
    except PermissionError:
        raise ProjectFileError(
            f"{source} kann nicht gespeichert werden: keine Schreibberechtigung im Ordner "
            f"„{folder}“. Die Arbeit ist nicht verloren; bitte „Speichern unter“ wählen."
        ) from None
    except OSError as exc:
        raise ProjectFileError(
            f"{source} kann nicht gespeichert werden: {exc.strerror or exc}. "
            "Die bisherige Datei ist unverändert."
        ) from None
    finally:
        if tmp_name is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp_name)


def backup_path(path: Path) -> Path:
    return path.with_name(path.name + ".bak")


def _keep_backup(path: Path) -> None:
    # A hard link is atomic and costs no copy; fall back to a copy where links are unsupported.
    target = backup_path(path)
    tmp = target.with_name(target.name + ".tmp")
    with contextlib.suppress(FileNotFoundError):
        tmp.unlink()
    try:
        os.link(path, tmp)
    except OSError:
        tmp.write_bytes(path.read_bytes())
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
