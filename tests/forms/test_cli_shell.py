"""`vorlage` in a shell: `-` for stdin/stdout, --json, German usage text, closed pipes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from forms import projectfile
from tests.conftest import ROOT
from tests.forms.clirun import vorlage_bytes
from tests.forms.pdfutil import body_text

FIXTURE_PAGE = ROOT / "tests" / "fixtures" / "ratsinfo" / "entscheidung_bi.txt"


def _err(result: subprocess.CompletedProcess[bytes]) -> str:
    return result.stderr.decode("utf-8")


# -- German usage text and exit codes ----------------------------------------------------------


def test_help_is_german_and_documents_exit_codes() -> None:
    result = vorlage_bytes("--help")
    out = result.stdout.decode("utf-8")
    assert result.returncode == 0
    assert out.startswith("Aufruf: vorlage")
    assert "Optionen:" in out and "Befehle:" in out
    assert "diese Hilfe zeigen und beenden" in out
    assert "usage" not in out and "options" not in out and "show this" not in out
    assert "Exit-Codes:" in out
    for code in ("0  alles in Ordnung", "1  Probleme gefunden", "2  Aufruf oder Datei"):
        assert code in out


@pytest.mark.parametrize(
    "command", ["validate", "pdf", "schema", "check-pdf", "new", "import", "oparl"]
)
def test_every_subcommand_has_a_german_description(command: str) -> None:
    out = vorlage_bytes(command, "--help").stdout.decode("utf-8")
    usage, description, *_rest = out.split("\n\n")
    assert usage.startswith(f"Aufruf: vorlage {command}")
    assert len(description) > 20 and description.endswith("."), out
    assert not description.startswith(("Argumente", "Optionen", " ")), out
    assert "Optionen:" in out


@pytest.mark.parametrize(
    ("args", "german"),
    [
        (["gibtsnicht"], "ungültige Auswahl: 'gibtsnicht'"),
        (["validate", "x.vorlage.json", "--bogus"], "unbekanntes Argument: --bogus"),
        (["validate"], "es fehlt: DATEI"),
        (["pdf", "x.vorlage.json", "-o"], "Argument -o/--output: erwartet einen Wert"),
    ],
)
def test_argparse_errors_are_german(args: list[str], german: str) -> None:
    result = vorlage_bytes(*args)
    assert result.returncode == 2
    err = _err(result)
    assert err.startswith("Aufruf: vorlage")
    assert german in err
    assert "Traceback" not in err and "error:" not in err


# -- "-" means standard input / output ---------------------------------------------------------


def test_validate_reads_the_project_from_stdin(example_path: Path) -> None:
    result = vorlage_bytes("validate", "-", stdin=example_path.read_bytes())
    assert result.returncode == 0, _err(result)
    assert b"Hinweis: Grunddaten" in result.stdout


def test_pdf_from_stdin_to_stdout_is_the_real_pdf(example_path: Path) -> None:
    result = vorlage_bytes("pdf", "-", "-o", "-", stdin=example_path.read_bytes())
    assert result.returncode == 0, _err(result)
    assert result.stdout.startswith(b"%PDF-") and result.stdout.rstrip().endswith(b"%%EOF")
    assert "FB 56/0319/WP18" in body_text(result.stdout)
    # The status line must not end up inside the PDF.
    assert "Standardausgabe" in _err(result)


def test_import_stdin_to_stdout_pipes_into_pdf(tmp_path: Path) -> None:
    imported = vorlage_bytes("import", "-", "-o", "-", stdin=FIXTURE_PAGE.read_bytes())
    assert imported.returncode == 0, _err(imported)
    vorlage_obj = projectfile.loads(imported.stdout)
    assert vorlage_obj.grunddaten.betreff
    assert "Übernommen" in _err(imported)  # the report goes to stderr
    pdf = vorlage_bytes("pdf", "-", "-o", "-", "--entwurf", stdin=imported.stdout)
    assert pdf.returncode == 0, _err(pdf)
    checked = vorlage_bytes("check-pdf", "-", stdin=pdf.stdout)
    assert checked.returncode == 0, checked.stdout.decode()


def test_stdin_that_is_no_project_gets_a_german_message() -> None:
    result = vorlage_bytes("validate", "-", stdin=b"kein JSON")
    assert result.returncode == 2
    assert "Standardeingabe" in _err(result)
    assert "Traceback" not in _err(result)


# -- --json ------------------------------------------------------------------------------------


def test_validate_json_lists_section_field_severity_message(tmp_path: Path) -> None:
    target = tmp_path / "neu.vorlage.json"
    assert vorlage_bytes("new", "-o", target).returncode == 0
    result = vorlage_bytes("validate", target, "--json")
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert report["file"] == "neu.vorlage.json" and report["ok"] is False
    betreff = [p for p in report["problems"] if p["field"] == "grunddaten.betreff"]
    assert betreff, report
    assert betreff[0]["section"] == "grunddaten"
    assert betreff[0]["section_title"] == "Grunddaten"
    assert betreff[0]["severity"] == "Fehler"
    assert betreff[0]["message"]
    assert {p["severity"] for p in report["problems"]} <= {"Fehler", "Hinweis"}


def test_check_pdf_json_names_each_rule(tmp_path: Path, example_path: Path) -> None:
    good = tmp_path / "gut.pdf"
    assert vorlage_bytes("pdf", example_path, "-o", good).returncode == 0
    result = vorlage_bytes("check-pdf", good, "--json")
    assert result.returncode == 0
    report = json.loads(result.stdout)
    assert report["ok"] is True and len(report["rules"]) >= 20
    assert {"rule", "title", "reference", "passed", "failures"} <= set(report["rules"][0])
    # A PDF from outside (reportlab's plain canvas: no tags, no XMP) fails named rules.
    from reportlab.pdfgen import canvas

    plain = tmp_path / "fremd.pdf"
    page = canvas.Canvas(str(plain))
    page.drawString(72, 720, "Fremdes PDF")
    page.save()
    result = vorlage_bytes("check-pdf", plain, "--json")
    assert result.returncode == 1
    report = json.loads(result.stdout)
    failed = {r["rule"] for r in report["rules"] if not r["passed"]}
    assert {"xmp-metadata", "mark-info"} <= failed
    assert all(r["failures"] for r in report["rules"] if not r["passed"])


# -- closed pipes and folders ------------------------------------------------------------------


def test_closed_pipe_ends_quietly() -> None:
    # `vorlage schema | head -c0`: the reader is gone before the first byte is written.
    read_end, write_end = os.pipe()
    os.close(read_end)
    done = subprocess.run(
        [sys.executable, "-m", "forms", "schema"],
        cwd=ROOT,
        stdout=write_end,
        stderr=subprocess.PIPE,
        check=False,
        timeout=120,
    )
    os.close(write_end)
    err = done.stderr.decode("utf-8")
    assert "Traceback" not in err and "Exception ignored" not in err
    assert err == ""
    assert done.returncode == 2


def test_closed_pipe_in_a_real_shell() -> None:
    done = subprocess.run(
        ["bash", "-c", f"set -o pipefail; {sys.executable} -m forms schema | head -c0"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert "Traceback" not in done.stderr and "Exception ignored" not in done.stderr
    assert done.returncode == 2


def test_oparl_creates_the_output_folder(tmp_path: Path, example_path: Path) -> None:
    result = vorlage_bytes("oparl", example_path, "-o", "uebergabe/paper.json", cwd=tmp_path)
    assert result.returncode == 0, _err(result)
    assert (tmp_path / "uebergabe" / "paper.json").is_file()
    assert (tmp_path / "uebergabe" / "FB_56_0319_WP18.pdf").is_file()


def test_oparl_output_folder_that_is_a_file_says_so(tmp_path: Path, example_path: Path) -> None:
    (tmp_path / "uebergabe").write_text("eine Datei", encoding="utf-8")
    result = vorlage_bytes("oparl", example_path, "-o", "uebergabe/paper.json", cwd=tmp_path)
    assert result.returncode == 2
    err = _err(result)
    assert "„uebergabe“ ist kein Ordner" in err
    assert "im Programm" not in err and "Traceback" not in err


def test_closed_stdout_is_named_not_a_crash() -> None:
    # `vorlage schema >&-`: no stdout at all (Python sets sys.stdout to None).
    done = subprocess.run(
        ["bash", "-c", f"{sys.executable} -m forms schema >&-"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == 2
    assert "Die Standardausgabe ist geschlossen" in done.stderr
    assert "Traceback" not in done.stderr


def test_an_unexpected_error_is_german_without_traceback() -> None:
    # Fault injection: a command that fails with a bug; main() must still answer in German.
    script = (
        "import forms.cli as cli\n"
        "cli._COMMANDS['schema'] = lambda args: 1 / 0\n"
        "raise SystemExit(cli.main(['schema']))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == 2
    assert "unerwarteter Programmfehler (ZeroDivisionError" in done.stderr
    assert "Traceback" not in done.stderr
