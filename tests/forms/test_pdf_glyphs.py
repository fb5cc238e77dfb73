"""Characters a German office text contains print with a shipped font; the rest print as a
visible placeholder with the original as ActualText, and are reported before the export
(issue 11 item 3). Read back with poppler (pdftotext, pdffonts) and pikepdf.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import pikepdf
import pytest

from forms import pdfcheck, projectfile
from forms.model import Beratung, Vorlage
from forms.pdf import render
from forms.rules import Schwere, problems
from tests.forms.pdfutil import pages_text

AUSDRUCK = dt.date(2026, 11, 25)
ROOT = Path(__file__).resolve().parents[2]

LATIN = (
    "ÄÖÜäöüß ÀÁÂÃÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕØÙÚÛÝÞàáâãåæçèéêëìíîïðñòóôõøùúûýþÿ "
    "ĄąĆćČčĎďĘęĚěĹĺĽľŁłŃńŇňŐőŔŕŘřŚśŠšŤťŮůŰűŹźŻżŽž ĞğİıŞşŢţ Œœ ẞ"
)
GREEK = "Ελληνικά αβγδε ΑΒΓΔΩ µ"
CYRILLIC = "Москва Україна Беларусь ёЁ їЇ"
SYMBOLS = "✓ ✗ ☐ ☒ ☑ ✔ ✘ → ⇒ ← • ◦ ▪ § € ½ ¼ ¾ ² ³ ₂ µ ° ± × ÷ ≤ ≥ ≠ ≈ ‰ ① ★ ⚠ ✉ ☎ ©"
PUNCTUATION = "„Zitat“ ‚halb‘ “englisch” »Guillemets« ›einfach‹ – — … ‐ ′ ″"
OFFICE_TEXT = [LATIN, GREEK, CYRILLIC, SYMBOLS, PUNCTUATION]
NO_FONT = ["🚲", "中", "\ue000", "ש"]


def _office_vorlage() -> Vorlage:
    v = Vorlage()
    g = v.grunddaten
    g.betreff = f"Betreff ✓ {SYMBOLS}"
    g.vorlage_nr = "FB 56/0319/WP18 ✓"  # printed in the running header and footer as well
    g.verfasst_von = LATIN
    v.beratungsfolge = [Beratung(gremium=f"Ausschuss {GREEK}", rolle=CYRILLIC)]
    v.erlaeuterungen = "\n\n".join(
        [
            *OFFICE_TEXT,
            f"**fett {SYMBOLS}** und *kursiv {SYMBOLS}*",
            f"- Punkt {SYMBOLS}\n- {PUNCTUATION}",
            f"| Zeichen | Text |\n|---|---|\n| ☒ | {SYMBOLS} |",
        ]
    )
    return v


def _fonts(data: bytes) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "x.pdf"
        path.write_bytes(data)
        return subprocess.run(
            ["pdffonts", str(path)], check=True, capture_output=True, text=True
        ).stdout


def _to_unicode_values(data: bytes) -> list[str]:
    values = []
    with pikepdf.open(io.BytesIO(data)) as pdf:
        for obj in pdf.objects:
            if isinstance(obj, pikepdf.Dictionary) and "/ToUnicode" in obj:
                cmap = obj.ToUnicode.read_bytes().decode("ascii")
                block = cmap.split("beginbfchar")[1].split("endbfchar")[0]
                declared = int(cmap.split("beginbfchar")[0].split()[-1])
                pairs = re.findall(r"<([0-9A-F]+)> <([0-9A-F]+)>", block)
                assert len(pairs) == declared
                values += [value for _code, value in pairs]
    return values


@pytest.fixture(scope="module")
def office_pdf() -> bytes:
    return render(_office_vorlage(), ausdruck_datum=AUSDRUCK)


def test_every_office_character_is_printed_and_extracted(office_pdf: bytes) -> None:
    text = " ".join(" ".join(page.split()) for page in pages_text(office_pdf, mode="-raw"))
    for sample in OFFICE_TEXT:
        for word in sample.split():
            assert word in text, word
    assert "\ufffd" not in text


def test_symbols_come_from_the_fallback_font_bold_where_the_text_is_bold(
    office_pdf: bytes,
) -> None:
    fonts = _fonts(office_pdf)
    for face in ("LiberationSans ", "LiberationSans-Bold ", "DejaVuSans ", "DejaVuSans-Bold "):
        assert f"+{face}" in fonts, fonts
    # every font embedded (emb), subset, with a ToUnicode map (uni)
    for line in fonts.splitlines()[2:]:
        assert re.search(r"\byes yes yes\b", line), line


def test_no_notdef_and_no_u0000_mapping_in_a_file_that_claims_conformance(
    office_pdf: bytes,
) -> None:
    results = pdfcheck.check(office_pdf)
    assert pdfcheck.failed(results) == [], pdfcheck.report(results)
    values = _to_unicode_values(office_pdf)
    assert values and "0000" not in values
    with_missing = _office_vorlage()
    with_missing.erlaeuterungen += "\n\nRad " + " ".join(NO_FONT) + " Weg"
    data = render(with_missing, entwurf=True, ausdruck_datum=AUSDRUCK)
    results = pdfcheck.check(data)
    assert pdfcheck.failed(results) == [], pdfcheck.report(results)
    assert "0000" not in _to_unicode_values(data)


def test_characters_without_a_font_print_as_placeholder_with_the_original_as_actual_text() -> None:
    v = Vorlage()
    v.grunddaten.betreff = "Radweg 🚲 am Dom"
    v.erlaeuterungen = "Absatz mit 中 und \ue000.\n\n- Punkt ש\n\n| a |\n|---|\n| Zelle 🚲 |"
    data = render(v, ausdruck_datum=AUSDRUCK)
    text = " ".join(pages_text(data, mode="-raw"))
    assert "Radweg � am Dom" in text and "Absatz mit � und �." in text
    actual = []
    with pikepdf.open(io.BytesIO(data)) as pdf:
        for obj in pdf.objects:
            is_element = isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == "/StructElem"
            if is_element and "/ActualText" in obj:
                actual.append((str(obj.S), str(obj.ActualText)))
    assert ("/H1", "Radweg 🚲 am Dom") in actual
    assert ("/P", "Absatz mit 中 und \ue000.") in actual
    assert ("/Span", "Punkt ש") in actual  # inside the list item's body
    assert ("/Span", "Zelle 🚲") in actual  # inside the table cell


def test_the_hinweis_names_field_and_character_in_validate_and_problems(tmp_path: Path) -> None:
    v = projectfile.load(ROOT / "resources" / "examples" / "FB_56_0319_WP18.vorlage.json")
    v.grunddaten.betreff += " 🚲"
    v.erlaeuterungen += "\n\nSymbole ✓ ☒ → sind druckbar, 中 nicht."
    hints = [p for p in problems(v) if "keine Schrift" in p.message]
    assert [(p.field, p.schwere) for p in hints] == [
        ("grunddaten.betreff", Schwere.HINWEIS),
        ("erlaeuterungen", Schwere.HINWEIS),
    ]
    assert "(🚲)" in hints[0].message and "(中)" in hints[1].message
    path = tmp_path / "v.vorlage.json"
    projectfile.save(v, path)
    out = subprocess.run(
        [sys.executable, "-m", "forms", "validate", str(path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    ).stdout
    assert "Betreff enthält Zeichen, die keine Schrift des PDFs hat (🚲)" in out
    assert "als „�“ gedruckt" in out
