"""PDF security and robustness, complementing test_pdf_escaping.py (markup in every field):
metadata reveals nothing about the machine, the export never raises, and its text contains
every value the clerk entered."""

from __future__ import annotations

import datetime as dt
import getpass
import os
import re
import socket
import sys
import tempfile
import unicodedata
import zlib
from pathlib import Path

import pikepdf
from hypothesis import Phase, given, settings
from hypothesis import strategies as st

from forms import markdown
from forms.model import Anlage, Beratung, Dienststelle, Vorlage
from forms.pdf import render
from forms.pdf.glyphs import printable_code_points
from forms.printable import UNPRINTABLE, ZERO_WIDTH, printable
from tests.forms.pdfutil import body_text, open_pdf
from tests.forms.strategies import ANY_TEXT, vorlagen

AUSDRUCK = dt.date(2025, 3, 14)
RENDER_EXAMPLES = max(5, settings.default.max_examples // 3)  # a render takes ~0.2–1 s
# Shrinking a failing render example can take many minutes on this machine; the failing
# example is reported unshrunk (it is small anyway: ≤ 30 characters per field).
RENDER = settings(
    max_examples=RENDER_EXAMPLES, phases=[Phase.explicit, Phase.reuse, Phase.generate]
)


def all_bytes(data: bytes) -> bytes:
    """The PDF with every stream decompressed, so nothing hides in a Flate stream."""
    pdf = open_pdf(data)
    parts = [data]
    for obj in pdf.objects:
        if isinstance(obj, pikepdf.Stream):
            try:
                parts.append(obj.read_bytes())
            except pikepdf.PdfError:
                parts.append(zlib.decompress(obj.read_raw_bytes()))
    return b"\n".join(parts)


def test_metadata_holds_the_entered_author_and_nothing_about_the_machine(
    tmp_path: Path,
) -> None:
    vorlage = Vorlage()
    vorlage.grunddaten.betreff = "Radverkehr"
    vorlage.grunddaten.verfasst_von = "Erika Mustermann"
    vorlage.anlagen = [Anlage(titel="", datei=str(tmp_path / "geheim" / "Plan.pdf"))]
    data = render(vorlage, entwurf=True, ausdruck_datum=AUSDRUCK)
    pdf = open_pdf(data)
    assert str(pdf.docinfo["/Author"]) == "Erika Mustermann"
    with pdf.open_metadata() as xmp:
        assert xmp.get("dc:creator") in (None, ["Erika Mustermann"])
    everything = all_bytes(data)
    # The Anlage prints its file name only, never the folder it lies in.
    assert b"Plan.pdf" in everything or "Plan.pdf" in body_text(data)
    forbidden = {
        str(tmp_path),
        str(Path.cwd()),
        str(Path.home()),
        sys.prefix,
        tempfile.gettempdir() + os.sep,
        socket.gethostname(),
        "/work/",
        "/home/",
    }
    user = getpass.getuser()
    forbidden.add(f"/{user}" if user == "root" else user)  # "root" is also in "StructTreeRoot"
    for secret in forbidden:
        for encoding in ("utf-8", "utf-16-be"):
            assert secret.encode(encoding) not in everything, f"{secret!r} is in the PDF"


def test_metadata_of_hostile_text_is_valid_and_literal() -> None:
    vorlage = Vorlage()
    nasty = '<x:xmpmeta> ]]> & \x07 "\u202e'
    vorlage.grunddaten.betreff = nasty
    vorlage.grunddaten.verfasst_von = nasty
    vorlage.grunddaten.vorlage_nr = nasty
    data = render(vorlage, entwurf=True, ausdruck_datum=AUSDRUCK)
    pdf = open_pdf(data)
    # a draft's title says so (issue 11): "Entwurf: " + the Betreff
    assert str(pdf.docinfo["/Title"]) == "Entwurf: " + " ".join(printable(nasty).split())
    assert " ".join(printable(nasty).split()) == '<x:xmpmeta> ]]> & "'
    with pdf.open_metadata() as xmp:  # raises if the XMP packet is not well-formed XML
        title = xmp.get("dc:title")
    assert title is None or "<x:xmpmeta>" in str(title)


def test_control_characters_are_not_printed_but_everything_around_them_is() -> None:
    vorlage = Vorlage()
    vorlage.grunddaten.betreff = "Vor\x00her\x07 und\tnach\u202eher"
    vorlage.beratungsfolge = [Beratung(gremium="Rat\x1b der\u200b Stadt", rolle="Ent\x7fscheidung")]
    vorlage.erlaeuterungen = markdown.escape("Zeile\x0beins\x0cund zwei\x85drei")
    text = body_text(render(vorlage, entwurf=True, ausdruck_datum=AUSDRUCK))
    for expected in (
        "Vorher und nachher",
        "Rat der Stadt",
        "Entscheidung",
        "Zeileeinsund zweidrei",
    ):
        assert expected in text
    assert not UNPRINTABLE.search(text) and not ZERO_WIDTH.search(text)


# --- hypothesis: never raises; every value is in the text -------------------------------------


@RENDER
@given(vorlagen(max_rows=30), st.booleans())
def test_export_never_raises(vorlage: Vorlage, entwurf: bool) -> None:
    data = render(vorlage, entwurf=entwurf, ausdruck_datum=AUSDRUCK)
    assert data.startswith(b"%PDF-") and open_pdf(data).pages


def _printable_in_font(char: str) -> bool:
    # Characters that cannot come back out of the PDF as themselves:
    # - unprintable and zero-width characters: dropped on purpose (forms/printable.py);
    # - characters no shipped font has (emoji, CJK, private use): they print as the
    #   placeholder "�" (forms/pdf/glyphs.py), so they cannot come back as themselves;
    # - combining marks and compatibility characters: pdftotext recomposes or decomposes them
    #   (e + U+0301 → é, ligature ﬁ → f i), so they come back as other code points;
    # - whitespace other than the space: it is layout, and the comparison squashes it.
    if UNPRINTABLE.match(char) or ZERO_WIDTH.match(char) or char.isspace():
        return False
    # - right-to-left letters (Hebrew, Arabic): reportlab has no bidi algorithm and prints them
    #   in typing order; pdftotext then reorders RTL runs and wraps them in U+202B…U+202C.
    if unicodedata.category(char).startswith(("M", "C")) or unicodedata.decomposition(char):
        return False
    if unicodedata.bidirectional(char) in {"R", "AL", "AN"}:
        return False
    return ord(char) in printable_code_points()


def _font_alphabet() -> list[str]:
    """What the text face and the fallback face print (Liberation Sans, DejaVu Sans)."""
    codes = printable_code_points()
    return [chr(c) for c in sorted(codes) if 0x20 < c < 0x110000 and _printable_in_font(chr(c))]


FONT_TEXT = st.text(
    st.sampled_from(_font_alphabet()) | st.just(" "), min_size=1, max_size=30
).filter(lambda s: s.strip())


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


@RENDER
@given(st.data())
def test_extracted_text_contains_every_field_value(data: st.DataObject) -> None:
    def text() -> str:
        return data.draw(FONT_TEXT)

    vorlage = Vorlage()
    g = vorlage.grunddaten
    for field in ("vorlageart", "vorlage_nr", "betreff", "verfasst_von", "aktenzeichen"):
        setattr(g, field, text())
    g.unterschrift = text()
    g.status.workflow = text()
    g.federfuehrend = Dienststelle(kuerzel=text(), name=text())
    g.beteiligt = [Dienststelle(kuerzel="", name=text())]
    vorlage.beratungsfolge = [
        Beratung(gremium=text(), rolle=text()) for _ in range(data.draw(st.integers(0, 4)))
    ]
    beschluss, erlaeuterung = text(), text()
    # Rich text is Markdown; the wizard stores literal text escaped, so it prints literally.
    vorlage.beschlussvorschlag = markdown.escape(beschluss)
    vorlage.erlaeuterungen = markdown.escape(erlaeuterung)
    vorlage.anlagen = [Anlage(titel=text())]

    extracted = squeeze(body_text(render(vorlage, entwurf=True, ausdruck_datum=AUSDRUCK)))
    values = [
        g.vorlageart,
        g.vorlage_nr,
        g.betreff,
        g.verfasst_von,
        g.aktenzeichen,
        g.unterschrift,
        g.status.workflow,
        g.federfuehrend.kuerzel,
        g.federfuehrend.name,
        g.beteiligt[0].name,
        beschluss,
        erlaeuterung,
        vorlage.anlagen[0].titel,
    ]
    values += [v for b in vorlage.beratungsfolge for v in (b.gremium, b.rolle)]
    for value in values:
        assert squeeze(value) in extracted, f"{value!r} missing from the PDF text"


@RENDER
@given(ANY_TEXT)
def test_any_text_in_every_plain_field_renders(text: str) -> None:
    vorlage = Vorlage()
    g = vorlage.grunddaten
    for field in ("vorlageart", "vorlage_nr", "betreff", "verfasst_von", "unterschrift"):
        setattr(g, field, text)
    vorlage.beratungsfolge = [Beratung(gremium=text, rolle=text)]
    vorlage.erlaeuterungen = text  # unescaped: whatever Markdown it happens to contain
    vorlage.anlagen = [Anlage(titel=text, datei=text)]
    data = render(vorlage, entwurf=True, ausdruck_datum=AUSDRUCK)
    with open_pdf(data).open_metadata():
        pass


def test_the_coverage_list_used_by_problems_matches_the_fonts() -> None:
    from reportlab.pdfbase.ttfonts import TTFont

    from forms.pdf.glyphs import printable_code_points
    from forms.printable import COVERAGE_FILE, coverage_lines
    from forms.resources import resource_path

    stored = resource_path(*COVERAGE_FILE).read_text(encoding="ascii").split()
    assert stored == coverage_lines(printable_code_points()), "run `python -m forms.printable`"

    # and independently of forms.pdf.glyphs: every listed character is in all four text faces
    # or in both fallback faces, read from the shipped .ttf files
    def cmap(name: str) -> frozenset[int]:
        return frozenset(TTFont(name, str(resource_path("fonts", name))).face.charToGlyph)

    text_faces = frozenset.intersection(
        *(cmap(f"LiberationSans-{s}.ttf") for s in ("Regular", "Bold", "Italic", "BoldItalic"))
    )
    fallback = cmap("DejaVuSans.ttf") & cmap("DejaVuSans-Bold.ttf")
    for line in stored:
        first, _, last = line.partition("-")
        for code in range(int(first, 16), int(last or first, 16) + 1):
            assert code in text_faces or code in fallback, f"U+{code:04X}"


def test_characters_reported_as_missing_print_as_a_placeholder() -> None:
    from forms.printable import missing_glyphs

    vorlage = Vorlage()
    vorlage.grunddaten.betreff = "Rad 🚲 中 Weg"
    assert missing_glyphs(vorlage.grunddaten.betreff) == ["🚲", "中"]
    text = body_text(render(vorlage, entwurf=True, ausdruck_datum=AUSDRUCK))
    assert "Rad � � Weg" in text
    assert "🚲" not in text and "中" not in text
