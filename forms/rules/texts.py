"""Checks of the texts: Beschlussvorschlag (placeholders, verbs of the role), Erläuterungen,
heading levels, Anlage references and characters the PDF cannot print."""

from __future__ import annotations

import re
from collections.abc import Iterator

from forms.headings import MAX_HEADING_LEVELS, too_many_heading_levels
from forms.labels import Section, field_label
from forms.model import Beratung, Vorlage
from forms.printable import missing_glyphs, text_fields, unprintable_chars
from forms.profile import Profile
from forms.rules.problem import Problem, Schwere


def beschlussvorschlag(v: Vorlage, profile: Profile) -> Iterator[Problem]:
    s = Section.BESCHLUSSVORSCHLAG
    art = profile.vorlageart(v.grunddaten.vorlageart)
    text = v.beschlussvorschlag.strip()
    if not text:
        if art is not None and art.beschlussvorschlag == "erforderlich":
            yield Problem(
                s,
                "beschlussvorschlag",
                f"Eine {art.name} braucht einen Beschlussvorschlag.",
            )
        return
    paragraphs = re.split(r"\n\s*\n", text)
    for i, paragraph in enumerate(paragraphs):
        if _PLATZHALTER.search(paragraph):
            yield Problem(
                s,
                "beschlussvorschlag",
                f"Absatz {i + 1} enthält noch „…“ aus dem Textbaustein – bitte ausfüllen: "
                f"„{_kurz(paragraph)}“.",
                Schwere.HINWEIS,
            )
    yield from _verben_passen(v.beratungsfolge, paragraphs, profile)


# "…" (or "...") standing alone: the gap of a Textbaustein ("Der Rat beschließt …"), not an
# abbreviation dot or an ellipsis glued to a word ("usw…").
_PLATZHALTER = re.compile(r"(?<!\S)(?:…|\.{3})(?=\s|$|[,;:.)])")
# A Gremium named after one of these words is an object ("empfiehlt dem Rat"), a heading
# ("Beschlussvorschlag für den Rat:") or a reference, not the one the paragraph addresses.
_NICHT_SUBJEKT = re.compile(
    r"\b(?:dem|den|des|vom|im|zum|beim|am|an|für|durch|mit)\s+$", re.IGNORECASE
)


def _kurz(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _verben_passen(
    rows: list[Beratung], paragraphs: list[str], profile: Profile
) -> Iterator[Problem]:
    """Hint when the paragraph addressed to a Gremium uses the verbs of another role.

    A paragraph is addressed to the Gremium named *first* in its opening words as a subject:
    in "Der Ausschuss empfiehlt dem Rat …" it is the Ausschuss; "Sie empfiehlt dem Rat …"
    continues the paragraph before and addresses nobody new (docs/domain.md §4).
    """
    addressees: list[tuple[Beratung, re.Pattern[str]]] = []
    seen: set[str] = set()
    for row in rows:
        if profile.rolle(row.rolle) is None or not row.gremium.strip():
            continue
        # A Gremium listed again has the same pattern and would lose every tie to its first
        # row; scanning it again made problems() rows × paragraphs (77 s for a 5 MB project).
        if row.gremium in seen:
            continue
        seen.add(row.gremium)
        gremium = profile.gremium(row.gremium)
        names = {row.gremium.strip()}
        if gremium and gremium.kurz:
            names.add(gremium.kurz)
        if row.gremium.startswith("Rat der Stadt"):
            names.add("Rat")
        pattern = "|".join(rf"\b{re.escape(n)}\b" for n in sorted(names, key=len, reverse=True))
        addressees.append((row, re.compile(pattern)))
    reported: set[str] = set()
    for paragraph in paragraphs:
        head = paragraph.strip()[:160]
        hits = [
            (m.start(), i)
            for i, (_, p) in enumerate(addressees)
            for m in p.finditer(head)
            if not _NICHT_SUBJEKT.search(head[: m.start()])
        ]
        if not hits:
            continue
        row = addressees[min(hits)[1]][0]
        rolle = profile.rolle(row.rolle)
        assert rolle is not None
        lowered = paragraph.lower()
        # From a word start: "fasst" is a decision, "umfasst" is not.
        verbs = (rf"\b{re.escape(verb.lower())}" for verb in rolle.verben)
        if row.gremium in reported or any(re.search(verb, lowered) for verb in verbs):
            continue
        reported.add(row.gremium)
        yield Problem(
            Section.BESCHLUSSVORSCHLAG,
            "beschlussvorschlag",
            f"Der Absatz für „{row.gremium}“ passt nicht zur Zuständigkeit „{rolle.name}“ "
            f"(erwartet z. B. „{rolle.verben[0]}“).",
            Schwere.HINWEIS,
        )


def erlaeuterungen(v: Vorlage, profile: Profile) -> Iterator[Problem]:
    if not v.erlaeuterungen.strip():
        yield Problem(Section.ERLAEUTERUNGEN, "erlaeuterungen", "Die Erläuterungen fehlen.")


def heading_levels(v: Vorlage, profile: Profile) -> Iterator[Problem]:
    """The PDF has four heading levels below a section heading (forms/headings.py)."""
    for section, path in (
        (Section.BESCHLUSSVORSCHLAG, "beschlussvorschlag"),
        (Section.ERLAEUTERUNGEN, "erlaeuterungen"),
    ):
        used = too_many_heading_levels(getattr(v, path))
        if used:
            marks = ", ".join("#" * level for level in used)
            yield Problem(
                section,
                path,
                f"Überschriften in {len(used)} Ebenen ({marks}); das PDF unterscheidet "
                f"höchstens {MAX_HEADING_LEVELS}. Bitte Ebenen zusammenlegen.",
            )


_ANLAGE_VERWEIS = re.compile(r"\bAnlage\s+(\d{1,3})\b")


def anlagen(v: Vorlage, profile: Profile) -> Iterator[Problem]:
    s = Section.ANLAGEN
    for i, anlage in enumerate(v.anlagen):
        if not anlage.titel.strip():
            yield Problem(s, f"anlagen.{i}.titel", f"Anlage {i + 1} hat keinen Titel.")
    cited = {int(n) for n in _ANLAGE_VERWEIS.findall(v.erlaeuterungen + v.beschlussvorschlag)}
    missing = sorted(n for n in cited if n > len(v.anlagen))
    if missing:
        yield Problem(
            s,
            "anlagen",
            "Der Text verweist auf "
            + ", ".join(f"Anlage {n}" for n in missing)
            + f", es sind aber nur {len(v.anlagen)} Anlagen eingetragen.",
            Schwere.HINWEIS,
        )


def unprintable(v: Vorlage, profile: Profile) -> Iterator[Problem]:
    """Characters kept in the file but not printed in the PDF (forms/printable.py)."""
    for path, text in text_fields(v):
        invisible = unprintable_chars(text)
        no_glyph = missing_glyphs(text) if text and not text.isascii() else []
        if not invisible and not no_glyph:
            continue
        section = Section(path.split(".")[0])
        label = field_label(path)
        for lead in (f"{section.titel} › ", f"{section.titel}, "):
            label = label.removeprefix(lead)
        if invisible:
            yield Problem(
                section,
                path,
                f"{label} enthält unsichtbare Steuerzeichen ({_first_five(invisible)}); sie "
                "bleiben in der Datei erhalten, werden aber nicht gedruckt.",
                Schwere.HINWEIS,
            )
        if no_glyph:
            yield Problem(
                section,
                path,
                f"{label} enthält Zeichen, die keine Schrift des PDFs hat "
                f"({_first_five(no_glyph)}); sie bleiben in der Datei erhalten, werden im PDF "
                "aber als „�“ gedruckt.",
                Schwere.HINWEIS,
            )


def _first_five(items: list[str]) -> str:
    return ", ".join(items[:5]) + (" …" if len(items) > 5 else "")
