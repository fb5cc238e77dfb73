"""`vorlage import` and `vorlage oparl` run as real processes."""

from __future__ import annotations

from pathlib import Path

from forms import projectfile
from tests.conftest import EXAMPLE, SEED
from tests.forms.clirun import vorlage

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "ratsinfo"


def test_import_seed_writes_the_example_project_and_a_report(tmp_path: Path) -> None:
    target = tmp_path / "importiert.vorlage.json"
    result = vorlage("import", SEED, "-o", target)
    assert result.returncode == 0, result.stderr
    assert projectfile.load(target) == projectfile.load(EXAMPLE)
    assert "Übernommen (" in result.stdout and "Grunddaten › Betreff" in result.stdout
    assert "Traceback" not in result.stderr


def test_import_of_cut_off_page_succeeds_and_says_what_is_missing(tmp_path: Path) -> None:
    target = tmp_path / "teil.vorlage.json"
    result = vorlage("import", FIXTURES / "abgeschnitten.txt", "-o", target)
    assert result.returncode == 0, result.stderr
    assert "Nicht gelesen" in result.stdout and "nicht gelesen" in result.stderr
    assert projectfile.load(target).grunddaten.vorlage_nr == "E 26/0207/WP18"


def test_import_refuses_bad_input_with_german_message(tmp_path: Path) -> None:
    not_a_page = tmp_path / "liste.txt"
    not_a_page.write_text("Milch\nEier\n", encoding="utf-8")
    target = tmp_path / "x.vorlage.json"
    for source in (not_a_page, tmp_path / "fehlt.txt", tmp_path):
        result = vorlage("import", source, "-o", target)
        assert result.returncode == 2
        assert result.stderr.startswith("Fehler: ") and "Traceback" not in result.stderr
    assert not target.exists()


def test_import_does_not_overwrite_without_force(tmp_path: Path) -> None:
    target = tmp_path / "da.vorlage.json"
    target.write_text("bleibt", encoding="utf-8")
    page = FIXTURES / "druckansicht.txt"
    result = vorlage("import", page, "-o", target)
    assert result.returncode == 2 and "--force" in result.stderr
    assert target.read_text(encoding="utf-8") == "bleibt"
    assert vorlage("import", page, "-o", target, "--force").returncode == 0
    assert projectfile.load(target).grunddaten.vorlage_nr == "FB 45/0611/WP18"
