"""The ENTWURF mark: drawn on every page, invisible to text extraction, told to screen readers
(issue 11 item 7). Read back with poppler: pdftotext, pdftoppm, pdfinfo."""

from __future__ import annotations

import datetime as dt

import pytest

from forms import pdfcheck, projectfile
from forms.model import Vorlage
from forms.pdf import render
from tests.conftest import EXAMPLE
from tests.forms.pdfutil import body_text, long_markdown, pages_text, poppler, struct_entries

AUSDRUCK = dt.date(2026, 11, 25)


def _page_pixels(data: bytes, page: int) -> bytes:
    """Page `page` rendered by poppler as a grey-scale PGM (30 dpi)."""
    return poppler(data, "pdftoppm", "-gray", "-r", "30", "-f", str(page), "-l", str(page))


def _grey_pixels(pgm: bytes) -> int:
    """Pixels in the mark's light grey (neither white paper nor dark text)."""
    pixels = pgm.split(b"\n", 3)[3]
    return sum(1 for value in pixels if 190 <= value <= 235)


@pytest.fixture(scope="module")
def pair() -> tuple[bytes, bytes]:
    v = projectfile.load(EXAMPLE)
    v.erlaeuterungen += "\n\n" + long_markdown(2)
    return render(v, ausdruck_datum=AUSDRUCK), render(v, entwurf=True, ausdruck_datum=AUSDRUCK)


def test_text_extraction_sees_one_entwurf_line_and_otherwise_the_final_text(
    pair: tuple[bytes, bytes],
) -> None:
    final, draft = pair
    draft_text = body_text(draft)
    assert draft_text.startswith("ENTWURF ")
    assert draft_text.removeprefix("ENTWURF ") == body_text(final)
    pages = pages_text(draft, mode="-raw")
    assert [p.count("ENTWURF") for p in pages] == [1] + [0] * (len(pages) - 1)
    assert "ENTWURF" not in "".join(pages_text(final, mode="-raw"))


def test_the_mark_is_drawn_on_every_page(pair: tuple[bytes, bytes]) -> None:
    final, draft = pair
    pages = len(pages_text(draft))
    assert pages == len(pages_text(final)) >= 4  # the mark changes no page break
    for page in range(1, pages + 1):
        marked, plain = (
            _grey_pixels(_page_pixels(draft, page)),
            _grey_pixels(_page_pixels(final, page)),
        )
        assert marked > plain + 500, (page, marked, plain)


def test_a_screen_reader_learns_it_is_a_draft(pair: tuple[bytes, bytes]) -> None:
    _final, draft = pair
    info = poppler(draft, "pdfinfo").decode()
    assert "Title:           Entwurf: Sachstandsbericht" in info
    entries = struct_entries(draft)
    assert entries[1:3] == [(1, "elem", "P"), (2, "text", "ENTWURF")]
    assert sum(1 for e in entries if e[1] == "text" and "ENTWURF" in e[2]) == 1
    results = pdfcheck.check(draft)
    assert pdfcheck.failed(results) == [], pdfcheck.report(results)


def test_an_empty_draft_has_the_line_and_the_mark() -> None:
    data = render(Vorlage(), entwurf=True, ausdruck_datum=AUSDRUCK)
    assert "Title:           Entwurf: Vorlage" in poppler(data, "pdfinfo").decode()
    assert body_text(data).startswith("ENTWURF ")
    final = render(Vorlage(), ausdruck_datum=AUSDRUCK)
    assert _grey_pixels(_page_pixels(data, 1)) > _grey_pixels(_page_pixels(final, 1)) + 500
