"""Bad inputs a clerk types or pastes (issue 4): dates, amounts, unusual and huge text; and
opening a file reads nothing but the file."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import pytest

from forms import projectfile
from forms.errors import ProjectFileError
from forms.formatting import EingabeFehler, parse_betrag, parse_datum
from forms.model import Beratung, Vorlage
from forms.rules import Schwere, problems
from tests.forms.bad_files import (
    NAME,
    SRC,
    assert_cli_refuses,
    cli_run,
    doc,
)

# --- what the clerk types -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("31.02.2025", "Den 31.02.2025 gibt es nicht im Kalender."),
        ("29.02.2025", "Den 29.02.2025 gibt es nicht im Kalender."),
        ("2025-02-28", "„2025-02-28“ ist kein Datum im Format TT.MM.JJJJ (z. B. 18.10.2023)."),
        # Two-digit years are read (issue 12); three digits are not.
        ("18.10.202", "„18.10.202“ ist kein Datum im Format TT.MM.JJJJ (z. B. 18.10.2023)."),
        ("29.02.23", "Den 29.02.23 gibt es nicht im Kalender."),
    ],
)
def test_invalid_dates_typed(text: str, message: str) -> None:
    with pytest.raises(EingabeFehler) as caught:
        parse_datum(text)
    assert str(caught.value) == message


GERMAN_FORMAT = (
    "ist nicht im deutschen Zahlenformat. Tausenderpunkt und Dezimalkomma verwenden, z. B. 1.234,56"
)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("1,234.56", f"„1,234.56“ {GERMAN_FORMAT}"),
        ("1.234.56", f"„1.234.56“ {GERMAN_FORMAT}"),
        ("12.34", f"„12.34“ {GERMAN_FORMAT}"),
        ("-500", "Beträge werden ohne Vorzeichen eingetragen; das Ergebnis wird berechnet."),
        ("−500", "Beträge werden ohne Vorzeichen eingetragen; das Ergebnis wird berechnet."),
        (
            "1.000.000.000.000.000",
            "„1.000.000.000.000.000“ ist unplausibel groß (höchstens 999.999.999.999,99 €).",
        ),
        (
            "1000000000000000",
            "„1000000000000000“ ist unplausibel groß (höchstens 999.999.999.999,99 €).",
        ),
        ("12 Euro", "„12 Euro“ ist kein Betrag. Beispiel: 1.234,56"),
    ],
)
def test_bad_amounts_typed(text: str, message: str) -> None:
    with pytest.raises(EingabeFehler) as caught:
        parse_betrag(text)
    assert str(caught.value) == message


def test_absurd_or_negative_amount_assigned_by_the_wizard_is_refused() -> None:
    vorlage = Vorlage()
    for value in ("1000000000000000", "-0.01"):
        with pytest.raises(ValueError):
            vorlage.finanzen.investiv.einzahlungen.ansatz = value  # type: ignore[assignment]
    assert vorlage.finanzen.investiv.einzahlungen.ansatz == 0


def test_vorlage_nr_in_the_wrong_format_is_a_problem_naming_the_field() -> None:
    vorlage = Vorlage()
    vorlage.grunddaten.vorlage_nr = "56/319/18"
    [problem] = [p for p in problems(vorlage) if p.field == "grunddaten.vorlage_nr"]
    assert problem.schwere == Schwere.FEHLER
    assert str(problem) == (
        "Fehler: Grunddaten: Die Vorlage-Nr. „56/319/18“ hat nicht das erwartete Format "
        "(Dienststelle/laufende Nummer/WP Wahlperiode, z. B. FB 56/0319/WP18 oder "
        "E 26/0060/WP18-1)."
    )


# --- unusual text: kept exactly, reported where it will not print ----------------------------

UNUSUAL = {
    "steuerzeichen": "Glocke\x07, Null\x00, Escape\x1b, DEL\x7f, C1\x85 und Tab\tund\r\nZeilen",
    "rtl": "\u200fمرحبا\u200e Aachen \u202eGegenrichtung\u202c",
    "emoji": "Klimaschutz 🌍🚲 👩🏽‍💼 ✅ – Ende",
}


@pytest.mark.parametrize("kind", list(UNUSUAL))
def test_unusual_characters_round_trip_exactly_in_every_text_field(
    tmp_path: Path, kind: str
) -> None:
    text = UNUSUAL[kind]
    vorlage = Vorlage()
    vorlage.grunddaten.betreff = text
    vorlage.grunddaten.unterschrift = text
    vorlage.beratungsfolge = [Beratung(gremium=text, rolle=text)]
    vorlage.erlaeuterungen = text
    path = tmp_path / NAME
    projectfile.save(vorlage, path)
    assert projectfile.load(path) == vorlage
    result = cli_run("validate", path)
    assert result.returncode == 1 and "Traceback" not in result.stderr


def test_control_bidi_and_unprintable_characters_are_reported_per_field() -> None:
    vorlage = Vorlage()
    vorlage.grunddaten.betreff = UNUSUAL["steuerzeichen"]
    vorlage.beratungsfolge = [Beratung(gremium=UNUSUAL["rtl"])]
    vorlage.erlaeuterungen = UNUSUAL["emoji"]
    vorlage.grunddaten.verfasst_von = "Äöü ß € „–“ ₂ é ﬁ"  # all in the font: no hint
    found = [str(p) for p in problems(vorlage) if "erhalten" in p.message]
    assert found == [
        "Hinweis: Grunddaten: Betreff enthält unsichtbare Steuerzeichen (U+0007, U+0000, "
        "U+001B, U+007F, U+0085); sie bleiben in der Datei erhalten, werden aber nicht gedruckt.",
        "Hinweis: Beratungsfolge: Zeile 1 › Gremium enthält unsichtbare Steuerzeichen (U+202E, "
        "U+202C); sie bleiben in der Datei erhalten, werden aber nicht gedruckt.",
        "Hinweis: Beratungsfolge: Zeile 1 › Gremium enthält Zeichen, die keine Schrift des PDFs "
        "hat (م, ر, ح, ب, ا); sie bleiben in der Datei erhalten, werden im PDF aber als „�“ "
        "gedruckt.",
        "Hinweis: Erläuterungen: Erläuterungen enthält Zeichen, die keine Schrift des PDFs hat "
        "(🌍, 🚲, 👩, 🏽, 💼 …); sie bleiben in der Datei erhalten, werden im PDF aber als „�“ "
        "gedruckt.",
    ]


def test_lone_surrogate_is_refused_with_a_message_naming_the_field(tmp_path: Path) -> None:
    # Half of a UTF-16 pair is not text (UTF-8 cannot store it); the model refuses it when the
    # wizard assigns it, and a file holding one as an escape is refused, naming the field.
    vorlage = Vorlage()
    with pytest.raises(ValueError, match="string_unicode"):
        vorlage.grunddaten.betreff = "halbes Zeichen \ud83c"
    assert vorlage.grunddaten.betreff == ""
    path = tmp_path / NAME
    path.write_bytes(b'{"schema_version": 1, "vorlage": {"grunddaten": {"betreff": "a\\ud83c"}}}')
    message = (
        f"{SRC} enthält ungültige Angaben:\n• Grunddaten › Betreff: enthält ein ungültiges "
        "Zeichen (eine halbe UTF-16-Zeichenfolge, z. B. aus der Zwischenablage eines anderen "
        "Programms)"
    )
    with pytest.raises(ProjectFileError) as caught:
        projectfile.load(path)
    assert str(caught.value) == message
    assert_cli_refuses(["validate", path], message)


def test_one_megabyte_in_one_field(tmp_path: Path) -> None:
    vorlage = Vorlage()
    vorlage.erlaeuterungen = ("Absatz mit Umlauten äöü und Euro € " * 30 + "\n\n") * 1000
    assert len(vorlage.erlaeuterungen) > 1_000_000
    path = tmp_path / NAME
    projectfile.save(vorlage, path)
    assert projectfile.load(path) == vorlage
    result = cli_run("validate", path)
    assert result.returncode == 1 and "Traceback" not in result.stderr


def test_text_over_the_field_limit_names_field_and_length(tmp_path: Path) -> None:
    path = tmp_path / NAME
    path.write_bytes(doc({"beschlussvorschlag": "x" * 2_000_001}))
    message = (
        f"{SRC} enthält ungültige Angaben:\n• Beschlussvorschlag: ist zu lang (2000001 Zeichen, "
        "höchstens 2.000.000)"
    )
    with pytest.raises(ProjectFileError) as caught:
        projectfile.load(path)
    assert str(caught.value) == message


# --- opening a file reads nothing else -------------------------------------------------------

_OPENED: list[str] | None = None


def _record_open(event: str, args: tuple[Any, ...]) -> None:
    if _OPENED is not None and event == "open" and isinstance(args[0], str | bytes | Path):
        _OPENED.append(os.fsdecode(args[0]))


sys.addaudithook(_record_open)  # audit hooks cannot be removed; it only records inside the test


def test_loading_opens_only_the_project_file_never_the_anlagen_it_names(tmp_path: Path) -> None:
    global _OPENED
    secret = tmp_path / "geheim.txt"
    secret.write_text("vertraulich", encoding="utf-8")
    path = tmp_path / NAME
    path.write_bytes(
        doc({"anlagen": [{"titel": "A", "datei": str(secret)}, {"datei": "../../etc/passwd"}]})
    )
    projectfile.load(path)  # warm up: imports and caches open their own files once
    _OPENED = []
    try:
        vorlage = projectfile.load(path)
    finally:
        opened, _OPENED = _OPENED, None
    assert opened == [str(path)]
    assert [a.datei for a in vorlage.anlagen] == [str(secret), "../../etc/passwd"]


def test_nul_byte_in_a_path_is_a_german_error_not_a_crash(tmp_path: Path) -> None:
    # argv cannot carry NUL, but a damaged settings file (recent files) or a project's Anlage
    # path can; Python's os functions raise ValueError for it.
    bad = tmp_path / "a\x00b.vorlage.json"
    with pytest.raises(ProjectFileError) as caught:
        projectfile.load(bad)
    assert str(caught.value) == (
        "Der Dateiname „a<U+0000>b.vorlage.json“ enthält ein ungültiges Zeichen."
    )
    with pytest.raises(ProjectFileError) as caught:
        projectfile.save(Vorlage(), bad)
    assert str(caught.value) == (
        "„a<U+0000>b.vorlage.json“ wurde nicht gespeichert: der Dateiname enthält ein "
        "ungültiges Zeichen."
    )
