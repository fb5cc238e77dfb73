"""`vorlage` run as a real process: exit codes, German messages, never a traceback."""

from __future__ import annotations

import json
from pathlib import Path

from forms.projectfile import SCHEMA_VERSION
from tests.conftest import ROOT
from tests.forms.clirun import vorlage


def test_validate_example_exits_zero_and_lists_hints(example_path: Path) -> None:
    result = vorlage("validate", example_path)
    assert result.returncode == 0, result.stderr
    assert "Hinweis: Klimarelevanz" in result.stdout


def test_new_then_validate_reports_errors_with_exit_1(tmp_path: Path) -> None:
    target = tmp_path / "neu.vorlage.json"
    result = vorlage(
        "new", "--vorlageart", "Entscheidungsvorlage", "--federfuehrend", "FB 36", "-o", target
    )
    assert result.returncode == 0, result.stderr
    document = json.loads(target.read_text(encoding="utf-8"))
    assert document["vorlage"]["grunddaten"]["vorlageart"] == "Entscheidungsvorlage"
    assert document["vorlage"]["grunddaten"]["federfuehrend"] == {
        "kuerzel": "FB 36",
        "name": "Fachbereich Klima und Umwelt",
    }
    result = vorlage("validate", target)
    assert result.returncode == 1
    assert (
        "Fehler: Beschlussvorschlag: Eine Entscheidungsvorlage braucht einen Beschlussvorschlag."
        in result.stdout
    )
    # Refuses to overwrite without --force.
    again = vorlage("new", "-o", target)
    assert again.returncode == 2 and "--force" in again.stderr


def test_schema_prints_the_published_schema() -> None:
    result = vorlage("schema")
    assert result.returncode == 0
    published = json.loads(
        (ROOT / f"resources/schema/vorlage-{SCHEMA_VERSION}.schema.json").read_text(
            encoding="utf-8"
        )
    )
    assert json.loads(result.stdout) == published


def test_broken_file_gives_german_message_without_traceback(tmp_path: Path) -> None:
    broken = tmp_path / "kaputt.vorlage.json"
    broken.write_text('{"schema_version": 1, "vorlage": {', encoding="utf-8")
    result = vorlage("validate", broken)
    assert result.returncode == 2
    assert "„kaputt.vorlage.json“ ist beschädigt: kein gültiges JSON (Zeile 1" in result.stderr
    assert "Traceback" not in result.stderr


def test_pdf_refuses_a_vorlage_with_errors_unless_entwurf(tmp_path: Path) -> None:
    source = tmp_path / "leer.vorlage.json"
    assert vorlage("new", "-o", source).returncode == 0
    result = vorlage("pdf", source, "-o", tmp_path / "x.pdf")
    assert result.returncode == 1
    assert "kein PDF erzeugt" in result.stderr and "--entwurf" in result.stderr
    assert not (tmp_path / "x.pdf").exists()


def test_usage_errors_are_german() -> None:
    result = vorlage("pdf")
    assert result.returncode == 2
    assert "Fehler:" in result.stderr and "Traceback" not in result.stderr
