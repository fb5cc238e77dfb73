"""A Beratung status other than Geplant/Erledigt through every importer (issue 18): kept
verbatim and said in the report, never a dropped row; a second date or a date-only
continuation line never overwrites the first date; a partly read row is named under
"Nicht gelesen"."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from forms import oparl, projectfile
from forms.imports import import_bytes, import_text
from forms.imports.pdfberatung import read_beratungsfolge
from forms.imports.pdflines import Line, Segment, Span
from forms.imports.report import Sammler
from forms.model import Beratung, Vorlage
from forms.pdf import render
from tests.conftest import ROOT
from tests.forms.pdfutil import body_text

EXAMPLE = ROOT / "resources" / "examples" / "FB_56_0319_WP18.vorlage.json"
JETZT = dt.datetime(2025, 11, 3, 9, 30, tzinfo=dt.UTC)


def _vorlage(*rows: Beratung) -> Vorlage:
    v = projectfile.load(EXAMPLE)
    v.beratungsfolge = list(rows)
    return v


ROWS = (
    Beratung(
        status="Zurückgestellt auf Antrag der Fraktion",
        datum=dt.date(2025, 5, 6),
        gremium="Ausschuss für Umwelt und Klimaschutz, Mobilität, Wohnen und Liegenschaften",
        rolle="Entscheidung",
    ),
    Beratung(status="vertagt", gremium="Rat der Stadt Aachen"),
    Beratung(status="Erledigt", datum=dt.date(2025, 5, 7), gremium="Hauptausschuss"),
)


def test_pdf_keeps_a_wrapped_verbatim_status_and_says_so() -> None:
    result = import_bytes(render(_vorlage(*ROWS)))
    assert result.vorlage.beratungsfolge == list(ROWS)
    assert not any("Beratungsfolge" in m for m in result.bericht.nicht_gelesen)
    said = [h for h in result.bericht.hinweise if "übernommen, wie er dasteht" in h]
    assert said == [
        "Beratungsfolge, Zeile 1: Status „Zurückgestellt auf Antrag der Fraktion“ übernommen, "
        "wie er dasteht (weder „Geplant“ noch „Erledigt“).",
        "Beratungsfolge, Zeile 2: Status „vertagt“ übernommen, wie er dasteht "
        "(weder „Geplant“ noch „Erledigt“).",
    ]


def test_pdf_prints_the_verbatim_status_in_its_column() -> None:
    text = body_text(render(_vorlage(*ROWS)))
    assert "Zurückgestellt auf Antrag der Fraktion" in text
    assert "Rat der Stadt Aachen vertagt" in text


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils missing")
def test_copied_text_keeps_the_row_and_names_the_guessed_status(tmp_path: Path) -> None:
    rows = (
        Beratung(
            status="Erledigt", datum=dt.date(2025, 5, 7), gremium="Rat", rolle="Kenntnisnahme"
        ),
        Beratung(status="vertagt", datum=dt.date(2025, 5, 14), gremium="Rat", rolle="Entscheidung"),
        Beratung(status="Geplant", datum=dt.date(2025, 6, 3), gremium="Rat", rolle="Entscheidung"),
    )
    pdf = tmp_path / "v.pdf"
    pdf.write_bytes(render(_vorlage(*rows)))
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    result = import_text(text)
    got = result.vorlage.beratungsfolge
    assert [(b.datum, b.status) for b in got] == [(r.datum, r.status) for r in rows]
    unsure = [m for m in result.bericht.nicht_gelesen if "Zeile 2" in m]
    assert len(unsure) == 1 and "Status nicht sicher erkannt" in unsure[0]
    assert "„vertagt“" in unsure[0]
    assert not any("Zeile 1" in m or "Zeile 3" in m for m in result.bericht.nicht_gelesen)


def _line(y: float, *cells: tuple[float, str]) -> Line:
    return Line(0, y, [Segment(0, x, y, 8.5, [Span(t)]) for x, t in cells])


HEADER = _line(500, (74, "Datum"), (136, "Gremium"), (362, "Zuständigkeit"), (482, "Status"))


def test_untagged_pdf_date_only_continuation_line_never_overwrites_the_date() -> None:
    reader = Sammler()
    lines = [
        HEADER,
        _line(
            490,
            (74, "06.05.2025"),
            (136, "Hauptausschuss"),
            (362, "Entscheidung"),
            (482, "vertagt"),
        ),
        _line(480, (74, "20.05.2025")),
        _line(470, (74, "03.06.2025"), (136, "Rat"), (362, "Entscheidung"), (482, "Geplant")),
    ]
    read_beratungsfolge(reader, lines, positioned=True)
    rows = [(b.datum, b.gremium, b.status) for b in reader.v.beratungsfolge]
    assert rows == [
        (dt.date(2025, 5, 6), "Hauptausschuss", "vertagt"),
        (dt.date(2025, 6, 3), "Rat", "Geplant"),
    ]
    assert reader.b.nicht_gelesen == [
        "Beratungsfolge, Zeile 1: zwei Daten (06.05.2025 20.05.2025); das erste übernommen."
    ]


def test_copied_text_date_only_line_never_overwrites_the_date() -> None:
    reader = Sammler()
    texts = ["Datum", "Gremium", "Zuständigkeit", "Status", "06.05.2025", "Hauptausschuss"]
    texts += ["Entscheidung", "Erledigt", "20.05.2025", "03.06.2025", "Rat", "Geplant"]
    lines = [
        Line(0, 500 - i, [Segment(0, None, 500 - i, 8.5, [Span(t)])]) for i, t in enumerate(texts)
    ]
    read_beratungsfolge(reader, lines, positioned=False)
    rows = [(b.datum, b.gremium, b.rolle, b.status) for b in reader.v.beratungsfolge]
    assert rows == [
        (dt.date(2025, 5, 6), "Hauptausschuss", "Entscheidung", "Erledigt"),
        (dt.date(2025, 6, 3), "Rat", "", "Geplant"),
    ]
    assert reader.b.nicht_gelesen == [
        "Beratungsfolge, Zeile 1: zwei Daten (06.05.2025 20.05.2025); das erste übernommen."
    ]


def test_oparl_carries_the_verbatim_status_there_and_back() -> None:
    v = _vorlage(*ROWS)
    paper = oparl.build_paper(v, b"%PDF-1.7\n%%EOF\n", jetzt=JETZT).json()
    statuses = [
        value
        for c in json.loads(paper)["consultation"]
        for key, value in c.items()
        if key.endswith("status")
    ]
    assert statuses == [r.status for r in ROWS]
    result = import_text(paper)
    assert result.vorlage.beratungsfolge == list(ROWS)
    assert any("„vertagt“ übernommen" in h for h in result.bericht.hinweise)


def test_oparl_status_that_is_not_text_is_named_not_taken() -> None:
    v = _vorlage(Beratung(status="vertagt", gremium="Rat der Stadt Aachen"))
    document = json.loads(oparl.build_paper(v, b"%PDF-1.7\n%%EOF\n", jetzt=JETZT).json())
    (key,) = [k for k in document["consultation"][0] if k.endswith("status")]
    document["consultation"][0][key] = {"wert": "vertagt"}
    result = import_text(json.dumps(document))
    assert result.vorlage.beratungsfolge[0].status == "Geplant"
    assert "Beratungsfolge, Zeile 1: Status ist kein Text; „Geplant“ ist nur die Vorgabe." in (
        result.bericht.nicht_gelesen
    )
