"""The catalogue of bad inputs (issue 4). Each case asserts the exact German message, that it
names the file or field, that nothing on disk was changed, and that the CLI (a real process)
says the same and exits 2 without a traceback."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from forms import projectfile
from forms.errors import ProjectFileError
from forms.model import Beratung, Vorlage
from forms.rules import Schwere, problems
from tests.forms.bad_files import (
    NAME,
    NOT_A_VORLAGE,
    NOT_PROJECT,
    SRC,
    assert_cli_refuses,
    cli_run,
    doc,
)

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
                "beratungsfolge": [{"gremium": ["Rat"], "status": "Vertagt"}],
                "finanzen": {"auswirkungen": "vielleicht", "haushaltsjahr": "2025a"},
            }
        ),
        f"{SRC} enthält ungültige Angaben:\n"
        "• Grunddaten › Betreff: muss ein Text sein, nicht 42\n"
        "• Grunddaten › Beteiligt: muss eine Liste sein, nicht „FB 20“\n"
        "• Grunddaten › Datum: muss ein Datum sein (JJJJ-MM-TT), nicht 20250101\n"
        "• Beratungsfolge, Zeile 1 › Status: muss einer dieser Werte sein: „Geplant“ oder "
        "„Erledigt“; nicht „Vertagt“\n"
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
        b'{"schema_version": 3, "vorlage": {"neu": 1}}',
        f"{SRC} wurde mit einer neueren Version des Vorlagen-Assistenten gespeichert "
        "(Schema 3, dieses Programm kennt bis 2). Bitte das Programm aktualisieren; die Datei "
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


@pytest.mark.parametrize(
    ("content", "message"), [c[1:] for c in FILE_CASES], ids=[c[0] for c in FILE_CASES]
)
def test_bad_file_gives_exact_german_message_and_stays_untouched(
    tmp_path: Path, content: bytes, message: str
) -> None:
    path = tmp_path / NAME
    path.write_bytes(content)
    with pytest.raises(ProjectFileError) as caught:
        projectfile.load(path)
    assert str(caught.value) == message
    assert path.read_bytes() == content
    assert_cli_refuses(["validate", path], message)
    assert path.read_bytes() == content


def test_messages_name_the_file_and_point_to_the_backup(tmp_path: Path) -> None:
    path = tmp_path / NAME
    projectfile.save(Vorlage(), path)
    changed = Vorlage()
    changed.grunddaten.betreff = "geändert"
    projectfile.save(changed, path)  # a save that changes the file: now there is a .bak
    path.write_bytes(b"")
    message = (
        f"{SRC} ist leer.\nDie vorige gespeicherte Fassung liegt als Sicherung in „{NAME}.bak“."
    )
    with pytest.raises(ProjectFileError) as caught:
        projectfile.load(path)
    assert str(caught.value) == message
    assert_cli_refuses(["validate", path], message)


def test_missing_fields_are_filled_with_empty_defaults_and_reported_by_problems(
    tmp_path: Path,
) -> None:
    # The model is a lenient draft: a missing key is an empty field, not an unreadable file.
    path = tmp_path / NAME
    path.write_bytes(doc({"grunddaten": {"vorlageart": "Kenntnisnahme"}}))
    vorlage = projectfile.load(path)
    assert vorlage.grunddaten.betreff == "" and vorlage.beratungsfolge == []
    found = {(p.field, p.message) for p in problems(vorlage) if p.schwere == Schwere.FEHLER}
    assert ("grunddaten.betreff", "Der Betreff fehlt.") in found
    assert ("beratungsfolge", "Die Beratungsfolge braucht mindestens ein Gremium.") in found
    result = cli_run("validate", path)
    assert result.returncode == 1 and "Fehler: Grunddaten: Der Betreff fehlt." in result.stdout


# --- files that are too large, not files, not there ------------------------------------------


def test_50_mb_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / NAME
    with path.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    message = f"{SRC} ist mit 50,0 MB zu groß für eine Vorlage (höchstens 32,0 MB)."
    with pytest.raises(ProjectFileError) as caught:
        projectfile.load(path)
    assert str(caught.value) == message
    assert_cli_refuses(["validate", path], message)
    assert path.stat().st_size == 50 * 1024 * 1024


def test_50_mb_of_real_json_text_is_refused_too(tmp_path: Path) -> None:
    path = tmp_path / NAME
    path.write_bytes(doc({"erlaeuterungen": "x" * (50 * 1024 * 1024)}))
    with pytest.raises(ProjectFileError, match=r"ist mit 50,0 MB zu groß für eine Vorlage"):
        projectfile.load(path)


def test_save_refuses_what_load_would_refuse(tmp_path: Path) -> None:
    # Never write a file that cannot be opened again: 20 fields of 2 MB are 40 MB.
    vorlage = Vorlage()
    text = "ä" * 1_000_000  # 2 MB in UTF-8
    vorlage.erlaeuterungen = vorlage.beschlussvorschlag = text
    vorlage.beratungsfolge = [Beratung(gremium=text, rolle=text) for _ in range(9)]
    path = tmp_path / NAME
    projectfile.save(Vorlage(), path)
    before = path.read_bytes()
    with pytest.raises(ProjectFileError) as caught:
        projectfile.save(vorlage, path)
    assert str(caught.value).startswith(
        f"„{NAME}“ wurde nicht gespeichert: die Vorlage wäre mit 3"
    ) and str(caught.value).endswith(
        "größer als die 32,0 MB, die eine Projektdatei haben darf. Bitte sehr lange Texte "
        "kürzen oder als Anlage beifügen."
    )
    assert path.read_bytes() == before


def test_directory_pipe_and_missing_file(tmp_path: Path) -> None:
    folder = tmp_path / NAME
    folder.mkdir()
    fifo = tmp_path / "pipe.vorlage.json"
    os.mkfifo(fifo)
    cases = [
        (folder, f"„{NAME}“ ist ein Ordner, keine Datei."),
        (fifo, "„pipe.vorlage.json“ ist keine gewöhnliche Datei."),
        (tmp_path / "weg.vorlage.json", "Die Datei „weg.vorlage.json“ gibt es nicht (mehr)."),
    ]
    for path, message in cases:
        with pytest.raises(ProjectFileError) as caught:
            projectfile.load(path)
        assert str(caught.value) == message
        assert_cli_refuses(["validate", path], message)
