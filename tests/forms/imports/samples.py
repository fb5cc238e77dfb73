"""Shared samples of the PDF import tests: the printing date and a Vorlage that uses every part
of the printed form (two Beteiligte, signature, rich text with nested lists, two Beratungen,
Anlagen, finance amounts and a Deckung, a Klimarelevanz answer)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from forms import projectfile
from forms.markdown import normalize
from forms.model import (
    Anlage,
    Beratung,
    BeratungStatus,
    CO2Effekt,
    Deckung,
    Dienststelle,
    Kompensation,
    Spalten,
    Vorlage,
)
from tests.conftest import EXAMPLE

AUSDRUCK = dt.date(2025, 11, 3)


def rich_vorlage() -> Vorlage:
    v = projectfile.load(EXAMPLE)
    g = v.grunddaten
    g.vorlageart = "Entscheidungsvorlage"
    g.beteiligt = [
        Dienststelle(kuerzel="FB 20", name="Finanzsteuerung"),
        Dienststelle(kuerzel="FB 61", name="Stadtentwicklung"),
    ]
    g.datum = dt.date(2025, 3, 4)
    g.aktenzeichen = "56/600-12"
    g.unterschrift = "Sibylle Keupen\nOberbürgermeisterin"
    v.beschlussvorschlag = "Der Rat beschließt die **Umgestaltung** wie vorgeschlagen."
    v.erlaeuterungen = normalize(
        "Ein Absatz mit **fettem Wort** und *kursiv* mitten im Satz, der lang genug ist, um "
        "umzubrechen und auf der nächsten Zeile weiterzugehen bis zum Ende.\n\n"
        "- erster Punkt\n- zweiter Punkt\n  - verschachtelt\n  - auch\n- dritter\n\n"
        "1. eins\n2. zwei\n3. drei\n\n# Überschrift\n\nLetzter Absatz mit 12,5 % und 100 €."
    )
    v.beratungsfolge = [
        Beratung(
            status=BeratungStatus.ERLEDIGT,
            datum=dt.date(2025, 3, 19),
            gremium="Bezirksvertretung Aachen-Mitte",
            rolle="Anhörung/Empfehlung",
        ),
        Beratung(
            status=BeratungStatus.GEPLANT, gremium="Rat der Stadt Aachen", rolle="Entscheidung"
        ),
    ]
    v.anlagen = [Anlage(titel="Präsentation Sachstand"), Anlage(titel="Lageplan")]
    f = v.finanzen
    f.auswirkungen = True
    f.haushaltsjahr = 2025
    f.investiv.auszahlungen = Spalten(
        ansatz=Decimal("250000"),
        ansatz_fortgeschrieben=Decimal("260000.50"),
        neu=Decimal("1234567.89"),
    )
    f.investiv.deckung_jahr = Deckung.GEGEBEN
    f.konsumtiv.personal_sachaufwand = Spalten(ansatz_ff=Decimal("12.34"))
    f.konsumtiv.deckung_ff = Deckung.NICHT_AUSREICHEND
    v.klimarelevanz.co2_effekt = CO2Effekt.MITTEL
    v.klimarelevanz.kompensation = Kompensation.UEBERWIEGEND
    return v
