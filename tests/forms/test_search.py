"""forms.search: which text is a hit, in which order, and what a replacement leaves."""

from __future__ import annotations

from forms.model import Anlage, Beratung, Vorlage
from forms.search import Options, fields, find_all, following, matches, replace


def vorlage() -> Vorlage:
    v = Vorlage()
    v.grunddaten.betreff = "Radweg an der Aachener Straße"
    v.grunddaten.verfasst_von = "FB 56/600"
    v.beratungsfolge = [Beratung(gremium="Mobilitätsausschuss"), Beratung(gremium="Rat")]
    v.beschlussvorschlag = "Der **Rat** beschließt den Radweg."
    v.erlaeuterungen = "## Radwege\n\n- erster *Radweg*\n- zweiter\n"
    v.anlagen = [Anlage(titel="Plan Radweg")]
    return v


def test_fields_in_page_order_with_their_paths() -> None:
    paths = [f.path for f in fields(vorlage())]
    assert paths.index("grunddaten.betreff") < paths.index("beratungsfolge.0.gremium")
    assert paths.index("beratungsfolge.1.rolle") < paths.index("beschlussvorschlag")
    assert paths.index("beschlussvorschlag") < paths.index("erlaeuterungen")
    assert paths[-1] == "anlagen.0.titel"


def test_rich_text_is_searched_in_its_readable_text() -> None:
    hits = find_all(vorlage(), "Rat beschließt", Options())
    assert [(h.path, h.rich) for h in hits] == [("beschlussvorschlag", True)]
    # The markup is no text: "*" is never found, "**Rat**" is found as "Rat".
    assert find_all(vorlage(), "*", Options()) == []
    erlaeuterungen = [h for h in find_all(vorlage(), "radweg", Options()) if h.rich]
    assert [(h.path, h.occurrence) for h in erlaeuterungen] == [
        ("beschlussvorschlag", 0),
        ("erlaeuterungen", 0),
        ("erlaeuterungen", 1),
    ]


def test_case_and_whole_word() -> None:
    text = "Radweg, radwege und RADWEG; Radwegebau"
    assert len(matches(text, "radweg", Options())) == 4
    assert matches(text, "Radweg", Options(case_sensitive=True)) == [(0, 6), (28, 34)]
    assert len(matches(text, "radweg", Options(whole_word=True))) == 2
    assert matches(text, "Radweg", Options(True, True)) == [(0, 6)]
    # Umlauts and ß are letters: "Straße" is not a whole word inside "Straßenbau".
    assert matches("Straßenbau, Straße", "straße", Options(whole_word=True)) == [(12, 18)]
    assert matches("ÄRGER ärger", "ärger", Options()) == [(0, 5), (6, 11)]
    # The query is literal text, not a pattern.
    assert matches("a.c abc", "a.c", Options()) == [(0, 3)]
    assert matches("(1) 1", "(1)", Options(whole_word=True)) == [(0, 3)]
    assert matches("Text", "", Options()) == []


def test_following_wraps_round_both_ways() -> None:
    hits = find_all(vorlage(), "radweg", Options())
    assert [h.path for h in hits][:2] == ["grunddaten.betreff", "beschlussvorschlag"]
    first = following(hits, None)
    assert first == hits[0]
    assert following(hits, first.position) == hits[1]
    assert following(hits, hits[-1].position) == hits[0]  # past the end: from the start
    assert following(hits, None, backwards=True) == hits[-1]
    assert following(hits, first.position, backwards=True) == hits[-1]
    assert following([], None) is None


def test_replace_one_or_all_literally() -> None:
    text = "Radweg und radweg"
    assert replace(text, "radweg", "Fußweg", Options()) == ("Fußweg und Fußweg", 2)
    assert replace(text, "radweg", "Fußweg", Options(), occurrence=1) == ("Radweg und Fußweg", 1)
    assert replace(text, "radweg", r"\1 $0", Options(case_sensitive=True)) == (
        r"Radweg und \1 $0",
        1,
    )
    assert replace(text, "Bus", "Bahn", Options()) == (text, 0)


def test_federfuehrend_is_found_not_replaced() -> None:
    v = vorlage()
    v.grunddaten.federfuehrend.kuerzel = "FB 56"
    v.grunddaten.federfuehrend.name = "Fachbereich Wohnen"
    hits = find_all(v, "FB 56", Options())
    assert [(h.path, h.replaceable) for h in hits] == [
        ("grunddaten.federfuehrend", False),
        ("grunddaten.verfasst_von", True),
    ]
