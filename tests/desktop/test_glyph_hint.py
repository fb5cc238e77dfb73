"""The review page says before the export which typed characters the PDF prints as „�“
(issue 11 item 3), driving the real widgets."""

from __future__ import annotations

from forms.flow import Extra
from forms.labels import Section
from tests.desktop.typing import type_text


def test_review_names_field_and_character_without_a_font(window, qtbot):
    window.session.new_vorlage("Entscheidungsvorlage", "FB 36")
    page = window.go_to(Section.GRUNDDATEN)
    type_text(qtbot, page.betreff, "Radweg 🚲 am Dom ✓ ☒ → ½ Ωμέγα Москва")
    review = window.go_to(Extra.PRUEFEN)
    texts = [review.list.item(i).text() for i in range(review.list.count())]
    hints = [t for t in texts if "keine Schrift des PDFs" in t]
    assert hints == [
        "Grunddaten: Betreff enthält Zeichen, die keine Schrift des PDFs hat (🚲); sie bleiben "
        "in der Datei erhalten, werden im PDF aber als „�“ gedruckt."
    ]
