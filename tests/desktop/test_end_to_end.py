"""A clerk writes the seed Vorlage from scratch in the real window, saves it and exports it."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from desktop.mainwindow import MainWindow
from forms import markdown
from forms.flow import Extra
from forms.formatting import format_datum
from forms.labels import Section
from forms.model import Vorlage
from tests.desktop.typing import type_text
from tests.forms.pdfutil import body_text, squash


def paragraphs(text: str) -> list[list[str]]:
    """The seed's Erläuterungen as the clerk types them: paragraphs of lines (hard breaks)."""
    result: list[list[str]] = []
    for token in markdown.parser().parse(text):
        if token.type != "inline":
            continue
        lines = [""]
        for child in token.children or []:
            if child.type == "hardbreak":
                lines.append("")
            elif child.type in ("text", "text_special"):
                lines[-1] += child.content
            elif child.type == "softbreak":
                lines[-1] += " "
            else:
                raise AssertionError(f"Seed uses {child.type}; extend the typing helper")
        result.append(lines)
    return result


def type_rich_text(qtbot, editor, text: str) -> None:
    editor.setFocus()
    for n, para in enumerate(paragraphs(text)):
        if n:
            qtbot.keyClick(editor, Qt.Key.Key_Return)
        for m, line in enumerate(para):
            if m:
                qtbot.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
            type_text(qtbot, editor, line)


def click_radio(qtbot, page, name: str) -> None:
    button = page.findChild(type(page.fragen["klimaschutz"].buttons["positiv"]), name)
    assert button is not None, name
    assert button.isEnabled(), name
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


@pytest.mark.slow
def test_clerk_writes_the_seed_vorlage_and_exports_it(
    window: MainWindow, dialogs, qtbot, example: Vorlage, example_path: Path, tmp_path: Path
):
    seed = example
    g = seed.grunddaten

    # Start: a new Kenntnisnahme of FB 56.
    start = window.page(Extra.START)
    start.vorlageart.setCurrentText(g.vorlageart)
    type_text(qtbot, start.federfuehrend.lineEdit(), g.federfuehrend.anzeige())
    qtbot.mouseClick(start.new_button, Qt.MouseButton.LeftButton)
    assert window.current_step() == Section.GRUNDDATEN

    # Grunddaten.
    page = window.page(Section.GRUNDDATEN)
    qtbot.keyClicks(page.vorlage_nr, g.vorlage_nr)
    assert "passt" in page.vorlage_nr_hint.text()
    type_text(qtbot, page.betreff, g.betreff)
    type_text(qtbot, page.workflow.lineEdit(), g.status.workflow)
    type_text(qtbot, page.verfasst_von, g.verfasst_von)
    assert page.sichtbarkeit.currentText() == g.status.sichtbarkeit.value

    # Beratungsfolge: one row, added with the button, filled by keyboard.
    window.next_button.click()
    page = window.page(Section.BERATUNGSFOLGE)
    assert window.current_step() == Section.BERATUNGSFOLGE
    row = seed.beratungsfolge[0]
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    assert page.gremium.hasFocus() or page.gremium.lineEdit().hasFocus()
    type_text(qtbot, page.gremium.lineEdit(), row.gremium)
    qtbot.keyClicks(page.rolle.lineEdit(), row.rolle)
    qtbot.keyClicks(page.datum, format_datum(row.datum))
    # The status is an editable combo (Geplant/Erledigt offered, any other text kept).
    edit = page.status.lineEdit()
    edit.setFocus()
    qtbot.keyClick(edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    type_text(qtbot, edit, row.status)
    assert window.document.vorlage.beratungsfolge[0].status == row.status
    assert page.table.item(0, 2).text() == row.gremium

    # Erläuterungen typed paragraph by paragraph.
    page = window.go_to(Section.ERLAEUTERUNGEN)
    type_rich_text(qtbot, page.editor.editor, seed.erlaeuterungen)

    # Finanzen: NEIN.
    page = window.go_to(Section.FINANZEN)
    qtbot.mouseClick(page.nein, Qt.MouseButton.LeftButton)
    assert not page.tables.isEnabled()

    # Klimarelevanz as in the seed.
    page = window.go_to(Section.KLIMARELEVANZ)
    k = seed.klimarelevanz
    click_radio(qtbot, page, f"klimaschutz:{k.klimaschutz.value}")
    click_radio(qtbot, page, f"co2_effekt:{k.co2_effekt.value}")
    click_radio(qtbot, page, f"anpassung:{k.anpassung.value}")
    click_radio(qtbot, page, f"kompensation:{k.kompensation.value}")

    # Save with Ctrl+S: the file equals the shipped example, byte for byte.
    target = tmp_path / "FB_56_0319_WP18.vorlage.json"
    dialogs.paths.append(target)
    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert target.read_text(encoding="utf-8") == example_path.read_text(encoding="utf-8")
    assert not window.isWindowModified()

    # Review shows no errors; export through the worker.
    review = window.go_to(Extra.PRUEFEN)
    assert review.summary.property("state") in ("ok", "warn")
    pdf = tmp_path / "FB_56_0319_WP18.pdf"
    with qtbot.waitSignal(window.session.exportFinished, timeout=60_000):
        assert window.session.export_pdf(pdf)
    text = body_text(pdf.read_bytes())
    expected = [
        g.vorlageart,
        g.vorlage_nr,
        g.betreff,
        g.federfuehrend.anzeige(),
        g.verfasst_von,
        g.status.sichtbarkeit.value,
        row.gremium,
        row.rolle,
        format_datum(row.datum),
        "NEIN",
    ]
    expected += [squash(" ".join(lines)) for lines in paragraphs(seed.erlaeuterungen)]
    missing = [value for value in expected if squash(value) not in text]
    assert not missing, missing
