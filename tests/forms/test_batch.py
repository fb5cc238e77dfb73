"""`vorlage pdf A B … --ausgabe ORDNER`: real files in, real PDFs out, their text read back."""

from __future__ import annotations

from pathlib import Path

import pytest

from forms import batch, projectfile
from tests.conftest import EXAMPLE
from tests.forms.clirun import vorlage
from tests.forms.pdfutil import pages_text, squash

BROKEN = '{"schema_version": 1, "vorlage": {'


def project(path: Path, betreff: str) -> Path:
    """The example with its own Betreff, so each PDF shows which input it came from."""
    v = projectfile.load(EXAMPLE)
    v.grunddaten.betreff = betreff
    path.parent.mkdir(parents=True, exist_ok=True)
    projectfile.save(v, path, backup=False)
    return path


def text(pdf: Path) -> str:
    return squash(" ".join(pages_text(pdf.read_bytes(), mode="-raw")))


def test_good_files_are_written_and_a_broken_one_in_the_middle_stops_nothing(
    tmp_path: Path,
) -> None:
    names = ["eins", "zwei", "kaputt", "drei", "vier"]
    for name in names:
        if name == "kaputt":
            (tmp_path / "kaputt.vorlage.json").write_text(BROKEN, encoding="utf-8")
        else:
            project(tmp_path / f"{name}.vorlage.json", f"Betreff {name.upper()}")
    result = vorlage(
        "pdf",
        *(f"{n}.vorlage.json" for n in names),
        "--ausgabe",
        "neu/pdfs",
        "--prozesse",
        "2",
        cwd=tmp_path,
    )  # the process pool
    assert result.returncode == 2, result.stderr  # one file broken → not 0
    assert "Traceback" not in result.stderr
    written = [line for line in result.stdout.splitlines() if line.startswith("PDF geschrieben")]
    # One line per good file, in argument order, naming the written file.
    assert written == [f"PDF geschrieben: neu/pdfs/{n}.pdf" for n in names if n != "kaputt"]
    assert "4 von 5 PDF(s) geschrieben nach neu/pdfs." in result.stdout
    assert "Fehler: kaputt.vorlage.json: Die Datei „kaputt.vorlage.json“ ist beschädigt" in (
        result.stderr
    ), result.stderr
    assert not (tmp_path / "neu/pdfs/kaputt.pdf").exists()
    for name in names:
        if name != "kaputt":
            assert f"Betreff {name.upper()}" in text(tmp_path / f"neu/pdfs/{name}.pdf")


def test_same_name_from_two_folders_never_overwrites(tmp_path: Path) -> None:
    project(tmp_path / "a/x.vorlage.json", "Betreff AUS A")
    project(tmp_path / "b/x.vorlage.json", "Betreff AUS B")
    project(tmp_path / "b/X-2.vorlage.json", "Betreff X ZWEI")  # the name a rename would take
    args = ["pdf", "a/x.vorlage.json", "b/x.vorlage.json", "b/X-2.vorlage.json", "--ausgabe", "o"]
    result = vorlage(*args, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[:3] == [
        "PDF geschrieben: o/x.pdf",
        "PDF geschrieben: o/x-2.pdf",
        "PDF geschrieben: o/X-2-2.pdf",
    ]
    assert "Betreff AUS A" in text(tmp_path / "o/x.pdf")
    assert "Betreff AUS B" in text(tmp_path / "o/x-2.pdf")
    assert "Betreff X ZWEI" in text(tmp_path / "o/X-2-2.pdf")
    # The same call again writes the same names (re-exporting replaces, never x-3.pdf).
    assert vorlage(*args, cwd=tmp_path).returncode == 0
    assert sorted(p.name for p in (tmp_path / "o").iterdir()) == ["X-2-2.pdf", "x-2.pdf", "x.pdf"]


def test_glob_pattern_is_expanded_by_the_program(tmp_path: Path) -> None:
    # No shell here (as with cmd.exe): the pattern reaches vorlage unexpanded.
    for name in ("b", "a", "c"):
        project(tmp_path / f"ein/{name}.vorlage.json", f"Betreff {name.upper()}")
    (tmp_path / "ein/notiz.txt").write_text("keine Vorlage", encoding="utf-8")
    result = vorlage(
        "pdf",
        "ein/*.vorlage.json",
        "ein/a.vorlage.json",
        "nichts/*.vorlage.json",
        "--ausgabe",
        "aus",
        cwd=tmp_path,
    )
    assert result.returncode == 2  # the pattern that matches nothing is reported as failed
    assert "Fehler: „nichts/*.vorlage.json“ passt auf keine Datei." in result.stderr
    # Sorted matches; a.vorlage.json named twice is exported once.
    assert [line for line in result.stdout.splitlines() if line.startswith("PDF")] == [
        "PDF geschrieben: aus/a.pdf",
        "PDF geschrieben: aus/b.pdf",
        "PDF geschrieben: aus/c.pdf",
    ]
    assert sorted(p.name for p in (tmp_path / "aus").iterdir()) == ["a.pdf", "b.pdf", "c.pdf"]
    assert "Betreff C" in text(tmp_path / "aus/c.pdf")


def test_entwurf_is_decided_per_file(tmp_path: Path) -> None:
    project(tmp_path / "fertig.vorlage.json", "Betreff FERTIG")
    leer = vorlage("new", "-o", "leer.vorlage.json", cwd=tmp_path)  # open errors
    assert leer.returncode == 0, leer.stderr
    refused = vorlage(
        "pdf", "leer.vorlage.json", "fertig.vorlage.json", "--ausgabe", "o", cwd=tmp_path
    )
    assert refused.returncode == 1  # only open errors: the code of a refused single export
    assert "Fehler: leer.vorlage.json: " in refused.stderr
    assert "offene Fehler; kein PDF erzeugt. Mit --entwurf" in refused.stderr
    assert not (tmp_path / "o/leer.pdf").exists()
    assert "ENTWURF" not in text(tmp_path / "o/fertig.pdf")

    marked = vorlage(
        "pdf",
        "leer.vorlage.json",
        "fertig.vorlage.json",
        "--ausgabe",
        "o",
        "--entwurf",
        cwd=tmp_path,
    )
    assert marked.returncode == 0, marked.stderr
    assert "PDF geschrieben: o/leer.pdf (mit Vermerk ENTWURF)" in marked.stdout
    assert "ENTWURF" in text(tmp_path / "o/leer.pdf")
    assert "ENTWURF" not in text(tmp_path / "o/fertig.pdf")  # ready: a final PDF


def test_never_writes_over_an_input_or_a_project_file(tmp_path: Path) -> None:
    # A project file called p.pdf would be its own output; another one sits where q's PDF goes.
    p = project(tmp_path / "p.pdf", "Betreff P")
    q = project(tmp_path / "q.vorlage.json", "Betreff Q")
    fremd = project(tmp_path / "q.pdf", "Betreff FREMD")
    before = {path: path.read_bytes() for path in (p, q, fremd)}
    project(tmp_path / "r.vorlage.json", "Betreff R")
    result = vorlage(
        "pdf", "p.pdf", "q.vorlage.json", "r.vorlage.json", "--ausgabe", ".", cwd=tmp_path
    )
    assert result.returncode == 2
    assert "Fehler: p.pdf: „p.pdf“ ist die Eingabedatei selbst" in result.stderr
    assert "Fehler: q.vorlage.json: „q.pdf“ ist eine Projektdatei" in result.stderr
    assert {path: path.read_bytes() for path in before} == before
    assert "Betreff R" in text(tmp_path / "r.pdf")


def test_output_folder_that_is_a_file_is_a_german_error(tmp_path: Path) -> None:
    project(tmp_path / "a.vorlage.json", "Betreff A")
    (tmp_path / "datei").write_text("x", encoding="utf-8")
    result = vorlage("pdf", "a.vorlage.json", "--ausgabe", "datei", cwd=tmp_path)
    assert result.returncode == 2
    assert "Fehler: „datei“ ist kein Ordner" in result.stderr and "Traceback" not in result.stderr


def test_single_file_form_is_unchanged_and_several_files_need_ausgabe(tmp_path: Path) -> None:
    project(tmp_path / "a.vorlage.json", "Betreff A")
    single = vorlage("pdf", "a.vorlage.json", "-o", "neu/a.pdf", cwd=tmp_path)
    assert single.returncode == 0 and single.stdout == "PDF geschrieben: neu/a.pdf\n"
    assert "Betreff A" in text(tmp_path / "neu/a.pdf")
    several = vorlage("pdf", "a.vorlage.json", "a.vorlage.json", "-o", "x.pdf", cwd=tmp_path)
    assert several.returncode == 2
    assert "Mehrere Dateien gehen nur mit --ausgabe ORDNER" in several.stderr
    both = vorlage("pdf", "a.vorlage.json", "-o", "x.pdf", "--ausgabe", "o", cwd=tmp_path)
    assert both.returncode == 2 and "nicht zusammen mit" in both.stderr
    assert not (tmp_path / "x.pdf").exists() and not (tmp_path / "o").exists()


def test_help_documents_the_batch_exit_code(tmp_path: Path) -> None:
    result = vorlage("--help", cwd=tmp_path)
    assert "pdf … --ausgabe ORDNER gibt jede Datei aus" in result.stdout
    assert "--ausgabe ORDNER" in vorlage("pdf", "--help", cwd=tmp_path).stdout


@pytest.mark.parametrize("workers", [1, 2])
def test_in_process_and_pool_give_the_same_results(tmp_path: Path, workers: int) -> None:
    sources = [project(tmp_path / f"{n}.vorlage.json", f"Betreff {n}") for n in "abc"]
    (tmp_path / "k.vorlage.json").write_text(BROKEN, encoding="utf-8")
    sources.insert(1, tmp_path / "k.vorlage.json")
    jobs = batch.plan(sources, tmp_path / "out")
    batch.prepare_folder(tmp_path / "out")
    results = list(batch.export_all(jobs, entwurf=False, workers=workers))
    assert [r.code for r in results] == [0, 2, 0, 0]
    assert [r.output.name if r.output else None for r in results] == [
        "a.pdf",
        None,
        "b.pdf",
        "c.pdf",
    ]
    assert "Betreff b" in text(tmp_path / "out/b.pdf")


def test_small_batches_stay_in_one_process() -> None:
    assert batch.default_workers(batch.MIN_FILES_FOR_POOL - 1) == 1
    assert batch.default_workers(1000) >= 1


def test_pdf_name() -> None:
    assert batch.pdf_name(Path("d/FB_56.Vorlage.JSON")) == "FB_56.pdf"
    assert batch.pdf_name(Path("x.json")) == "x.pdf"
    assert batch.pdf_name(Path("ohne")) == "ohne.pdf"
    assert batch.pdf_name(Path(".vorlage.json")) == ".vorlage.pdf"


def test_prozesse_must_be_positive(tmp_path: Path) -> None:
    project(tmp_path / "a.vorlage.json", "Betreff A")
    result = vorlage("pdf", "a.vorlage.json", "--ausgabe", "o", "--prozesse", "0", cwd=tmp_path)
    assert result.returncode == 2 and "--prozesse braucht eine Zahl ab 1." in result.stderr
    one = vorlage("pdf", "a.vorlage.json", "--ausgabe", "o", "--prozesse", "3", cwd=tmp_path)
    assert one.returncode == 0 and "PDF geschrieben: o/a.pdf" in one.stdout
