"""Installed profiles: the three folders, the one in use, the published schema, and a broken
profile's German message naming the field (library and `vorlage profil …` as a process)."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from forms import profiles
from forms.profile import load_profile
from forms.profiles import ProfileError
from tests.conftest import ROOT
from tests.forms.clirun import vorlage

SHIPPED = ROOT / "resources" / "profiles"
SCHEMA_FILE = ROOT / "resources" / "schema" / "profil-1.schema.json"


def profile_data(name: str = "musterstadt") -> dict:
    return json.loads((SHIPPED / f"{name}.json").read_text(encoding="utf-8"))


def write(folder: Path, data: dict, name: str | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name or data['id']}.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.fixture
def folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    user, org = tmp_path / "benutzer", tmp_path / "organisation"
    monkeypatch.setenv(profiles.ENV_BENUTZER, str(user))
    monkeypatch.setenv(profiles.ENV_ORGANISATION, str(org))
    monkeypatch.delenv(profiles.ENV_PROFIL, raising=False)
    return user, org


def koeln() -> dict:
    data = profile_data()
    data.update(id="koeln", stadt="Stadt Köln", verwaltungsspitze="Die Oberbürgermeisterin")
    data["vorlage_nr"] = {
        "muster": r"^\d{4}/\d{4}$",
        "beispiel": "1234/2025",
        "erklaerung": "Nummer/Jahr, z. B. 1234/2025",
    }
    return data


def test_shipped_profiles_are_installed_and_the_first_is_the_default(folders) -> None:
    assert [(i.id, i.herkunft) for i in profiles.installed()] == [
        ("aachen", "mitgeliefert"),
        ("musterstadt", "mitgeliefert"),
    ]
    assert load_profile().id == "aachen"
    assert load_profile("musterstadt").stadt == "Stadt Musterstadt"


def test_an_organisation_folder_adds_a_city_without_rebuilding(folders) -> None:
    _user, org = folders
    write(org, koeln())
    assert [i.id for i in profiles.installed()] == ["aachen", "koeln", "musterstadt"]
    # IT deployed one profile for the whole city: it is the default without any choice.
    assert load_profile().stadt == "Stadt Köln"
    assert load_profile("koeln").vorlage_nr.passt("0815/2026")


def test_the_user_folder_comes_first_and_the_environment_chooses(folders, monkeypatch) -> None:
    user, org = folders
    changed = koeln() | {"stadt": "Stadt Köln (Test)"}
    write(org, koeln())
    write(user, changed)
    assert load_profile("koeln").stadt == "Stadt Köln (Test)"
    monkeypatch.setenv(profiles.ENV_PROFIL, "musterstadt")
    assert load_profile().id == "musterstadt"
    monkeypatch.setenv(profiles.ENV_PROFIL, str(SHIPPED / "aachen.json"))
    assert load_profile().id == "aachen"


def test_using_restores_what_was_chosen_before(folders, monkeypatch) -> None:
    with profiles.using("musterstadt") as profile:
        assert profile.id == load_profile().id == "musterstadt"
    assert load_profile().id == "aachen"
    unknown = pytest.raises(ProfileError, match="„koeln“ ist nicht installiert")
    with unknown, profiles.using("koeln"):
        pass


def test_a_changed_file_is_read_again_an_unchanged_one_not(folders) -> None:
    user, _org = folders
    path = write(user, koeln())
    first = load_profile("koeln")
    assert load_profile("koeln") is first
    data = koeln() | {"stadt": "Stadt Köln am Rhein"}
    path.write_text(json.dumps(data, ensure_ascii=False) + " ", encoding="utf-8")
    assert load_profile("koeln").stadt == "Stadt Köln am Rhein"


BROKEN = [
    (lambda d: d.pop("stadt"), "Feld „stadt“: fehlt"),
    (lambda d: d.update(stat="x"), "Feld „stat“: ist unbekannt (Tippfehler?"),
    (
        lambda d: d["vorlage_nr"].update(muster="^(V-\\d{4}"),
        "Feld „vorlage_nr.muster“: ist kein gültiger regulärer Ausdruck („)“ fehlt",
    ),
    (
        lambda d: d["vorlage_nr"].update(beispiel="2026/42"),
        "Feld „vorlage_nr“: das Beispiel „2026/42“ passt nicht zum Muster",
    ),
    (
        lambda d: d.update(fusszeile="Vorlage {nummer}"),
        "Feld „fusszeile“: kennt den Platzhalter {nummer} nicht (erlaubt: {nr}, {stadt})",
    ),
    (
        lambda d: d.update(vorgabe_vorlageart="Beschluss"),
        "vorgabe_vorlageart „Beschluss“ ist keine der vorlagearten",
    ),
    (
        lambda d: d["klimarelevanz"]["fragen"].pop("kompensation"),
        "Feld „klimarelevanz.fragen“: braucht genau die Fragen",
    ),
    (lambda d: d["rollen"].clear(), "Feld „rollen“: darf nicht leer sein"),
    (
        lambda d: d["oparl"].update(basis_url="ftp://x"),
        "Feld „oparl.basis_url“: „ftp://x“ hat nicht das erwartete Format",
    ),
    (
        lambda d: d["auswirkungen"][0].update(ja=True),
        "Feld „auswirkungen.0.ja“: ist unbekannt",
    ),
    (lambda d: d.update(id="Muster Stadt"), "Feld „id“: „Muster Stadt“ hat nicht"),
]


@pytest.mark.parametrize(("damage", "message"), BROKEN)
def test_a_broken_profile_names_the_field_in_german(tmp_path, damage, message) -> None:
    data = profile_data()
    damage(data)
    path = write(tmp_path, data, "musterstadt")
    with pytest.raises(ProfileError) as caught:
        profiles.read(path)
    assert str(caught.value).startswith("Das Profil „musterstadt.json“ ist fehlerhaft:\n• ")
    assert message in str(caught.value)


def test_json_syntax_errors_and_a_wrong_file_name_are_german(tmp_path) -> None:
    path = tmp_path / "koeln.json"
    path.write_text('{"id": "koeln",\n "stadt": "Köln" "x": 1}', encoding="utf-8")
    with pytest.raises(ProfileError, match=r"kein gültiges JSON \(Zeile 2, Spalte 18: Komma"):
        profiles.read(path)
    wrong = write(tmp_path, profile_data(), "muster")
    with pytest.raises(ProfileError, match=r"die Datei muss „musterstadt\.json“ heißen"):
        profiles.read(wrong)


def test_the_published_schema_is_the_programs_and_fits_the_shipped_profiles() -> None:
    published = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    assert published == profiles.json_schema()
    for path in SHIPPED.glob("*.json"):
        jsonschema.validate(json.loads(path.read_text(encoding="utf-8")), published)


def test_cli_profil_pruefen_ok_and_broken(tmp_path) -> None:
    ok = vorlage("profil", "prüfen", SHIPPED / "musterstadt.json")
    assert ok.returncode == 0, ok.stderr
    assert "Das Profil „musterstadt“ (Stadt Musterstadt) ist in Ordnung" in ok.stdout
    data = profile_data()
    data["vorlage_nr"]["muster"] = "^(V"
    del data["hinweise"]["unterschrift"]
    broken = vorlage("profil", "pruefen", write(tmp_path, data))
    assert broken.returncode == 2
    assert "Traceback" not in broken.stderr
    assert "Feld „vorlage_nr.muster“: ist kein gültiger regulärer Ausdruck" in broken.stderr
    assert "Feld „hinweise.unterschrift“: fehlt" in broken.stderr


def test_cli_profil_liste_names_profiles_and_folders() -> None:
    result = vorlage("profil", "liste")
    assert result.returncode == 0, result.stderr
    assert " * aachen " in result.stdout
    assert "   musterstadt      Stadt Musterstadt" in result.stdout
    assert "Benutzer: " in result.stdout and "mitgeliefert: " in result.stdout


def test_cli_refuses_an_unknown_or_broken_profile_without_traceback(tmp_path, example_path):
    unknown = vorlage("validate", "--profil", "koeln", example_path)
    assert unknown.returncode == 2
    assert "Fehler: Das Profil „koeln“ ist nicht installiert" in unknown.stderr
    data = profile_data()
    data["vorlagearten"] = []
    broken = vorlage("new", "--profil", write(tmp_path, data), "-o", tmp_path / "x.vorlage.json")
    assert broken.returncode == 2 and "Traceback" not in broken.stderr
    assert "Feld „vorlagearten“: darf nicht leer sein" in broken.stderr
    assert not (tmp_path / "x.vorlage.json").exists()


def test_cli_new_takes_the_profiles_default_vorlageart(tmp_path) -> None:
    target = tmp_path / "neu.vorlage.json"
    result = vorlage("new", "--profil", "musterstadt", "--federfuehrend", "Amt 61", "-o", target)
    assert result.returncode == 0, result.stderr
    grunddaten = json.loads(target.read_text(encoding="utf-8"))["vorlage"]["grunddaten"]
    assert grunddaten["vorlageart"] == "Beschlussvorlage"
    assert grunddaten["federfuehrend"] == {"kuerzel": "Amt 61", "name": "Stadtplanungsamt"}
