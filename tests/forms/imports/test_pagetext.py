"""Import from the page text of the council information system (forms/imports/pagetext.py)."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from forms import projectfile
from forms.imports import ImportErgebnis, VorlageImportError, import_file, pagetext
from forms.markdown import parser, plain_text
from forms.model import BeratungStatus, Deckung
from forms.rules import problems
from tests.conftest import EXAMPLE, SEED

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "ratsinfo"


def _load(name: str) -> ImportErgebnis:
    return import_file(FIXTURES / name)


def _roundtrip(vorlage):
    """Through the project file, as the CLI and the wizard store it."""
    return projectfile.loads(projectfile.dumps(vorlage))


# -- the seed ----------------------------------------------------------------------------------


def test_seed_imports_to_the_example_project():
    result = import_file(SEED)
    assert _roundtrip(result.vorlage) == projectfile.load(EXAMPLE)


def test_seed_report_names_filled_fields_and_missing_sections():
    bericht = import_file(SEED).bericht
    for path in (
        "grunddaten.betreff",
        "grunddaten.federfuehrend",
        "beratungsfolge",
        "erlaeuterungen",
        "finanzen.auswirkungen",
        "klimarelevanz.klimaschutz",
        "klimarelevanz.kompensation",
    ):
        assert path in bericht.gefuellt
    # Absent on the page, so neither filled nor invented.
    assert "beschlussvorschlag" not in bericht.gefuellt
    assert "grunddaten.beteiligt" not in bericht.gefuellt
    assert "klimarelevanz.einsparung" not in bericht.gefuellt
    assert bericht.nicht_gelesen == []
    text = bericht.text()
    assert "Beschlussvorschlag" in text and "Anlagen" in text and "20xx" in text


def test_seed_erlaeuterungen_render_as_nine_literal_paragraphs():
    vorlage = import_file(SEED).vorlage
    html = parser().render(vorlage.erlaeuterungen)
    # One paragraph per line of the page, except where a sentence goes on in lower case on the
    # next line: "… Erkenntnisse für die Systemebene zu generieren," / "mit dem Ziel, …".
    assert html.count("<p>") == 9
    assert "zu generieren, mit dem Ziel, Versorgungslücken zu identifizieren" in html
    assert "Akteur*innen" in html and "<em>" not in html
    assert "Erläuterungen:" not in vorlage.erlaeuterungen


# -- variants ----------------------------------------------------------------------------------


def test_entscheidungsvorlage_with_several_rows_keeps_page_order():
    v = _load("entscheidung_bi.txt").vorlage
    assert v.grunddaten.vorlageart == "Entscheidungsvorlage"
    assert v.grunddaten.betreff == (
        "Umgestaltung des Spielplatzes Kaiser-Friedrich-Park; hier: Ausführungsbeschluss"
    )
    assert [d.kuerzel for d in v.grunddaten.beteiligt] == ["FB 20", "E 18"]
    assert v.grunddaten.beteiligt[1].name == "Aachener Stadtbetrieb"
    rows = [(r.status, r.datum, r.gremium, r.rolle) for r in v.beratungsfolge]
    assert rows == [
        (
            BeratungStatus.ERLEDIGT,
            dt.date(2025, 5, 14),
            "Bezirksvertretung Aachen-Mitte",
            "Anhörung/Empfehlung",
        ),
        (
            BeratungStatus.ERLEDIGT,
            dt.date(2025, 5, 6),
            "Ausschuss für Umwelt und Klimaschutz",
            "Anhörung/Empfehlung",
        ),
        (BeratungStatus.GEPLANT, dt.date(2025, 6, 3), "Finanzausschuss", "Kenntnisnahme"),
        (BeratungStatus.GEPLANT, dt.date(2025, 6, 25), "Rat der Stadt Aachen", "Entscheidung"),
    ]
    assert v.beschlussvorschlag.count("\n\n") == 3
    assert [a.titel for a in v.anlagen] == [
        "Lageplan Spielplatz Kaiser-Friedrich-Park",
        "Kostenschätzung und Förderbescheid",
    ]


def test_erlaeuterungen_keep_lists_and_literal_text():
    v = _load("entscheidung_bi.txt").vorlage
    html = parser().render(v.erlaeuterungen)
    # A lone "1. Ausgangslage" is a numbered sub-heading, not a one-item list.
    assert "<p>1. Ausgangslage</p>" in html and "<p>2. Planung</p>" in html
    assert html.count("<ol>") == 1 and html.count("<ul>") == 1
    assert "<li>Neubau der Spielfläche im Frühjahr 2026</li>" in html
    assert "<li>mehr Schatten durch Bäume &amp; Sonnensegel</li>" in html
    assert "Bürger*innen und Akteur*innen" in html and "<em>" not in html
    # The sentence the page breaks after "gefördert," is one paragraph.
    assert "zu 60 % gefördert, der Eigenanteil ist im Haushalt 2025 veranschlagt" in html


def test_finance_amounts_year_deckung_and_ja():
    result = _load("entscheidung_bi.txt")
    f = result.vorlage.finanzen
    assert f.auswirkungen is True
    assert f.haushaltsjahr == 2025
    assert f.investiv.auszahlungen.ansatz == Decimal("260000")
    assert f.investiv.auszahlungen.ansatz_fortgeschrieben == Decimal("540289.51")
    assert f.investiv.einzahlungen.neu == Decimal("324173.71")
    assert f.konsumtiv.abschreibungen.ansatz_ff_fortgeschrieben == Decimal("27014.48")
    assert (f.investiv.deckung_jahr, f.investiv.deckung_ff) == (
        Deckung.GEGEBEN,
        Deckung.NICHT_ANGEGEBEN,
    )
    assert f.konsumtiv.deckung_ff == Deckung.NICHT_AUSREICHEND
    assert f.investiv.veraenderung().jahr == Decimal("43884.20")
    # The page's konsumtive Ergebnis (0) contradicts its own rows: said, then recomputed.
    assert any("weicht von der Berechnung ab" in h for h in result.bericht.hinweise)


def test_klimarelevanz_marks_by_column_and_row():
    result = _load("entscheidung_bi.txt")
    k = result.vorlage.klimarelevanz
    assert (k.klimaschutz, k.co2_effekt, k.anpassung) == ("negativ", "mittel", "positiv")
    assert (k.einsparung, k.erhoehung, k.kompensation) == (None, "mittel", "teilweise")
    assert "klimarelevanz.einsparung" not in result.bericht.gefuellt


def test_public_layout_geplant_rows_and_old_finance_sentence():
    result = _load("public_geplant.txt")
    v = result.vorlage
    # The breadcrumb "Vorlage - FB 61/…" is not taken for the Vorlageart.
    assert v.grunddaten.vorlageart == "Kenntnisnahme"
    assert v.grunddaten.vorlage_nr == "FB 61/0588/WP18"
    assert v.grunddaten.verfasst_von == "Kind, Christoph"
    assert [(r.status, r.datum, r.gremium, r.rolle) for r in v.beratungsfolge] == [
        (BeratungStatus.GEPLANT, None, "Mobilitätsausschuss", "Kenntnisnahme"),
        (BeratungStatus.GEPLANT, None, "Rat der Stadt Aachen", ""),
    ]
    assert v.finanzen.auswirkungen is False
    assert v.erlaeuterungen.endswith("\n\n- Die Verwaltung berichtet halbjährlich.")
    # No Klimarelevanz on the page: nothing invented, the strict check reports it.
    assert v.klimarelevanz.klimaschutz is None
    fields = {p.field for p in problems(v)}
    assert {"klimarelevanz.klimaschutz", "klimarelevanz.anpassung"} <= fields
    assert any("Klimarelevanz" in m for m in result.bericht.nicht_gelesen)


def test_print_view_without_grunddaten_and_with_reduzieren_lines():
    result = _load("druckansicht.txt")
    v = result.vorlage
    assert v.grunddaten.vorlage_nr == "FB 45/0611/WP18"
    assert v.grunddaten.betreff == "" and v.grunddaten.federfuehrend.anzeige() == ""
    assert v.beratungsfolge == []
    assert "Reduzieren" not in v.erlaeuterungen + v.beschlussvorschlag
    assert v.finanzen.auswirkungen is False
    assert v.klimarelevanz.klimaschutz == "nicht eindeutig"
    assert v.klimarelevanz.kompensation is None
    missing = " ".join(result.bericht.nicht_gelesen)
    assert "Grunddaten" in missing and "Beratungsfolge" in missing and "Kompensation" in missing
    fields = {p.field for p in problems(v)}
    assert {"grunddaten.betreff", "grunddaten.federfuehrend", "beratungsfolge"} <= fields


def test_cut_off_page_imports_what_is_there_and_says_so():
    result = _load("abgeschnitten.txt")
    v = result.vorlage
    assert v.grunddaten.federfuehrend.kuerzel == "E 26"
    assert v.beratungsfolge[0].gremium == "Betriebsausschuss Gebäudemanagement"
    assert v.erlaeuterungen.startswith("Die Turnhalle wurde 1972 errichtet.")
    assert v.finanzen.auswirkungen is None
    assert v.klimarelevanz.model_dump() == dict.fromkeys(v.klimarelevanz.model_dump())
    assert any("endet mit dem Abschnitt „Erläuterungen“" in h for h in result.bericht.hinweise)
    assert any("Finanzielle Auswirkungen" in m for m in result.bericht.nicht_gelesen)


@pytest.mark.parametrize(
    "text",
    ["", "Hallo Welt\nDies ist eine Einkaufsliste.", "\x00\x01binär"],
)
def test_text_that_is_no_vorlage_page_is_refused(text):
    with pytest.raises(VorlageImportError, match="sieht nicht wie eine Vorlage"):
        pagetext.parse(text)


def test_two_marks_in_one_question_fill_nothing():
    page = SEED.read_text(encoding="utf-8").replace(
        "keine | positiv | negativ | nicht eindeutig |\nx |\n|\n|\n|",
        "keine | positiv | negativ | nicht eindeutig |\nx |\nx |\n|\n|",
    )
    result = pagetext.parse(page)
    assert result.vorlage.klimarelevanz.anpassung is None
    assert any("mehrere Kreuze" in m for m in result.bericht.nicht_gelesen)


def test_mark_in_unlabelled_column_is_not_guessed():
    page = SEED.read_text(encoding="utf-8").replace(
        "positiv | negativ | nicht eindeutig | |\nx |\n|\n|\n|",
        "positiv | negativ | nicht eindeutig | |\n|\n|\n|\nx |",
    )
    result = pagetext.parse(page)
    assert result.vorlage.klimarelevanz.klimaschutz is None
    assert any("unbeschrifteten Spalte" in m for m in result.bericht.nicht_gelesen)


def test_crlf_and_cp1252_pages(tmp_path):
    page = SEED.read_text(encoding="utf-8").replace("\n", "\r\n")
    path = tmp_path / "seite.txt"
    path.write_bytes(page.encode("cp1252", errors="replace"))
    assert _roundtrip(import_file(path).vorlage) == projectfile.load(EXAMPLE)


# -- Markdown ---------------------------------------------------------------------------------

_LINE = (
    st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), max_size=50)
    .filter(lambda x: not re.match(r"^\s*([-•◦–*·▪]\s|\d{1,3}[.)]\s)", x))
    # A line going on in lower case, or a lone "€", continues the sentence before it
    # (tests/forms/imports/test_pagetext_rules.py); these lines each start a paragraph.
    .filter(lambda x: not x.strip()[:1].islower())
    .filter(lambda x: not re.fullmatch(r"\s*(€|EUR|%|Euro)[.,;]?\s*", x))
)


@settings(max_examples=150, deadline=None)
@given(st.lists(_LINE, max_size=5))
# A line equal to an earlier section's heading is text of Erläuterungen, not a new section.
@example(lines=["Grunddaten"])
@example(lines=["Beratungsfolge", "Beschlussvorschlag"])
def test_erlaeuterungen_text_reads_back_line_for_line(lines):
    # Ordinary lines (no list markers, no lower-case continuation): each becomes a paragraph
    # that reads back literally.
    page = "Titel - FB 1/0001/WP18\nErläuterungen\n" + "\n".join(lines) + "\n"
    cleaned = [" ".join(x.split()) for x in lines if x.split()]
    cleaned = [x for x in cleaned if x not in pagetext.NOISE]
    if cleaned and re.fullmatch(r"Erläuterungen\s*:?", cleaned[0]):
        cleaned = cleaned[1:]
    vorlage = pagetext.parse(page).vorlage
    assert plain_text(vorlage.erlaeuterungen) == "\n".join(cleaned)


# -- Klimarelevanz: every column and every row -------------------------------------------------

_K1_HEADER = "positiv | negativ | nicht eindeutig | |"
_K2_HEADER = "gering | mittel | groß | nicht ermittelbar |"
_A1_HEADER = "keine | positiv | negativ | nicht eindeutig |"


def _row(columns: int, marked: int, style: str) -> str:
    """A data row of the page's table with an "x" in column `marked`, in two line styles the
    browser produces: one cell per line ("x |", "|"), or the mark sharing a line ("| x |")."""
    if style == "lines":
        return "\n".join("x |" if i == marked else "|" for i in range(columns))
    before = "\n".join("|" for _ in range(marked))
    after = "\n".join("|" for _ in range(columns - marked - 1))
    return "\n".join(x for x in (before + " x |" if before else "x |", after) if x)


def _seed_with(old_header: str, old_row: str, new_row: str) -> str:
    page = SEED.read_text(encoding="utf-8")
    old = f"{old_header}\n{old_row}"
    assert old in page
    return page.replace(old, f"{old_header}\n{new_row}", 1)


@pytest.mark.parametrize("style", ["lines", "shared"])
@pytest.mark.parametrize(
    ("header", "seed_row", "field", "options"),
    [
        (_K1_HEADER, "x |\n|\n|\n|", "klimaschutz", ["positiv", "negativ", "nicht eindeutig"]),
        (
            _K2_HEADER,
            "|\n|\n| x |",
            "co2_effekt",
            ["gering", "mittel", "groß", "nicht ermittelbar"],
        ),
    ],
)
def test_the_column_of_the_mark_decides(style, header, seed_row, field, options):
    for column, option in enumerate(options):
        page = _seed_with(header, seed_row, _row(4, column, style))
        result = pagetext.parse(page)
        assert getattr(result.vorlage.klimarelevanz, field) == option, (column, style)


@pytest.mark.parametrize("column", range(4))
def test_anpassung_columns(column):
    # A1 follows K2 in the page; replace the row after its own header only.
    page = SEED.read_text(encoding="utf-8")
    head, _, tail = page.partition(f"{_A1_HEADER}\nx |\n|\n|\n|")
    page = f"{head}{_A1_HEADER}\n{_row(4, column, 'lines')}{tail}"
    options = ["keine", "positiv", "negativ", "nicht eindeutig"]
    assert pagetext.parse(page).vorlage.klimarelevanz.anpassung == options[column]


@pytest.mark.parametrize(
    ("label", "option"),
    [
        ("vollständig", "vollständig"),
        ("überwiegend (50% - 99%)", "überwiegend"),
        ("teilweise (1% - 49 %)", "teilweise"),
        ("nicht", "nicht"),
        ("nicht bekannt", "nicht bekannt"),
    ],
)
def test_kompensation_row_of_the_mark_decides(label, option):
    page = SEED.read_text(encoding="utf-8")
    page = page.replace("| x |\n| nicht bekannt |", "|\n|\n| nicht bekannt |")
    page = page.replace(f"|\n|\n| {label} |", f"|\n| x |\n| {label} |", 1)
    assert pagetext.parse(page).vorlage.klimarelevanz.kompensation == option


@pytest.mark.parametrize("band", ["gering", "mittel", "groß"])
def test_einsparung_and_erhoehung_rows(band):
    page = SEED.read_text(encoding="utf-8")
    einsparung, _, erhoehung = page.partition("Die Erhöhung der CO2-Emissionen")
    einsparung = einsparung.replace(f"{band} |\n|\n|", f"{band} |\n x |\n|", 1)
    if band == "gering":  # the page lost the "gering" label in the second table
        erhoehung = erhoehung.replace("|\n| unter 80 t", " x |\n| unter 80 t", 1)
    else:
        erhoehung = erhoehung.replace(f"{band} |\n|\n|", f"{band} |\n x |\n|", 1)
    k = pagetext.parse(einsparung + "Die Erhöhung der CO2-Emissionen" + erhoehung).vorlage
    assert (k.klimarelevanz.einsparung, k.klimarelevanz.erhoehung) == (band, band)


@pytest.mark.parametrize(
    ("title", "art", "nr"),
    [
        (
            "Empfehlungsvorlage (inaktiv) - E 18/0065/WP15",
            "Empfehlungsvorlage (inaktiv)",
            "E 18/0065/WP15",
        ),
        ("Entscheidungsvorlage - E 26/0060/WP18-1", "Entscheidungsvorlage", "E 26/0060/WP18-1"),
        ("Kenntnisnahme - B 3/0082/WP15", "Kenntnisnahme", "B 3/0082/WP15"),
    ],
)
def test_title_variants(title, art, nr):
    g = pagetext.parse(f"{title}\nErläuterungen\nsiehe Anlage\n").vorlage.grunddaten
    assert (g.vorlageart, g.vorlage_nr) == (art, nr)


def test_sub_heading_anlagen_inside_erlaeuterungen_is_text():
    page = SEED.read_text(encoding="utf-8").replace(
        "Anhand einer Power-Point-Präsentation",
        "Anlagen\nDie Präsentation folgt.\nAnhand einer Power-Point-Präsentation",
    )
    v = pagetext.parse(page).vorlage
    assert "\n\nAnlagen\n\nDie Präsentation folgt.\n\n" in v.erlaeuterungen
    assert v.anlagen == []
