"""The strict check: every missing or inconsistent item of a Vorlage, all at once.

A draft with problems still saves; export as final requires no `Schwere.FEHLER`.
Each problem names its section and the model path of the field, so the wizard's review page
can jump there.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum

from forms.formatting import format_betrag
from forms.headings import MAX_HEADING_LEVELS, too_many_heading_levels
from forms.labels import Section, field_label
from forms.model import (
    Beratung,
    BeratungStatus,
    Deckung,
    Klimarelevanz,
    KlimaschutzRelevanz,
    Spalten,
    Vorlage,
)
from forms.printable import missing_glyphs, text_fields, unprintable_chars
from forms.profile import Profile, load_profile


class Schwere(StrEnum):
    FEHLER = "Fehler"
    HINWEIS = "Hinweis"


@dataclass(frozen=True)
class Problem:
    section: Section
    field: str  # dotted model path, e.g. "beratungsfolge.0.datum"
    message: str
    schwere: Schwere = Schwere.FEHLER

    def __str__(self) -> str:
        return f"{self.schwere.value}: {self.section.titel}: {self.message}"


def problems(vorlage: Vorlage, profile: Profile | None = None) -> list[Problem]:
    profile = profile or load_profile()
    checks = (
        _grunddaten,
        _beratungsfolge,
        _beschlussvorschlag,
        _erlaeuterungen,
        _heading_levels,
        _anlagen,
        _finanzen,
        _klimarelevanz,
        _unprintable,
    )
    return [p for check in checks for p in check(vorlage, profile)]


def is_complete(section: Section, vorlage: Vorlage, profile: Profile | None = None) -> bool:
    """True when the section has no errors (hints do not block)."""
    return not any(
        p.section == section and p.schwere == Schwere.FEHLER for p in problems(vorlage, profile)
    )


def has_errors(found: list[Problem]) -> bool:
    return any(p.schwere == Schwere.FEHLER for p in found)


def dienststelle_im_katalog(text: str, profile: Profile) -> bool:
    """A catalogue entry, by display text or short code (how the wizard reads a typed entry)."""
    return profile.katalog_eintrag(text) is not None


def gremium_im_katalog(text: str, profile: Profile) -> bool:
    return text.strip() in {g.name for g in profile.gremien}


def _grunddaten(v: Vorlage, profile: Profile) -> Iterator[Problem]:
    g = v.grunddaten
    s = Section.GRUNDDATEN
    if not g.vorlageart.strip():
        yield Problem(s, "grunddaten.vorlageart", "Die Vorlageart fehlt.")
    elif profile.vorlageart(g.vorlageart) is None:
        yield Problem(
            s,
            "grunddaten.vorlageart",
            f"Die Vorlageart „{g.vorlageart}“ steht nicht im Katalog der {profile.stadt}.",
            Schwere.HINWEIS,
        )
    if not g.vorlage_nr.strip():
        yield Problem(
            s,
            "grunddaten.vorlage_nr",
            "Die Vorlage-Nr. fehlt noch (sie wird vom Ratsinformationssystem vergeben).",
            Schwere.HINWEIS,
        )
    elif not profile.vorlage_nr.passt(g.vorlage_nr.strip()):
        yield Problem(
            s,
            "grunddaten.vorlage_nr",
            f"Die Vorlage-Nr. „{g.vorlage_nr}“ hat nicht das erwartete Format "
            f"({profile.vorlage_nr.erklaerung}).",
        )
    if not g.betreff.strip():
        yield Problem(s, "grunddaten.betreff", "Der Betreff fehlt.")
    if not g.federfuehrend.anzeige().strip():
        yield Problem(s, "grunddaten.federfuehrend", "Die federführende Dienststelle fehlt.")
    elif not dienststelle_im_katalog(g.federfuehrend.anzeige(), profile):
        yield Problem(
            s,
            "grunddaten.federfuehrend",
            f"Federführend „{g.federfuehrend.anzeige()}“ steht nicht im Dienststellenverzeichnis "
            "– bitte Schreibweise prüfen (freie Eingabe bleibt erlaubt).",
            Schwere.HINWEIS,
        )
    for i, d in enumerate(g.beteiligt):
        if not d.anzeige().strip():
            yield Problem(s, f"grunddaten.beteiligt.{i}", f"Beteiligt, Eintrag {i + 1} ist leer.")
    if not g.verfasst_von.strip():
        yield Problem(s, "grunddaten.verfasst_von", "„Verfasst von“ fehlt.")
    if g.datum is None:
        yield Problem(
            s,
            "grunddaten.datum",
            "Das Datum der Vorlage fehlt; gedruckt wird dann nur das Ausdrucksdatum.",
            Schwere.HINWEIS,
        )


def _beratungsfolge(v: Vorlage, profile: Profile) -> Iterator[Problem]:
    s = Section.BERATUNGSFOLGE
    if not v.beratungsfolge:
        yield Problem(s, "beratungsfolge", "Die Beratungsfolge braucht mindestens ein Gremium.")
        return
    for i, row in enumerate(v.beratungsfolge):
        where = f"Zeile {i + 1}"
        if not row.gremium.strip():
            yield Problem(s, f"beratungsfolge.{i}.gremium", f"{where}: Das Gremium fehlt.")
        elif not gremium_im_katalog(row.gremium, profile):
            yield Problem(
                s,
                f"beratungsfolge.{i}.gremium",
                f"{where}: Das Gremium „{row.gremium.strip()}“ steht nicht im Verzeichnis der "
                "Gremien – bitte Schreibweise prüfen (freie Eingabe bleibt erlaubt).",
                Schwere.HINWEIS,
            )
        if not row.rolle.strip():
            yield Problem(
                s,
                f"beratungsfolge.{i}.rolle",
                f"{where}: Die Zuständigkeit (Kenntnisnahme, Anhörung/Empfehlung, Entscheidung) "
                "ist leer.",
                Schwere.HINWEIS,
            )
        if row.status == BeratungStatus.ERLEDIGT and row.datum is None:
            yield Problem(
                s,
                f"beratungsfolge.{i}.datum",
                f"{where}: Eine erledigte Beratung braucht das Sitzungsdatum.",
            )
    art = profile.vorlageart(v.grunddaten.vorlageart)
    if (
        art is not None
        and art.beschlussvorschlag == "erforderlich"
        and not any(r.rolle == "Entscheidung" for r in v.beratungsfolge)
    ):
        yield Problem(
            s,
            "beratungsfolge",
            f"Eine {art.name} braucht ein Gremium mit der Zuständigkeit „Entscheidung“.",
            Schwere.HINWEIS,
        )


def _beschlussvorschlag(v: Vorlage, profile: Profile) -> Iterator[Problem]:
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
    continues the paragraph before and addresses nobody new (domain.md §2.4).
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


def _erlaeuterungen(v: Vorlage, profile: Profile) -> Iterator[Problem]:
    if not v.erlaeuterungen.strip():
        yield Problem(Section.ERLAEUTERUNGEN, "erlaeuterungen", "Die Erläuterungen fehlen.")


def _heading_levels(v: Vorlage, profile: Profile) -> Iterator[Problem]:
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


def _anlagen(v: Vorlage, profile: Profile) -> Iterator[Problem]:
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


def _alle_null(*rows: Spalten) -> bool:
    return all(getattr(r, c) == 0 for r in rows for c in Spalten.model_fields)


def _finanzen(v: Vorlage, profile: Profile) -> Iterator[Problem]:
    s = Section.FINANZEN
    f = v.finanzen
    inv, kons = f.investiv, f.konsumtiv
    leer = _alle_null(inv.einzahlungen, inv.auszahlungen) and _alle_null(
        kons.ertrag, kons.personal_sachaufwand, kons.abschreibungen
    )
    if f.auswirkungen is None:
        yield Problem(
            s,
            "finanzen.auswirkungen",
            "Bitte ankreuzen, ob es finanzielle Auswirkungen gibt (JA/NEIN).",
        )
    elif f.auswirkungen is False and not leer:
        yield Problem(
            s,
            "finanzen.auswirkungen",
            "NEIN ist angekreuzt, aber in den Tabellen stehen Beträge.",
        )
    elif f.auswirkungen is True and leer:
        yield Problem(
            s,
            "finanzen.auswirkungen",
            "JA ist angekreuzt, aber alle Beträge sind 0.",
            Schwere.HINWEIS,
        )
    if f.auswirkungen and f.haushaltsjahr is None:
        yield Problem(
            s,
            "finanzen.haushaltsjahr",
            "Das Haushaltsjahr fehlt; in den Spaltenköpfen wird „20xx“ gedruckt.",
            Schwere.HINWEIS,
        )
    for tabelle, name in ((inv, "investiv"), (kons, "konsumtiv")):
        veraenderung = tabelle.veraenderung()
        for paar, wert, deckung in (
            ("jahr", veraenderung.jahr, tabelle.deckung_jahr),
            ("ff", veraenderung.ff, tabelle.deckung_ff),
        ):
            spalte = f.jahr_text(folgejahre=paar == "ff")
            feld = f"finanzen.{name}.deckung_{paar}"
            tabellen_name = "investiven" if name == "investiv" else "konsumtiven"
            if wert < 0 and deckung == Deckung.NICHT_ANGEGEBEN:
                yield Problem(
                    s,
                    feld,
                    f"Verschlechterung von {format_betrag(wert)} € in der {tabellen_name} "
                    f"Tabelle ({spalte}): bitte angeben, ob die Deckung gegeben ist.",
                )
            elif wert < 0 and deckung == Deckung.NICHT_AUSREICHEND:
                yield Problem(
                    s,
                    feld,
                    f"Für die Verschlechterung in der {tabellen_name} Tabelle ({spalte}) ist keine "
                    "ausreichende Deckung vorhanden.",
                    Schwere.HINWEIS,
                )
            elif wert >= 0 and deckung != Deckung.NICHT_ANGEGEBEN:
                yield Problem(
                    s,
                    feld,
                    f"Deckung ist in der {tabellen_name} Tabelle ({spalte}) angegeben, obwohl "
                    "sich das Ergebnis nicht verschlechtert.",
                    Schwere.HINWEIS,
                )


def _klimarelevanz(v: Vorlage, profile: Profile) -> Iterator[Problem]:
    s = Section.KLIMARELEVANZ
    k: Klimarelevanz = v.klimarelevanz
    if k.klimaschutz is None:
        yield Problem(s, "klimarelevanz.klimaschutz", "Die Relevanz für den Klimaschutz fehlt.")
    elif k.co2_effekt is None:
        yield Problem(s, "klimarelevanz.co2_effekt", "Der Effekt auf die CO2-Emissionen fehlt.")
    if k.anpassung is None:
        yield Problem(
            s, "klimarelevanz.anpassung", "Die Relevanz für die Klimafolgenanpassung fehlt."
        )
    if k.einsparung is not None and k.klimaschutz != KlimaschutzRelevanz.POSITIV:
        yield Problem(
            s,
            "klimarelevanz.einsparung",
            "Die CO2-Einsparung wird nur bei positiver Relevanz für den Klimaschutz angekreuzt.",
        )
    if k.erhoehung is not None and k.klimaschutz != KlimaschutzRelevanz.NEGATIV:
        yield Problem(
            s,
            "klimarelevanz.erhoehung",
            "Die Erhöhung der CO2-Emissionen wird nur bei negativer Relevanz für den "
            "Klimaschutz angekreuzt.",
        )
    for feld, groesse in (("einsparung", k.einsparung), ("erhoehung", k.erhoehung)):
        if groesse is not None and k.co2_effekt is not None and k.co2_effekt.value != groesse.value:
            yield Problem(
                s,
                f"klimarelevanz.{feld}",
                f"Die Größenordnung „{groesse.value}“ widerspricht dem Effekt "
                f"„{k.co2_effekt.value}“ auf die CO2-Emissionen.",
                Schwere.HINWEIS,
            )
    if k.klimaschutz == KlimaschutzRelevanz.NEGATIV and k.kompensation is None:
        yield Problem(
            s,
            "klimarelevanz.kompensation",
            "Bei negativer Relevanz für den Klimaschutz ist anzugeben, ob die zusätzlichen "
            "CO2-Emissionen kompensiert werden.",
        )
    if k.klimaschutz == KlimaschutzRelevanz.POSITIV and k.kompensation is not None:
        yield Problem(
            s,
            "klimarelevanz.kompensation",
            "Eine Kompensation betrifft zusätzliche Emissionen; bei positiver Relevanz wird sie "
            "normalerweise nicht angekreuzt.",
            Schwere.HINWEIS,
        )


def _unprintable(v: Vorlage, profile: Profile) -> Iterator[Problem]:
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
