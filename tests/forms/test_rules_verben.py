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
