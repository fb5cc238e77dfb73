"""Checks of the Finanzen (JA/NEIN against the amounts, Deckung) and the Klimarelevanz grid."""

from __future__ import annotations

from collections.abc import Iterator

from forms.formatting import format_betrag
from forms.labels import Section
from forms.model import Deckung, Klimarelevanz, KlimaschutzRelevanz, Spalten, Vorlage
from forms.profile import Profile
from forms.rules.problem import Problem, Schwere


def _alle_null(*rows: Spalten) -> bool:
    return all(getattr(r, c) == 0 for r in rows for c in Spalten.model_fields)


def finanzen(v: Vorlage, profile: Profile) -> Iterator[Problem]:
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


def klimarelevanz(v: Vorlage, profile: Profile) -> Iterator[Problem]:
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
