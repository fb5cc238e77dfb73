"""Import of a printed Vorlage (forms/imports/pdf.py): every PDF this program exports reads
back to an equal project for everything the PDF shows (the seed, a long one, rich text,
hypothesis-generated ones, the ENTWURF mark), and page furniture never leaks into a field."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from forms import projectfile
from forms.imports import import_text
from forms.imports import pdf as pdf_import
from forms.markdown import normalize
from forms.model import (
    Anlage,
    Beratung,
    BeratungStatus,
    Deckung,
    Dienststelle,
    Spalten,
    Vorlage,
)
from forms.pdf import render
from tests.conftest import EXAMPLE
from tests.forms.imports.samples import AUSDRUCK, rich_vorlage


def _roundtrip(vorlage: Vorlage, **kw) -> Vorlage:
    data = render(vorlage, ausdruck_datum=AUSDRUCK, **kw)
    return pdf_import.parse(data, source="„t.pdf“").vorlage


def test_seed_pdf_imports_to_the_example_project() -> None:
    vorlage = projectfile.load(EXAMPLE)
    assert _roundtrip(vorlage) == vorlage


def test_entwurf_pdf_imports_equal_and_the_mark_does_not_leak() -> None:
    vorlage = projectfile.load(EXAMPLE)
    back = _roundtrip(vorlage, entwurf=True)
    assert back == vorlage
    assert "ENTWURF" not in projectfile.dumps(back)


def test_rich_pdf_imports_equal() -> None:
    vorlage = rich_vorlage()
    back = _roundtrip(vorlage)
    assert back.erlaeuterungen == vorlage.erlaeuterungen
    assert back == vorlage


def test_long_pdf_over_many_pages_imports_equal() -> None:
    vorlage = rich_vorlage()
    vorlage.erlaeuterungen = "\n\n".join([vorlage.erlaeuterungen] * 12)
    data = render(vorlage, ausdruck_datum=AUSDRUCK)
    result = pdf_import.parse(data)
    assert result.vorlage == vorlage
    text = projectfile.dumps(result.vorlage)
    assert "Ausdruck vom" not in text and "Seite 2 von" not in text


def test_import_file_and_cli_detect_a_pdf(tmp_path) -> None:
    from tests.forms.clirun import vorlage as cli

    source = tmp_path / "alt.pdf"
    source.write_bytes(render(rich_vorlage(), ausdruck_datum=AUSDRUCK))
    target = tmp_path / "neu.vorlage.json"
    result = cli("import", source, "-o", target)
    assert result.returncode == 0, result.stderr
    assert projectfile.load(target) == rich_vorlage()


# -- property: any exported PDF ------------------------------------------------------------------

_WORD = st.text(
    st.sampled_from("abcdefghijklmnopqrstuvwxyzäöüßABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÜ"),
    min_size=1,
    max_size=12,
)
_WORDS = st.lists(_WORD, min_size=1, max_size=30).map(" ".join)
_SHORT = st.lists(_WORD, min_size=1, max_size=5).map(" ".join)
# A status other than Geplant/Erledigt is printed as it is, wrapped in its narrow column.
_STATUS = st.sampled_from(["vertagt", "abgesetzt", "zurückgestellt", "zurückgezogen"]) | _SHORT
_BLOCK = st.one_of(
    _WORDS,
    st.lists(_SHORT, min_size=1, max_size=4).map(lambda xs: "\n".join(f"- {x}" for x in xs)),
    st.lists(_SHORT, min_size=2, max_size=4).map(
        lambda xs: "\n".join(f"{i}. {x}" for i, x in enumerate(xs, 1))
    ),
    st.tuples(_SHORT, _SHORT, _SHORT).map(lambda t: f"{t[0]} **{t[1]}** {t[2]}"),
)
_RICH = st.lists(_BLOCK, min_size=1, max_size=6).map(lambda bs: normalize("\n\n".join(bs)))
_AMOUNT = st.decimals(min_value=0, max_value=Decimal("99999999.99"), places=2)


@st.composite
def printable_vorlagen(draw: st.DrawFn) -> Vorlage:
    v = projectfile.load(EXAMPLE)
    g = v.grunddaten
    g.betreff = draw(_WORDS)
    g.vorlage_nr = f"FB {draw(st.integers(1, 99))}/{draw(st.integers(100, 9999)):04d}/WP18"
    g.verfasst_von = draw(_SHORT)
    g.beteiligt = [
        Dienststelle(kuerzel=f"FB {n}", name=draw(_SHORT))
        for n in draw(st.lists(st.integers(1, 99), max_size=3))
    ]
    v.beratungsfolge = [
        Beratung(
            status=draw(st.sampled_from(BeratungStatus).map(str) | _STATUS),
            datum=draw(st.none() | st.dates(dt.date(2000, 1, 1), dt.date(2099, 12, 31))),
            gremium=draw(_SHORT),
            rolle=draw(_SHORT),
        )
        for _ in range(draw(st.integers(1, 4)))
    ]
    v.beschlussvorschlag = draw(st.just("") | _RICH)
    v.erlaeuterungen = draw(_RICH)
    v.anlagen = [Anlage(titel=t) for t in draw(st.lists(_SHORT, max_size=3))]
    f = v.finanzen
    f.auswirkungen = draw(st.booleans())
    f.haushaltsjahr = draw(st.none() | st.integers(1990, 2199))
    for table, rows in (
        (f.investiv, ("einzahlungen", "auszahlungen")),
        (f.konsumtiv, ("ertrag", "personal_sachaufwand", "abschreibungen")),
    ):
        for row in rows:
            setattr(table, row, Spalten(**{c: draw(_AMOUNT) for c in Spalten.model_fields}))
        table.deckung_jahr = draw(st.sampled_from(Deckung))
        table.deckung_ff = draw(st.sampled_from(Deckung))
    return v


# derandomize: the same examples on every machine, so a clean clone (no example database)
# runs what passed here; new cases are searched for with a random seed by hand.
@settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(printable_vorlagen())
def test_any_exported_pdf_imports_equal(vorlage: Vorlage) -> None:
    assert _roundtrip(vorlage) == vorlage


def test_pasted_pdf_viewer_text_is_recognised() -> None:
    # The label column marks a printed cover sheet; the council page's text has none.
    text = (
        "Federführende Dienststelle:\nFB 36 - Klima\nVorlage-Nr.:\nFB 36/0001/WP18\nBetreff:\nX\n"
    )
    assert import_text(text).quelle == "Text aus einem PDF"
