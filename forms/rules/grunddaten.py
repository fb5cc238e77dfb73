"""Checks of the Grunddaten and the Beratungsfolge: required fields, formats, catalogues."""

from __future__ import annotations

from collections.abc import Iterator

from forms.labels import Section
from forms.model import BeratungStatus, Vorlage
from forms.profile import Profile
from forms.rules.problem import Problem, Schwere


def dienststelle_im_katalog(text: str, profile: Profile) -> bool:
    """A catalogue entry, by display text or short code (how the wizard reads a typed entry)."""
    return profile.katalog_eintrag(text) is not None


def gremium_im_katalog(text: str, profile: Profile) -> bool:
    return text.strip() in {g.name for g in profile.gremien}


def grunddaten(v: Vorlage, profile: Profile) -> Iterator[Problem]:
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


def beratungsfolge(v: Vorlage, profile: Profile) -> Iterator[Problem]:
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
        # A status other than Geplant/Erledigt ("vertagt", "abgesetzt") is neither open nor done:
        # kept as the council system shows it, so it asks for no date (docs/domain.md §3).
        if not row.status.strip():
            yield Problem(
                s,
                f"beratungsfolge.{i}.status",
                f"{where}: Der Status ist leer (Geplant, Erledigt oder wie im "
                "Ratsinformationssystem, z. B. „vertagt“).",
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
