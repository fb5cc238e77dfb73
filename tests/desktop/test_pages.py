"""Behaviour of single pages: live finance computation, Klimarelevanz rules, review jump, rows."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt

from forms.flow import Extra
from forms.labels import Section
from tests.desktop.typing import type_text


def test_finance_results_update_while_typing(window, qtbot):
    page = window.go_to(Section.FINANZEN)
    qtbot.mouseClick(page.ja, Qt.MouseButton.LeftButton)
    assert window.document.vorlage.finanzen.auswirkungen is True
    qtbot.keyClicks(page.haushaltsjahr, "2021")
    assert page.headings["investiv"][0].text() == "Ansatz 2021"
    assert page.headings["investiv"][2].text() == "Ansatz 2022 ff."
    # FB 52/0019/WP18: Auszahlungen Ansatz 260.000, fortgeschrieben 540.289,51 (docs/domain.md §6).
    ansatz = page.cells["finanzen.investiv.auszahlungen.ansatz"]
    fortgeschrieben = page.cells["finanzen.investiv.auszahlungen.ansatz_fortgeschrieben"]
    qtbot.keyClicks(ansatz, "26")
    assert page.ergebnis["investiv"]["ansatz"].text() == "−26,00"
    qtbot.keyClicks(ansatz, "0.000")
    assert page.ergebnis["investiv"]["ansatz"].text() == "−260.000,00"
    qtbot.keyClicks(fortgeschrieben, "540.289,51")
    assert page.ergebnis["investiv"]["ansatz_fortgeschrieben"].text() == "−540.289,51"
    jahr, ff = page.veraenderung["investiv"]
    assert jahr.text() == "−280.289,51"
    assert ff.text() == "0,00"
    assert "Deckung" in page.status_label.text()
    # Deckung chosen → the error disappears.
    combo = page.deckung["investiv"][0]
    combo.setCurrentIndex(combo.findData("gegeben"))  # shown long or short
    assert window.document.vorlage.finanzen.investiv.deckung_jahr.value == "gegeben"
    assert "bitte angeben, ob die Deckung" not in page.status_label.text()
    assert window.document.vorlage.finanzen.investiv.auszahlungen.ansatz_fortgeschrieben == Decimal(
        "540289.51"
    )


def test_finance_rejects_english_numbers_inline(window, qtbot):
    page = window.go_to(Section.FINANZEN)
    cell = page.cells["finanzen.konsumtiv.ertrag.ansatz"]
    qtbot.keyClicks(cell, "1,234.56")
    error = cell.parent().findChild(type(page.jahr_error), "errorLabel")
    messages = [
        label.text()
        for label in page.findChildren(type(page.jahr_error))
        if label.isVisible() and label.text()
    ]
    assert any("deutschen Zahlenformat" in m or "kein Betrag" in m for m in messages), messages
    assert cell.property("invalid") is True
    # While typing, the model keeps the last readable value; never the English misreading.
    assert window.document.vorlage.finanzen.konsumtiv.ertrag.ansatz != Decimal("1234.56")
    cell.clear()
    qtbot.keyClicks(cell, "1.234,56")
    assert cell.property("invalid") is False
    assert window.document.vorlage.finanzen.konsumtiv.ertrag.ansatz == Decimal("1234.56")
    assert page.ergebnis["konsumtiv"]["ansatz"].text() == "1.234,56"
    assert error is None or not error.isVisible() or not error.text()


def test_finance_tables_disabled_but_visible_with_nein(window, qtbot):
    page = window.go_to(Section.FINANZEN)
    qtbot.mouseClick(page.nein, Qt.MouseButton.LeftButton)
    assert page.tables.isVisible()
    assert not page.tables.isEnabled()
    qtbot.mouseClick(page.ja, Qt.MouseButton.LeftButton)
    assert page.tables.isEnabled()


def test_klimarelevanz_questions_enable_by_the_rules(window, qtbot):
    page = window.go_to(Section.KLIMARELEVANZ)
    fragen = page.fragen
    assert not fragen["co2_effekt"].buttons["gering"].isEnabled()
    assert "Klimaschutz ankreuzen" in fragen["co2_effekt"].reason.text()
    assert not fragen["einsparung"].buttons["gering"].isEnabled()
    assert not fragen["erhoehung"].buttons["gering"].isEnabled()

    qtbot.mouseClick(fragen["klimaschutz"].buttons["positiv"], Qt.MouseButton.LeftButton)
    assert fragen["co2_effekt"].buttons["gering"].isEnabled()
    assert fragen["einsparung"].buttons["gering"].isEnabled()
    assert not fragen["erhoehung"].buttons["gering"].isEnabled()
    assert "negativer Relevanz" in fragen["erhoehung"].reason.text()

    qtbot.mouseClick(fragen["klimaschutz"].buttons["negativ"], Qt.MouseButton.LeftButton)
    assert window.document.vorlage.klimarelevanz.klimaschutz.value == "negativ"
    assert not fragen["einsparung"].buttons["gering"].isEnabled()
    assert fragen["erhoehung"].buttons["mittel"].isEnabled()
    # Kompensation is required for negative measures: the warning is shown inline.
    assert "kompensiert" in fragen["kompensation"].problem.text()
    qtbot.mouseClick(fragen["kompensation"].buttons["teilweise"], Qt.MouseButton.LeftButton)
    assert fragen["kompensation"].problem.text() == ""
    # The exact wording of the form.
    assert fragen["kompensation"].buttons["teilweise"].text() == "teilweise (1% - 49 %)"
    assert fragen["einsparung"].frage.text() == (
        "Die CO2-Einsparung durch die Maßnahme ist (bei positiven Maßnahmen):"
    )


def test_klimarelevanz_clear_choice(window, qtbot):
    page = window.go_to(Section.KLIMARELEVANZ)
    frage = page.fragen["anpassung"]
    qtbot.mouseClick(frage.buttons["keine"], Qt.MouseButton.LeftButton)
    assert window.document.vorlage.klimarelevanz.anpassung is not None
    qtbot.mouseClick(frage.clear_button, Qt.MouseButton.LeftButton)
    assert window.document.vorlage.klimarelevanz.anpassung is None
    assert not any(b.isChecked() for b in frage.buttons.values())


def test_review_lists_problems_and_double_click_jumps_to_field(window, qtbot):
    window.session.new_vorlage("Entscheidungsvorlage", "FB 36")
    review = window.go_to(Extra.PRUEFEN)
    texts = [review.list.item(i).text() for i in range(review.list.count())]
    assert any("Betreff fehlt" in t for t in texts)
    assert any("Beschlussvorschlag" in t for t in texts)
    assert review.summary.property("state") == "error"

    row = next(i for i, t in enumerate(texts) if "Betreff fehlt" in t)
    item = review.list.item(row)
    rect = review.list.visualItemRect(item)
    # A real double click is press, release, then the double-click event.
    qtbot.mouseClick(review.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(review.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.current_step() == Section.GRUNDDATEN
    page = window.page(Section.GRUNDDATEN)
    qtbot.waitUntil(lambda: page.betreff.hasFocus())

    # Fix it there; the review list updates.
    type_text(qtbot, page.betreff, "Neubau der Kita Musterstraße")
    window.go_to(Extra.PRUEFEN)
    texts = [review.list.item(i).text() for i in range(review.list.count())]
    assert not any("Betreff fehlt" in t for t in texts)


def test_review_jump_selects_the_beratungsfolge_row(window, qtbot):
    page = window.go_to(Section.BERATUNGSFOLGE)
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    type_text(qtbot, page.gremium.lineEdit(), "Rat der Stadt Aachen")
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    page.status.setCurrentIndex(page.status.findText("Erledigt"))
    review = window.go_to(Extra.PRUEFEN)
    problem = next(
        review.list.item(i).data(Qt.ItemDataRole.UserRole)
        for i in range(review.list.count())
        if review.list.item(i).data(Qt.ItemDataRole.UserRole).field == "beratungsfolge.1.datum"
    )
    window.jump_to_problem(problem)
    assert window.current_step() == Section.BERATUNGSFOLGE
    assert page.table.currentRow() == 1
    qtbot.waitUntil(lambda: page.datum.hasFocus())


def test_beratungsfolge_rows_keep_order_and_move(window, qtbot):
    page = window.go_to(Section.BERATUNGSFOLGE)
    for name in ("Mobilitätsausschuss", "Planungsausschuss", "Rat der Stadt Aachen"):
        qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
        type_text(qtbot, page.gremium.lineEdit(), name)
    names = [r.gremium for r in window.document.vorlage.beratungsfolge]
    assert names == ["Mobilitätsausschuss", "Planungsausschuss", "Rat der Stadt Aachen"]
    page.table.selectRow(0)
    qtbot.mouseClick(page.down_button, Qt.MouseButton.LeftButton)
    names = [r.gremium for r in window.document.vorlage.beratungsfolge]
    assert names == ["Planungsausschuss", "Mobilitätsausschuss", "Rat der Stadt Aachen"]
    assert page.table.currentRow() == 1
    qtbot.mouseClick(page.up_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.remove_button, Qt.MouseButton.LeftButton)
    names = [r.gremium for r in window.document.vorlage.beratungsfolge]
    assert names == ["Planungsausschuss", "Rat der Stadt Aachen"]
    assert [page.table.item(r, 2).text() for r in range(2)] == names


def test_beschlussvorschlag_skeleton_from_beratungsfolge(window, qtbot):
    window.session.new_vorlage("Entscheidungsvorlage", "FB 36")
    page = window.go_to(Section.BERATUNGSFOLGE)
    for gremium, rolle in (
        ("Bezirksvertretung Aachen-Mitte", "Anhörung/Empfehlung"),
        ("Rat der Stadt Aachen", "Entscheidung"),
    ):
        qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
        type_text(qtbot, page.gremium.lineEdit(), gremium)
        type_text(qtbot, page.rolle.lineEdit(), rolle)
    page = window.go_to(Section.BESCHLUSSVORSCHLAG)
    assert "erforderlich" in page.required_label.text()
    qtbot.mouseClick(page.skeleton_button, Qt.MouseButton.LeftButton)
    text = window.document.vorlage.beschlussvorschlag
    assert text.split("\n\n") == [
        "Die Bezirksvertretung Aachen-Mitte empfiehlt dem Rat, …",
        "Der Rat der Stadt Aachen beschließt …",
    ]


def test_grunddaten_date_accepts_german_dates_and_explains_errors(window, qtbot):
    page = window.go_to(Section.GRUNDDATEN)
    qtbot.keyClicks(page.datum, "31.02.2025")
    assert page.datum_error.isVisible()
    assert "Kalender" in page.datum_error.text()
    assert window.document.vorlage.grunddaten.datum is None
    page.datum.clear()
    qtbot.keyClicks(page.datum, "18.10.2023")
    assert not page.datum_error.isVisible()
    assert str(window.document.vorlage.grunddaten.datum) == "2023-10-18"


def test_beteiligt_multi_select_and_free_entry(window, qtbot):
    page = window.go_to(Section.GRUNDDATEN)
    fb20 = "FB 20 - Fachbereich Finanzsteuerung"
    item = page.beteiligt.findItems(fb20, Qt.MatchFlag.MatchExactly)[0]
    item.setCheckState(Qt.CheckState.Checked)
    type_text(qtbot, page.beteiligt_neu, "Dezernat II")
    qtbot.keyClick(page.beteiligt_neu, Qt.Key.Key_Return)
    beteiligt = window.document.vorlage.grunddaten.beteiligt
    assert [d.anzeige() for d in beteiligt] == [
        "FB 20 - Fachbereich Finanzsteuerung",
        "Dezernat II",
    ]


def test_long_erlaeuterungen_are_written_after_a_pause_and_on_save(
    window, dialogs, qtbot, tmp_path
):
    from tests.forms.pdfutil import long_markdown

    window.session.open_example()
    window.document.set("erlaeuterungen", long_markdown(12))
    window.document.set_dirty(False)
    page = window.go_to(Section.ERLAEUTERUNGEN)
    page.reload()
    editor = page.editor.editor
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    editor.setFocus()
    type_text(qtbot, editor, " Nachtrag")
    assert window.document.dirty  # at once, so closing asks
    target = tmp_path / "lang.vorlage.json"
    dialogs.paths.append(target)
    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert window.document.vorlage.erlaeuterungen.endswith("Nachtrag")
    assert target.read_text(encoding="utf-8").count("Nachtrag") == 1
    type_text(qtbot, editor, " zwei")
    qtbot.waitUntil(lambda: window.document.vorlage.erlaeuterungen.endswith("Nachtrag zwei"))


def test_unreadable_input_is_an_error_on_the_review_page(window, dialogs, qtbot, tmp_path):
    window.session.open_example()
    page = window.go_to(Section.FINANZEN)
    qtbot.mouseClick(page.ja, Qt.MouseButton.LeftButton)
    cell = page.cells["finanzen.konsumtiv.ertrag.neu"]
    qtbot.keyClicks(cell, "12 Euro")
    review = window.go_to(Extra.PRUEFEN)
    texts = [review.list.item(i).text() for i in range(review.list.count())]
    assert any("Eingabe nicht übernommen" in t and "12 Euro" in t for t in texts), texts
    assert review.summary.property("state") == "error"
    # Exporting counts it as an error: the clerk is asked first.
    dialogs.answers["export_with_errors"] = False
    assert not window.session.export_pdf(tmp_path / "x.pdf")
    # The jump leads back to the cell; fixing it clears the error.
    problem = next(p for p in window.document.input_problems())
    window.jump_to_problem(problem)
    qtbot.waitUntil(cell.hasFocus)
    cell.clear()
    qtbot.keyClicks(cell, "12")
    assert window.document.input_problems() == []


def test_calendar_pick_sets_the_date(window, qtbot):
    import datetime as dt

    page = window.go_to(Section.GRUNDDATEN)
    page.datum.set_from_calendar(dt.date(2025, 6, 2))
    assert page.datum.text() == "02.06.2025"
    assert window.document.vorlage.grunddaten.datum == dt.date(2025, 6, 2)


def test_gremium_search_finds_by_any_part(window, qtbot):
    page = window.go_to(Section.BERATUNGSFOLGE)
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    completer = page.gremium.completer()
    completer.setCompletionPrefix("klima")
    found = [
        completer.completionModel().index(i, 0).data()
        for i in range(completer.completionModel().rowCount())
    ]
    assert found == ["Ausschuss für Umwelt und Klimaschutz"]
    # Free entry stays possible (names change).
    type_text(qtbot, page.gremium.lineEdit(), "Klimabeirat")
    assert window.document.vorlage.beratungsfolge[0].gremium == "Klimabeirat"


def test_rows_keyboard_delete_and_move(window, qtbot):
    page = window.go_to(Section.BERATUNGSFOLGE)
    for name in ("Hauptausschuss", "Finanzausschuss"):
        qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
        type_text(qtbot, page.gremium.lineEdit(), name)
    page.table.setFocus()
    page.table.selectRow(1)
    qtbot.keyClick(page.table, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert [r.gremium for r in window.document.vorlage.beratungsfolge] == [
        "Finanzausschuss",
        "Hauptausschuss",
    ]
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    assert [r.gremium for r in window.document.vorlage.beratungsfolge] == ["Hauptausschuss"]
