"""Every export is tagged PDF/UA-1 and PDF/A-2 (issue 5), read back with poppler and pikepdf."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from pathlib import Path

import pikepdf
import pytest

from forms import pdfcheck, projectfile
from forms.formatting import format_datum
from forms.markdown import plain_text
from forms.model import Anlage, Beratung, Vorlage
from forms.pdf import render
from forms.profile import load_profile
from tests.conftest import EXAMPLE
from tests.forms.pdfutil import body_text, headings, long_markdown, open_pdf, struct_entries

AUSDRUCK = dt.date(2026, 11, 25)


def compact(text: str) -> str:
    # poppler joins the lines of a paragraph without a space; compare without whitespace
    return re.sub(r"\s+", "", text)


def assert_in_order(haystack: str, needles: list[str]) -> None:
    pos = 0
    for needle in needles:
        found = haystack.find(compact(needle), pos)
        assert found >= 0, f"nicht (in Reihenfolge) im Tag-Baum: {needle!r}"
        pos = found + len(compact(needle))


@pytest.fixture(scope="module")
def seed() -> Vorlage:
    return projectfile.load(EXAMPLE)


@pytest.fixture(scope="module")
def seed_pdf(seed: Vorlage) -> bytes:
    return render(seed, ausdruck_datum=AUSDRUCK)


@pytest.fixture(scope="module")
def seed_entries(seed_pdf: bytes) -> list[tuple[int, str, str]]:
    return struct_entries(seed_pdf)


@pytest.fixture(scope="module")
def lists_and_split_table() -> list[tuple[int, str, str]]:
    """A short Vorlage whose Beratungsfolge runs onto page 2 (poppler's tag-tree reader is
    slow on table-heavy pages, so the 50-page Vorlage is checked with pikepdf instead)."""
    v = Vorlage()
    v.grunddaten.betreff = "Listen und geteilte Tabelle"
    v.beschlussvorschlag = "1. Erstens\n2. Zweitens\n   - innen a\n   - innen b\n3. Drittens"
    v.beratungsfolge = [
        Beratung(gremium=f"Bezirksvertretung {i:03d}", rolle="Anhörung", datum=dt.date(2025, 1, 1))
        for i in range(40)
    ]
    data = render(v, ausdruck_datum=AUSDRUCK)
    assert len(open_pdf(data).pages) >= 2
    results = pdfcheck.check(data)
    assert pdfcheck.failed(results) == [], pdfcheck.report(results)
    return struct_entries(data)


@pytest.fixture(scope="module")
def long_vorlage() -> Vorlage:
    v = Vorlage()
    v.grunddaten.betreff = "Lange Vorlage mit Listen und geteilten Tabellen"
    v.grunddaten.vorlage_nr = "FB 01/0001/WP18"
    v.beschlussvorschlag = "1. Erstens\n2. Zweitens\n   - innen a\n   - innen b\n3. Drittens"
    v.erlaeuterungen = long_markdown(60)
    v.beratungsfolge = [
        Beratung(gremium=f"Bezirksvertretung {i:03d}", rolle="Anhörung", datum=dt.date(2025, 1, 1))
        for i in range(90)
    ]
    return v


@pytest.fixture(scope="module")
def long_pdf(long_vorlage: Vorlage) -> bytes:
    return render(long_vorlage, ausdruck_datum=AUSDRUCK)


def test_seed_pdf_passes_every_rule_and_qpdf(seed_pdf: bytes, tmp_path: Path) -> None:
    results = pdfcheck.check(seed_pdf)
    assert pdfcheck.failed(results) == [], pdfcheck.report(results)
    path = tmp_path / "seed.pdf"
    path.write_bytes(seed_pdf)
    subprocess.run(["qpdf", "--check", str(path)], check=True, capture_output=True)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True).stdout
    assert re.search(r"Tagged:\s+yes", info) and re.search(r"Metadata Stream:\s+yes", info)


def test_seed_tag_tree_has_every_value_in_order(
    seed: Vorlage, seed_entries: list[tuple[int, str, str]]
) -> None:
    entries = seed_entries
    assert entries[0] == (0, "elem", "Document")
    g = seed.grunddaten
    b = seed.beratungsfolge[0]
    texte = load_profile().klimarelevanz
    expected = [
        "Stadt Aachen", "Vorlage", g.vorlageart,
        "Federführende Dienststelle:", g.federfuehrend.anzeige(),
        "Vorlage-Nr.:", g.vorlage_nr, "Vorlageart:", g.vorlageart,
        "Status:", g.status.anzeige(), "Verfasser/in:", g.verfasst_von,
        "Betreff:", g.betreff,
        "Beratungsfolge", "Datum", "Gremium", "Zuständigkeit", "Status",
        format_datum(b.datum), b.gremium, b.rolle, b.status,
        "Erläuterungen", *plain_text(seed.erlaeuterungen).splitlines(),
        "Finanzielle Auswirkungen", "JA", "NEIN",
        "Investive Auswirkungen", "Einzahlungen", "Auszahlungen", "Ergebnis",
        "konsumtive Auswirkungen", "Ertrag", "Abschreibungen", "Ergebnis",
        "Klimarelevanz", texte.ueberschrift,
    ]  # fmt: skip
    for frage in texte.fragen.values():
        expected += [frage.frage, *frage.optionen.values()]
    text = compact("".join(v for _, kind, v in entries if kind == "text"))
    assert_in_order(text, [e for e in expected if e.strip()])
    assert headings(entries)[:5] == [
        ("H1", g.betreff),
        ("H2", "Beratungsfolge"),
        ("H2", "Erläuterungen"),
        ("H2", "Finanzielle Auswirkungen"),
        ("H2", "Klimarelevanz"),
    ]
    # header, footer and page numbers are artifacts, not content
    assert "Ausdruckvom" not in text and "Seite1von" not in text


def test_tables_have_header_cells_with_scope(seed_entries: list[tuple[int, str, str]]) -> None:
    entries = seed_entries
    start = next(i for i, e in enumerate(entries) if e[2] == "Beratungsfolge")
    table = entries[start:]
    cells = [(v, table[i + 1][2]) for i, (_, k, v) in enumerate(table) if k == "elem"][:12]
    assert cells[:3] == [("Table", "TR"), ("TR", "TH"), ("TH", "/Scope /Column")]
    # the Grunddaten labels are row headers
    grund = entries[:start]
    assert ("attr", "/Scope /Row") in [(k, v) for _, k, v in grund]


def test_check_boxes_carry_their_state(
    seed: Vorlage, seed_pdf: bytes, seed_entries: list[tuple[int, str, str]]
) -> None:
    pdf = open_pdf(seed_pdf)
    elements = _elements(pdf)
    alts = [str(e.Alt) for e in elements if pikepdf.Name.Figure == e.S]
    assert sorted(alts) == ["☐ JA", "☒ NEIN"]  # seed: no financial effects
    # Klimarelevanz: each option is one P, its box a Span whose ActualText is the state
    states = [str(e.ActualText) for e in elements if pikepdf.Name.Span == e.S]
    texte = load_profile().klimarelevanz
    answered = [
        frage.optionen[value.value]
        for key, frage in texte.fragen.items()
        if (value := getattr(seed.klimarelevanz, key, None)) is not None
    ]
    assert states.count("☒ ") == len(answered) >= 2
    assert states.count("☐ ") == sum(len(f.optionen) for f in texte.fragen.values()) - len(answered)
    # in poppler's tag tree the ticked box's "x" stands right before the chosen option
    chosen = [
        seed_entries[i + 1][2]
        for i, e in enumerate(seed_entries)
        if e[1:] == ("text", "x") and seed_entries[i - 1][1:] == ("elem", "Span")
    ]
    assert chosen == answered


def test_bookmarks_follow_the_sections(seed: Vorlage, seed_pdf: bytes) -> None:
    with open_pdf(seed_pdf).open_outline() as outline:
        top = [item.title for item in outline.root]
        below = [child.title for item in outline.root for child in item.children]
    assert top == [seed.grunddaten.betreff]
    assert below[:4] == [
        "Beratungsfolge",
        "Erläuterungen",
        "Finanzielle Auswirkungen",
        "Klimarelevanz",
    ]


def test_pdfa_identification_and_output_intent(seed_pdf: bytes) -> None:
    pdf = open_pdf(seed_pdf)
    with pdf.open_metadata() as meta:
        assert meta["pdfaid:part"] == "2" and meta["pdfaid:conformance"] == "A"
        assert meta["pdfuaid:part"] == "1"
        assert meta["dc:title"] == str(pdf.docinfo.Title)
    intent = pdf.Root.OutputIntents[0]
    icc = intent.DestOutputProfile.read_bytes()
    assert icc[36:40] == b"acsp" and icc[16:20] == b"RGB "
    assert str(pdf.Root.Lang) == "de-DE"
    assert pdf.Root.ViewerPreferences.DisplayDocTitle is True


def test_long_vorlage_passes_every_rule(long_pdf: bytes) -> None:
    assert len(open_pdf(long_pdf).pages) >= 50
    results = pdfcheck.check(long_pdf)
    assert pdfcheck.failed(results) == [], pdfcheck.report(results)


def test_split_table_is_one_table_with_one_header(
    lists_and_split_table: list[tuple[int, str, str]],
) -> None:
    entries = lists_and_split_table
    start = next(i for i, e in enumerate(entries) if e[1] == "text" and e[2] == "Beratungsfolge")
    end = next(i for i, e in enumerate(entries) if i > start and e[2] == "H2")
    part = entries[start:end]
    assert [v for _, k, v in part if k == "elem"].count("Table") == 1
    texts = [v for _, k, v in part if k == "text"]
    assert texts.count("Gremium") == 1  # the repeated header row is an artifact
    assert [t for t in texts if t.startswith("Bezirksvertretung")] == [
        f"Bezirksvertretung {i:03d}" for i in range(40)
    ]


def test_lists_have_label_and_body(lists_and_split_table: list[tuple[int, str, str]]) -> None:
    entries = lists_and_split_table
    start = next(i for i, e in enumerate(entries) if e[2] == "Beschlussvorschlag")
    seq = [v for _, k, v in entries[start:] if k == "elem"]
    assert seq[:5] == ["L", "LI", "Lbl", "LBody", "LI"]
    labels = [entries[i + 1][2] for i, e in enumerate(entries) if e[1:] == ("elem", "Lbl")]
    assert labels == ["1.", "2.", "◦", "◦", "3."]
    bodies = [entries[i + 1][2] for i, e in enumerate(entries) if e[1:] == ("elem", "LBody")]
    assert bodies == ["Erstens", "Zweitens", "innen a", "innen b", "Drittens"]
    # the nested list sits inside the body of item 2, right after its text
    zweitens = next(i for i, e in enumerate(entries) if e[2] == "Zweitens")
    assert entries[zweitens + 1][1:] == ("elem", "L")
    assert entries[zweitens + 1][0] == entries[zweitens][0]


def test_long_vorlage_tables_span_pages_with_header_once(long_pdf: bytes) -> None:
    pdf = open_pdf(long_pdf)
    tables = [e for e in _elements(pdf) if pikepdf.Name.Table == e.S]
    spanning = [t for t in tables if len(_pages_of(pdf, t)) > 1]
    assert spanning
    for table in spanning:
        rows = list(table.K)
        header_rows = [r for r in rows if all(c.S == pikepdf.Name.TH for c in r.K)]
        assert len(header_rows) == 1


def test_paragraph_split_across_pages_is_one_element(long_pdf: bytes) -> None:
    pdf = open_pdf(long_pdf)
    spanning = [e for e in _elements(pdf) if e.S == pikepdf.Name.P and len(_pages_of(pdf, e)) > 1]
    assert spanning, "expected at least one paragraph continued on the next page"


def test_text_extraction_still_works(long_vorlage: Vorlage, long_pdf: bytes) -> None:
    text = body_text(long_pdf)
    for piece in ("Abschnitt 60: Sachstand", "Bezirksvertretung 089", "Drittens"):
        assert piece in text


@pytest.mark.parametrize("entwurf", [False, True])
def test_empty_and_draft_vorlagen_pass(entwurf: bool) -> None:
    results = pdfcheck.check(render(Vorlage(), entwurf=entwurf, ausdruck_datum=AUSDRUCK))
    assert pdfcheck.failed(results) == [], pdfcheck.report(results)


def test_rows_split_inside_a_cell_stay_in_their_cell() -> None:
    rows = [" ".join(f"Z{i}w{j}" for j in range(260)) for i in range(8)]
    v = Vorlage()
    table = "\n".join(f"| {i} | {text} |" for i, text in enumerate(rows))
    v.erlaeuterungen = f"| Nr. | Text |\n|---|---|\n{table}\n\nEnde."
    data = render(v, ausdruck_datum=AUSDRUCK)
    results = pdfcheck.check(data)
    assert pdfcheck.failed(results) == [], pdfcheck.report(results)
    pdf = open_pdf(data)
    tables = [e for e in _elements(pdf) if pikepdf.Name.Table == e.S]
    (table_elem,) = [t for t in tables if len(_pages_of(pdf, t)) > 1]
    trs = list(table_elem.K)
    assert len(trs) == 1 + len(rows)  # header once, one TR per row even where a row split
    split_cells = [c for r in trs for c in r.K if len(_pages_of(pdf, c)) > 1]
    assert split_cells, "expected a row split across pages inside its cell"
    entries = struct_entries(data)
    texts = compact("".join(v for _, k, v in entries if k == "text"))
    assert_in_order(texts, ["Nr.", "Text"] + [x for i, r in enumerate(rows) for x in (str(i), r)])


def _elements(pdf: pikepdf.Pdf) -> list[pikepdf.Dictionary]:
    out = []
    stack = [pdf.Root.StructTreeRoot]
    while stack:
        node = stack.pop()
        kids = node.get("/K")
        for k in list(kids) if isinstance(kids, pikepdf.Array) else [kids]:
            if isinstance(k, pikepdf.Dictionary) and k.get("/Type") == pikepdf.Name.StructElem:
                out.append(k)
                stack.append(k)
    return out


def _pages_of(pdf: pikepdf.Pdf, elem: pikepdf.Dictionary) -> set[int]:
    pages = set()
    stack = [(elem, elem.get("/Pg"))]
    while stack:
        node, pg = stack.pop()
        kids = node.get("/K")
        for k in list(kids) if isinstance(kids, pikepdf.Array) else [kids]:
            if isinstance(k, int) and pg is not None:
                pages.add(pdf.pages.index(pg))
            elif isinstance(k, pikepdf.Dictionary) and k.get("/Type") == pikepdf.Name.MCR:
                pages.add(pdf.pages.index(k.Pg))
            elif isinstance(k, pikepdf.Dictionary) and k.get("/Type") == pikepdf.Name.StructElem:
                stack.append((k, k.get("/Pg", pg)))
    return pages


RICH_MARKDOWN = """# Titel

Absatz mit **fett**, *kursiv*, ~~durch~~, `code`, [Link](http://x) und ![Bildtext](a.png).

> Zitat
>
> - Liste im Zitat

```
Codeblock
```

---

1. eins
   1. eins.eins
      - tief
2.
3. drei

   zweiter Absatz

###### Sechs

| Links | Mitte | Rechts |
|:--|:-:|--:|
| a | b | c |
| d |
"""


def test_every_markdown_construct_passes_in_a_draft() -> None:
    v = Vorlage()
    v.grunddaten.betreff = "Alle Bausteine"
    v.grunddaten.unterschrift = "Sibylle Keupen\nOberbürgermeisterin"
    v.beschlussvorschlag = RICH_MARKDOWN
    v.erlaeuterungen = RICH_MARKDOWN
    v.anlagen = [Anlage(titel="Plan"), Anlage(titel="Karte")]
    data = render(v, entwurf=True, ausdruck_datum=AUSDRUCK)
    results = pdfcheck.check(data)
    assert pdfcheck.failed(results) == [], pdfcheck.report(results)
    pdf = open_pdf(data)
    labels = [e for e in _elements(pdf) if pikepdf.Name.Lbl == e.S]
    assert len(labels) >= 2 * 6 + 2  # two rich texts with six items each, two Anlagen


def test_tagging_is_a_parameter_of_render_not_a_global_switch(example) -> None:
    import io

    import pikepdf

    from forms.pdf import render

    def has_structure(data: bytes) -> bool:
        with pikepdf.open(io.BytesIO(data)) as pdf:
            return "/StructTreeRoot" in pdf.Root

    assert has_structure(render(example))
    assert not has_structure(render(example, tagged=False))
    assert has_structure(render(example))  # nothing stays switched off
