"""Switching profile end to end in the library and the CLI: validation, the PDF's header and
footer (text read back from the PDF), the further Auswirkungen block, and the OParl output.
The same Vorlage data under Aachen's and Musterstadt's profile (issue 16)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from forms import oparl, pdfcheck, profiles, projectfile
from forms.imports import import_bytes
from forms.model import Auswirkung
from forms.pdf import render
from forms.profile import load_profile
from forms.rules import problems
from tests.conftest import EXAMPLE, ROOT
from tests.forms.clirun import vorlage as run_vorlage
from tests.forms.pdfutil import pages_text, squash

MUSTERSTADT = ROOT / "resources" / "examples" / "V-2026-0042.vorlage.json"
AUSDRUCK = dt.date(2026, 3, 14)
JETZT = dt.datetime(2026, 3, 14, 9, 30, tzinfo=dt.UTC)


@pytest.fixture(scope="module")
def muster_pdf() -> bytes:
    return render(projectfile.load(MUSTERSTADT), ausdruck_datum=AUSDRUCK)


def test_a_file_records_its_profile_and_is_checked_with_it() -> None:
    vorlage = projectfile.load(MUSTERSTADT)
    assert vorlage.profil == "musterstadt"
    assert profiles.of(vorlage).stadt == "Stadt Musterstadt"
    assert problems(vorlage) == []  # checked with Musterstadt's catalogues and number format
    aachen = [str(p) for p in problems(vorlage, load_profile("aachen"))]
    assert any("Die Vorlage-Nr. „V-2026/0042“ hat nicht das erwartete Format" in p for p in aachen)
    assert any("„Beschlussvorlage“ steht nicht im Katalog der Stadt Aachen" in p for p in aachen)
    assert any("„personell“ kennt das Profil „Stadt Aachen“ nicht" in p for p in aachen)
    example = projectfile.load(EXAMPLE)
    muster = [str(p) for p in problems(example, load_profile("musterstadt"))]
    assert any(
        "„FB 56/0319/WP18“ hat nicht das erwartete Format (V-Jahr/laufende" in p for p in muster
    )
    assert any("Personelle Auswirkungen: JA oder NEIN ankreuzen." in p for p in muster)


def test_the_further_auswirkungen_block_is_required_and_needs_a_text_for_ja() -> None:
    vorlage = projectfile.load(MUSTERSTADT)
    vorlage.weitere_auswirkungen = {"personell": Auswirkung(ja=True, text=" ")}
    [found] = problems(vorlage)
    assert (found.field, found.message) == (
        "weitere_auswirkungen.personell.text",
        "Personelle Auswirkungen: Bei JA bitte beschreiben.",
    )
    vorlage.weitere_auswirkungen = {"personell": Auswirkung(ja=False)}
    assert problems(vorlage) == []


def test_the_pdf_has_the_profiles_header_footer_and_block(muster_pdf: bytes) -> None:
    pages = pages_text(muster_pdf)
    first = squash(pages[0])
    assert "Stadt Musterstadt" in first and "Der Bürgermeister" in first
    assert "Aachen" not in squash(" ".join(pages))
    assert "Oberbürgermeisterin" not in squash(" ".join(pages))
    for number, page in enumerate(pages, start=1):
        text = squash(page)
        if number > 1:
            assert "Stadt Musterstadt – Beschlussvorlage" in text  # running header
        assert (
            f"Stadt Musterstadt – Vorlage V-2026/0042 – Ausdruck vom 14.03.2026 – Seite {number} "
            f"von {len(pages)}"
        ) in text
    body = squash(" ".join(pages))
    assert "Personelle Auswirkungen Hat die Maßnahme personelle Auswirkungen?" in body
    assert "befristete Stelle in der Bauleitung" in body
    assert "mehr als 200 t / Jahr" in body  # Musterstadt's Klimarelevanz thresholds


def test_the_same_data_under_aachens_profile_prints_aachens_header() -> None:
    vorlage = projectfile.load(MUSTERSTADT)
    text = squash(
        " ".join(pages_text(render(vorlage, profile=load_profile("aachen"), entwurf=True)))
    )
    assert "Stadt Aachen" in text and "Die Oberbürgermeisterin" in text
    assert "Vorlage V-2026/0042 der Stadt Aachen" in text
    # A block Aachen does not know is still printed, titled by its id: nothing is lost.
    assert "personell" in text and "befristete Stelle in der Bauleitung" in text


def test_the_pdf_passes_the_pdfa_and_pdfua_checks(muster_pdf: bytes) -> None:
    results = pdfcheck.check(muster_pdf)
    assert not pdfcheck.failed(results), pdfcheck.report(results)


def test_oparl_uses_the_profiles_urls_prefix_and_exports_the_block(muster_pdf: bytes) -> None:
    vorlage = projectfile.load(MUSTERSTADT)
    paper = oparl.build_paper(vorlage, muster_pdf, jetzt=JETZT).paper
    base = "https://ratsinfo.musterstadt.example/oparl/"
    assert paper["id"].startswith(base + "paper/")
    assert paper["body"] == base + "body/1"
    assert paper["musterstadt:erweiterung"] == base + "musterstadt-erweiterung-1.json"
    assert paper["musterstadt:system"] == base + "system"
    assert paper["musterstadt:profil"] == "musterstadt"
    assert "musterstadt:wahlperiode" not in paper  # Musterstadt's numbers name none
    assert paper["musterstadt:weitereAuswirkungen"] == {
        "personell": {
            "titel": "Personelle Auswirkungen",
            "frage": "Hat die Maßnahme personelle Auswirkungen?",
            "ja": True,
            "text": vorlage.weitere_auswirkungen["personell"].text,
        }
    }
    assert not any(key.startswith("aachen:") for key in paper)
    aachen = oparl.build_paper(projectfile.load(EXAMPLE), muster_pdf, jetzt=JETZT).paper
    assert aachen["aachen:wahlperiode"] == "WP18"
    assert "aachen:weitereAuswirkungen" not in aachen


def test_oparl_export_of_another_profile_reimports_equal(muster_pdf: bytes) -> None:
    vorlage = projectfile.load(MUSTERSTADT)
    paper = oparl.build_paper(vorlage, muster_pdf, jetzt=JETZT).json()
    result = import_bytes(paper.encode(), source="Das Paper")
    assert result.vorlage.profil == "musterstadt"
    assert result.vorlage.weitere_auswirkungen == vorlage.weitere_auswirkungen
    assert result.vorlage.grunddaten == vorlage.grunddaten


def test_cli_uses_the_files_profile_and_says_so(tmp_path: Path) -> None:
    checked = run_vorlage("validate", MUSTERSTADT)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "keine Probleme gefunden" in checked.stdout
    # The clerk's profile is Aachen (VORLAGE_PROFIL in tests/conftest.py): the file says more.
    assert "Hinweis: Die Vorlage gehört zum Profil „Stadt Musterstadt“ (musterstadt)" in (
        checked.stderr
    )
    pdf = tmp_path / "m.pdf"
    written = run_vorlage("pdf", MUSTERSTADT, "-o", pdf)
    assert written.returncode == 0, written.stderr
    assert "Stadt Musterstadt" in squash(pages_text(pdf.read_bytes())[0])


def test_cli_opens_a_file_of_a_profile_that_is_not_installed(tmp_path: Path) -> None:
    document = json.loads(MUSTERSTADT.read_text(encoding="utf-8"))
    document["vorlage"]["profil"] = "koeln"
    source = tmp_path / "koeln.vorlage.json"
    source.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    result = run_vorlage("validate", "--profil", "musterstadt", source)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Hinweis: Das Profil „koeln“ dieser Vorlage ist nicht installiert" in result.stderr
    assert "mit dem Profil „Stadt Musterstadt“ angezeigt und geprüft" in result.stderr
    # Nothing of its data is lost when read and written again.
    again = projectfile.encode(projectfile.load(source))
    assert json.loads(again) == document
