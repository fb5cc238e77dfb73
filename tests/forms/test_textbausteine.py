"""forms.textbausteine: the file format, its German errors, placeholders (no Qt)."""

from __future__ import annotations

import json

import jsonschema
import pytest

from forms import profiles, textbausteine
from forms.model import Beratung, Dienststelle, Vorlage
from forms.textbausteine import Textbaustein, TextbausteinError
from tests.conftest import ROOT

SCHEMA_FILE = ROOT / "resources" / "schema" / "textbausteine-1.schema.json"
SHIPPED = ROOT / "resources" / "textbausteine"


def test_published_schema_is_the_models_and_shipped_files_follow_it() -> None:
    published = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    assert published == textbausteine.json_schema()
    files = sorted(SHIPPED.glob("*.json"))
    assert [p.stem for p in files] == ["aachen", "musterstadt"]
    for path in files:
        jsonschema.validate(json.loads(path.read_text(encoding="utf-8")), published)
        assert textbausteine.read(path)


def test_each_shipped_profile_has_its_own_bausteine() -> None:
    aachen = textbausteine.shipped(profiles.load("aachen"))
    muster = textbausteine.shipped(profiles.load("musterstadt"))
    assert {b.rubrik for b in aachen} >= {"Finanzierung", "Klimarelevanz", "Beschluss"}
    assert any("Stadt Aachen" in b.text for b in aachen)
    assert any("Musterstadt" in b.text for b in muster)
    assert not any("Aachen" in b.text for b in muster)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (
            b"{kaputt",
            "„x.json“ ist keine Textbausteine-Datei: kein gültiges JSON "
            "(Zeile 1, Spalte 2: Feldname in Anführungszeichen erwartet).",
        ),
        (b"[]", "„x.json“ ist keine Textbausteine-Datei: kein JSON-Objekt."),
        (
            b'{"textbausteine_version": 1, "bausteine": '
            b'[{"titel": "A", "text": "B"}, {"titel": " ", "text": "C"}]}',
            "Textbaustein 2 › Titel: ist leer",
        ),
        (
            b'{"textbausteine_version": 1, "bausteine": [{"titel": "A", "txt": "B"}]}',
            "Textbaustein 1 › „txt“: ist kein bekanntes Feld",
        ),
        (
            b'{"textbausteine_version": 1, "bausteine": [{"titel": "A"}]}',
            "Textbaustein 1 › Text: fehlt",
        ),
        (b'{"textbausteine_version": 2}', "Format-Version:"),
    ],
)
def test_a_broken_file_names_the_field_in_german(data: bytes, expected: str) -> None:
    with pytest.raises(TextbausteinError) as info:
        textbausteine.parse(data, "x.json")
    assert expected in str(info.value)


def test_write_then_read_round_trip_and_merge_skips_duplicates(tmp_path) -> None:
    path = tmp_path / "neu" / "eigene.json"
    mine = [Textbaustein(titel="Gruß", rubrik="Sonstiges", text="Mit freundlichen Grüßen")]
    textbausteine.write(path, mine)
    assert textbausteine.read(path) == mine
    assert not list(path.parent.glob("*.tmp*"))
    both, added = textbausteine.merged(mine, [*mine, Textbaustein(titel="X", text="Y")])
    assert added == 1 and [b.titel for b in both] == ["Gruß", "X"]


def test_fill_takes_what_the_vorlage_knows_and_leaves_the_rest() -> None:
    profile = profiles.load("aachen")
    vorlage = Vorlage()
    vorlage.grunddaten.vorlage_nr = "FB 56/0319/WP18"
    vorlage.grunddaten.federfuehrend = Dienststelle(kuerzel="FB 56", name="Fachbereich Wohnen")
    vorlage.finanzen.haushaltsjahr = 2026
    vorlage.beratungsfolge = [
        Beratung(gremium="Rat der Stadt Aachen", rolle="Entscheidung"),
        Beratung(gremium="Finanzausschuss", rolle="Kenntnisnahme"),
    ]
    text = (
        "[Gremium mit Artikel] ([Gremium]) zu [Vorlage-Nr.], [Federführend], "
        "[Haushaltsjahr]: [Betrag] €"
    )
    assert textbausteine.fill(text, vorlage, profile) == (
        "Der Rat der Stadt Aachen (Rat der Stadt Aachen) zu FB 56/0319/WP18, "
        "FB 56 - Fachbereich Wohnen, 2026: [Betrag] €"
    )
    assert textbausteine.fill("[Gremium]", Vorlage(), profile) == "[Gremium]"
