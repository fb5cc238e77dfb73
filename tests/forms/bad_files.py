"""Shared by the bad-input tests: the file name, the German message stems, the CLI in a process."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tests.forms.clirun import vorlage as cli_run  # the CLI in a real process

NAME = "fall.vorlage.json"
SRC = f"Die Datei „{NAME}“"
NOT_A_VORLAGE = (
    f"{SRC} enthält keine Vorlage: erwartet wird ein JSON-Objekt mit „schema_version“ und "
    "„vorlage“, gefunden wurde "
)
NOT_PROJECT = "Projektdateien des Vorlagen-Assistenten enden auf „.vorlage.json“."


def doc(vorlage: dict[str, Any]) -> bytes:
    return json.dumps({"schema_version": 1, "vorlage": vorlage}).encode()


# (id, file content, exact message)
FILE_CASES: list[tuple[str, bytes, str]] = [
    (
        "kaputtes-json",
        b'{"schema_version": 1, "vorlage": {\n  "grunddaten": {"betreff": "Radwege",}\n}}\n',
        f"{SRC} ist beschädigt: kein gültiges JSON (Zeile 2, Spalte 39).",
    ),
    ("liste-oben", b'[{"schema_version": 1}]', NOT_A_VORLAGE + "eine Liste."),
    ("text-oben", b'"Vorlage"', NOT_A_VORLAGE + "ein Text."),
    ("null-oben", b"null", NOT_A_VORLAGE + "null."),
    (
        "falsche-typen",
        doc(
            {
                "grunddaten": {"betreff": 42, "datum": 20250101, "beteiligt": "FB 20"},
                "beratungsfolge": [{"gremium": ["Rat"], "status": 7}],
                "finanzen": {"auswirkungen": "vielleicht", "haushaltsjahr": "2025a"},
            }
        ),
        f"{SRC} enthält ungültige Angaben:\n"
        "• Grunddaten › Betreff: muss ein Text sein, nicht 42\n"
        "• Grunddaten › Beteiligt: muss eine Liste sein, nicht „FB 20“\n"
        "• Grunddaten › Datum: muss ein Datum sein (JJJJ-MM-TT), nicht 20250101\n"
        "• Beratungsfolge, Zeile 1 › Status: muss ein Text sein, nicht 7\n"
        "• Beratungsfolge, Zeile 1 › Gremium: muss ein Text sein, nicht eine Liste\n"
        "• Finanzielle Auswirkungen › JA/NEIN: muss true (JA) oder false (NEIN) sein, "
        "nicht „vielleicht“\n"
        "• Finanzielle Auswirkungen › Haushaltsjahr: „2025a“ ist keine ganze Zahl",
    ),
    (
        "unbekannte-felder",
        doc({"grunddaten": {"titel": "X", "betreff": "Y"}, "kommentar": "z"}),
        f"{SRC} enthält ungültige Angaben:\n"
        "• Grunddaten › „titel“: ist ein unbekanntes Feld (Datei von einem anderen Programm?)\n"
        "• „kommentar“: ist ein unbekanntes Feld (Datei von einem anderen Programm?)",
    ),
    (
        "unbekannt-oben",
        b'{"schema_version": 1, "vorlage": {}, "autor": "A"}',
        f"{SRC} enthält unbekannte Felder auf oberster Ebene: „autor“.",
    ),
    ("ohne-vorlage", b'{"schema_version": 1}', f"{SRC} enthält kein Feld „vorlage“."),
    (
        "ohne-schema-version",
        b'{"vorlage": {}}',
        f"{SRC} enthält keine „schema_version“; ist es eine Projektdatei des Vorlagen-Assistenten?",
    ),
    (
        "schema-version-text",
        b'{"schema_version": "1", "vorlage": {}}',
        f"{SRC} hat keine gültige „schema_version“ (erwartet eine ganze Zahl).",
    ),
    (
        "neueres-schema",
        b'{"schema_version": 4, "vorlage": {"neu": 1}}',
        f"{SRC} wurde mit einer neueren Version des Vorlagen-Assistenten gespeichert "
        "(Schema 4, dieses Programm kennt bis 3). Bitte das Programm aktualisieren; die Datei "
        "wurde nicht verändert.",
    ),
    ("leer", b"", f"{SRC} ist leer."),
    ("nur-leerzeichen", b" \n\t\n", f"{SRC} ist leer."),
    (
        "bild",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        f"{SRC} ist keine Projektdatei, sondern ein Bild. {NOT_PROJECT}",
    ),
    (
        "pdf",
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n",
        f"{SRC} ist keine Projektdatei, sondern ein PDF-Dokument. {NOT_PROJECT}",
    ),
    (
        "binaer",
        b'{"schema_version"\x00: 1}',
        f"{SRC} ist keine Projektdatei, sondern eine Binärdatei. {NOT_PROJECT}",
    ),
    (
        "windows-1252",
        '{"schema_version": 1, "vorlage": {"grunddaten": {"betreff": "Straße"}}}'.encode("cp1252"),
        f"{SRC} ist keine Projektdatei: sie ist nicht als UTF-8-Text lesbar (Byte 65; vielleicht "
        "von einem anderen Programm in einer älteren Kodierung wie Windows-1252 gespeichert). "
        + NOT_PROJECT,
    ),
    (
        "datum-31-02",
        doc({"beratungsfolge": [{"gremium": "Rat", "datum": "2025-02-31"}]}),
        f"{SRC} enthält ungültige Angaben:\n"
        "• Beratungsfolge, Zeile 1 › Datum: „2025-02-31“: diesen Tag gibt es nicht im Kalender",
    ),
    (
        "betraege",
        doc(
            {
                "finanzen": {
                    "investiv": {
                        "auszahlungen": {"ansatz": "1000000000000000", "neu": "-5", "alt": "1.234"}
                    },
                    "konsumtiv": {"ertrag": {"alt": float("nan")}},
                }
            }
        ),
        f"{SRC} enthält ungültige Angaben:\n"
        "• Finanzielle Auswirkungen › Investive Auswirkungen › Auszahlungen › Ansatz: "
        "„1000000000000000“ ist zu groß (höchstens 999.999.999.999,99)\n"
        "• Finanzielle Auswirkungen › Investive Auswirkungen › Auszahlungen › (alt): "
        "„1.234“ hat mehr als zwei Nachkommastellen\n"
        "• Finanzielle Auswirkungen › Investive Auswirkungen › Auszahlungen › (neu): "
        "„-5“ darf nicht kleiner als 0 sein\n"
        "• Finanzielle Auswirkungen › Konsumtive Auswirkungen › Ertrag › (alt): "
        "NaN ist keine endliche Zahl",
    ),
    (
        "zahl-mit-5000-stellen",
        b'{"schema_version": 1' + b"1" * 5000 + b"}",
        f"{SRC} ist beschädigt: sie enthält eine Zahl mit zu vielen Stellen.",
    ),
    (
        "doppeltes-feld",
        doc({"grunddaten": {"betreff": "Erster Text"}}).replace(
            b'"betreff"', b'"betreff": "Zweiter", "betreff"'
        ),
        f"{SRC} ist beschädigt: das Feld „betreff“ steht zweimal im selben Objekt.",
    ),
    (
        "tief-verschachtelt",
        b"[" * 100_000 + b"]" * 100_000,
        f"{SRC} ist beschädigt: zu tief verschachtelt für eine Vorlage (höchstens 32 Ebenen).",
    ),
]


def assert_cli_refuses(args: list[str | Path], message: str) -> None:
    result = cli_run(*args)
    assert (result.returncode, result.stdout, result.stderr) == (2, "", f"Fehler: {message}\n")


# Tests run as root, so a child process drops to "nobody" to meet permissions.
NOBODY = 65534


def in_child(func: Callable[[], str], *, as_nobody: bool = True) -> str:
    """Run `func` in a forked child (as user nobody when we are root); return its result or
    the text of the exception it raised."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # child
        os.close(read)
        try:
            if as_nobody and os.geteuid() == 0:
                os.setgroups([])
                os.setgid(NOBODY)
                os.setuid(NOBODY)
            result = func()
        except BaseException as exc:  # everything goes back to the parent as text
            result = f"{type(exc).__name__}: {exc}"
        os.write(write, result.encode())
        os._exit(0)
    os.close(write)
    with os.fdopen(read, "rb") as handle:
        output = handle.read().decode()
    os.waitpid(pid, 0)
    return output
