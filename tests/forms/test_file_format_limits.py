"""The file format is strict and bounded: one nesting limit, summarised messages for floods
of unknown keys, no silent coercion of booleans, years and amounts (#13 items 7 and 12)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from forms import projectfile
from forms.errors import ProjectFileError
from tests.forms.clirun import vorlage as cli

SRC = "Die Datei „fall.vorlage.json“"
TOO_DEEP = f"{SRC} ist beschädigt: zu tief verschachtelt für eine Vorlage (höchstens 32 Ebenen)."


def nested(depth: int) -> bytes:
    """A project file whose Betreff is a list nested so that the document has `depth` levels
    of objects and lists (the document and "vorlage" and "grunddaten" are three)."""
    inner = depth - 3
    return (
        b'{"schema_version": 1, "vorlage": {"grunddaten": {"betreff": '
        + b"[" * inner
        + b"]" * inner
        + b"}}}"
    )


def load_bytes(tmp_path: Path, data: bytes) -> Path:
    path = tmp_path / "fall.vorlage.json"
    path.write_bytes(data)
    return path


# The band that passed the JSON parser and then crashed in migrate()'s copy.deepcopy
# (RecursionError: a traceback in the CLI, the wizard exited), up to the parser's own limit.
@pytest.mark.parametrize("depth", [33, 100, 499, 500, 750, 900])
def test_deep_nesting_below_the_parsers_limit_gets_the_german_message(
    tmp_path: Path, depth: int
) -> None:
    path = load_bytes(tmp_path, nested(depth))
    json.loads(path.read_bytes())  # the parser itself accepts it
    with pytest.raises(ProjectFileError) as caught:
        projectfile.load(path)
    assert str(caught.value) == TOO_DEEP


def test_deep_nesting_in_the_cli_is_a_message_not_a_traceback(tmp_path: Path) -> None:
    path = load_bytes(tmp_path, nested(990))  # a fresh process: the parser takes 990 levels
    result = cli("validate", path)
    assert result.returncode == 2
    assert result.stderr == f"Fehler: {TOO_DEEP}\n"


def test_a_parsed_document_is_checked_too(tmp_path: Path) -> None:
    # Recovery copies and imports hand parsed documents to from_document.
    document = json.loads(nested(700))
    with pytest.raises(ProjectFileError, match="zu tief verschachtelt"):
        projectfile.from_document(document, SRC)


def test_nesting_at_the_limit_is_read_normally(tmp_path: Path) -> None:
    path = load_bytes(tmp_path, nested(32))
    with pytest.raises(ProjectFileError) as caught:
        projectfile.load(path)
    assert "Betreff: muss ein Text sein, nicht eine Liste" in str(caught.value)


def test_two_hundred_thousand_unknown_keys_give_a_short_message(tmp_path: Path) -> None:
    keys = {f"k{i}": i for i in range(200_000)}
    top = load_bytes(tmp_path, json.dumps({"schema_version": 1, "vorlage": {}, **keys}).encode())
    with pytest.raises(ProjectFileError) as caught:
        projectfile.load(top)
    assert str(caught.value) == (
        f"{SRC} enthält unbekannte Felder auf oberster Ebene: „k0“, „k1“, „k10“, „k100“, "
        "„k1000“ und 199.995 weitere."
    )
    inner = {"schema_version": 1, "vorlage": {("x" * 1_000) + str(i): i for i in range(20_000)}}
    path = load_bytes(tmp_path, json.dumps(inner).encode())
    with pytest.raises(ProjectFileError) as caught:
        projectfile.load(path)
    message = str(caught.value)
    assert len(message) < 2_000 and message.endswith("… und 19988 weitere")


@pytest.mark.parametrize(
    ("finanzen", "line"),
    [
        ({"auswirkungen": "no"}, "JA/NEIN: muss true (JA) oder false (NEIN) sein, nicht „no“"),
        ({"auswirkungen": 0}, "JA/NEIN: muss true (JA) oder false (NEIN) sein, nicht 0"),
        ({"auswirkungen": "true"}, "JA/NEIN: muss true (JA) oder false (NEIN) sein, nicht „true“"),
        (
            {"haushaltsjahr": "2025"},
            "Haushaltsjahr: muss eine Zahl ohne Anführungszeichen sein, nicht „2025“",
        ),
        ({"haushaltsjahr": "٢٠٢٥"}, "Haushaltsjahr: „٢٠٢٥“ ist keine ganze Zahl"),
        ({"haushaltsjahr": 2025.0}, "Haushaltsjahr: muss eine ganze Zahl sein, nicht 2025"),
        ({"investiv": {"einzahlungen": {"alt": "٢٠٢٥"}}}, "„٢٠٢٥“ ist kein gültiger Betrag"),
        ({"investiv": {"einzahlungen": {"alt": "1e3"}}}, "„1e3“ ist kein gültiger Betrag"),
        ({"investiv": {"einzahlungen": {"alt": " 5"}}}, "„ 5“ ist kein gültiger Betrag"),
        ({"investiv": {"einzahlungen": {"alt": True}}}, "muss ein Betrag sein, nicht true"),
    ],
)
def test_no_silent_coercion_in_the_file(tmp_path: Path, finanzen: dict, line: str) -> None:
    document = {"schema_version": 1, "vorlage": {"finanzen": finanzen}}
    path = load_bytes(tmp_path, json.dumps(document, ensure_ascii=False).encode())
    with pytest.raises(ProjectFileError) as caught:
        projectfile.load(path)
    assert line in str(caught.value)


def test_what_the_file_format_allows_still_loads(tmp_path: Path) -> None:
    document = {
        "schema_version": 1,
        "vorlage": {
            "finanzen": {
                "auswirkungen": True,
                "haushaltsjahr": 2025,
                "investiv": {"einzahlungen": {"alt": "1234.5", "neu": 7, "ansatz": 12.25}},
            }
        },
    }
    path = load_bytes(tmp_path, json.dumps(document).encode())
    f = projectfile.load(path).finanzen
    assert (f.auswirkungen, f.haushaltsjahr) == (True, 2025)
    assert [str(f.investiv.einzahlungen.alt), str(f.investiv.einzahlungen.neu)] == ["1234.5", "7"]
