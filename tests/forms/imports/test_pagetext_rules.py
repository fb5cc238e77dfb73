"""The tougher rules of the page-text import (issue 18), each with its own small page:
statuses other than Erledigt/Geplant, second dates, labels inside values, repeated "1."
numbering, defaults not passed off as read data, honest truncation notes, placeholders in
the Anlagen table, hard line breaks inside a sentence and nested bullets."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from forms.imports import import_file, pagetext
from forms.markdown import MAX_LIST_DEPTH, in_subset, parser, plain_text
from forms.model import BeratungStatus

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "ratsinfo"

TITLE = "Entscheidungsvorlage - FB 36/0512/WP18\n"
GRUND = (
    "Grunddaten\n- Betreff:\n-\nSpielplatz\n- Status:\n- öffentlich\n- Vorlageart:\n"
    "- Entscheidungsvorlage\n- Federführend:\n- FB 36 - Klima\n- Verfasst von:\n- FB 36/300\n"
)
FINANZEN = "Auswirkungen\nFinanzielle Auswirkungen\nKeine finanziellen Auswirkungen\n"
KLIMA = "Klimarelevanz\nBedeutung der Maßnahme für den Klimaschutz\n"


def _beratung(*rows: str) -> str:
    return (
        TITLE + GRUND + "Beratungsfolge\nStatus | Datum | Gremium | Beschluss | NA |\n"
        "---|---|---|---|---|\n" + "".join(rows) + "Erläuterungen\nText.\n" + FINANZEN
    )


def _row(status: str, gremium: str, *dates: str) -> str:
    cells = [f"●\n{status}", "", gremium, "Entscheidung", "", "", *dates]
    return "\n|\n".join(cells) + "\n|\n"


def test_unknown_status_keeps_the_row_and_the_status_verbatim() -> None:
    page = _beratung(
        _row("Erledigt", "Bezirksvertretung Aachen-Mitte", "14.05.2025"),
        _row("Zurückgestellt", "Ausschuss für Umwelt und Klimaschutz", "06.05.2025"),
        _row("Geplant", "Rat der Stadt Aachen", "03.06.2025"),
    )
    result = pagetext.parse(page)
    rows = [(b.gremium, b.datum) for b in result.vorlage.beratungsfolge]
    assert rows == [
        ("Bezirksvertretung Aachen-Mitte", dt.date(2025, 5, 14)),
        ("Ausschuss für Umwelt und Klimaschutz", dt.date(2025, 5, 6)),
        ("Rat der Stadt Aachen", dt.date(2025, 6, 3)),
    ]
    assert [b.status for b in result.vorlage.beratungsfolge] == [
        BeratungStatus.ERLEDIGT,
        "Zurückgestellt",
        BeratungStatus.GEPLANT,
    ]
    # What was read is said; nothing is missing from a row read whole.
    message = next(m for m in result.bericht.hinweise if "Zeile 2" in m and "Status" in m)
    assert "„Zurückgestellt“ übernommen" in message
    assert not any("Zeile 2" in m for m in result.bericht.nicht_gelesen)


def test_a_second_date_never_overwrites_the_first() -> None:
    page = _beratung(
        _row("Erledigt", "Bezirksvertretung Aachen-Mitte", "14.05.2025", "28.05.2025"),
        _row("Geplant", "Rat der Stadt Aachen", "03.06.2025 10.06.2025"),
    )
    result = pagetext.parse(page)
    assert [b.datum for b in result.vorlage.beratungsfolge] == [
        dt.date(2025, 5, 14),
        dt.date(2025, 6, 3),
    ]
    missing = "\n".join(result.bericht.nicht_gelesen)
    assert "Zeile 1: weiteres Datum „28.05.2025“" in missing
    assert "Zeile 2: weiteres Datum" in missing and "10.06.2025" in missing


def test_a_date_only_continuation_line_in_the_date_cell_is_named_not_taken() -> None:
    # The Datum cell of row 1 wrapped onto a line of its own with a second session date.
    page = _beratung(
        _row("vertagt", "Hauptausschuss", "06.05.2025\n20.05.2025"),
        _row("Geplant", "Rat der Stadt Aachen", "03.06.2025"),
    )
    result = pagetext.parse(page)
    rows = [(b.status, b.datum, b.gremium) for b in result.vorlage.beratungsfolge]
    assert rows == [
        ("vertagt", dt.date(2025, 5, 6), "Hauptausschuss"),
        ("Geplant", dt.date(2025, 6, 3), "Rat der Stadt Aachen"),
    ]
    assert (
        "Beratungsfolge, Zeile 1: weiteres Datum „20.05.2025“ nicht übernommen "
        "(Sitzungsdatum bleibt „06.05.2025“)." in result.bericht.nicht_gelesen
    )


def test_partly_read_rows_are_named_under_nicht_gelesen() -> None:
    page = _beratung(
        _row("Erledigt", "Bezirksvertretung Aachen-Mitte"),  # done, but no date printed
        _row("Geplant", "", "03.06.2025"),  # the Gremium cell is empty
        _row("Geplant", "Rat der Stadt Aachen", "10.06.2025"),
    )
    result = pagetext.parse(page)
    rows = [(b.datum, b.gremium, b.rolle) for b in result.vorlage.beratungsfolge]
    # Every row is kept; the Beschluss column of row 2 is not passed off as its Gremium.
    assert rows == [
        (None, "Bezirksvertretung Aachen-Mitte", "Entscheidung"),
        (dt.date(2025, 6, 3), "", "Entscheidung"),
        (dt.date(2025, 6, 10), "Rat der Stadt Aachen", "Entscheidung"),
    ]
    missing = [m for m in result.bericht.nicht_gelesen if m.startswith("Beratungsfolge")]
    assert missing == [
        "Beratungsfolge, Zeile 1: Sitzungsdatum nicht gefunden.",
        "Beratungsfolge, Zeile 2: Gremium nicht gefunden.",
    ]


def test_only_the_first_label_is_a_label() -> None:
    page = TITLE + GRUND.replace(
        "- Betreff:\n-\nSpielplatz\n",
        "- Betreff:\n-\nBetreff: Spielplatz am Lindenweg\n",
    ).replace("- Status:\n- öffentlich\n", "- Status:\n- öffentlich\nStatus: Entwurf\n")
    page += "Erläuterungen\nText.\n" + FINANZEN
    result = pagetext.parse(page)
    assert result.vorlage.grunddaten.betreff == "Betreff: Spielplatz am Lindenweg"
    # The second "Status:" is text of the Status value, not a new label that replaces it.
    assert "Status „öffentlich Status: Entwurf“ nicht verstanden." in result.bericht.nicht_gelesen


def test_numbered_list_with_1_on_every_item() -> None:
    page = TITLE + "Erläuterungen\n1. Planung\n1. Bau\n1. Abnahme\nEnde.\n" + FINANZEN
    text = pagetext.parse(page).vorlage.erlaeuterungen
    assert text == "1. Planung\n2. Bau\n3. Abnahme\n\nEnde."


def test_unread_vorlageart_stays_empty_and_status_is_named_as_default() -> None:
    page = "Grunddaten\n- Betreff:\n-\nSpielplatz\nErläuterungen\nText.\n" + FINANZEN
    result = pagetext.parse(page)
    g = result.vorlage.grunddaten
    assert g.vorlageart == ""
    assert "grunddaten.vorlageart" not in result.bericht.gefuellt
    assert any("Vorlageart" in m for m in result.bericht.nicht_gelesen)
    assert "grunddaten.status" not in result.bericht.gefuellt
    assert any("Vorgabe" in h and "Status" in h for h in result.bericht.hinweise)


def test_old_vorlage_without_klimarelevanz_is_not_called_incomplete() -> None:
    page = TITLE + GRUND + "Erläuterungen\nText.\n" + FINANZEN
    result = pagetext.parse(page)
    assert not any("vollständig" in h for h in result.bericht.hinweise)


def test_complete_page_is_not_called_incomplete() -> None:
    page = TITLE + GRUND + "Erläuterungen\nText.\n" + FINANZEN + KLIMA
    assert not any("vollständig" in h for h in pagetext.parse(page).bericht.hinweise)


def test_page_cut_mid_sentence_is_noted_and_the_cut_paragraph_named() -> None:
    page = (
        TITLE + GRUND + ("Erläuterungen\nDie Turnhalle wurde 1972 errichtet. Dach und Heizung sind")
    )
    result = pagetext.parse(page)
    assert result.vorlage.erlaeuterungen.endswith("Dach und Heizung sind")  # nothing invented
    assert any("mitten im Satz" in h for h in result.bericht.hinweise)
    cut = next(m for m in result.bericht.nicht_gelesen if "abgeschnitten" in m)
    assert "„…1972 errichtet. Dach und Heizung sind“" in cut


def test_page_cut_mid_word_is_noted_too() -> None:
    page = TITLE + GRUND + "Erläuterungen\nDie Turnhalle wurde 1972 err"
    result = pagetext.parse(page)
    assert result.vorlage.erlaeuterungen == "Die Turnhalle wurde 1972 err"
    assert any("mitten im Satz" in h for h in result.bericht.hinweise)
    assert any(
        "abgeschnitten („…Die Turnhalle wurde 1972 err“)" in m
        for m in (result.bericht.nicht_gelesen)
    )


def test_sections_missing_after_the_last_one_read_are_noted() -> None:
    # Ends after a whole sentence, but Finanzielle Auswirkungen and Klimarelevanz are missing.
    page = TITLE + GRUND + _beratung()[len(TITLE + GRUND) :].split("Erläuterungen")[0]
    page += "Beschlussvorschlag\nDer Rat beschließt den Bau.\n"
    result = pagetext.parse(page)
    note = next(h for h in result.bericht.hinweise if "vollständig" in h)
    assert "„Beschlussvorschlag“" in note and "mitten im Satz" not in note
    assert not any("abgeschnitten" in m for m in result.bericht.nicht_gelesen)


def test_placeholder_in_the_anlagen_table_is_not_an_anlage() -> None:
    for placeholder in ("keine", "-", "(keine Anlagen)", "entfällt"):
        page = (
            TITLE + GRUND + "Erläuterungen\nText.\nAnlagen\nNr. | Name |\n"
            f"1 | {placeholder} |\n" + FINANZEN
        )
        result = pagetext.parse(page)
        assert result.vorlage.anlagen == [], placeholder
        assert any("Platzhalter" in h for h in result.bericht.hinweise)
        assert not any("keine Anlage gelesen" in m for m in result.bericht.nicht_gelesen)


# -- hard line breaks and nested lists -------------------------------------------------------


def test_sentence_broken_over_lines_is_one_paragraph() -> None:
    erlaeuterungen = (
        "Erläuterungen\nDer Spielplatz wird im Frühjahr\nneu gebaut, die Kosten betragen "
        "12.000\n€\nund sind veranschlagt.\nDer Bau dauert zwei Monate\nBeginn ist im März.\n"
    )
    page = TITLE + erlaeuterungen + FINANZEN
    text = pagetext.parse(page).vorlage.erlaeuterungen
    # A lower-case continuation and a lone "€" join the line before; an upper-case line after
    # a line without a full stop stays a paragraph of its own (it may be one: never guessed).
    assert text == (
        "Der Spielplatz wird im Frühjahr neu gebaut, die Kosten betragen 12.000 € und sind "
        "veranschlagt.\n\nDer Bau dauert zwei Monate\n\nBeginn ist im März."
    )


def test_a_lone_eur_or_percent_line_joins_the_sentence() -> None:
    erlaeuterungen = (
        "Erläuterungen\nDie Kosten betragen 12.000\nEUR\nim Jahr.\nDie Quote steigt um 8\n%\n"
        "gegenüber 2024.\nZusammen 40\nEUR.\n"
    )
    text = pagetext.parse(TITLE + erlaeuterungen + FINANZEN).vorlage.erlaeuterungen
    assert text == (
        "Die Kosten betragen 12.000 EUR im Jahr.\n\nDie Quote steigt um 8 % gegenüber 2024.\n\n"
        "Zusammen 40 EUR."
    )


def test_nested_bullets_of_a_page_stay_nested() -> None:
    result = import_file(FIXTURES / "listen.txt")
    assert result.vorlage.erlaeuterungen == (
        "Die Ferienspiele fanden in den Sommerferien an elf Standorten statt und wurden von "
        "rund 2.400 Kindern besucht.\n\n"
        "Das Angebot umfasste:\n\n"
        "- Tagesausflüge\n"
        "  - Zoo und Tierpark\n"
        "  - Freilichtmuseum\n"
        "- Workshops in den Stadtteilbibliotheken\n"
        "- Sportangebote\n"
        "  - Schwimmen\n"
        "    - Seepferdchen-Kurse\n"
        "  - Klettern\n\n"
        "Für 2026 sind geplant:\n\n"
        "1. eine Ausweitung auf zwölf Standorte\n"
        "   - Standort Brand\n"
        "   - Standort Haaren\n"
        "2. eine Anmeldung über das Familienportal\n\n"
        "Die Kosten lagen bei 186.500 € und damit im Rahmen des Ansatzes."
    )
    assert in_subset(result.vorlage.erlaeuterungen)  # the wizard's editor shows it as it is
    # The text is read whole: nothing of it is reported as cut or unread.
    assert not any("Erläuterungen" in m for m in result.bericht.nicht_gelesen)
    assert not any("nicht vollständig" in m for m in result.bericht.hinweise)


def test_nesting_stops_at_the_editors_depth_and_keeps_every_item() -> None:
    items = "".join("  " * level + f"- Ebene {level + 1}\n" for level in range(MAX_LIST_DEPTH + 3))
    page = TITLE + "Erläuterungen\nListe:\n" + items + FINANZEN
    text = pagetext.parse(page).vorlage.erlaeuterungen
    html = parser().render(text)
    assert html.count("<ul>") == MAX_LIST_DEPTH  # deeper items share the deepest level
    assert all(f"<li>Ebene {n + 1}" in html for n in range(MAX_LIST_DEPTH + 3))
    assert in_subset(text)


def test_o_starts_a_sub_item_only_inside_a_list() -> None:
    page = TITLE + "Erläuterungen\n- Punkt\no Unterpunkt\nEnde.\no wie Otto.\n" + FINANZEN
    text = pagetext.parse(page).vorlage.erlaeuterungen
    assert text == "- Punkt\n  - Unterpunkt\n\nEnde.\n\no wie Otto."


_WORD = st.from_regex(r"[a-zäöüß]{1,12}", fullmatch=True)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.lists(_WORD, min_size=1, max_size=6), min_size=1, max_size=6))
def test_a_sentence_wrapped_anywhere_reads_back_as_one_paragraph(chunks) -> None:
    # The page broke one sentence after any word; every line after the first goes on in
    # lower case and the sentence ends only on the last line.
    lines = [" ".join(words) for words in chunks]
    lines[0] = lines[0].capitalize()
    lines[-1] += "."
    assume(lines[0] not in pagetext.NOISE and not lines[0].startswith("Erläuterungen"))
    page = TITLE + "Erläuterungen\n" + "\n".join(lines) + "\n" + FINANZEN
    text = pagetext.parse(page).vorlage.erlaeuterungen
    assert plain_text(text) == " ".join(lines)
