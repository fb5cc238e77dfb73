"""The wizard's flow as data (no Qt): steps, Klimarelevanz enabling, Beschluss skeleton."""

from __future__ import annotations

from forms.flow import (
    STEP_TITLES,
    STEPS,
    Extra,
    beschluss_skeleton,
    beschlussvorschlag_erforderlich,
    klima_nicht_anwendbar,
    section_state,
)
from forms.labels import Section
from forms.model import Beratung, Klimarelevanz, KlimaschutzRelevanz, Vorlage
from forms.profile import load_profile
from forms.rules import problems


def test_steps_are_start_sections_review():
    assert STEPS[0] == Extra.START
    assert STEPS[-1] == Extra.PRUEFEN
    assert list(STEPS[1:-1]) == list(Section)
    assert STEP_TITLES[Extra.PRUEFEN] == "Prüfen und Exportieren"
    assert STEP_TITLES[Section.FINANZEN] == "Finanzielle Auswirkungen"


def test_klima_nothing_answered_only_k1_a1_ko_apply():
    reasons = klima_nicht_anwendbar(Klimarelevanz())
    assert {k for k, r in reasons.items() if r is None} == {
        "klimaschutz",
        "anpassung",
        "kompensation",
    }


def test_klima_positive_allows_einsparung_not_erhoehung():
    reasons = klima_nicht_anwendbar(Klimarelevanz(klimaschutz=KlimaschutzRelevanz.POSITIV))
    assert reasons["co2_effekt"] is None
    assert reasons["einsparung"] is None
    assert reasons["erhoehung"] == "Nur bei negativer Relevanz für den Klimaschutz."


def test_klima_negative_allows_erhoehung_not_einsparung():
    reasons = klima_nicht_anwendbar(Klimarelevanz(klimaschutz=KlimaschutzRelevanz.NEGATIV))
    assert reasons["erhoehung"] is None
    assert reasons["einsparung"] == "Nur bei positiver Relevanz für den Klimaschutz."


def test_klima_nicht_eindeutig_allows_neither_size():
    reasons = klima_nicht_anwendbar(Klimarelevanz(klimaschutz=KlimaschutzRelevanz.NICHT_EINDEUTIG))
    assert reasons["einsparung"] and reasons["erhoehung"]
    assert reasons["co2_effekt"] is None


def test_skeleton_follows_beratungsfolge_order_roles_and_articles():
    profile = load_profile()
    vorlage = Vorlage(
        beratungsfolge=[
            Beratung(gremium="Bezirksvertretung Aachen-Mitte", rolle="Anhörung/Empfehlung"),
            Beratung(gremium="Finanzausschuss", rolle="Kenntnisnahme"),
            Beratung(gremium="Rat der Stadt Aachen", rolle="Entscheidung"),
            Beratung(gremium="Ad-hoc-Kommission", rolle=""),
            Beratung(gremium="  ", rolle="Entscheidung"),
        ]
    )
    assert beschluss_skeleton(vorlage, profile).split("\n\n") == [
        "Die Bezirksvertretung Aachen-Mitte empfiehlt dem Rat, …",
        "Der Finanzausschuss nimmt die Ausführungen der Verwaltung zur Kenntnis.",
        "Der Rat der Stadt Aachen beschließt …",
        "Der Ad-hoc-Kommission …",
    ]


def test_beschlussvorschlag_required_by_vorlageart():
    profile = load_profile()
    vorlage = Vorlage()
    vorlage.grunddaten.vorlageart = "Entscheidungsvorlage"
    assert beschlussvorschlag_erforderlich(vorlage, profile)
    vorlage.grunddaten.vorlageart = "Kenntnisnahme"
    assert not beschlussvorschlag_erforderlich(vorlage, profile)


def test_section_state(example):
    found = problems(example)
    assert section_state(Section.ERLAEUTERUNGEN, found) is None
    empty = problems(Vorlage())
    assert section_state(Section.GRUNDDATEN, empty).value == "Fehler"
