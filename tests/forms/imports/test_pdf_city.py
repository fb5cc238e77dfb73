"""The city's printed layout (own fixtures, tests/fixtures/pdf/city_layout.py): label column,
"Ziele:", three-column Beratungsfolge and the older TOP/Kompetenz table, signature, a footer in
three parts, a finance table running over two pages with wrapped header cells, and cut-off
files."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from forms import projectfile
from forms.imports import VorlageImportError
from forms.imports import pdf as pdf_import
from forms.model import BeratungStatus, Deckung, Sichtbarkeit
from tests.fixtures.pdf import city_layout


@pytest.fixture(scope="module")
def result():
    return pdf_import.parse(city_layout.build(), source="„Sammeldokument.pdf“")


def test_label_column_and_betreff(result) -> None:
    g = result.vorlage.grunddaten
    assert (g.federfuehrend.kuerzel, g.federfuehrend.name) == (
        "FB 36",
        "Fachbereich Klima und Umwelt",
    )
    assert [d.anzeige() for d in g.beteiligt] == [
        "FB 20 - Fachbereich Finanzsteuerung",
        "FB 61 - Fachbereich Stadtentwicklung",
    ]
    assert g.vorlage_nr == "FB 36/0456/WP17"
    assert g.datum == dt.date(2019, 3, 12) and g.verfasst_von == "FB 36/300"
    assert g.aktenzeichen == ""
    assert g.betreff == (
        "Neugestaltung des Spielplatzes am Lindenweg und Ergänzung der Beleuchtung"
    )
    # "Ziele:" has no field: reported, not glued to the Betreff.
    assert any("Ziele: Klimarelevanz keine" in h for h in result.bericht.hinweise)
    # The city's sheet does not print the Vorlageart: empty and said so, not "Kenntnisnahme".
    assert g.vorlageart == "" and "Vorlageart nicht gefunden." in result.bericht.nicht_gelesen


def test_beratungsfolge_three_columns_without_status(result) -> None:
    rows = [(b.datum, b.gremium, b.rolle, b.status) for b in result.vorlage.beratungsfolge]
    assert rows == [
        (
            dt.date(2019, 3, 27),
            "Bezirksvertretung Aachen-Mitte",
            "Anhörung/Empfehlung",
            BeratungStatus.GEPLANT,
        ),
        (dt.date(2019, 4, 10), "Rat der Stadt Aachen", "Entscheidung", BeratungStatus.GEPLANT),
    ]
    assert sum("nur die Vorgabe" in h for h in result.bericht.hinweise) == 2


def test_old_top_kompetenz_table() -> None:
    v = pdf_import.parse(city_layout.build(old_beratungsfolge=True)).vorlage
    assert [(b.gremium, b.rolle) for b in v.beratungsfolge] == [
        ("Bezirksvertretung Aachen-Mitte", "Anhörung/Empfehlung"),
        ("Rat der Stadt Aachen", "Entscheidung"),
    ]
    # The Datum column is read, the TOP number ("Ö 4") goes into no field.
    assert [b.datum for b in v.beratungsfolge] == [dt.date(2019, 3, 27), dt.date(2019, 4, 10)]
    assert "Ö 4" not in projectfile.dumps(v) and "Ö 12" not in projectfile.dumps(v)


def test_status_az_verfasser_in_and_the_nein_mark() -> None:
    data = city_layout.build(az="36/300-12", verfasser="Verfasser/in:", mark="NEIN")
    result = pdf_import.parse(data)
    g = result.vorlage.grunddaten
    assert (g.status.sichtbarkeit, g.status.workflow) == (Sichtbarkeit.OEFFENTLICH, "")
    assert "grunddaten.status" in result.bericht.gefuellt
    assert g.aktenzeichen == "36/300-12" and g.verfasst_von == "FB 36/300"
    assert result.vorlage.finanzen.auswirkungen is False  # the "x" under NEIN
    assert "finanzen.auswirkungen" in result.bericht.gefuellt


def test_the_whole_older_file_is_not_called_incomplete(result) -> None:
    # It ends after Anlage/n, without a Klimarelevanz block (older than that block).
    assert not any("vollständig" in h for h in result.bericht.hinweise)


@pytest.mark.parametrize("line", ["keine", "1. keine", "–", "1. entfällt", "(keine Anlagen)"])
def test_a_placeholder_under_anlagen_is_not_an_anlage(line: str) -> None:
    result = pdf_import.parse(city_layout.build(anlagen=(line,)))
    assert result.vorlage.anlagen == []
    assert any("Platzhalter" in h for h in result.bericht.hinweise)
    assert not any("Anlage" in m for m in result.bericht.nicht_gelesen)


def test_a_numbered_placeholder_beside_a_real_anlage() -> None:
    result = pdf_import.parse(city_layout.build(anlagen=("1. entfällt", "2. Lageplan")))
    assert [a.titel for a in result.vorlage.anlagen] == ["Lageplan"]
    assert any("„entfällt“ ist ein Platzhalter" in h for h in result.bericht.hinweise)


def test_a_scanned_pdf_without_text_is_refused_in_german() -> None:
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=A4)
    canvas.rect(50, 50, 400, 700, fill=1)  # a page that is only a picture
    canvas.showPage()
    canvas.save()
    with pytest.raises(VorlageImportError, match=r"keinen Text \(ein eingescanntes"):
        pdf_import.parse(out.getvalue(), source="„scan.pdf“")


def test_beschlussvorschlag_signature_and_footer_do_not_mix(result) -> None:
    v = result.vorlage
    assert v.beschlussvorschlag == (
        "Die Bezirksvertretung Aachen-Mitte empfiehlt dem Rat, die Neugestaltung des "
        "Spielplatzes wie in der Vorlage dargestellt zu beschließen.\n\n"
        "Der Rat beschließt die Neugestaltung."
    )
    assert v.grunddaten.unterschrift == "Sibylle Keupen\nOberbürgermeisterin"
    text = projectfile.dumps(v)
    for furniture in ("Ausdruck vom", "Seite: ", "WP17 der Stadt Aachen"):
        assert furniture not in text


def test_finance_box_and_tables_over_two_pages(result) -> None:
    f = result.vorlage.finanzen
    assert f.auswirkungen is True
    assert f.haushaltsjahr == 2019  # from "Fortgeschrieb-/ener Ansatz 2019" and "Ansatz 2019"
    assert f.investiv.auszahlungen.ansatz_fortgeschrieben == Decimal("260000.50")
    assert f.investiv.auszahlungen.neu == Decimal("520000.50")
    assert f.investiv.einzahlungen.ansatz == Decimal("12000")
    assert (f.investiv.deckung_jahr, f.investiv.deckung_ff) == (
        Deckung.GEGEBEN,
        Deckung.NICHT_ANGEGEBEN,
    )
    # Personal-/Sachaufwand and Abschreibungen are on page 3, after the page-2 footer.
    assert f.konsumtiv.personal_sachaufwand.ansatz == Decimal("1500")
    assert f.konsumtiv.personal_sachaufwand.neu == Decimal("1500")
    assert f.konsumtiv.deckung_jahr is Deckung.NICHT_AUSREICHEND
    assert not [m for m in result.bericht.nicht_gelesen if "Finanz" in m]


def test_erlaeuterungen_and_anlagen(result) -> None:
    v = result.vorlage
    assert v.erlaeuterungen == (
        "Der Spielplatz am Lindenweg wurde 1998 angelegt. Die Geräte sind abgängig und müssen "
        "ersetzt werden.\n\nVorgesehen sind:\n\n- eine Seilbahn\n- ein Wasserspielbereich"
    )
    assert [a.titel for a in v.anlagen] == ["Lageplan", "Kostenschätzung"]


def test_file_with_only_the_first_page_says_it_is_incomplete() -> None:
    result = pdf_import.parse(city_layout.first_page_only())
    assert result.vorlage.grunddaten.vorlage_nr == "FB 36/0456/WP17"
    assert result.vorlage.grunddaten.unterschrift == "Sibylle Keupen\nOberbürgermeisterin"
    assert any("nicht vollständig" in h for h in result.bericht.hinweise)
    assert any("Finanzielle Auswirkungen" in m for m in result.bericht.nicht_gelesen)


@pytest.mark.parametrize("fraction", [0.0, 0.1, 0.35, 0.6, 0.9, 0.99])
def test_cut_off_bytes_give_a_german_message_or_a_partial_draft(fraction: float) -> None:
    data = city_layout.build()
    cut = data[: int(len(data) * fraction)]
    try:
        result = pdf_import.parse(cut, source="„abgeschnitten.pdf“")
    except VorlageImportError as exc:
        assert "abgeschnitten.pdf" in str(exc) and "Error" not in str(exc)
    else:
        assert result.vorlage.grunddaten.vorlage_nr in ("", "FB 36/0456/WP17")


def test_cli_import_of_a_cut_off_pdf_prints_only_german(tmp_path) -> None:
    from tests.forms.clirun import vorlage as cli

    source = tmp_path / "abgeschnitten.pdf"
    data = city_layout.build()
    source.write_bytes(data[: len(data) // 2])
    result = cli("import", source, "-o", tmp_path / "x.vorlage.json")
    assert result.returncode == 2
    assert result.stderr.startswith("Fehler: „abgeschnitten.pdf“ ist kein lesbares PDF")
    assert "EOF" not in result.stderr and "Traceback" not in result.stderr
