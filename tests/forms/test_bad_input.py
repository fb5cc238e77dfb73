"""The catalogue of bad inputs (issue 4). Each case asserts the exact German message, that it
names the file or field, that nothing on disk was changed, and that the CLI (a real process)
says the same and exits 2 without a traceback."""

from __future__ import annotations

import errno
import io
import json
import os
import resource
import signal
import subprocess
import sys
from collections.abc import Callable
from contextlib import redirect_stderr
from pathlib import Path
from typing import Any

import pytest

from forms import cli, projectfile
from forms.errors import ProjectFileError
from forms.formatting import EingabeFehler, parse_betrag, parse_datum
from forms.model import Beratung, Vorlage
from forms.rules import Schwere, problems
from tests.conftest import ROOT

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
        b'{"schema_version": 2, "vorlage": {"neu": 1}}',
        f"{SRC} wurde mit einer neueren Version des Vorlagen-Assistenten gespeichert "
        "(Schema 2, dieses Programm kennt bis 1). Bitte das Programm aktualisieren; die Datei "
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


def cli_run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "forms", *map(str, args)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )


def assert_cli_refuses(args: list[str | Path], message: str) -> None:
    result = cli_run(*args)
    assert (result.returncode, result.stdout, result.stderr) == (2, "", f"Fehler: {message}\n")


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


# --- permissions: tests run as root, so the child process drops to "nobody" -----------------

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


def load_message(path: Path) -> Callable[[], str]:
    def run() -> str:
        try:
            projectfile.load(path)
        except ProjectFileError as exc:
            return str(exc)
        return "geladen"

    return run


def cli_in_child(*args: str) -> Callable[[], str]:
    """The real CLI entry point; its stderr and exit code come back as text."""

    def run() -> str:
        stderr = io.StringIO()
        with redirect_stderr(stderr):
            code = cli.main(list(args))
        return f"{code}|{stderr.getvalue()}"

    return run


@pytest.fixture
def shared_dir(tmp_path: Path) -> Path:
    # pytest's tmp_path is private to root (0700); nobody needs to reach the files inside.
    folder = tmp_path / "geteilt"
    folder.mkdir()
    for parent in (folder, *folder.parents):
        if parent == Path("/tmp") or parent == Path("/"):
            break
        parent.chmod(parent.stat().st_mode | 0o011)
    folder.chmod(0o777)
    return folder


def test_unreadable_file(shared_dir: Path) -> None:
    path = shared_dir / NAME
    projectfile.save(Vorlage(), path, backup=False)
    path.chmod(0)
    message = f"{SRC} darf nicht gelesen werden (keine Berechtigung)."
    assert in_child(load_message(path)) == message
    assert in_child(cli_in_child("validate", str(path))) == f"2|Fehler: {message}\n"
    path.chmod(0o644)
    assert projectfile.load(path) == Vorlage()


def test_read_only_folder_keeps_the_old_file(shared_dir: Path) -> None:
    path = shared_dir / NAME
    old = Vorlage()
    old.grunddaten.betreff = "alt"
    projectfile.save(old, path, backup=False)
    path.chmod(0o666)
    before = path.read_bytes()
    shared_dir.chmod(0o555)
    new = Vorlage()
    new.grunddaten.betreff = "neu"

    def save_new() -> str:
        try:
            projectfile.save(new, path)
        except ProjectFileError as exc:
            return str(exc)
        return "gespeichert"

    message = (
        f"„{NAME}“ wurde nicht gespeichert: keine Berechtigung (Ordner „{shared_dir}“). Die "
        "bisherige Datei ist unverändert und die Arbeit ist noch im Programm; bitte an einem "
        "anderen Ort speichern."
    )
    assert in_child(save_new) == message
    target = shared_dir / "neu.vorlage.json"
    assert in_child(cli_in_child("new", "-o", str(target))) == (
        f"2|Fehler: „neu.vorlage.json“ wurde nicht gespeichert: keine Berechtigung (Ordner "
        f"„{shared_dir}“). Die bisherige Datei ist unverändert und die Arbeit ist noch im "
        "Programm; bitte an einem anderen Ort speichern.\n"
    )
    shared_dir.chmod(0o777)
    assert path.read_bytes() == before
    assert sorted(p.name for p in shared_dir.iterdir()) == [NAME]


# --- disk full ------------------------------------------------------------------------------


def test_disk_full_in_the_middle_of_writing_keeps_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / NAME
    old = Vorlage()
    old.erlaeuterungen = "alter Text\n" * 1000
    projectfile.save(Vorlage(), path)
    projectfile.save(old, path)  # changes the file: the first version becomes the .bak
    before, backup_before = path.read_bytes(), projectfile.backup_path(path).read_bytes()

    real_write = os.write
    written = 0

    def write_until_full(fd: int, data: Any) -> int:
        # The disk takes 4 KiB of the new file, then reports ENOSPC like a full partition.
        nonlocal written
        if written >= 4096:
            raise OSError(errno.ENOSPC, "No space left on device")
        n = real_write(fd, bytes(data)[: 4096 - written])
        written += n
        return n

    monkeypatch.setattr(os, "write", write_until_full)
    new = Vorlage()
    new.erlaeuterungen = "neuer Text\n" * 5000
    with pytest.raises(ProjectFileError) as caught:
        projectfile.save(new, path)
    monkeypatch.undo()
    assert str(caught.value) == (
        f"„{NAME}“ wurde nicht gespeichert: auf dem Datenträger ist kein Platz mehr frei "
        f"(Ordner „{tmp_path}“). Die bisherige Datei ist unverändert und die Arbeit ist noch "
        "im Programm; bitte an einem anderen Ort speichern."
    )
    assert written == 4096
    assert path.read_bytes() == before
    assert projectfile.backup_path(path).read_bytes() == backup_before
    assert sorted(p.name for p in tmp_path.iterdir()) == [NAME, f"{NAME}.bak"]


def test_file_size_limit_of_the_kernel_is_reported_and_keeps_the_old_file(
    tmp_path: Path,
) -> None:
    # No monkeypatching: the kernel itself refuses to write past RLIMIT_FSIZE (EFBIG), as a
    # quota or a small FAT stick would.
    path = tmp_path / NAME
    projectfile.save(Vorlage(), path, backup=False)
    before = path.read_bytes()
    new = Vorlage()
    new.erlaeuterungen = "x" * 100_000

    def save_with_limit() -> str:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (10_000, 10_000))
        try:
            projectfile.save(new, path)
        except ProjectFileError as exc:
            return str(exc)
        return "gespeichert"

    assert in_child(save_with_limit, as_nobody=False) == (
        f"„{NAME}“ wurde nicht gespeichert: die Datei ist zu groß für diesen Datenträger "
        f"(Ordner „{tmp_path}“). Die bisherige Datei ist unverändert und die Arbeit ist noch "
        "im Programm; bitte an einem anderen Ort speichern."
    )
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [NAME]


def test_saving_onto_a_folder_or_into_a_missing_folder(tmp_path: Path) -> None:
    (tmp_path / NAME).mkdir()
    with pytest.raises(ProjectFileError) as caught:
        projectfile.save(Vorlage(), tmp_path / NAME)
    assert str(caught.value) == (
        f"„{NAME}“ wurde nicht gespeichert: unter diesem Namen gibt es einen Ordner."
    )
    missing = tmp_path / "gibt-es-nicht" / NAME
    with pytest.raises(ProjectFileError) as caught:
        projectfile.save(Vorlage(), missing)
    assert str(caught.value) == (
        f"„{NAME}“ wurde nicht gespeichert: der Ordner oder die Datei existiert nicht "
        f"(Ordner „{missing.parent}“). Die bisherige Datei ist unverändert und die Arbeit ist "
        "noch im Programm; bitte an einem anderen Ort speichern."
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
