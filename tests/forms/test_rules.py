"""problems(): every missing or inconsistent item at once, with section, field and severity."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from forms.labels import Section
from forms.model import (
    Beratung,
    BeratungStatus,
    CO2Effekt,
    Deckung,
    Groessenordnung,
    Klimarelevanz,
    KlimaschutzRelevanz,
    Kompensation,
    Spalten,
    Vorlage,
)
from forms.rules import Problem, Schwere, has_errors, is_complete, problems


def _fields(found: list[Problem], schwere: Schwere | None = None) -> set[str]:
    return {p.field for p in found if schwere is None or p.schwere == schwere}


def test_example_has_no_errors_only_hints(example: Vorlage) -> None:
    found = problems(example)
    assert not has_errors(found)
    # The seed ticks Kompensation on a positive measure: real data, so a hint, not an error.
    assert "klimarelevanz.kompensation" in _fields(found, Schwere.HINWEIS)


def test_empty_vorlage_lists_everything_at_once() -> None:
    found = problems(Vorlage())
    errors = _fields(found, Schwere.FEHLER)
    assert {
        "grunddaten.betreff",
        "grunddaten.federfuehrend",
        "grunddaten.verfasst_von",
        "beratungsfolge",
        "erlaeuterungen",
        "finanzen.auswirkungen",
        "klimarelevanz.klimaschutz",
        "klimarelevanz.anpassung",
    } <= errors
    assert "grunddaten.vorlage_nr" in _fields(found, Schwere.HINWEIS)  # issued later by the RIS
    assert all(p.message and p.section in Section for p in found)


def test_beschlussvorschlag_required_for_entscheidungsvorlage_only(example: Vorlage) -> None:
    entscheidung = example.model_copy(deep=True)
    entscheidung.grunddaten.vorlageart = "Entscheidungsvorlage"
    assert "beschlussvorschlag" in _fields(problems(entscheidung), Schwere.FEHLER)
    assert "beschlussvorschlag" not in _fields(problems(example))
    assert is_complete(Section.BESCHLUSSVORSCHLAG, example)
    assert not is_complete(Section.BESCHLUSSVORSCHLAG, entscheidung)


def test_vorlage_nr_format_is_checked_with_an_example(example: Vorlage) -> None:
    example.grunddaten.vorlage_nr = "56/319/18"
    [problem] = [p for p in problems(example) if p.field == "grunddaten.vorlage_nr"]
    assert problem.schwere == Schwere.FEHLER
    assert "FB 56/0319/WP18" in problem.message
    for good in ("FB 56/0319/WP18", "E 26/0060/WP18-1", "BA 3/0082/WP15", "A 20/0064/WP15"):
        example.grunddaten.vorlage_nr = good
        assert "grunddaten.vorlage_nr" not in _fields(problems(example))


def test_beratungsfolge_rows_checked_and_order_kept(example: Vorlage) -> None:
    example.beratungsfolge = [
        Beratung(
            status=BeratungStatus.GEPLANT,
            datum=dt.date(2025, 4, 30),
            gremium="Rat der Stadt Aachen",
            rolle="",
        ),
        Beratung(status=BeratungStatus.ERLEDIGT, datum=None, gremium="", rolle="Entscheidung"),
        Beratung(
            status=BeratungStatus.GEPLANT, datum=dt.date(2025, 4, 29), gremium="Hauptausschuss"
        ),
    ]
    found = problems(example)
    assert "beratungsfolge.1.gremium" in _fields(found, Schwere.FEHLER)
    assert "beratungsfolge.1.datum" in _fields(found, Schwere.FEHLER)
    assert "beratungsfolge.0.rolle" in _fields(
        found, Schwere.HINWEIS
    )  # Rat row with empty role is real
    assert [r.datum for r in example.beratungsfolge][::2] == [
        dt.date(2025, 4, 30),
        dt.date(2025, 4, 29),
    ]


def test_a_verbatim_status_is_neither_open_nor_done(example: Vorlage) -> None:
    # "vertagt", "abgesetzt": kept as the council system shows it; only an erledigte row
    # needs its meeting date, and no such status is an error or a hint of its own.
    example.beratungsfolge = [
        Beratung(status=s, datum=None, gremium="Rat der Stadt Aachen", rolle="Entscheidung")
        for s in ("vertagt", "abgesetzt", "zurückgestellt", "Erledigt", "")
    ]
    found = [p for p in problems(example) if p.field.startswith("beratungsfolge.")]
    assert {(p.field, p.schwere) for p in found} == {
        ("beratungsfolge.3.datum", Schwere.FEHLER),
        ("beratungsfolge.4.status", Schwere.HINWEIS),
    }
    [leer] = [p for p in found if p.field == "beratungsfolge.4.status"]
    assert leer.message == (
        "Zeile 5: Der Status ist leer (Geplant, Erledigt oder wie im "
        "Ratsinformationssystem, z. B. „vertagt“)."
    )
    assert is_complete(Section.BERATUNGSFOLGE, example) is False
    example.beratungsfolge[3].datum = dt.date(2025, 4, 2)
    assert not has_errors(problems(example))


def test_role_verbs_warn_when_paragraph_does_not_match(example: Vorlage) -> None:
    example.beschlussvorschlag = "Der Integrationsrat beschließt die Umsetzung."
    [hint] = [p for p in problems(example) if p.field == "beschlussvorschlag"]
    assert hint.schwere == Schwere.HINWEIS and "Kenntnisnahme" in hint.message
    example.beschlussvorschlag = (
        "Der Integrationsrat nimmt die Ausführungen der Verwaltung zur Kenntnis."
    )
    assert "beschlussvorschlag" not in _fields(problems(example))


def test_deckung_required_for_a_negative_result(example: Vorlage) -> None:
    inv = example.finanzen.investiv
    example.finanzen.auswirkungen = True
    example.finanzen.haushaltsjahr = 2021
    inv.auszahlungen = Spalten(
        ansatz=Decimal("260000"), ansatz_fortgeschrieben=Decimal("540289.51")
    )
    [problem] = [p for p in problems(example) if p.field == "finanzen.investiv.deckung_jahr"]
    assert problem.schwere == Schwere.FEHLER
    assert "−280.289,51" in problem.message and "2021" in problem.message
    inv.deckung_jahr = Deckung.GEGEBEN
    assert "finanzen.investiv.deckung_jahr" not in _fields(problems(example))
    inv.deckung_ff = Deckung.GEGEBEN  # nothing got worse in the Folgejahre
    assert "finanzen.investiv.deckung_ff" in _fields(problems(example), Schwere.HINWEIS)


def test_nein_with_amounts_is_an_error(example: Vorlage) -> None:
    example.finanzen.konsumtiv.ertrag = Spalten(neu=Decimal(1))
    assert "finanzen.auswirkungen" in _fields(problems(example), Schwere.FEHLER)


@pytest.mark.parametrize(
    ("klima", "field", "schwere"),
    [
        # Size band for the wrong sign is an error.
        (
            Klimarelevanz(
                klimaschutz=KlimaschutzRelevanz.NEGATIV,
                co2_effekt=CO2Effekt.GERING,
                einsparung=Groessenordnung.GERING,
                kompensation=Kompensation.NICHT,
            ),
            "klimarelevanz.einsparung",
            Schwere.FEHLER,
        ),
        (
            Klimarelevanz(
                klimaschutz=KlimaschutzRelevanz.POSITIV,
                co2_effekt=CO2Effekt.GROSS,
                erhoehung=Groessenordnung.GROSS,
            ),
            "klimarelevanz.erhoehung",
            Schwere.FEHLER,
        ),
        # Band that contradicts K2 is a hint.
        (
            Klimarelevanz(
                klimaschutz=KlimaschutzRelevanz.POSITIV,
                co2_effekt=CO2Effekt.MITTEL,
                einsparung=Groessenordnung.GROSS,
            ),
            "klimarelevanz.einsparung",
            Schwere.HINWEIS,
        ),
        # Negative measure needs Kompensation.
        (
            Klimarelevanz(klimaschutz=KlimaschutzRelevanz.NEGATIV, co2_effekt=CO2Effekt.MITTEL),
            "klimarelevanz.kompensation",
            Schwere.FEHLER,
        ),
        # K2 follows K1.
        (
            Klimarelevanz(klimaschutz=KlimaschutzRelevanz.NICHT_EINDEUTIG),
            "klimarelevanz.co2_effekt",
            Schwere.FEHLER,
        ),
    ],
)
def test_klimarelevanz_rules(
    example: Vorlage, klima: Klimarelevanz, field: str, schwere: Schwere
) -> None:
    klima.anpassung = example.klimarelevanz.anpassung
    example.klimarelevanz = klima
    assert field in _fields(problems(example), schwere)


def test_consistent_negative_measure_has_no_klima_problem(example: Vorlage) -> None:
    example.klimarelevanz = Klimarelevanz(
        klimaschutz=KlimaschutzRelevanz.NEGATIV,
        co2_effekt=CO2Effekt.MITTEL,
        anpassung=example.klimarelevanz.anpassung,
        erhoehung=Groessenordnung.MITTEL,
        kompensation=Kompensation.TEILWEISE,
    )
    assert not [p for p in problems(example) if p.section == Section.KLIMARELEVANZ]


def test_missing_anlage_reference_is_hinted(example: Vorlage) -> None:
    example.erlaeuterungen += "\n\nDetails siehe Anlage 2."
    [hint] = [p for p in problems(example) if p.field == "anlagen"]
    assert "Anlage 2" in hint.message


def test_paragraph_belongs_to_the_gremium_named_first(example: Vorlage) -> None:
    example.grunddaten.vorlageart = "Entscheidungsvorlage"
    example.beratungsfolge = [
        Beratung(gremium="Mobilitätsausschuss", rolle="Anhörung/Empfehlung"),
        Beratung(gremium="Rat der Stadt Aachen", rolle="Entscheidung"),
    ]
    example.beschlussvorschlag = (
        "Der Mobilitätsausschuss empfiehlt dem Rat, die Maßnahme zu beschließen.\n\n"
        "Der Rat beschließt die Maßnahme."
    )
    assert "beschlussvorschlag" not in _fields(problems(example))
    example.beschlussvorschlag = "Der Mobilitätsausschuss empfiehlt.\n\nDer Rat nimmt Kenntnis."
    [hint] = [p for p in problems(example) if p.field == "beschlussvorschlag"]
    assert "Rat der Stadt Aachen" in hint.message and "Entscheidung" in hint.message
