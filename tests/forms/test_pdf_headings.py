"""Markdown headings → tag levels, bookmarks and printed sizes (issue 11 item 4).

Read back from the exported PDF: the tag tree with poppler (`pdfinfo -struct-text`), the
bookmarks with pikepdf, the printed size of each heading from poppler's word boxes.
"""

from __future__ import annotations

from forms.model import Vorlage
from forms.rules import Schwere, problems
from tests.forms.pdfutil import (
    erlaeuterungen_headings,
    open_pdf,
    render_erlaeuterungen,
    word_boxes,
)


def _word_heights(data: bytes, word: str) -> set[float]:
    """Heights of the boxes poppler gives `word` (proportional to the printed font size)."""
    return {round(w.y_max - w.y_min, 2) for w in word_boxes(data) if w.text == word}


def test_24_sibling_sections_share_one_level_one_bookmark_depth_and_one_size() -> None:
    md = "\n\n".join(f"## Abschnitt {n}\n\nText {n}." for n in range(1, 25))
    data = render_erlaeuterungen(md)
    assert erlaeuterungen_headings(data) == [("H3", f"Abschnitt {n}") for n in range(1, 25)]
    with open_pdf(data).open_outline() as outline:
        (betreff,) = outline.root
        erl = next(item for item in betreff.children if item.title == "Erläuterungen")
        assert [c.title for c in erl.children] == [f"Abschnitt {n}" for n in range(1, 25)]
        assert all(not c.children for c in erl.children)
    assert len(_word_heights(data, "Abschnitt")) == 1


def test_levels_follow_the_markdown_levels_used_without_a_gap() -> None:
    data = render_erlaeuterungen("# Eins\n\n### Eins.a\n\n### Eins.b\n\n# Zwei\n\n### Zwei.a\n")
    assert erlaeuterungen_headings(data) == [
        ("H3", "Eins"),
        ("H4", "Eins.a"),
        ("H4", "Eins.b"),
        ("H3", "Zwei"),
        ("H4", "Zwei.a"),
    ]


def test_an_outline_starting_deep_skips_no_level() -> None:
    data = render_erlaeuterungen("### Vorab\n\n# Haupt\n\n### Unter\n")
    assert erlaeuterungen_headings(data) == [("H3", "Vorab"), ("H3", "Haupt"), ("H4", "Unter")]


def test_levels_five_and_six_stay_distinguishable() -> None:
    data = render_erlaeuterungen("##### Fünf\n\n###### Sechs\n\n##### Fünf b\n")
    assert erlaeuterungen_headings(data) == [("H3", "Fünf"), ("H4", "Sechs"), ("H3", "Fünf b")]
    four = render_erlaeuterungen("# A\n\n## B\n\n### C\n\n#### D\n")
    assert erlaeuterungen_headings(four) == [("H3", "A"), ("H4", "B"), ("H5", "C"), ("H6", "D")]


def test_more_than_four_levels_are_refused_for_the_final_export() -> None:
    v = Vorlage()
    v.erlaeuterungen = "# A\n\n## B\n\n### C\n\n#### D\n\n##### E\n"
    found = [p for p in problems(v) if p.field == "erlaeuterungen" and "Ebenen" in p.message]
    assert len(found) == 1 and found[0].schwere == Schwere.FEHLER
    assert "#, ##, ###, ####, #####" in found[0].message
    v.erlaeuterungen = "# A\n\n## B\n\n### C\n\n#### D\n\n```\n##### kein Titel\n```\n"
    assert not [p for p in problems(v) if "Ebenen" in p.message]
