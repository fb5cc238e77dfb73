"""Property-based tests: whatever the clerk enters survives save and load exactly, and whatever
a file contains, loading answers with a German ProjectFileError or a Vorlage – nothing else."""

from __future__ import annotations

import json
import tempfile
from decimal import Decimal
from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from forms import projectfile
from forms.errors import ProjectFileError
from forms.model import MAX_BETRAG, Beratung, Vorlage
from tests.forms.strategies import ANY_TEXT, markdown_text, vorlagen


@given(vorlagen())
def test_save_load_round_trips_exactly(vorlage: Vorlage) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "x.vorlage.json"
        projectfile.save(vorlage, path)
        loaded = projectfile.load(path)
        assert loaded == vorlage
        # Byte-identical on the second save: nothing drifts (Decimal places, key order, dates).
        assert projectfile.encode(loaded) == path.read_bytes()


@given(st.lists(st.builds(Beratung, gremium=ANY_TEXT, rolle=ANY_TEXT), min_size=0, max_size=30))
def test_beratungsfolge_of_any_length_keeps_its_order(rows: list[Beratung]) -> None:
    vorlage = Vorlage(beratungsfolge=rows)
    assert projectfile.loads(projectfile.encode(vorlage)).beratungsfolge == rows


@given(markdown_text, markdown_text)
def test_rich_text_round_trips_character_for_character(beschluss: str, text: str) -> None:
    vorlage = Vorlage(beschlussvorschlag=beschluss, erlaeuterungen=text)
    loaded = projectfile.loads(projectfile.encode(vorlage))
    assert (loaded.beschlussvorschlag, loaded.erlaeuterungen) == (beschluss, text)


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | ANY_TEXT,
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.sampled_from(["grunddaten", "betreff", "datum", "beratungsfolge", "finanzen", "x"])
            | ANY_TEXT,
            children,
            max_size=4,
        )
    ),
    max_leaves=20,
)


def _only_german_answers(document: Any) -> None:
    try:
        projectfile.from_document(document)
    except ProjectFileError as exc:
        message = str(exc)
        assert message.startswith("Die Datei ")
        # No English text from pydantic or Python leaks into the clerk's message.
        for english in ("Input should", "validation error", "Traceback", "Field required"):
            assert english not in message


@given(JSON)
def test_any_json_document_gets_a_german_answer(document: Any) -> None:
    _only_german_answers(document)


@given(JSON)
def test_any_json_inside_vorlage_gets_a_german_answer(vorlage: Any) -> None:
    _only_german_answers({"schema_version": 1, "vorlage": vorlage})


@given(st.binary(max_size=200) | ANY_TEXT.map(str.encode))
def test_any_bytes_get_a_german_answer(data: bytes) -> None:
    try:
        projectfile.loads(data, "Die Datei „x“")
    except ProjectFileError as exc:
        assert str(exc).startswith("Die Datei „x“ ")


@given(vorlagen(max_rows=3), st.data())
def test_a_damaged_field_in_a_real_file_names_that_field(
    vorlage: Vorlage, data: st.DataObject
) -> None:
    document = json.loads(projectfile.dumps(vorlage))
    grunddaten = document["vorlage"]["grunddaten"]
    field = data.draw(st.sampled_from(["betreff", "verfasst_von", "aktenzeichen"]))
    grunddaten[field] = data.draw(st.integers() | st.lists(st.integers(), max_size=2))
    try:
        projectfile.from_document(document)
    except ProjectFileError as exc:
        label = {"betreff": "Betreff", "verfasst_von": "Verfasst von", "aktenzeichen": "AZ"}
        assert f"• Grunddaten › {label[field]}: muss ein Text sein, nicht " in str(exc)
    else:
        raise AssertionError("a number in a text field was accepted")


@given(vorlagen())
def test_problems_and_the_wizards_helpers_never_raise(vorlage: Vorlage) -> None:
    # problems() runs after every keystroke in the wizard; an exception there would stop the
    # clerk, so it must cope with anything the model accepts.
    from forms.flow import beschluss_skeleton, klima_nicht_anwendbar, section_state
    from forms.labels import Section
    from forms.profile import load_profile
    from forms.rules import is_complete, problems

    profile = load_profile()
    found = problems(vorlage, profile)
    assert all(p.message and p.section in Section for p in found)
    for section in Section:
        section_state(section, found)
        is_complete(section, vorlage, profile)
    klima_nicht_anwendbar(vorlage.klimarelevanz)
    beschluss_skeleton(vorlage, profile)


@given(vorlagen(max_rows=5))
def test_oparl_export_gives_a_result_or_a_german_error(vorlage: Vorlage) -> None:
    from forms.errors import VorlageError
    from forms.oparl import build_paper

    with tempfile.TemporaryDirectory() as tmp:
        try:
            build_paper(vorlage, b"%PDF-1.7\n%%EOF\n", projekt_ordner=Path(tmp))
        except VorlageError as exc:
            assert str(exc)


@given(st.decimals(allow_nan=True, allow_infinity=True) | st.decimals(places=2))
def test_any_decimal_is_kept_exactly_or_refused_never_altered(value: Decimal) -> None:
    from pydantic import ValidationError

    from forms.model import Spalten

    try:
        spalten = Spalten(neu=value)
    except ValidationError:
        # NaN, infinities, negatives, more than two places, more than 999.999.999.999,99
        assert (
            not value.is_finite()
            or value < 0
            or value > MAX_BETRAG
            or (value != value.quantize(Decimal("0.01")))
        )
        return
    assert spalten.neu == value
    vorlage = Vorlage()
    vorlage.finanzen.konsumtiv.ertrag = spalten
    loaded = projectfile.loads(projectfile.encode(vorlage)).finanzen.konsumtiv.ertrag.neu
    assert loaded == value and str(loaded) == str(value)
