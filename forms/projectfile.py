"""The project file: versioned, validated JSON, saved atomically.

Loading is bytes → JSON → migrate → validate; every failure raises ProjectFileError with a
German message that names the file and, where there is one, the field. Opening a file never
executes anything and never reads another file it names.

Saving goes through `forms.files.write_atomic` (temp file, fsync, rename), so a crash or kill
at any moment leaves the complete old or the complete new file. The previous versions are kept
as `<name>.bak`, `<name>.2.bak`, `<name>.3.bak` (newest first). What `save` writes, `load`
reads: anything that could not be read back (too large) is refused before the disk is touched.
See docs/reliability.md for the guarantees and the tests that prove them.
"""

from __future__ import annotations

import copy
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from forms.errors import (
    FileChangedError,
    ProjectFileError,
    german_validation_messages,
    shown_value,
)
from forms.files import (
    BACKUP_SUFFIX,
    FileStamp,
    backup_path,
    current_bytes,
    megabytes,
    read_regular_file,
    write_atomic,
)
from forms.model import Vorlage

SCHEMA_VERSION = 3
SUFFIX = ".vorlage.json"
# A Vorlage with dozens of pages of text is well below 1 MB; anything above this limit is not
# a Vorlage, and refusing it early keeps a stray file (a video, a disk image) from eating memory.
MAX_FILE_BYTES = 32 * 1024 * 1024
# The one nesting limit of the file format (objects and lists; a Vorlage needs 6). Anything
# deeper is refused before it reaches code that recurses (copy.deepcopy, pydantic); the JSON
# parser's own limit (~1000) is far above it.
MAX_NESTING = 32

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


@migration(1)
def _record_profile(document: dict[str, Any]) -> dict[str, Any]:
    """Schema 2 records the Vorlage's municipal profile and keeps a profile's further
    Auswirkungen blocks. A file of schema 1 names no profile ("": it opens with the profile
    in use and records it when saved) and has no such blocks; every other value stays."""
    vorlage = document.get("vorlage")
    if isinstance(vorlage, dict):
        document["vorlage"] = {"profil": "", **vorlage}
        document["vorlage"].setdefault("weitere_auswirkungen", {})
    return document


@migration(2)
def _verbatim_beratung_status(document: dict[str, Any]) -> dict[str, Any]:
    """Schema 3 lets a Beratung carry the status text of the council system ("vertagt",
    "abgesetzt") besides Geplant and Erledigt. Every schema-2 status is one of those two and
    keeps its meaning; the step changes no value. The new version exists so that a program
    that knows only the two statuses refuses a schema-3 file instead of misreading it."""
    return document


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
    except RecursionError:  # deeper than the parser's own limit (about 1000 levels)
        raise _too_deep(source) from None
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
    if _deeper_than(document, MAX_NESTING):
        raise _too_deep(source)
    document = migrate(document, source, migrations=migrations, current=current)
    unknown = sorted(set(document) - {"schema_version", "vorlage"})
    if unknown:
        names = ", ".join(shown_value(k) for k in unknown[:5])
        more = f" und {len(unknown) - 5:,} weitere".replace(",", ".") if len(unknown) > 5 else ""
        raise ProjectFileError(
            f"{source} enthält unbekannte Felder auf oberster Ebene: {names}{more}."
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


def _too_deep(source: str) -> ProjectFileError:
    return ProjectFileError(
        f"{source} ist beschädigt: zu tief verschachtelt für eine Vorlage "
        f"(höchstens {MAX_NESTING} Ebenen)."
    )


def _deeper_than(document: Any, limit: int) -> bool:
    """True if lists/objects nest more than `limit` levels (iterative: no recursion limit)."""
    stack: list[tuple[Any, int]] = [(document, 1)]
    while stack:
        node, depth = stack.pop()
        children = node.values() if isinstance(node, dict) else node
        for child in children:
            if isinstance(child, dict | list):
                if depth + 1 > limit:
                    return True
                stack.append((child, depth + 1))
    return False


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
    return load_stamped(path)[0]


def load_stamped(path: str | os.PathLike[str]) -> tuple[Vorlage, FileStamp]:
    """`load`, plus the stamp of the bytes read: pass it to `save(expected=…)` to notice that
    another window or program changed the file in the meantime."""
    path = Path(path)
    source = f"Die Datei „{path.name}“"
    data = read_regular_file(
        path, source, max_bytes=MAX_FILE_BYTES, missing_hint=_backup_hint(path)
    )
    try:
        return loads(data, source), FileStamp.of(data)
    except ProjectFileError as exc:
        raise ProjectFileError(f"{exc}{_backup_hint(path)}") from None


def _backup_hint(path: Path) -> str:
    backup = backup_path(path)
    if path.name.endswith(BACKUP_SUFFIX) or not backup.is_file():
        return ""
    return f"\nDie vorige gespeicherte Fassung liegt als Sicherung in „{backup.name}“."


# ---------------------------------------------------------------------------------------------
# Saving


def save(
    vorlage: Vorlage,
    path: str | os.PathLike[str],
    *,
    backup: bool = True,
    expected: FileStamp | None = None,
) -> FileStamp:
    """Write atomically; keep the previous versions as backups when `backup` is set.

    `expected`: the stamp from `load_stamped` or the last `save`. If the file on disk now
    holds anything else, FileChangedError is raised and nothing is written (the wizard then
    asks: overwrite – save again without `expected` – or save under another name). A file
    that has disappeared is simply written again.
    If the file already holds exactly these bytes, nothing is written: no backup rotates.
    On failure raises ProjectFileError and the file on disk is exactly as before.
    Returns the stamp of what is now on disk.
    """
    path = Path(path)
    data = encode(vorlage)
    if len(data) > MAX_FILE_BYTES:
        raise ProjectFileError(
            f"„{path.name}“ wurde nicht gespeichert: die Vorlage wäre mit {megabytes(len(data))} "
            f"größer als die {megabytes(MAX_FILE_BYTES)}, die eine Projektdatei haben darf. "
            "Bitte sehr lange Texte kürzen oder als Anlage beifügen."
        )
    stamp = FileStamp.of(data)
    on_disk = current_bytes(path, MAX_FILE_BYTES)
    if on_disk is not None:
        if expected is not None and FileStamp.of(on_disk) not in (expected, stamp):
            raise FileChangedError(path)
        if on_disk == data:
            return stamp
    write_atomic(path, data, backup=backup)
    return stamp


def json_schema() -> dict[str, Any]:
    """The published JSON Schema of the project file (resources/schema/)."""
    schema = Vorlage.model_json_schema(mode="serialization")
    defs = schema.pop("$defs", {})
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://vorlagen-assistent.example/schema/vorlage-{SCHEMA_VERSION}.schema.json",
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
