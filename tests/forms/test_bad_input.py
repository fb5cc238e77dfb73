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
    FILE_CASES,
    NAME,
    SRC,
    assert_cli_refuses,
    cli_run,
    doc,
)


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
