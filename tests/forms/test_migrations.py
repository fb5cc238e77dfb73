"""Every file ever written stays readable: fixture files of each schema version (kept forever)
and the migration framework, step by step, without touching the program's own registry."""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from forms import projectfile
from forms.errors import ProjectFileError
from tests.conftest import ROOT

FIXTURES = ROOT / "tests" / "fixtures"
SCHEMA_FILE = ROOT / "resources" / "schema" / f"vorlage-{projectfile.SCHEMA_VERSION}.schema.json"

# Fixture files are history: once committed they never change (a new schema version gets a new
# folder). These hashes make an accidental edit fail loudly.
FROZEN = {
    "schema-v1/vollstaendig.vorlage.json": (
        "dbe62e4a922d4a5130ac7d4708ed217536a37f68429ba72649ff114e958e6609"
    ),
    "schema-v1/minimal.vorlage.json": (
        "66dce904e658d0b26c1b6b7312c40f8f21d82ed3d20bcb45cf31bb772e140fcc"
    ),
    "schema-v2/vollstaendig.vorlage.json": (
        "db00919f5aa0a2bbc4d19b314b0397e64cf504bdb451c3aa5019b70d31778bee"
    ),
    "schema-v2/minimal.vorlage.json": (
        "2078d5d82ad46acf3bbb97684d122124093feffecc4486cbf718c78e649942d1"
    ),
    "schema-v3/vollstaendig.vorlage.json": (
        "eda2d7b2bea25514134d97b956b3a18d1001fb52237d108ef30fcaab9f41aaa5"
    ),
    "schema-v3/minimal.vorlage.json": (
        "e6a4143ef1232282034f0dc1065e0949ba7982b147a9795fe48faf74f71ad816"
    ),
}


def fixture_files() -> list[Path]:
    return sorted(FIXTURES.glob("schema-v*/*.vorlage.json"))


def test_every_schema_version_up_to_the_current_one_has_fixtures() -> None:
    versions = {int(p.parent.name.removeprefix("schema-v")) for p in fixture_files()}
    assert versions == set(range(1, projectfile.SCHEMA_VERSION + 1))


def test_fixture_files_are_never_edited() -> None:
    for name, digest in FROZEN.items():
        actual = hashlib.sha256((FIXTURES / name).read_bytes()).hexdigest()
        assert actual == digest, f"{name} was changed; add a new fixture instead"


@pytest.mark.parametrize("path", fixture_files(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_fixture_loads_with_this_program(path: Path) -> None:
    before = path.read_bytes()
    vorlage = projectfile.load(path)
    assert path.read_bytes() == before
    # What it loaded, saved and loaded again, is the same Vorlage.
    assert projectfile.loads(projectfile.encode(vorlage)) == vorlage


def test_full_v1_fixture_keeps_every_value() -> None:
    v = projectfile.load(FIXTURES / "schema-v1" / "vollstaendig.vorlage.json")
    g = v.grunddaten
    assert g.vorlage_nr == "FB 36/0123/WP18"
    assert g.status.sichtbarkeit == "nichtöffentlich"
    assert [d.anzeige() for d in g.beteiligt] == [
        "FB 20 - Fachbereich Finanzsteuerung",
        "Gebäudemanagement",
    ]
    assert g.datum == dt.date(2025, 3, 14)
    assert g.unterschrift == "Sibylle Keupen\nOberbürgermeisterin"
    assert [(b.status, b.datum, b.rolle) for b in v.beratungsfolge] == [
        ("Erledigt", dt.date(2025, 4, 2), "Anhörung/Empfehlung"),
        ("Geplant", None, "Entscheidung"),
    ]
    assert "| 1 | 2 |" in v.erlaeuterungen and "CO₂" in v.erlaeuterungen
    assert [(a.titel, a.datei) for a in v.anlagen] == [
        ("Konzept (Entwurf)", "Anlagen/Konzept.pdf"),
        ("Karte", None),
    ]
    assert v.finanzen.investiv.auszahlungen.alt == Decimal("999999999999.99")
    assert v.finanzen.investiv.deckung_ff == "nicht ausreichend"
    assert v.klimarelevanz.kompensation == "teilweise"


def test_minimal_v1_fixture_gives_an_empty_draft() -> None:
    v = projectfile.load(FIXTURES / "schema-v1" / "minimal.vorlage.json")
    assert v == projectfile.loads(projectfile.encode(v))
    assert v.grunddaten.betreff == "" and v.beratungsfolge == []


def test_v1_to_v2_records_no_profile_and_keeps_every_value() -> None:
    for name in ("vollstaendig", "minimal"):
        old = json.loads((FIXTURES / "schema-v1" / f"{name}.vorlage.json").read_bytes())
        migrated = projectfile.migrate(old)
        assert migrated["schema_version"] == projectfile.SCHEMA_VERSION
        assert migrated["vorlage"] == {"profil": "", **old["vorlage"], "weitere_auswirkungen": {}}
        saved = json.loads(projectfile.encode(projectfile.from_document(old)))
        assert saved["vorlage"]["profil"] == ""
        assert contained(old["vorlage"], saved["vorlage"])


def test_full_v2_fixture_keeps_profile_and_further_auswirkungen_byte_for_byte() -> None:
    path = FIXTURES / "schema-v2" / "vollstaendig.vorlage.json"
    v = projectfile.load(path)
    assert v.profil == "aachen"
    assert v.weitere_auswirkungen["personell"].ja is True
    assert v.weitere_auswirkungen["personell"].text.startswith("Zwei Stellen (EG 10)")
    assert v.weitere_auswirkungen["demografie"].ja is False
    # Saved again, only the schema version differs (2 → 3 changes no value).
    old = path.read_bytes().replace(b'"schema_version": 2,', b'"schema_version": 3,', 1)
    assert projectfile.encode(v) == old


def test_v2_to_v3_keeps_every_value_and_status() -> None:
    for name in ("vollstaendig", "minimal"):
        old = json.loads((FIXTURES / "schema-v2" / f"{name}.vorlage.json").read_bytes())
        migrated = projectfile.migrate(old)
        assert migrated == {**old, "schema_version": 3}
        saved = json.loads(projectfile.encode(projectfile.from_document(old)))
        assert contained(old["vorlage"], saved["vorlage"])
    v = projectfile.load(FIXTURES / "schema-v2" / "vollstaendig.vorlage.json")
    assert [b.status for b in v.beratungsfolge] == ["Erledigt", "Geplant"]


def test_full_v3_fixture_keeps_a_verbatim_status_byte_for_byte() -> None:
    path = FIXTURES / "schema-v3" / "vollstaendig.vorlage.json"
    v = projectfile.load(path)
    assert [b.status for b in v.beratungsfolge] == ["Erledigt", "vertagt", "Geplant"]
    assert v.beratungsfolge[1].datum == dt.date(2025, 5, 6)
    assert projectfile.encode(v) == path.read_bytes()
    minimal = projectfile.load(FIXTURES / "schema-v3" / "minimal.vorlage.json")
    assert minimal.beratungsfolge[0].status == "abgesetzt"


def test_a_v3_file_in_a_program_of_schema_2_gets_the_newer_version_message() -> None:
    document = json.loads((FIXTURES / "schema-v3" / "minimal.vorlage.json").read_bytes())
    with pytest.raises(ProjectFileError, match=r"neueren Version .*\(Schema 3, .* bis 2\)"):
        projectfile.migrate(document, migrations={1: projectfile.MIGRATIONS[1]}, current=2)


def test_a_profile_that_is_not_installed_is_kept_as_recorded() -> None:
    v = projectfile.load(FIXTURES / "schema-v2" / "minimal.vorlage.json")
    assert v.profil == "koeln"
    assert json.loads(projectfile.encode(v))["vorlage"]["profil"] == "koeln"


def contained(old: Any, new: Any) -> bool:
    """Every value of `old` is in `new` (new may have more fields with defaults)."""
    if isinstance(old, dict):
        return isinstance(new, dict) and all(
            k in new and contained(v, new[k]) for k, v in old.items()
        )
    if isinstance(old, list):
        return isinstance(new, list) and len(old) == len(new) and all(map(contained, old, new))
    return old == new


@pytest.mark.parametrize("path", fixture_files(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_saving_a_loaded_fixture_keeps_every_value(path: Path) -> None:
    old = json.loads(path.read_text(encoding="utf-8"))
    new = json.loads(projectfile.encode(projectfile.load(path)))
    assert new["schema_version"] == projectfile.SCHEMA_VERSION
    if old["schema_version"] == projectfile.SCHEMA_VERSION:
        # Same version: nothing may be dropped or altered. (A new model field with a default
        # may appear; a changed meaning needs SCHEMA_VERSION + 1, a migration and a fixture.)
        assert contained(old["vorlage"], new["vorlage"])


def test_fixtures_of_the_current_version_match_the_published_schema() -> None:
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    for path in FIXTURES.glob(f"schema-v{projectfile.SCHEMA_VERSION}/*.vorlage.json"):
        jsonschema.validate(json.loads(path.read_text(encoding="utf-8")), schema)


def test_the_programs_chain_has_one_step_per_version() -> None:
    assert set(projectfile.MIGRATIONS) == set(range(1, projectfile.SCHEMA_VERSION))


# --- the framework, with a private chain ----------------------------------------------------


def v1_document() -> dict[str, Any]:
    # An imagined schema 1 where the Betreff was called "titel" and the date was German text.
    return {
        "schema_version": 1,
        "vorlage": {"grunddaten": {"titel": "Alter Titel", "datum": "14.03.2025"}},
    }


def rename_titel(document: dict[str, Any]) -> dict[str, Any]:
    grunddaten = document["vorlage"]["grunddaten"]
    grunddaten["betreff"] = grunddaten.pop("titel")
    document["vorlage"]["grunddaten"] = grunddaten
    return document


def iso_datum(document: dict[str, Any]) -> dict[str, Any]:
    grunddaten = document["vorlage"]["grunddaten"]
    tag, monat, jahr = grunddaten["datum"].split(".")
    grunddaten["datum"] = f"{jahr}-{monat}-{tag}"
    return document


def test_chain_runs_each_step_once_in_order() -> None:
    calls: list[tuple[int, int]] = []

    def step(n: int, change):  # type: ignore[no-untyped-def]
        def run(document: dict[str, Any]) -> dict[str, Any]:
            calls.append((n, document["schema_version"]))
            return change(document)

        return run

    chain = {1: step(1, rename_titel), 2: step(2, iso_datum)}
    original = v1_document()
    migrated = projectfile.migrate(original, migrations=chain, current=3)
    assert calls == [(1, 1), (2, 2)]
    assert migrated["schema_version"] == 3
    assert migrated["vorlage"]["grunddaten"] == {"betreff": "Alter Titel", "datum": "2025-03-14"}
    assert original == v1_document(), "the input document was changed in place"

    vorlage = projectfile.from_document(v1_document(), migrations=chain, current=3)
    assert vorlage.grunddaten.betreff == "Alter Titel"
    assert vorlage.grunddaten.datum == dt.date(2025, 3, 14)


def test_a_document_of_an_intermediate_version_runs_only_the_remaining_steps() -> None:
    document = copy.deepcopy(v1_document())
    document = rename_titel(document)
    document["schema_version"] = 2
    migrated = projectfile.migrate(document, migrations={1: _never, 2: iso_datum}, current=3)
    assert migrated["vorlage"]["grunddaten"]["datum"] == "2025-03-14"


def _never(document: dict[str, Any]) -> dict[str, Any]:
    raise AssertionError("step 1 must not run for a version-2 document")


def test_a_failing_step_refuses_the_file_with_a_german_message() -> None:
    def broken(document: dict[str, Any]) -> dict[str, Any]:
        document["vorlage"]["grunddaten"]["betreff"] = "halb umgestellt"
        raise KeyError("datum")

    original = v1_document()
    with pytest.raises(ProjectFileError) as caught:
        projectfile.migrate(
            original, "Die Datei „alt.vorlage.json“", migrations={1: broken}, current=2
        )
    assert str(caught.value) == (
        "Die Datei „alt.vorlage.json“ konnte nicht von Schema 1 auf 2 umgestellt werden; "
        "die Datei wurde nicht verändert."
    )
    assert original == v1_document()


def test_a_missing_or_bad_step_is_reported_not_crashed() -> None:
    with pytest.raises(ProjectFileError) as caught:
        projectfile.migrate(v1_document(), migrations={1: rename_titel}, current=3)
    assert str(caught.value) == (
        "Die Datei hat Schema 2; der Weg zu Schema 3 fehlt in diesem Programm. "
        "Bitte den Fehler melden; die Datei wurde nicht verändert."
    )
    with pytest.raises(ProjectFileError, match="nicht von Schema 1 auf 2 umgestellt"):
        projectfile.migrate(v1_document(), migrations={1: lambda d: None}, current=2)  # type: ignore[arg-type,return-value]


def test_newer_version_than_the_chain_knows_is_refused() -> None:
    document = v1_document() | {"schema_version": 4}
    with pytest.raises(ProjectFileError, match=r"neueren Version .*\(Schema 4, .* bis 3\)"):
        projectfile.migrate(document, migrations={1: rename_titel, 2: iso_datum}, current=3)


def test_registering_a_migration_in_a_test_does_not_leak(monkeypatch: pytest.MonkeyPatch) -> None:
    before = dict(projectfile.MIGRATIONS)
    with monkeypatch.context() as patch:
        patch.setattr(projectfile, "MIGRATIONS", dict(before))
        projectfile.migration(projectfile.SCHEMA_VERSION)(rename_titel)
        assert projectfile.MIGRATIONS[projectfile.SCHEMA_VERSION] is rename_titel
        with pytest.raises(ValueError, match="registered twice"):
            projectfile.migration(projectfile.SCHEMA_VERSION)(iso_datum)
    assert before == projectfile.MIGRATIONS
    assert projectfile.SCHEMA_VERSION not in projectfile.MIGRATIONS
