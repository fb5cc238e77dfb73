"""An export never writes over its input or any project file; open errors need --entwurf.

The CLI cases run `python -m forms` as a real process; the forms-level functions are the ones
the wizard calls too.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from forms import projectfile
from forms.export import ExportRefused, check_output_path, entwurf_mode, open_errors
from forms.labels import Section
from forms.rules import Problem, Schwere
from tests.conftest import EXAMPLE, SEED
from tests.forms.clirun import vorlage


@pytest.fixture
def project(tmp_path: Path) -> Path:
    path = tmp_path / "a.vorlage.json"
    shutil.copyfile(EXAMPLE, path)
    return path


def _refused(result: object, before: bytes, path: Path, needle: str) -> None:
    assert result.returncode == 2, result.stderr  # type: ignore[attr-defined]
    assert needle in result.stderr  # type: ignore[attr-defined]
    assert "Traceback" not in result.stderr  # type: ignore[attr-defined]
    assert path.read_bytes() == before


def test_pdf_onto_its_own_input_is_refused(project: Path) -> None:
    before = project.read_bytes()
    result = vorlage("pdf", project, "-o", project)
    _refused(result, before, project, "Projektdatei")
    assert projectfile.load(project) == projectfile.load(EXAMPLE)


def test_pdf_onto_a_link_to_the_input_is_refused(project: Path, tmp_path: Path) -> None:
    before = project.read_bytes()
    link = tmp_path / "ausgabe.pdf"
    link.symlink_to(project)
    _refused(vorlage("pdf", project, "-o", link), before, project, "Eingabedatei selbst")
    hard = tmp_path / "hart.pdf"
    hard.hardlink_to(project)
    _refused(vorlage("pdf", project, "-o", hard), before, project, "Eingabedatei selbst")


def test_pdf_onto_another_project_file_is_refused_by_content(project: Path, tmp_path: Path) -> None:
    other = tmp_path / "umbenannt.json"  # a project file without the usual suffix
    shutil.copyfile(EXAMPLE, other)
    before = other.read_bytes()
    _refused(vorlage("pdf", project, "-o", other), before, other, "ist eine Projektdatei")
    bak = tmp_path / "neu.vorlage.json.bak"
    result = vorlage("pdf", project, "-o", bak)
    assert result.returncode == 2 and not bak.exists()


def test_pdf_replaces_an_older_pdf(project: Path, tmp_path: Path) -> None:
    target = tmp_path / "a.pdf"
    target.write_bytes(b"%PDF-1.7 alt")
    result = vorlage("pdf", project, "-o", target)
    assert result.returncode == 0, result.stderr
    assert target.read_bytes().startswith(b"%PDF-") and target.stat().st_size > 1000


def test_oparl_onto_its_input_or_a_project_file_is_refused(project: Path, tmp_path: Path) -> None:
    before = project.read_bytes()
    _refused(vorlage("oparl", project, "-o", project), before, project, "Projektdatei")
    other = tmp_path / "paper.json"
    shutil.copyfile(EXAMPLE, other)
    _refused(vorlage("oparl", project, "-o", other), other.read_bytes(), other, "Projektdatei")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.vorlage.json", "paper.json"]


def test_import_onto_its_own_page_is_refused_even_with_force(tmp_path: Path) -> None:
    page = tmp_path / "seite.txt"
    shutil.copyfile(SEED, page)
    before = page.read_bytes()
    _refused(vorlage("import", page, "-o", page, "--force"), before, page, "Eingabedatei selbst")


def test_check_output_path_for_the_wizard(project: Path, tmp_path: Path) -> None:
    check_output_path(tmp_path / "neu.pdf", [project])  # fine: does not exist
    check_output_path(tmp_path / "neu.PDF")
    for bad in (project, tmp_path / "x.Vorlage.JSON", tmp_path / "x.vorlage.json.2.bak"):
        with pytest.raises(ExportRefused):
            check_output_path(bad)
    with pytest.raises(ExportRefused, match="Eingabedatei selbst"):
        check_output_path(tmp_path / "x.pdf", [tmp_path / "x.pdf"])


def test_entwurf_mode_is_the_one_rule() -> None:
    fehler = Problem(Section.GRUNDDATEN, "grunddaten.betreff", "fehlt")
    hinweis = Problem(Section.GRUNDDATEN, "grunddaten.betreff", "kurz", Schwere.HINWEIS)
    assert entwurf_mode([hinweis], entwurf=False) is False
    assert entwurf_mode([hinweis], entwurf=True) is False  # ready: no ENTWURF mark
    assert entwurf_mode([fehler, hinweis], entwurf=True) is True
    with pytest.raises(ExportRefused) as caught:
        entwurf_mode([fehler, hinweis], entwurf=False, was="OParl-Export")
    assert str(caught.value) == "1 offene Fehler; kein OParl-Export erzeugt."
    assert caught.value.errors == [fehler] == open_errors([fehler, hinweis])
