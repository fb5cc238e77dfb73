"""German, user-facing messages for everything that can be wrong with input.

Every message names what it is about (file, field) and what is wrong, in words a clerk
understands; none of them shows an English system text or a Python type name.
"""

from __future__ import annotations

import errno
import os
import re
import unicodedata
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from forms.labels import FIELD_LABELS, field_label

if TYPE_CHECKING:  # only a type here; pydantic stays off the wizard's path to its first paint
    from pydantic import ValidationError


class VorlageError(Exception):
    """Base of all errors whose message is German and meant for the clerk."""


class ProjectFileError(VorlageError):
    """A project file cannot be read, understood or written. Nothing was changed."""


class ExportCancelled(VorlageError):
    """The clerk cancelled a running export; nothing was written."""


class FileChangedError(ProjectFileError):
    """Not saved: the file on disk is no longer what this program read or wrote last."""

    def __init__(self, path: os.PathLike[str] | str) -> None:
        self.path = Path(path)
        super().__init__(
            f"„{self.path.name}“ wurde nicht gespeichert: die Datei wurde seit dem Öffnen oder "
            "letzten Speichern von einem anderen Fenster oder Programm geändert. Beim "
            "Überschreiben gingen diese Änderungen verloren; die Arbeit ist noch im Programm."
        )


# errno → why an operating-system call failed, in German. strerror() is English (or whatever
# the C locale says) and must never reach the clerk.
_OS_REASONS: dict[int, str] = {
    errno.ENOSPC: "auf dem Datenträger ist kein Platz mehr frei",
    errno.EDQUOT: "das Speicherkontingent ist erschöpft",
    errno.EFBIG: "die Datei ist zu groß für diesen Datenträger",
    errno.EROFS: "der Datenträger ist schreibgeschützt",
    errno.EACCES: "keine Berechtigung",
    errno.EPERM: "keine Berechtigung",
    errno.ENOENT: "der Ordner oder die Datei existiert nicht",
    errno.ENOTDIR: "ein Teil des Pfads ist kein Ordner",
    errno.EISDIR: "das ist ein Ordner, keine Datei",
    errno.ENAMETOOLONG: "der Dateiname ist zu lang",
    errno.EIO: "Ein-/Ausgabefehler des Datenträgers",
    errno.EBUSY: "die Datei wird gerade von einem anderen Programm benutzt",
    errno.ETXTBSY: "die Datei wird gerade von einem anderen Programm benutzt",
    errno.ELOOP: "zu viele symbolische Verknüpfungen",
    errno.EXDEV: "Ordner auf verschiedenen Datenträgern",
    errno.ESTALE: "die Netzwerkverbindung zum Ordner ist abgerissen",
}


def german_os_reason(exc: OSError) -> str:
    """Why an OSError happened, in German, e.g. 'auf dem Datenträger ist kein Platz mehr frei'."""
    if exc.errno in _OS_REASONS:
        return _OS_REASONS[exc.errno]
    code = errno.errorcode.get(exc.errno or 0, "unbekannt")
    return f"Fehler des Betriebssystems ({code})"


# Characters that would garble a message when shown verbatim: control characters, bidi
# overrides/marks (they can reverse the rest of the line), zero-width characters.
_UNSICHTBAR = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


def shown_value(value: Any, limit: int = 60) -> str:
    """A value as it appears inside a message: strings quoted, invisible characters spelled
    out (U+200F), long strings cut; numbers in German notation."""
    if isinstance(value, str):
        cut = value[:limit]
        visible = _UNSICHTBAR.sub(lambda m: f"<U+{ord(m.group()):04X}>", cut)
        visible = "".join(
            f"<U+{ord(c):04X}>" if unicodedata.category(c) == "Cs" else c for c in visible
        )
        return f"„{visible}{'…' if len(value) > limit else ''}“"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float) and value != value:
        return "NaN"
    if isinstance(value, float) and value in {float("inf"), float("-inf")}:
        return "Infinity" if value > 0 else "-Infinity"
    if isinstance(value, Decimal):
        return _german_number(value)
    if value is None:
        return "null (leer)"
    if isinstance(value, list):
        return "eine Liste"
    if isinstance(value, dict):
        return "ein Objekt"
    return str(value)[:limit]


def _grouped(value: Any) -> str:
    return f"{value:,}".replace(",", ".") if isinstance(value, int) else str(value)


def _german_number(value: Decimal) -> str:
    from forms.formatting import format_betrag

    if value == value.to_integral_value() and abs(value) < 10_000:
        return str(int(value))
    return format_betrag(value)


_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _describe(error: Any) -> str:
    kind = error["type"]
    ctx = error.get("ctx") or {}
    value = error.get("input")
    shown = shown_value(value)
    if kind in {"date_from_datetime_parsing", "date_parsing"} and (
        isinstance(value, str) and _ISO_DATE.match(value)
    ):
        return f"{shown}: diesen Tag gibt es nicht im Kalender"
    if kind == "int_type" and isinstance(value, str):
        # The file format is strict: a year is a JSON number, "2025" (a text) is refused.
        if value.isascii() and value.isdigit():
            return f"muss eine Zahl ohne Anführungszeichen sein, nicht {shown}"
        return f"{shown} ist keine ganze Zahl"
    messages = {
        "missing": "fehlt",
        "extra_forbidden": "ist ein unbekanntes Feld (Datei von einem anderen Programm?)",
        "string_type": f"muss ein Text sein, nicht {shown}",
        "int_type": f"muss eine ganze Zahl sein, nicht {shown}",
        "int_parsing": f"{shown} ist keine ganze Zahl",
        "int_from_float": f"{shown} ist keine ganze Zahl",
        "bool_type": f"muss true (JA) oder false (NEIN) sein, nicht {shown}",
        "bool_parsing": f"muss true (JA) oder false (NEIN) sein, nicht {shown}",
        "list_type": f"muss eine Liste sein, nicht {shown}",
        "model_type": f"muss ein Objekt mit Feldern sein, nicht {shown}",
        "model_attributes_type": f"muss ein Objekt mit Feldern sein, nicht {shown}",
        "dict_type": f"muss ein Objekt mit Feldern sein, nicht {shown}",
        "date_type": f"muss ein Datum sein (JJJJ-MM-TT), nicht {shown}",
        "date_parsing": f"{shown} ist kein gültiges Datum (erwartet JJJJ-MM-TT)",
        "date_from_datetime_parsing": f"{shown} ist kein gültiges Datum (erwartet JJJJ-MM-TT)",
        "date_from_datetime_inexact": f"{shown} ist kein reines Datum (mit Uhrzeit)",
        "decimal_type": f"muss ein Betrag sein, nicht {shown}",
        "decimal_parsing": f"{shown} ist kein gültiger Betrag",
        "decimal_max_places": f"{shown} hat mehr als zwei Nachkommastellen",
        "decimal_max_digits": f"{shown} hat zu viele Stellen",
        "decimal_whole_digits": f"{shown} hat zu viele Stellen",
        "finite_number": f"{shown} ist keine endliche Zahl",
        "greater_than_equal": f"{shown} darf nicht kleiner als {shown_value(ctx.get('ge'))} sein",
        "less_than_equal": f"{shown} ist zu groß (höchstens {shown_value(ctx.get('le'))})",
        "string_too_long": (
            f"ist zu lang ({len(value) if isinstance(value, str) else '?'} Zeichen, "
            f"höchstens {_grouped(ctx.get('max_length'))})"
        ),
        "string_unicode": (
            "enthält ein ungültiges Zeichen (eine halbe UTF-16-Zeichenfolge, z. B. aus der "
            "Zwischenablage eines anderen Programms)"
        ),
        "string_pattern_mismatch": "hat nicht das erwartete Format",
        "literal_error": f"muss {_oder(ctx.get('expected'))} sein, nicht {shown}",
        "enum": f"muss einer dieser Werte sein: {_oder(ctx.get('expected'))}; nicht {shown}",
    }
    return messages.get(kind, f"ist ungültig ({kind})")


def describe_validation_error(error: Any) -> str:
    """What is wrong with one pydantic error's value, in German (without the field's name)."""
    return _describe(error)


def _oder(expected: Any) -> str:
    # pydantic lists choices as "'a', 'b' or 'c'"; German quotes and "oder" read better.
    text = str(expected or "")
    return re.sub(r"'([^']*)'", r"„\1“", text).replace(" or ", " oder ")


def german_validation_messages(
    exc: ValidationError, prefix: tuple[str | int, ...] = ()
) -> list[str]:
    """One German line per validation error, naming the field, e.g.
    'Beratungsfolge, Zeile 1 › Datum: „2025-02-31“: diesen Tag gibt es nicht im Kalender'.
    """
    lines = []
    for error in exc.errors():
        loc = tuple(p for p in (*prefix, *error["loc"]) if p != "vorlage")
        # Union members add their type name ("date", "int") to the path; meaningless to a clerk.
        loc = tuple(p for p in loc if not (isinstance(p, str) and p in _UNION_TAGS))
        # A key the program does not know is quoted (and its invisible characters spelled out).
        loc = tuple(
            shown_value(p) if isinstance(p, str) and p not in FIELD_LABELS else p for p in loc
        )
        if error["type"] == "extra_forbidden" and loc and isinstance(error["loc"][-1], str):
            # The key as written in the file, even if it happens to be a label elsewhere.
            loc = (*loc[:-1], shown_value(error["loc"][-1]))
        where = field_label(loc) if loc else "Datei"
        lines.append(f"{where}: {_describe(error)}")
    return lines


_UNION_TAGS = {"date", "int", "bool", "str", "none", "decimal", "function-after[passt()]"}
