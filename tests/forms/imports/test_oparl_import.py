"""Import of an OParl Paper (forms/imports/oparl.py): our own export comes back as the same
project (property test), a Paper of another council system is read from its OParl fields, and
broken or hostile JSON ends in a German message."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from forms import oparl, projectfile
from forms.imports import VorlageImportError, import_file, import_text
from forms.model import Anlage, Beratung, BeratungStatus, Vorlage
from tests.conftest import EXAMPLE, ROOT
from tests.forms.imports.samples import rich_vorlage
from tests.forms.strategies import vorlagen

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "oparl"
JETZT = dt.datetime(2025, 11, 3, 9, 30, tzinfo=dt.UTC)
PDF = b"%PDF-1.7\n%%EOF\n"
MUSTERSTADT = ROOT / "resources" / "examples" / "V-2026-0042.vorlage.json"


def _without_files(vorlage: Vorlage) -> Vorlage:
    """What the export carries: everything but local Anlage paths."""
    copy = vorlage.model_copy(deep=True)
    for anlage in copy.anlagen:
        anlage.datei = None
    return copy


def test_example_export_reimports_to_the_same_project() -> None:
    vorlage = projectfile.load(EXAMPLE)
    paper = oparl.build_paper(vorlage, PDF, jetzt=JETZT).json()
    result = import_text(paper)
    assert result.quelle == "OParl"
    assert result.vorlage == vorlage
    assert not result.bericht.nicht_gelesen


@settings(
    max_examples=60, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)
@given(vorlagen(max_rows=5))
def test_any_exported_project_reimports_equal(vorlage: Vorlage) -> None:
    export = oparl.build_paper(vorlage, PDF, jetzt=JETZT)
    result = import_text(export.json())
    assert result.vorlage == _without_files(vorlage)


def test_export_file_reimports_through_import_file(tmp_path: Path) -> None:
    vorlage = projectfile.load(EXAMPLE)
    export = oparl.build_paper(vorlage, PDF, jetzt=JETZT)
    oparl.write_export(export, tmp_path / "paper.json")
    assert import_file(tmp_path / "paper.json").vorlage == vorlage


def test_oparl_fields_win_over_the_extension_when_the_council_system_edited_them() -> None:
    vorlage = projectfile.load(EXAMPLE)
    paper = oparl.build_paper(vorlage, PDF, jetzt=JETZT).paper
    paper["reference"] = "FB 56/0320/WP18"
    paper["name"] = "Neuer Betreff"
    result = import_text(json.dumps(paper))
    g = result.vorlage.grunddaten
    assert (g.vorlage_nr, g.betreff) == ("FB 56/0320/WP18", "Neuer Betreff")
    assert sum("weicht von der Erweiterung" in h for h in result.bericht.hinweise) == 2


# -- a Paper from another council system (own fixture, no extension) -------------------------


def test_foreign_list_page_with_objects_beside_the_paper() -> None:
    result = import_file(FIXTURES / "ris_liste.json")
    v, bericht = result.vorlage, result.bericht
    g = v.grunddaten
    assert g.betreff == "Umgestaltung des Spielplatzes am Lindenweg"
    assert g.vorlage_nr == "FB 36/0815/WP18"
    assert g.vorlageart == "Entscheidungsvorlage"
    assert g.datum == dt.date(2025, 3, 4)
    assert (g.federfuehrend.kuerzel, g.federfuehrend.name) == (
        "FB 36",
        "Fachbereich Klima und Umwelt",
    )
    assert g.verfasst_von == "FB 36/300, Muster, Erika"
    rows = [(b.gremium, b.rolle, b.datum) for b in v.beratungsfolge]
    assert rows == [
        ("Bezirksvertretung Aachen-Mitte", "Anhörung/Empfehlung", dt.date(2025, 3, 19)),
        ("Rat der Stadt Aachen", "Entscheidung", None),
    ]
    # OParl has no status for a consultation: the default is named as such.
    assert all(b.status == BeratungStatus.GEPLANT for b in v.beratungsfolge)
    assert sum("nur die Vorgabe" in h for h in bericht.hinweise) == 2
    assert [a.titel for a in v.anlagen] == ["Lageplan", "Kostenschätzung"]
    assert all(a.datei is None for a in v.anlagen)
    # Not in OParl: reported, never invented.
    assert any("Finanzielle Auswirkungen" in m for m in bericht.nicht_gelesen)
    assert any("Klimarelevanz" in m for m in bericht.nicht_gelesen)
    assert any("Status" in h and "Vorgabe" in h for h in bericht.hinweise)
    assert "grunddaten.status" not in bericht.gefuellt
    assert v.finanzen.auswirkungen is None


def test_embedded_paper_with_unknown_references(tmp_path: Path) -> None:
    paper = {
        "id": "https://ris.example.de/oparl/paper/1",
        "type": "https://schema.oparl.org/1.0/Paper",
        "name": "Nur Adressen",
        "underDirectionOf": ["https://ris.example.de/oparl/organization/9"],
        "consultation": ["https://ris.example.de/oparl/consultation/1"],
    }
    result = import_text(json.dumps(paper))
    missing = "\n".join(result.bericht.nicht_gelesen)
    assert "nur ihre Adresse" in missing and "nur als Adresse" in missing
    assert "Vorlageart" in missing and result.vorlage.grunddaten.vorlageart == ""


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"type": "https://schema.oparl.org/1.1/Paper", ', "kein gültiges JSON"),
        ('{"type": "https://schema.oparl.org/1.1/Body", "id": "x"}', "keine OParl-Drucksache"),
        ("[" * 50 + '{"type": "https://schema.oparl.org/1.1/Paper"}' + "]" * 50, "verschachtelt"),
        ("[" * 100_000 + "]" * 100_000 + '"https://schema.oparl.org/" "type"', "verschachtelt"),
    ],
    ids=["cut-off", "no-paper", "deep", "very-deep"],
)
def test_broken_oparl_json_gives_a_german_message(text: str, message: str) -> None:
    with pytest.raises(VorlageImportError, match=message):
        import_text(text)


def test_values_the_model_refuses_end_in_the_report() -> None:
    vorlage = projectfile.load(EXAMPLE)
    paper = oparl.build_paper(vorlage, PDF, jetzt=JETZT).paper
    paper["aachen:finanzen"]["haushaltsjahr"] = 2201
    paper["aachen:finanzen"]["investiv"]["einzahlungen"]["ansatz"] = "-5"
    paper["aachen:klimarelevanz"]["klimaschutz"] = "sehr gut"
    paper["date"] = "2025-02-31"
    paper["aachen:grunddaten"]["betreff"] = 5
    result = import_text(json.dumps(paper))
    missing = "\n".join(result.bericht.nicht_gelesen)
    assert "Haushaltsjahr" in missing and "2201" in missing
    assert "Einzahlungen" in missing
    assert "Klimaschutz" in missing
    assert "Datum" in missing and "Kalender" in missing
    assert result.vorlage.grunddaten.betreff == vorlage.grunddaten.betreff


def test_main_file_text_fills_the_texts_oparl_has_no_field_for() -> None:
    paper = json.loads((FIXTURES / "ris_liste.json").read_text(encoding="utf-8"))
    copied = (FIXTURES.parent / "pdf" / "kopiert_sammeldokument.txt").read_text(encoding="utf-8")
    paper["data"][0]["mainFile"]["text"] = copied
    result = import_text(json.dumps(paper))
    v = result.vorlage
    assert v.beschlussvorschlag.startswith("Der Schulausschuss empfiehlt dem Rat")
    assert v.erlaeuterungen.startswith("Die Zahl der angemeldeten Kinder")
    # The Paper's own fields win; the text only fills what OParl lacks.
    assert v.grunddaten.betreff == "Umgestaltung des Spielplatzes am Lindenweg"
    assert any("Hauptdatei" in h for h in result.bericht.hinweise)


def test_long_export_reimports_equal() -> None:
    vorlage = rich_vorlage()
    vorlage.erlaeuterungen = "\n\n".join([vorlage.erlaeuterungen] * 40)
    vorlage.beratungsfolge = [
        Beratung(status=status, datum=dt.date(2025, 1 + i % 12, 1 + i), gremium=f"Gremium {i}")
        for i, status in enumerate(["Erledigt", "vertagt", "Geplant", "abgesetzt"] * 6)
    ]
    vorlage.anlagen = [Anlage(titel=f"Anlage zum Punkt {i}") for i in range(1, 31)]
    result = import_text(oparl.build_paper(vorlage, PDF, jetzt=JETZT).json())
    assert result.vorlage == vorlage
    assert not result.bericht.nicht_gelesen


def test_another_profiles_extension_namespace_reimports_equal() -> None:
    vorlage = projectfile.load(MUSTERSTADT)
    paper = oparl.build_paper(vorlage, PDF, jetzt=JETZT).paper
    assert "musterstadt:erweiterung" in paper and not any(k.startswith("aachen:") for k in paper)
    result = import_text(json.dumps(paper))
    assert result.vorlage == _without_files(vorlage)


# -- embedded objects and `authoritative` (own fixture, built here) ------------------------------

_RIS = "https://ris.beispiel.invalid/oparl/"


def _organization(key: str, name: str, short: str = "") -> dict[str, object]:
    org: dict[str, object] = {
        "id": f"{_RIS}organization/{key}",
        "type": "https://schema.oparl.org/1.1/Organization",
        "name": name,
    }
    if short:
        org["shortName"] = short
    return org


def test_embedded_consultations_and_organizations() -> None:
    paper = {
        "id": f"{_RIS}paper/5",
        "type": "https://schema.oparl.org/1.1/Paper",
        "name": "Neue Sitzbänke im Stadtpark",
        "reference": "FB 36/0900/WP18",
        "paperType": "Entscheidungsvorlage",
        "underDirectionOf": [_organization("36", "Fachbereich Klima und Umwelt", "FB 36")],
        "originatorOrganization": [_organization("36300", "Abteilung Grün", "FB 36/300")],
        "consultation": [
            {
                "id": f"{_RIS}consultation/51",
                "type": "https://schema.oparl.org/1.1/Consultation",
                "organization": [_organization("bv1", "Bezirksvertretung Aachen-Mitte")],
                "meeting": {
                    "id": f"{_RIS}meeting/9",
                    "type": "https://schema.oparl.org/1.1/Meeting",
                    "start": "2025-04-02T17:00:00+02:00",
                },
                "role": "Anhörung/Empfehlung",
                "authoritative": False,
            },
            {
                # No role: the deciding consultation says so only with `authoritative`.
                "id": f"{_RIS}consultation/52",
                "type": "https://schema.oparl.org/1.1/Consultation",
                "organization": [_organization("rat", "Rat der Stadt Aachen")],
                "authoritative": True,
            },
            {
                "id": f"{_RIS}consultation/53",
                "type": "https://schema.oparl.org/1.1/Consultation",
                "organization": [_organization("fa", "Finanzausschuss")],
                "authoritative": False,
            },
        ],
        "auxiliaryFile": [
            {"id": f"{_RIS}file/1", "type": "https://schema.oparl.org/1.1/File", "name": "Plan"}
        ],
    }
    result = import_text(json.dumps(paper))
    v = result.vorlage
    assert v.grunddaten.federfuehrend.anzeige() == "FB 36 - Fachbereich Klima und Umwelt"
    assert v.grunddaten.verfasst_von == "FB 36/300"
    rows = [(b.gremium, b.rolle, b.datum) for b in v.beratungsfolge]
    assert rows == [
        ("Bezirksvertretung Aachen-Mitte", "Anhörung/Empfehlung", dt.date(2025, 4, 2)),
        ("Rat der Stadt Aachen", "Entscheidung", None),
        ("Finanzausschuss", "", None),  # nothing invented for a consultation that does not decide
    ]
    assert any("Zeile 2" in h and "authoritative" in h for h in result.bericht.hinweise)
    assert not any("Zeile 3" in h and "authoritative" in h for h in result.bericht.hinweise)
    assert [a.titel for a in v.anlagen] == ["Plan"]
    assert not any("Adresse" in m for m in result.bericht.nicht_gelesen)
