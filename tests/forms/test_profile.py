"""The Aachen profile: data, not code; complete enough for the wizard, rules and PDF."""

from __future__ import annotations

import json

from forms.model import (
    AnpassungRelevanz,
    CO2Effekt,
    Groessenordnung,
    Klimarelevanz,
    KlimaschutzRelevanz,
    Kompensation,
)
from forms.profile import Profile, load_profile
from forms.resources import resource_path


def test_aachen_profile_holds_the_catalogues() -> None:
    profile = load_profile()
    assert profile.stadt == "Stadt Aachen"
    assert profile.dienststelle("FB 56").name == "Fachbereich Wohnen, Soziales und Integration"
    assert profile.gremium("Integrationsrat").artikel == "Der"
    assert profile.gremium("Bezirksvertretung Aachen-Mitte").artikel == "Die"
    assert [r.name for r in profile.rollen] == [
        "Kenntnisnahme",
        "Anhörung/Empfehlung",
        "Entscheidung",
    ]
    assert profile.vorlageart("Entscheidungsvorlage").beschlussvorschlag == "erforderlich"
    assert profile.vorlageart("Kenntnisnahme").beschlussvorschlag == "optional"
    assert load_profile() is profile  # parsed once per process


def test_every_klimarelevanz_option_has_its_text() -> None:
    fragen = load_profile().klimarelevanz.fragen
    enums = {
        "klimaschutz": KlimaschutzRelevanz,
        "co2_effekt": CO2Effekt,
        "anpassung": AnpassungRelevanz,
        "einsparung": Groessenordnung,
        "erhoehung": Groessenordnung,
        "kompensation": Kompensation,
    }
    assert set(fragen) == set(enums) == set(Klimarelevanz.model_fields)
    for name, enum in enums.items():
        assert list(fragen[name].optionen) == [e.value for e in enum]
    assert fragen["erhoehung"].schwellen["mittel"].startswith("80 bis ca. 770 t / Jahr")
    assert fragen["einsparung"].schwellen["mittel"].startswith("80 t bis ca. 770 t / Jahr")
    assert fragen["kompensation"].optionen["überwiegend"] == "überwiegend (50% - 99%)"


def test_another_city_is_only_another_file(tmp_path) -> None:
    data = json.loads(resource_path("profiles", "aachen.json").read_text(encoding="utf-8"))
    data.update(id="musterstadt", stadt="Stadt Musterstadt", dienststellen=[])
    path = tmp_path / "musterstadt.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    profile = load_profile(path)
    assert isinstance(profile, Profile) and profile.stadt == "Stadt Musterstadt"
    assert profile.dienststelle("FB 56") is None


def test_a_dienststelle_from_text_takes_the_catalogue_spelling() -> None:
    profile = load_profile()
    entry = profile.dienststelle("FB 56")
    assert entry is not None
    for typed in ("FB 56", "  FB 56 ", entry.anzeige()):
        found = profile.dienststelle_from_text(typed)
        assert (found.kuerzel, found.name) == (entry.kuerzel, entry.name)
    # Anything else is kept as typed (split at " - " where it has one).
    free = profile.dienststelle_from_text("Dezernat II - Planung")
    assert (free.kuerzel, free.name) == ("Dezernat II", "Planung")
    assert profile.dienststelle_from_text("Bürgerbüro").name == "Bürgerbüro"


def test_a_new_vorlage_of_a_type_for_a_unit() -> None:
    profile = load_profile()
    vorlage = profile.new_vorlage("Entscheidungsvorlage", "FB 56")
    assert vorlage.grunddaten.vorlageart == "Entscheidungsvorlage"
    assert vorlage.grunddaten.federfuehrend.name == "Fachbereich Wohnen, Soziales und Integration"
    # Nothing given: the model's defaults, and the profile recorded (schema version 2).
    assert profile.new_vorlage() == type(vorlage)(profil=profile.id)
