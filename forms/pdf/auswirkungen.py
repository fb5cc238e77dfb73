"""The profile's further Auswirkungen blocks of the printed Vorlage: a heading, the question,
the JA/NEIN box and the text, after the Klimarelevanz (docs/profile.md)."""

from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable

from forms.model import Auswirkung, Vorlage
from forms.pdf.finanzen import ja_nein_box
from forms.pdf.flowables import text_para
from forms.pdf.parts import section_heading
from forms.pdf.styles import Styles
from forms.profile import Profile


def blocks(vorlage: Vorlage, profile: Profile) -> list[tuple[str, str, str, Auswirkung]]:
    """(id, title, question, entry) in print order: the profile's blocks, then any block the
    file holds that the profile does not know (titled by its id, never dropped)."""
    stored = vorlage.weitere_auswirkungen
    out = [(b.id, b.titel, b.frage, stored.get(b.id, Auswirkung())) for b in profile.auswirkungen]
    out += [(k, k, "", v) for k, v in stored.items() if profile.auswirkung(k) is None]
    return out


def weitere_auswirkungen(vorlage: Vorlage, profile: Profile, styles: Styles) -> list[Flowable]:
    frage_style = ParagraphStyle("auswirkung-frage", parent=styles.body, keepWithNext=1)
    out: list[Flowable] = []
    for _key, titel, frage, entry in blocks(vorlage, profile):
        heading = section_heading(titel, styles)
        heading.keepWithNext = 1
        out.append(heading)
        if frage:
            out.append(text_para(frage, frage_style))
        out.append(ja_nein_box(entry.ja, styles))
        for paragraph in entry.text.strip().split("\n\n"):
            if paragraph.strip():
                out.append(text_para(paragraph.strip(), styles.body))
    return out
