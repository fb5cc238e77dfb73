"""The Beschlussvorschlag hint: a Gremium's paragraph must use the verbs of its role."""

from __future__ import annotations

from forms.model import Beratung, Vorlage
from forms.rules import Problem, problems

RAT = Beratung(gremium="Rat der Stadt Aachen", rolle="Entscheidung")
AUK = Beratung(gremium="Ausschuss für Umwelt und Klimaschutz", rolle="Anhörung/Empfehlung")


def _verb_hints(vorlage: Vorlage) -> list[Problem]:
    return [p for p in problems(vorlage) if "passt nicht zur Zuständigkeit" in p.message]


def _vorlage(text: str, *rows: Beratung) -> Vorlage:
    return Vorlage(beschlussvorschlag=text, beratungsfolge=list(rows))


def test_paragraph_with_the_roles_verbs_passes() -> None:
    text = "Der AUK empfiehlt die Annahme des Konzepts.\n\nDer Rat beschließt das Konzept."
    assert _verb_hints(_vorlage(text, AUK, RAT)) == []


def test_paragraph_with_another_roles_verbs_is_named() -> None:
    text = "Der AUK empfiehlt die Annahme.\n\nDer Rat nimmt den Bericht zur Kenntnis."
    hints = _verb_hints(_vorlage(text, AUK, RAT))
    assert len(hints) == 1
    assert "Rat der Stadt Aachen" in hints[0].message
    assert "Entscheidung" in hints[0].message


def test_only_the_first_paragraph_addressed_to_the_gremium_counts() -> None:
    text = "Der Rat nimmt den Bericht zur Kenntnis.\n\nDer Rat beschließt außerdem …"
    assert len(_verb_hints(_vorlage(text, RAT))) == 1


def test_one_hint_per_gremium_with_a_long_text_and_many_rows() -> None:
    # 3 000 paragraphs × 400 rows must stay cheap (problems() runs on every edit), and a
    # Gremium listed many times gets its hint once, not once per row.
    filler = "\n\n".join(f"Absatz {i} über das Vorhaben." for i in range(3000))
    text = f"{filler}\n\nDer Rat nimmt den Bericht zur Kenntnis."
    hints = _verb_hints(_vorlage(text, *([RAT] * 400), AUK))
    assert len(hints) == 1
    assert "Rat der Stadt Aachen" in hints[0].message


def test_a_gremium_listed_twice_is_judged_by_its_first_row() -> None:
    rat_kenntnis = Beratung(gremium="Rat der Stadt Aachen", rolle="Kenntnisnahme")
    text = "Der Rat nimmt den Bericht zur Kenntnis."
    assert len(_verb_hints(_vorlage(text, RAT, rat_kenntnis))) == 1
    assert _verb_hints(_vorlage(text, rat_kenntnis, RAT)) == []


# Real wording (docs/domain.md §4, Vorlagen of Stadt Aachen) and the Textbausteine of the wizard.
BV = Beratung(gremium="Bezirksvertretung Aachen-Mitte", rolle="Entscheidung")
MOA = Beratung(gremium="Mobilitätsausschuss", rolle="Anhörung/Empfehlung")


def _placeholder_hints(vorlage: Vorlage) -> list[Problem]:
    return [p for p in problems(vorlage) if "Textbaustein" in p.message]


def test_unfilled_textbaustein_gets_a_hint() -> None:
    text = "Der Rat der Stadt Aachen … beschließt …"
    hints = _placeholder_hints(_vorlage(text, RAT))
    assert len(hints) == 1
    assert "Absatz 1" in hints[0].message
    text = "Der Mobilitätsausschuss empfiehlt dem Rat, …\n\nDer Rat beschließt den Ausbau."
    assert len(_placeholder_hints(_vorlage(text, MOA, RAT))) == 1
    text = "Der Ausschuss empfiehlt dem Rat, die Mittel i.H.v. 1.825.900,00 € bereitzustellen."
    assert _placeholder_hints(_vorlage(text, AUK, RAT)) == []


def test_pronoun_paragraph_is_not_the_rats_own() -> None:
    text = (
        "Der Ausschuss für Umwelt und Klimaschutz nimmt den Bericht zur Kenntnis.\n\n"
        "Sie empfiehlt dem Rat, das Konzept zu beschließen."
    )
    # The second paragraph names the Rat only as the one receiving the recommendation.
    hints = _verb_hints(_vorlage(text, AUK, RAT))
    assert [h for h in hints if "Rat der Stadt Aachen" in h.message] == []


def test_heading_for_a_gremium_is_not_its_paragraph() -> None:
    text = (
        "Beschlussvorschlag für den Rat:\n\n"
        "Der Rat beschließt den Wirtschaftsplan 2018 der Eigenbetriebe."
    )
    assert _verb_hints(_vorlage(text, RAT)) == []


def test_decisions_in_real_wording() -> None:
    for sentence in (
        "Der Rat fasst den Ausführungsbeschluss für den Umbau des Theaterplatzes.",
        "Der Rat stellt den Jahresabschluss 2022 fest und entlastet die Betriebsleitung.",
        "Die Bezirksvertretung Aachen-Mitte bewilligt die Mittel aus dem Budget.",
    ):
        row = RAT if sentence.startswith("Der Rat") else BV
        assert _verb_hints(_vorlage(sentence, row)) == [], sentence


def test_umfasst_is_no_decision() -> None:
    text = "Der Rat der Stadt Aachen: die Maßnahme umfasst drei Bauabschnitte."
    assert len(_verb_hints(_vorlage(text, RAT))) == 1


def test_abbreviation_prefixes_address_the_first_gremium() -> None:
    text = "AUK: Der Ausschuss empfiehlt dem Rat die Annahme.\n\nRat: Der Rat beschließt es."
    assert _verb_hints(_vorlage(text, AUK, RAT)) == []
