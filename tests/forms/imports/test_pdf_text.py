"""Text copied out of a PDF viewer (forms/imports/pdftext.py): no positions, one cell per
line, labels and values in separate runs, a hard break after every printed line. Checked with
poppler's pdftotext on our own export (a reader we did not write) and with an own fixture of
the city's layout."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest

from forms.imports import import_file, import_text
from forms.pdf import render
from tests.forms.imports.samples import AUSDRUCK, rich_vorlage

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "pdf" / "kopiert_sammeldokument.txt"


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils missing")
def test_text_of_our_pdf_as_poppler_extracts_it(tmp_path: Path) -> None:
    vorlage = rich_vorlage()
    pdf = tmp_path / "v.pdf"
    pdf.write_bytes(render(vorlage, ausdruck_datum=AUSDRUCK))
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    result = import_text(text)
    v = result.vorlage
    assert result.quelle == "Text aus einem PDF"
    assert v.grunddaten == vorlage.grunddaten
    assert v.beratungsfolge == vorlage.beratungsfolge
    assert v.anlagen == vorlage.anlagen
    assert v.klimarelevanz == vorlage.klimarelevanz
    assert v.finanzen.haushaltsjahr == 2025
    assert v.finanzen.investiv.auszahlungen == vorlage.finanzen.investiv.auszahlungen
    # Without positions the "x" cannot be placed under JA or NEIN: said, not guessed.
    assert v.finanzen.auswirkungen is None
    assert any("ohne Positionen" in m for m in result.bericht.nicht_gelesen)
    # Text survives (bold and nesting are not in copied text).
    assert v.erlaeuterungen.startswith("Ein Absatz mit fettem Wort und kursiv mitten im Satz")
    assert "Ausdruck vom" not in v.erlaeuterungen and "Seite" not in v.erlaeuterungen


def test_own_fixture_of_the_city_layout_copied_from_a_viewer() -> None:
    result = import_file(FIXTURE)
    v, bericht = result.vorlage, result.bericht
    g = v.grunddaten
    assert g.federfuehrend.anzeige() == "FB 45 - Fachbereich Kinder, Jugend und Schule"
    assert [d.kuerzel for d in g.beteiligt] == ["FB 20", "E 26"]
    assert (g.vorlage_nr, g.datum, g.verfasst_von) == (
        "FB 45/0133/WP17",
        dt.date(2018, 6, 5),
        "FB 45/200",
    )
    assert g.aktenzeichen == ""
    assert g.betreff == "Erweiterung der Offenen Ganztagsschule an der Grundschule Brander Feld"
    assert [(b.datum, b.gremium, b.rolle) for b in v.beratungsfolge] == [
        (dt.date(2018, 6, 14), "Schulausschuss", "Anhörung/Empfehlung"),
        (dt.date(2018, 7, 4), "Rat der Stadt Aachen", "Entscheidung"),
    ]
    assert v.beschlussvorschlag == (
        "Der Schulausschuss empfiehlt dem Rat, die Erweiterung der Offenen Ganztagsschule zum "
        "Schuljahr 2019/20 zu beschließen."
    )
    assert g.unterschrift == "Marcel Philipp\nOberbürgermeister"
    f = v.finanzen
    assert f.haushaltsjahr == 2018
    assert f.investiv.auszahlungen.ansatz_fortgeschrieben == Decimal("195000")
    assert f.investiv.deckung_jahr.value == "gegeben"
    # Hard breaks inside a sentence are joined, a lone "%" line too; lists stay lists.
    assert v.erlaeuterungen == (
        "Die Zahl der angemeldeten Kinder für die Offene Ganztagsschule ist zum dritten Mal in "
        "Folge gestiegen. Für das kommende Schuljahr liegen 212 Anmeldungen vor; die Kosten "
        "steigen um 8 % gegenüber der ersten Schätzung.\n\nGeplant sind:\n\n"
        "- zwei zusätzliche Gruppenräume\n- eine Erweiterung der Mensa\n\n"
        "1. Bauabschnitt: Sommerferien 2019\n2. Bauabschnitt: Herbstferien 2019"
    )
    assert [a.titel for a in v.anlagen] == [
        "Raumprogramm",
        "Kostenschätzung des Gebäudemanagements",
    ]
    assert "Vorlage FB 45/0133/WP17 der Stadt Aachen" not in v.model_dump_json()
    assert any("Konsumtive" in m or "konsumtiv" in m for m in bericht.nicht_gelesen)


def test_only_the_first_label_is_a_label_in_copied_text() -> None:
    text = FIXTURE.read_text(encoding="utf-8")
    changed = text.replace("Verfasser:\nFB 45/200\n", "Verfasser:\nVerfasser: FB 45/200\n")
    changed = changed.replace("Status:\nöffentlich\n", "Status:\nöffentlich\nStatus: Entwurf\n")
    assert changed.count("Verfasser:") == 2 and changed.count("Status:") == 2
    result = import_text(changed)
    # A value that begins with its own label stays verbatim; a second "Status:" is text of
    # the Status value (not understood, so said), never a new label that drops the first.
    assert result.vorlage.grunddaten.verfasst_von == "Verfasser: FB 45/200"
    assert "Status „öffentlich Status: Entwurf“ nicht verstanden." in result.bericht.nicht_gelesen
    assert "grunddaten.status" not in result.bericht.gefuellt


def test_only_the_first_label_is_a_label_in_the_pdf() -> None:
    from forms.imports import pdf as pdf_import
    from tests.fixtures.pdf import city_layout

    data = city_layout.build(verfasser="Verfasser/in:", verfasser_wert="Verfasser/in: FB 36/300")
    assert pdf_import.parse(data).vorlage.grunddaten.verfasst_von == "Verfasser/in: FB 36/300"


def _copied(old: str, new: str) -> str:
    text = FIXTURE.read_text(encoding="utf-8")
    assert old in text
    return import_text(text.replace(old, new)).vorlage.erlaeuterungen


def test_copied_sub_items_nest_by_the_change_of_the_list_mark() -> None:
    text = _copied(
        "•\nzwei zusätzliche Gruppenräume\n•\n",
        "•\nzwei zusätzliche Gruppenräume\n◦\nim Erdgeschoss\n◦\nim Obergeschoss\n"
        "▪\nmit Balkon\n•\n",
    )
    assert "\n\n- zwei zusätzliche Gruppenräume\n  - im Erdgeschoss\n  - im Obergeschoss\n" in text
    assert "\n    - mit Balkon\n- eine Erweiterung der Mensa\n\n" in text


def test_copied_1_on_every_item_and_a_lone_eur_line() -> None:
    numbered = _copied(
        "1. Bauabschnitt: Sommerferien 2019\n2. Bauabschnitt: Herbstferien 2019\n",
        "1.\nBauabschnitt: Sommerferien 2019\n1.\nBauabschnitt: Herbstferien 2019\n",
    )
    assert numbered.endswith(
        "\n\n1. Bauabschnitt: Sommerferien 2019\n2. Bauabschnitt: Herbstferien 2019"
    )
    euro = _copied("um 8\n%\n", "um 8.000\nEUR\n")
    assert "die Kosten steigen um 8.000 EUR gegenüber der ersten Schätzung.\n\n" in euro
