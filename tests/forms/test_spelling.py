"""The spell check without Qt: words of a text, the shipped dictionary, known words, Hinweise."""

from __future__ import annotations

from pathlib import Path

import pytest

from forms import spelling
from forms.labels import Section
from forms.model import Anlage, Beratung, Vorlage
from forms.profile import load_profile
from forms.resources import resource_path
from forms.rules import Schwere


@pytest.fixture(scope="module")
def checker():
    return spelling.shared_checker()


def _wrong_words(checker, text: str, known: frozenset[str] = frozenset()) -> list[str]:
    found = checker.check_text_fields([("erlaeuterungen", text)], known).result(30)
    return [t.word for t in found.get("erlaeuterungen", [])]


def test_words_and_what_is_left_out() -> None:
    text = (
        "Die Bürger*innen lesen https://www.aachen.de/rat/vorlagen und FB 56 bzw. "
        "Aachen-Mitte, OParl, 3a, E-Mail an info@aachen.de. C:\\Daten\\Vorlage"
    )
    words = [t.word for t in spelling.tokens(text)]
    assert words == ["Die", "Bürgerinnen", "lesen", "und", "bzw", "Aachen-Mitte", "E-Mail", "an"]
    token = next(t for t in spelling.tokens(text) if t.word == "bzw")
    assert token.abbreviation == "bzw."
    assert text[token.start : token.end] == "bzw"


def test_the_shipped_dictionary_is_german_new_spelling(checker) -> None:
    folder = resource_path("spelling")
    for name in (
        "de_DE.aff",
        "de_DE.dic",
        "LICENSE-de_DE.txt",
        "GPL-2.txt",
        "GPL-3.txt",
        "LICENSE-hunspell.txt",
    ):
        assert (folder / name).is_file(), name
    assert checker.loaded.result(30) is True
    text = "Die Maßnahmme wird umgesetzt, dass bzw. daß die Verwaltung z. B. berichtet."
    assert _wrong_words(checker, text) == ["Maßnahmme", "daß"]


def test_a_missing_dictionary_is_said_and_checks_nothing(tmp_path: Path) -> None:
    broken = spelling.Checker(lambda: spelling.Dictionary(tmp_path))
    try:
        assert broken.loaded.result(30) is False
        assert "Wörterbuch" in broken.error
        assert not broken.ready
        broken.check(["Maßnahmme"]).result(30)
        assert broken.verdicts == {}
        assert broken.suggest("Maßnahmme") == []
    finally:
        broken.close()


def test_suggestions(checker) -> None:
    checker.loaded.result(30)
    assert checker.suggest("Maßnahmme")[0] == "Maßnahme"


def test_profile_and_vorlage_words_are_known(checker) -> None:
    profile = load_profile()
    known = spelling.profile_words(profile)
    assert {"Mobilitätsausschuss", "Kornelimünster", "Aachen"} <= known
    text = "Der Mobilitätsausschuss berät in Kornelimünster mit Frau Xyzmann."
    assert _wrong_words(checker, text, known) == ["Xyzmann"]
    vorlage = Vorlage()
    vorlage.grunddaten.verfasst_von = "Petra Xyzmann"
    vorlage.beratungsfolge.append(Beratung(gremium="Quuxbeirat"))
    own = spelling.vorlage_words(vorlage)
    assert {"Xyzmann", "Quuxbeirat"} <= own
    assert _wrong_words(checker, text, known | own) == []
    # A known word also at the start of a sentence, and in hyphenated compounds.
    assert _wrong_words(checker, "Quuxbeirat-Sitzung.", known | own) == []


def test_user_dictionary_is_written_whole_and_merged(tmp_path: Path) -> None:
    path = tmp_path / "daten" / "woerterbuch.txt"
    first = spelling.UserDictionary(path)
    assert first.words == set()
    first.add("Quartiersbüro")
    second = spelling.UserDictionary(path)
    second.add("Ostviertelfest")
    first.add("Abwägungsvorschlag")  # keeps what the other window added
    assert path.read_text("utf-8") == "Abwägungsvorschlag\nOstviertelfest\nQuartiersbüro\n"
    assert sorted(p.name for p in path.parent.iterdir()) == ["woerterbuch.txt"]


def test_user_dictionary_unreadable_starts_empty(tmp_path: Path) -> None:
    path = tmp_path / "woerterbuch.txt"
    path.write_bytes(b"\xff\xfe kaputt")
    assert spelling.UserDictionary(path).words == set()


def test_default_user_dictionary_is_in_the_user_data_folder(monkeypatch, tmp_path) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    expected = tmp_path / "vorlagen-assistent" / "woerterbuch.txt"
    assert spelling.default_user_dictionary() == expected


def test_spelling_problems_name_field_count_and_words(checker) -> None:
    vorlage = Vorlage(
        erlaeuterungen="Die Maßnahmme, die Umsetzzung und noch eine Maßnahmme.",
        anlagen=[Anlage(titel="Lageplan der Quuxstraße")],
    )
    vorlage.grunddaten.betreff = "Sachstand"
    found = checker.check_text_fields(spelling.text_fields(vorlage), frozenset()).result(30)
    problems = spelling.spelling_problems(found)
    assert [(p.section, p.field, p.schwere) for p in problems] == [
        (Section.ERLAEUTERUNGEN, "erlaeuterungen", Schwere.HINWEIS),
        (Section.ANLAGEN, "anlagen.0.titel", Schwere.HINWEIS),
    ]
    assert problems[0].message == (
        "Rechtschreibung: 3 unbekannte Wörter: „Maßnahmme“, „Umsetzzung“"
    )
    assert problems[0].word == "Maßnahmme"
    assert problems[1].message == (
        "Rechtschreibung (Anlage 1 › Titel): 1 unbekanntes Wort: „Quuxstraße“"
    )


def test_free_text_fields() -> None:
    assert spelling.is_free_text("grunddaten.betreff")
    assert spelling.is_free_text("erlaeuterungen")
    assert spelling.is_free_text("anlagen.3.titel")
    assert not spelling.is_free_text("grunddaten.aktenzeichen")
    assert not spelling.is_free_text("anlagen.3.datei")
