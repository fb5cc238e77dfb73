"""German, user-facing messages for everything that can be wrong with input."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from forms.labels import field_label


class VorlageError(Exception):
    """Base of all errors whose message is German and meant for the clerk."""


class ProjectFileError(VorlageError):
    """A project file cannot be read, understood or written. Nothing was changed."""


def _describe(error: Any) -> str:
    kind = error["type"]
    ctx = error.get("ctx") or {}
    value = error.get("input")
    shown = repr(value) if not isinstance(value, str) else f"„{value[:60]}“"
    messages = {
        "missing": "fehlt",
        "extra_forbidden": "ist ein unbekanntes Feld (Datei von einem anderen Programm?)",
        "string_type": "muss ein Text sein",
        "int_type": "muss eine ganze Zahl sein",
        "int_parsing": f"{shown} ist keine ganze Zahl",
        "bool_type": "muss wahr oder falsch sein",
        "bool_parsing": f"{shown} ist weder JA noch NEIN",
        "list_type": "muss eine Liste sein",
        "model_type": "muss ein Objekt mit Feldern sein",
        "model_attributes_type": "muss ein Objekt mit Feldern sein",
        "dict_type": "muss ein Objekt mit Feldern sein",
        "date_type": "muss ein Datum sein",
        "date_parsing": f"{shown} ist kein gültiges Datum (erwartet JJJJ-MM-TT)",
        "date_from_datetime_parsing": f"{shown} ist kein gültiges Datum (erwartet JJJJ-MM-TT)",
        "date_from_datetime_inexact": f"{shown} ist kein reines Datum",
        "decimal_type": "muss ein Betrag sein",
        "decimal_parsing": f"{shown} ist kein gültiger Betrag",
        "decimal_max_places": "hat mehr als zwei Nachkommastellen",
        "decimal_max_digits": "hat zu viele Stellen",
        "decimal_whole_digits": "hat zu viele Stellen",
        "finite_number": "muss eine endliche Zahl sein",
        "greater_than_equal": f"darf nicht kleiner als {ctx.get('ge')} sein",
        "less_than_equal": f"ist zu groß (höchstens {ctx.get('le')})",
        "string_too_long": f"ist zu lang (höchstens {ctx.get('max_length')} Zeichen)",
        "string_pattern_mismatch": "hat nicht das erwartete Format",
        "literal_error": f"muss {ctx.get('expected')} sein",
        "enum": f"muss einer dieser Werte sein: {ctx.get('expected')}",
    }
    return messages.get(kind, f"ist ungültig ({error.get('msg', kind)})")


def german_validation_messages(
    exc: ValidationError, prefix: tuple[str | int, ...] = ()
) -> list[str]:
    """One German line per validation error, naming the field, e.g.
    'Beratungsfolge, Zeile 1 › Datum: „2025-02-31“ ist kein gültiges Datum (erwartet JJJJ-MM-TT)'.
    """
    lines = []
    for error in exc.errors():
        loc = tuple(p for p in (*prefix, *error["loc"]) if p != "vorlage")
        # Union members add their type name ("date", "int") to the path; meaningless to a clerk.
        loc = tuple(p for p in loc if not (isinstance(p, str) and p in _UNION_TAGS))
        where = field_label(loc) if loc else "Datei"
        lines.append(f"{where}: {_describe(error)}")
    return lines


_UNION_TAGS = {"date", "int", "bool", "str", "none", "decimal", "function-after[passt()]"}
