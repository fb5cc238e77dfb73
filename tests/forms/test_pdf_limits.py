"""PDF/A-2's string limit (32 767 bytes, ISO 19005-2 §6.1.13) holds for any user text, and only
what the limit forces is cut: the metadata and bookmarks, never the printed text."""

from __future__ import annotations

import datetime as dt

import pikepdf
import pytest

from forms import pdfcheck
from forms.model import Vorlage
from forms.pdf import render
from forms.pdf.increment import MAX_STRING_BYTES, fit_string, string_bytes
from tests.forms.pdfutil import body_text, open_pdf


def _strings(pdf: pikepdf.Pdf) -> list[tuple[str, int]]:
    """(where, bytes) of every string in every object, found with pikepdf, not our checker."""
    found: list[tuple[str, int]] = []

    def walk(value: object, where: str) -> None:
        if isinstance(value, pikepdf.String):
            found.append((where, len(bytes(value))))
        elif isinstance(value, pikepdf.Dictionary | pikepdf.Stream):
            items = value.stream_dict if isinstance(value, pikepdf.Stream) else value
            for key in items.keys():  # noqa: SIM118
                child = items.get(key)
                if not (isinstance(child, pikepdf.Object) and child.is_indirect):
                    walk(child, f"{where}{key}")
        elif isinstance(value, pikepdf.Array):
            for child in value:
                if not (isinstance(child, pikepdf.Object) and child.is_indirect):
                    walk(child, where)

    for obj in pdf.objects:
        walk(obj, f"{obj.objgen}")
    return found


def _vorlage(betreff: str) -> Vorlage:
    v = Vorlage()
    v.grunddaten.betreff = betreff
    v.grunddaten.verfasst_von = "Ä" * 20_000
    v.erlaeuterungen = "# " + "Lange Überschrift " * 2000 + "ENDE-H\n\nText."
    return v


@pytest.mark.parametrize("word", ["Ueberlaenge", "Überlänge"])
def test_a_20000_character_betreff_stays_within_the_string_limit(word: str) -> None:
    betreff = " ".join([word] * 3000) + " SCHLUSSWORT"
    assert len(betreff) > 20_000
    data = render(_vorlage(betreff), ausdruck_datum=dt.date(2025, 3, 14))
    assert not pdfcheck.failed(pdfcheck.check(data)), pdfcheck.report(pdfcheck.check(data))
    pdf = open_pdf(data)
    too_long = [(w, n) for w, n in _strings(pdf) if n > MAX_STRING_BYTES]
    assert not too_long
    # Cut only as far as forced: the title is the longest prefix that fits, marked as cut.
    title = str(pdf.trailer.Info.Title)
    assert title.endswith(("…", "...")) and betreff.startswith(title.rstrip(".…"))
    assert string_bytes(title) > MAX_STRING_BYTES - 5
    with pdf.open_metadata() as xmp:
        assert xmp["dc:title"] == title  # Info and XMP still agree (PDF/A-2 §6.6.2.3.1)
    # The bookmark of the long heading is cut too, the printed text is not.
    outline_titles = [str(item.title) for item in pdf.open_outline().root]
    assert all(string_bytes(t) <= MAX_STRING_BYTES for t in outline_titles)
    text = body_text(data)
    assert "SCHLUSSWORT" in text and "ENDE-H" in text


def test_a_title_exactly_at_the_limit_is_not_cut() -> None:
    betreff = "ä" * ((MAX_STRING_BYTES - 2) // 2)  # UTF-16 with BOM: 32 766 bytes
    data = render(_vorlage(betreff), ausdruck_datum=dt.date(2025, 3, 14))
    assert str(open_pdf(data).trailer.Info.Title) == betreff


@pytest.mark.parametrize(
    "text",
    ["a" * 40_000, "ä" * 40_000, "😀" * 20_000, "a" * 32_766 + "ä", "ä😀" * 9000],
)
def test_fit_string_cuts_to_the_limit_and_keeps_characters_whole(text: str) -> None:
    fitted = fit_string(text)
    assert string_bytes(fitted) <= MAX_STRING_BYTES
    assert text.startswith(fitted.rstrip(".…"))
    fitted.encode("utf-16-be")  # no lone surrogate: a pair is never split
    # one more character would not fit
    grown = text[: len(fitted.rstrip(".…")) + 1] + fitted[len(fitted.rstrip(".…")) :]
    assert string_bytes(grown) > MAX_STRING_BYTES
