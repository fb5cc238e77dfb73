"""Markdown headings → tag levels, bookmarks and printed sizes (issue 11 item 4).

Read back from the exported PDF: the tag tree with poppler (`pdfinfo -struct-text`), the
bookmarks with pikepdf, the printed size of each heading from poppler's word boxes.
"""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import tempfile
from pathlib import Path

from forms.model import Vorlage
from forms.pdf import render
from forms.rules import Schwere, problems
from tests.forms.pdfutil import open_pdf
from tests.forms.test_pdf_tagged import headings, struct_entries

AUSDRUCK = dt.date(2026, 11, 25)


def _render(markdown: str) -> bytes:
    v = Vorlage()
    v.grunddaten.betreff = "Betreff"
    v.erlaeuterungen = markdown
    return render(v, ausdruck_datum=AUSDRUCK)


def _levels(data: bytes) -> list[tuple[str, str]]:
    """(H level, text) of the headings inside the Erläuterungen."""
    found = headings(struct_entries(data))
    start = next(i for i, (_, text) in enumerate(found) if text == "Erläuterungen")
    end = next(i for i, (_, text) in enumerate(found) if text == "Finanzielle Auswirkungen")
    return found[start + 1 : end]


def _word_heights(data: bytes, word: str) -> set[float]:
    """Heights of the boxes poppler gives `word` (proportional to the printed font size)."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "x.pdf"
        path.write_bytes(data)
        out = subprocess.run(
            ["pdftotext", "-bbox", str(path), "-"], check=True, capture_output=True, text=True
        ).stdout
    heights = set()
    for m in re.finditer(r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)</word>', out):
        if m.group(3) == word:
            heights.add(round(float(m.group(2)) - float(m.group(1)), 2))
    return heights


def test_24_sibling_sections_share_one_level_one_bookmark_depth_and_one_size() -> None:
    md = "\n\n".join(f"## Abschnitt {n}\n\nText {n}." for n in range(1, 25))
    data = _render(md)
    assert _levels(data) == [("H3", f"Abschnitt {n}") for n in range(1, 25)]
    with open_pdf(data).open_outline() as outline:
        (betreff,) = outline.root
        erl = next(item for item in betreff.children if item.title == "Erläuterungen")
        assert [c.title for c in erl.children] == [f"Abschnitt {n}" for n in range(1, 25)]
        assert all(not c.children for c in erl.children)
    assert len(_word_heights(data, "Abschnitt")) == 1


def test_levels_follow_the_markdown_levels_used_without_a_gap() -> None:
    data = _render("# Eins\n\n### Eins.a\n\n### Eins.b\n\n# Zwei\n\n### Zwei.a\n")
    assert _levels(data) == [
        ("H3", "Eins"),
        ("H4", "Eins.a"),
        ("H4", "Eins.b"),
        ("H3", "Zwei"),
        ("H4", "Zwei.a"),
    ]


def test_an_outline_starting_deep_skips_no_level() -> None:
    data = _render("### Vorab\n\n# Haupt\n\n### Unter\n")
    assert _levels(data) == [("H3", "Vorab"), ("H3", "Haupt"), ("H4", "Unter")]


def test_levels_five_and_six_stay_distinguishable() -> None:
    data = _render("##### Fünf\n\n###### Sechs\n\n##### Fünf b\n")
    assert _levels(data) == [("H3", "Fünf"), ("H4", "Sechs"), ("H3", "Fünf b")]
    four = _render("# A\n\n## B\n\n### C\n\n#### D\n")
    assert _levels(four) == [("H3", "A"), ("H4", "B"), ("H5", "C"), ("H6", "D")]


def test_more_than_four_levels_are_refused_for_the_final_export() -> None:
    v = Vorlage()
    v.erlaeuterungen = "# A\n\n## B\n\n### C\n\n#### D\n\n##### E\n"
    found = [p for p in problems(v) if p.field == "erlaeuterungen" and "Ebenen" in p.message]
    assert len(found) == 1 and found[0].schwere == Schwere.FEHLER
    assert "#, ##, ###, ####, #####" in found[0].message
    v.erlaeuterungen = "# A\n\n## B\n\n### C\n\n#### D\n\n```\n##### kein Titel\n```\n"
    assert not [p for p in problems(v) if "Ebenen" in p.message]
