"""Markdown links keep their target in print (issue 11 item 8): "Text (https://…)" on paper,
in the extracted text and in the tag tree; nothing becomes a live link."""

from __future__ import annotations

import datetime as dt

from forms.model import Vorlage
from forms.pdf import render
from tests.forms.pdfutil import body_text, open_pdf, struct_texts

AUSDRUCK = dt.date(2026, 11, 25)
LONG = "https://ratsinfo.aachen.de/bi/vo020.asp?VOLFDNR=" + "1234567890" * 12


def _draft(markdown: str) -> bytes:
    v = Vorlage()
    v.erlaeuterungen = markdown
    v.beschlussvorschlag = "Der Rat beschließt das [Konzept](https://aachen.de/konzept.pdf)."
    return render(v, entwurf=True, ausdruck_datum=AUSDRUCK)


def test_link_targets_are_printed_after_the_text() -> None:
    data = _draft(
        "Siehe [Ratsinfo](https://ratsinfo.aachen.de/vorlage?id=1&x=2), "
        "[**fett** verlinkt](http://example.org/a) und [Mail](mailto:fb56@mail.aachen.de).\n\n"
        "- Punkt mit [Link](https://aachen.de/punkt)\n\n"
        "| Quelle |\n|---|\n| [Tabelle](https://aachen.de/tabelle) |"
    )
    text = body_text(data)
    tree = "".join(struct_texts(data))
    for printed in [
        "Ratsinfo (https://ratsinfo.aachen.de/vorlage?id=1&x=2),",
        "fett verlinkt (http://example.org/a)",
        "Mail (fb56@mail.aachen.de).",
        "Link (https://aachen.de/punkt)",
        "Tabelle (https://aachen.de/tabelle)",
        "Konzept (https://aachen.de/konzept.pdf).",
    ]:
        assert printed in text, printed
        assert printed in tree, printed


def test_an_autolink_is_printed_once_and_a_long_target_wraps_whole() -> None:
    data = _draft(f"Adresse <https://aachen.de> und [Beschluss]({LONG}) Ende")
    text = body_text(data)
    assert "Adresse https://aachen.de und" in text
    assert f"Beschluss ({LONG}) Ende" in "".join(struct_texts(data))


def test_nothing_is_linked() -> None:
    data = _draft("[Ratsinfo](https://ratsinfo.aachen.de)")
    pdf = open_pdf(data)
    assert all("/Annots" not in page.obj for page in pdf.pages)
    assert b"/URI" not in data
