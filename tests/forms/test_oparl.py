"""OParl 1.1 export (forms/oparl/), validated against the schema parts in resources/oparl/."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json

import pytest
from pypdf import PdfReader

from forms import oparl, projectfile
from forms.imports import import_file
from forms.model import Anlage, Vorlage
from forms.pdf import render
from tests.conftest import ROOT
from tests.forms.clirun import vorlage as run_cli
from tests.forms.oparl_schema import SCHEMAS
from tests.forms.oparl_schema import assert_valid_paper as _assert_valid

FIXTURES = ROOT / "tests" / "fixtures" / "ratsinfo"
JETZT = dt.datetime(2025, 11, 3, 9, 30, tzinfo=dt.UTC)
OPARL_TYPES = ("Paper", "Consultation", "File", "Organization", "Person")


@pytest.fixture(scope="module")
def pdf_bytes() -> bytes:
    return render(
        projectfile.load(ROOT / "resources/examples/FB_56_0319_WP18.vorlage.json"),
        ausdruck_datum=JETZT.date(),
    )


def _entscheidung() -> Vorlage:
    return import_file(FIXTURES / "entscheidung_bi.txt").vorlage


# -- mapping -----------------------------------------------------------------------------------


def test_example_paper_is_valid_oparl_and_maps_the_grunddaten(example, pdf_bytes):
    paper = oparl.build_paper(example, pdf_bytes, jetzt=JETZT).paper
    _assert_valid(paper)
    assert paper["type"] == "https://schema.oparl.org/1.1/Paper"
    assert paper["reference"] == "FB 56/0319/WP18"
    assert paper["name"] == "Sachstandsbericht zum Kommunalen Integrationsmanagement"
    assert paper["paperType"] == "Kenntnisnahme"
    assert "date" not in paper  # the example has no Datum: nothing invented
    orgs = {o["id"]: o for o in paper["aachen:organisationen"]}
    [federfuehrend] = paper["underDirectionOf"]
    assert orgs[federfuehrend]["name"] == "Fachbereich Wohnen, Soziales und Integration"
    assert orgs[federfuehrend]["shortName"] == "FB 56"
    assert orgs[federfuehrend]["organizationType"] == "Verwaltungsbereich"
    [verfasser] = paper["originatorOrganization"]
    assert orgs[verfasser]["shortName"] == "FB 56/600"
    assert "originatorPerson" not in paper
    [beratung] = paper["consultation"]
    assert orgs[beratung["organization"][0]]["name"] == "Integrationsrat"
    assert (beratung["role"], beratung["authoritative"]) == ("Kenntnisnahme", False)
    assert (beratung["aachen:status"], beratung["aachen:sitzungsdatum"]) == (
        "Erledigt",
        "2023-10-18",
    )


def test_main_file_describes_the_exact_pdf(example, pdf_bytes):
    export = oparl.build_paper(example, pdf_bytes, jetzt=JETZT)
    main = export.paper["mainFile"]
    assert main["fileName"] == "FB_56_0319_WP18.pdf"
    assert main["mimeType"] == "application/pdf"
    assert main["size"] == len(pdf_bytes)
    assert main["sha512Checksum"] == hashlib.sha512(pdf_bytes).hexdigest()
    assert main["accessUrl"].endswith("/dateien/FB_56_0319_WP18.pdf")
    assert export.dateien[0] == ("FB_56_0319_WP18.pdf", pdf_bytes)
    text = PdfReader(io.BytesIO(pdf_bytes)).pages[0].extract_text()
    assert "FB 56/0319/WP18" in text


def test_several_consultations_keep_order_and_only_entscheidung_is_authoritative(pdf_bytes):
    paper = oparl.build_paper(_entscheidung(), pdf_bytes, jetzt=JETZT).paper
    _assert_valid(paper)
    names = {o["id"]: o["name"] for o in paper["aachen:organisationen"]}
    rows = [
        (names[c["organization"][0]], c["role"], c["authoritative"], c["aachen:sitzungsdatum"])
        for c in paper["consultation"]
    ]
    assert rows == [
        ("Bezirksvertretung Aachen-Mitte", "Anhörung/Empfehlung", False, "2025-05-14"),
        ("Ausschuss für Umwelt und Klimaschutz", "Anhörung/Empfehlung", False, "2025-05-06"),
        ("Finanzausschuss", "Kenntnisnahme", False, "2025-06-03"),
        ("Rat der Stadt Aachen", "Entscheidung", True, "2025-06-25"),
    ]
    assert [names[u] for u in paper["aachen:beteiligt"]] == [
        "Fachbereich Finanzsteuerung",
        "Aachener Stadtbetrieb",
    ]


def test_finance_and_klimarelevanz_travel_in_the_extension(pdf_bytes):
    paper = oparl.build_paper(_entscheidung(), pdf_bytes, jetzt=JETZT).paper
    f = paper["aachen:finanzen"]
    assert (f["auswirkungen"], f["haushaltsjahr"]) == (True, 2025)
    assert f["investiv"]["auszahlungen"]["ansatz_fortgeschrieben"] == "540289.51"
    assert f["investiv"]["ergebnis"]["ansatz_fortgeschrieben"] == "-216115.80"
    assert f["investiv"]["veraenderung"] == {"jahr": "43884.20", "ff": "0.00"}
    assert f["investiv"]["deckung_jahr"] == "gegeben"
    assert f["konsumtiv"]["ergebnis"]["ansatz_ff_fortgeschrieben"] == "-39514.48"
    assert paper["aachen:klimarelevanz"] == {
        "klimaschutz": "negativ",
        "co2_effekt": "mittel",
        "anpassung": "positiv",
        "einsparung": None,
        "erhoehung": "mittel",
        "kompensation": "teilweise",
    }
    assert paper["aachen:wahlperiode"] == "WP18"
    assert paper["aachen:status"] == "öffentlich (Vorlage für Öffentlichkeit freigegeben)"


def test_every_property_is_oparl_or_prefixed(example, pdf_bytes):
    paper = oparl.build_paper(example, pdf_bytes, jetzt=JETZT).paper
    known = set(json.loads((SCHEMAS / "Paper.json").read_text(encoding="utf-8"))["properties"])
    assert {k for k in paper if not k.startswith("aachen:")} <= known


def test_anlagen_become_auxiliary_files(tmp_path, pdf_bytes):
    vorlage = _entscheidung()
    (tmp_path / "plan.pdf").write_bytes(b"%PDF-1.4 Lageplan")
    vorlage.anlagen[0].datei = "plan.pdf"
    vorlage.anlagen.append(Anlage(titel="Fehlende Datei", datei="weg.pdf"))
    export = oparl.build_paper(vorlage, pdf_bytes, jetzt=JETZT, projekt_ordner=tmp_path)
    _assert_valid(export.paper)
    first, second, third = export.paper["auxiliaryFile"]
    assert first["name"] == "Lageplan Spielplatz Kaiser-Friedrich-Park"
    assert first["fileName"] == "Anlage_1_plan.pdf"
    assert first["size"] == len(b"%PDF-1.4 Lageplan")
    assert first["sha512Checksum"] == hashlib.sha512(b"%PDF-1.4 Lageplan").hexdigest()
    assert first["mimeType"] == "application/pdf"
    # Without a file only the title is known: no size, checksum or type is invented.
    for unknown in (second, third):
        assert not {"size", "sha512Checksum", "mimeType", "fileName"} & set(unknown)
        assert unknown["accessUrl"] == unknown["id"]
    assert len(export.hinweise) == 2 and "weg.pdf" in export.hinweise[1]
    assert ("Anlage_1_plan.pdf", tmp_path / "plan.pdf") in export.dateien
    (tmp_path / "out").mkdir()
    written = oparl.write_export(export, tmp_path / "out" / "paper.json")
    assert (tmp_path / "out" / "Anlage_1_plan.pdf").read_bytes() == b"%PDF-1.4 Lageplan"
    assert json.loads((tmp_path / "out" / "paper.json").read_text(encoding="utf-8")) == (
        export.paper
    )
    assert len(written) == 3


def test_verfasst_von_as_person_or_organisation(pdf_bytes):
    vorlage = _entscheidung()
    vorlage.grunddaten.verfasst_von = "S 69, Frau Dr. Vankann"
    paper = oparl.build_paper(vorlage, pdf_bytes, jetzt=JETZT).paper
    _assert_valid(paper)
    [person] = paper["aachen:personen"]
    assert paper["originatorPerson"] == [person["id"]]
    assert (person["formOfAddress"], person["name"]) == ("Frau", "Dr. Vankann")
    assert len(paper["originatorOrganization"]) == 1


@pytest.mark.parametrize(
    ("text", "orgs", "persons"),
    [
        ("FB 56/600", ["FB 56/600"], []),
        ("36/001", ["36/001"], []),
        ("FB 61/010, Dez. III", ["FB 61/010", "Dez. III"], []),
        ("Kind, Christoph", [], ["Kind, Christoph"]),
        ("Herr Molls", [], ["Herr Molls"]),
        ("S 69, Frau Dr. Vankann", ["S 69"], ["Frau Dr. Vankann"]),
        ("", [], []),
    ],
)
def test_split_verfasst_von(text, orgs, persons):
    assert oparl.split_verfasst_von(text) == (orgs, persons)


def test_ids_are_deterministic_and_follow_the_base_url(example, pdf_bytes):
    one = oparl.build_paper(example, pdf_bytes, jetzt=JETZT).json()
    two = oparl.build_paper(example, pdf_bytes, jetzt=JETZT).json()
    assert one == two
    paper = json.loads(one)
    assert paper["id"] == "https://vorlagen-assistent.invalid/oparl/aachen/paper/fb-56-0319-wp18"
    other = oparl.build_paper(
        example, pdf_bytes, jetzt=JETZT, basis_url="https://ratsinfo.example.de/oparl/"
    ).paper
    _assert_valid(other)
    assert other["id"] == "https://ratsinfo.example.de/oparl/paper/fb-56-0319-wp18"
    # Every id follows the base; only the extension's schema identifier stays fixed.
    ids = json.dumps({k: v for k, v in other.items() if k != "aachen:erweiterung"})
    assert ".invalid" not in ids


def test_draft_without_number_gets_a_stable_id(pdf_bytes):
    vorlage = _entscheidung()
    vorlage.grunddaten.vorlage_nr = ""
    a = oparl.build_paper(vorlage, pdf_bytes, jetzt=JETZT)
    b = oparl.build_paper(vorlage, pdf_bytes, jetzt=JETZT)
    assert a.paper["id"] == b.paper["id"] and "/paper/entwurf-" in a.paper["id"]
    assert "reference" not in a.paper and a.paper["mainFile"]["fileName"] == "Vorlage-Entwurf.pdf"
    _assert_valid(a.paper)


@pytest.mark.parametrize("basis", ["ftp://x.de/", "https://x.de/ohne-schraegstrich", "urn:x"])
def test_bad_base_url_and_non_pdf_are_refused(example, pdf_bytes, basis):
    with pytest.raises(oparl.OParlExportError, match="Basis-URL"):
        oparl.build_paper(example, pdf_bytes, basis_url=basis)
    with pytest.raises(oparl.OParlExportError, match="kein PDF"):
        oparl.build_paper(example, b"<html>", jetzt=JETZT)


# -- CLI ---------------------------------------------------------------------------------------


def test_cli_oparl_writes_paper_and_pdf(tmp_path, example_path):
    target = tmp_path / "paper.json"
    result = run_cli("oparl", example_path, "-o", target)
    assert result.returncode == 0, result.stderr
    paper = json.loads(target.read_text(encoding="utf-8"))
    _assert_valid(paper)
    pdf = (tmp_path / paper["mainFile"]["fileName"]).read_bytes()
    assert hashlib.sha512(pdf).hexdigest() == paper["mainFile"]["sha512Checksum"]
    assert "FB 56/0319/WP18" in PdfReader(io.BytesIO(pdf)).pages[0].extract_text()


def test_cli_oparl_uses_a_given_pdf(tmp_path, example_path, pdf_bytes):
    given = tmp_path / "schon.pdf"
    given.write_bytes(pdf_bytes)
    out = tmp_path / "aus"
    out.mkdir()
    result = run_cli("oparl", example_path, "-o", out / "paper.json", "--pdf", given)
    assert result.returncode == 0, result.stderr
    assert (out / "FB_56_0319_WP18.pdf").read_bytes() == pdf_bytes


def test_cli_oparl_refuses_drafts_with_errors_unless_entwurf(tmp_path):
    project = tmp_path / "neu.vorlage.json"
    assert run_cli("new", "-o", project).returncode == 0
    target = tmp_path / "paper.json"
    result = run_cli("oparl", project, "-o", target)
    assert result.returncode == 1 and "--entwurf" in result.stderr
    assert "Traceback" not in result.stderr and not target.exists()
    result = run_cli("oparl", project, "-o", target, "--entwurf")
    assert result.returncode == 0, result.stderr
    _assert_valid(json.loads(target.read_text(encoding="utf-8")))


def test_cli_oparl_bad_input(tmp_path):
    result = run_cli("oparl", tmp_path / "fehlt.vorlage.json", "-o", tmp_path / "p.json")
    assert result.returncode == 2 and result.stderr.startswith("Fehler: ")
    bad = tmp_path / "kaputt.vorlage.json"
    bad.write_text("{", encoding="utf-8")
    result = run_cli("oparl", bad, "-o", tmp_path / "p.json")
    assert result.returncode == 2 and "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "breakage",
    [
        lambda p: p.update(type="https://schema.oparl.org/1.0/Paper"),
        lambda p: p.update(id="paper/1"),
        lambda p: p["mainFile"].pop("accessUrl"),
        lambda p: p["consultation"][0].update(authoritative="ja"),
        lambda p: p.update(date="18.10.2023"),
        lambda p: p["aachen:finanzen"]["investiv"]["einzahlungen"].update(ansatz=1.5),
        lambda p: p["aachen:klimarelevanz"].update(klimaschutz="sehr positiv"),
    ],
)
def test_the_schemas_catch_broken_papers(example, pdf_bytes, breakage):
    # The validation above is only worth something if it rejects what OParl forbids.
    paper = oparl.build_paper(example, pdf_bytes, jetzt=JETZT).paper
    breakage(paper)
    with pytest.raises(AssertionError):
        _assert_valid(paper)


def test_nichtoeffentliche_vorlage_is_exported_with_a_warning(example, pdf_bytes):
    example.grunddaten.status.sichtbarkeit = "nichtöffentlich"
    export = oparl.build_paper(example, pdf_bytes, jetzt=JETZT)
    assert export.paper["aachen:status"].startswith("nichtöffentlich")
    assert any("nichtöffentlich" in h for h in export.hinweise)
