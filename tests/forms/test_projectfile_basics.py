"""The project file: round trip, stable order, the published JSON Schema, the seed example."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from forms import projectfile
from forms.errors import ProjectFileError
from forms.markdown import normalize, plain_text
from forms.model import Vorlage
from tests.conftest import ROOT, SEED

SCHEMA_FILE = ROOT / "resources" / "schema" / f"vorlage-{projectfile.SCHEMA_VERSION}.schema.json"


def test_example_round_trips_byte_for_byte(example_path: Path, tmp_path: Path) -> None:
    vorlage = projectfile.load(example_path)
    target = tmp_path / "kopie.vorlage.json"
    projectfile.save(vorlage, target)
    assert target.read_bytes() == example_path.read_bytes()
    assert projectfile.load(target) == vorlage


def test_file_is_readable_utf8_with_stable_key_order(example: Vorlage) -> None:
    text = projectfile.dumps(example)
    assert "Zuwanderungsgeschichte" in text and "für" in text and "\\u" not in text
    assert list(json.loads(text)) == ["schema_version", "vorlage"]
    assert list(json.loads(text)["vorlage"]) == list(Vorlage.model_fields)
    assert projectfile.dumps(projectfile.loads(text)) == text


def test_published_schema_matches_the_models() -> None:
    published = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    assert published == projectfile.json_schema(), "run `vorlage schema > " + str(SCHEMA_FILE) + "`"


def test_example_and_new_files_validate_against_the_schema(example_path: Path) -> None:
    schema = projectfile.json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    validator.validate(json.loads(example_path.read_text(encoding="utf-8")))
    validator.validate(json.loads(projectfile.dumps(Vorlage())))


@pytest.mark.parametrize(
    "mutate",
    [
        lambda d: d["vorlage"].update(unbekannt=1),
        lambda d: d["vorlage"]["finanzen"].update(auswirkungen="vielleicht"),
        lambda d: d.update(schema_version=projectfile.SCHEMA_VERSION + 1),
    ],
)
def test_schema_and_loader_agree_on_bad_files(example_path: Path, mutate) -> None:
    document = json.loads(example_path.read_text(encoding="utf-8"))
    mutate(document)
    validator = jsonschema.Draft202012Validator(projectfile.json_schema())
    assert list(validator.iter_errors(document))
    with pytest.raises(ProjectFileError):
        projectfile.from_document(document)


def test_example_reproduces_every_value_of_the_seed_page(example: Vorlage) -> None:
    seed = SEED.read_text(encoding="utf-8")
    g = example.grunddaten
    assert seed.startswith(f"{g.vorlageart} - {g.vorlage_nr}\n")
    assert f"\n{g.betreff}\n" in seed
    for value in (g.status.anzeige(), g.vorlageart, g.federfuehrend.anzeige(), g.verfasst_von):
        assert f"\n- {value}\n" in seed
    [row] = example.beratungsfolge
    assert (row.status, row.datum.strftime("%d.%m.%Y"), row.gremium, row.rolle) == (
        "Erledigt",
        "18.10.2023",
        "Integrationsrat",
        "Kenntnisnahme",
    )
    body = seed.split("Erläuterungen:\n", 1)[1].split("\nAuswirkungen\n", 1)[0]
    # One Markdown paragraph per line of the page, in the canonical form (forms.markdown),
    # except the sentence the page breaks after "generieren," (it goes on in lower case).
    assert "zu generieren,\nmit dem Ziel" in body
    assert plain_text(example.erlaeuterungen) == body.replace("generieren,\nmit", "generieren, mit")
    assert normalize(example.erlaeuterungen) == example.erlaeuterungen
    assert example.finanzen.auswirkungen is False
    k = example.klimarelevanz
    assert (
        k.klimaschutz,
        k.co2_effekt,
        k.anpassung,
        k.einsparung,
        k.erhoehung,
        k.kompensation,
    ) == (
        "positiv",
        "nicht ermittelbar",
        "keine",
        None,
        None,
        "nicht bekannt",
    )
