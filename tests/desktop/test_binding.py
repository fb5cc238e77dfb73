"""The Binder on its own (desktop/binding.py): no window, no page – each field kind against a
Document, with real key presses. What every kind shares: an edit reaches the model at once
and is an undo step of the document, `load()` and `quiet()` show values without editing, a
German message goes to any ErrorSink, unreadable input is listed and cleared again."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QPlainTextEdit

from desktop.binding import Binder
from desktop.document import Document
from forms.formatting import EingabeFehler, format_datum, parse_datum
from forms.labels import Section
from forms.model import Beratung, KlimaschutzRelevanz, Vorlage
from tests.desktop.clock import Clock

CTRL = Qt.KeyboardModifier.ControlModifier


class Sink:
    """An ErrorSink that is no widget: the binder needs only setText."""

    def __init__(self) -> None:
        self.texts: list[str] = []

    def setText(self, text: str) -> None:
        self.texts.append(text)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def document(qapp, clock: Clock) -> Iterator[Document]:
    document = Document(clock=clock)
    yield document
    document.set_dirty(False)


def test_a_line_edit_commits_every_key_and_a_burst_is_one_undo_step(
    qtbot, document: Document, clock: Clock
) -> None:
    binder = Binder(document, Section.GRUNDDATEN)
    field = QLineEdit()
    qtbot.addWidget(field)
    binder.line_edit(field, "grunddaten.aktenzeichen")
    qtbot.keyClicks(field, "61.1")
    assert document.vorlage.grunddaten.aktenzeichen == "61.1" and document.dirty
    clock.now += 10  # a pause: the next keys are a step of their own
    qtbot.keyClicks(field, "/2025")
    assert document.vorlage.grunddaten.aktenzeichen == "61.1/2025"
    # Strg+Z is not the field's own history (that would take back a key): it is left to the
    # window's Bearbeiten menu, i.e. the document's undo, which takes back the burst.
    qtbot.keyClick(field, Qt.Key.Key_Z, CTRL)
    assert field.text() == "61.1/2025" == document.vorlage.grunddaten.aktenzeichen
    document.undo()
    binder.load()
    assert document.vorlage.grunddaten.aktenzeichen == "61.1" and field.text() == "61.1"
    document.undo()
    binder.load()
    assert document.vorlage.grunddaten.aktenzeichen == "" and field.text() == ""
    assert not document.dirty  # back at the state it was opened in


def test_plain_text_has_no_undo_of_its_own(qtbot, document: Document) -> None:
    binder = Binder(document, Section.GRUNDDATEN)
    betreff = QPlainTextEdit()
    qtbot.addWidget(betreff)
    binder.plain_text(betreff, "grunddaten.betreff")
    assert not betreff.isUndoRedoEnabled()
    qtbot.keyClicks(betreff, "Radweg")
    assert document.vorlage.grunddaten.betreff == "Radweg"
    assert document.undo_stack.count() == 1


def test_a_fixed_choice_combo_stores_the_items_data(qtbot, document: Document) -> None:
    binder = Binder(document, Section.KLIMARELEVANZ)
    combo = QComboBox()
    qtbot.addWidget(combo)
    combo.addItem("(keine Angabe)", None)
    for value in KlimaschutzRelevanz:
        combo.addItem(f"Klimaschutz {value.value}", value)
    binder.combo_data(combo, "klimarelevanz.klimaschutz")
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert document.vorlage.klimarelevanz.klimaschutz is KlimaschutzRelevanz.POSITIV
    document.set("klimarelevanz.klimaschutz", KlimaschutzRelevanz.NEGATIV)
    binder.load()
    assert combo.currentData() == KlimaschutzRelevanz.NEGATIV
    document.set("klimarelevanz.klimaschutz", None)
    binder.load()
    assert combo.currentIndex() == 0


def test_an_editable_combo_takes_typed_and_chosen_text(qtbot, document: Document) -> None:
    binder = Binder(document, Section.GRUNDDATEN)
    combo = QComboBox()
    combo.setEditable(True)
    combo.addItems(["Kenntnisnahme", "Entscheidungsvorlage"])
    qtbot.addWidget(combo)
    binder.combo_text(combo, "grunddaten.vorlageart")
    line = combo.lineEdit()
    assert line is not None
    line.selectAll()
    qtbot.keyClicks(line, "Anfrage")
    assert document.vorlage.grunddaten.vorlageart == "Anfrage"
    combo.setCurrentIndex(1)  # chosen from the list
    assert document.vorlage.grunddaten.vorlageart == "Entscheidungsvorlage"


def test_a_custom_binding_parses_and_formats_its_own_value(qtbot, document: Document) -> None:
    binder = Binder(document, Section.FINANZEN)
    box = QCheckBox("Finanzielle Auswirkungen")
    qtbot.addWidget(box)
    binder.custom(
        box,
        "finanzen.auswirkungen",
        box.toggled,
        box.isChecked,
        box.setChecked,
        parse=bool,
        fmt=lambda v: bool(v),
    )
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Space)
    assert document.vorlage.finanzen.auswirkungen is True
    document.set("finanzen.auswirkungen", False)
    binder.load()
    assert not box.isChecked()


def test_messages_go_to_any_error_sink_and_the_field_says_it_in_words(
    qtbot, document: Document
) -> None:
    binder = Binder(document, Section.GRUNDDATEN)
    field = QLineEdit()
    field.setToolTip("Datum der Vorlage")
    qtbot.addWidget(field)
    sink = Sink()
    binder.line_edit(field, "grunddaten.datum", parse=parse_datum, fmt=format_datum, error=sink)
    qtbot.keyClicks(field, "32.1.2025")
    message = sink.texts[-1]
    assert message and "32.1.2025" in message
    assert field.toolTip() == message and field.accessibleDescription() == message
    assert binder.invalid == {"grunddaten.datum": message}
    [problem] = binder.input_problems()
    assert problem.section is Section.GRUNDDATEN and problem.field == "grunddaten.datum"
    for _ in "32.1.2025":
        qtbot.keyClick(field, Qt.Key.Key_Backspace)
    assert sink.texts[-1] == "" and binder.invalid == {}
    assert field.toolTip() == "Datum der Vorlage"  # its own tooltip is back
    assert document.vorlage.grunddaten.datum is None


def test_a_parse_error_keeps_the_last_readable_value_until_load(qtbot, document: Document) -> None:
    binder = Binder(document, Section.GRUNDDATEN)
    field = QLineEdit()
    qtbot.addWidget(field)

    def jahr(text: str) -> str:
        if text and not text.isdigit():
            raise EingabeFehler(f"„{text}“ ist keine Zahl.")
        return text

    binder.line_edit(field, "grunddaten.aktenzeichen", parse=jahr)
    qtbot.keyClicks(field, "12x")
    assert document.vorlage.grunddaten.aktenzeichen == "12"
    assert binder.invalid == {"grunddaten.aktenzeichen": "„12x“ ist keine Zahl."}
    binder.load()  # the model is shown again: nothing unreadable left
    assert field.text() == "12" and binder.invalid == {} and field.property("invalid") is False


def test_a_path_that_follows_the_selected_row(qtbot, document: Document) -> None:
    document.replace(
        Vorlage(beratungsfolge=[Beratung(gremium="Rat"), Beratung(gremium="Ausschuss")]), None
    )
    row: list[int | None] = [None]
    binder = Binder(document, Section.BERATUNGSFOLGE)
    field = QLineEdit()
    qtbot.addWidget(field)
    edits: list[int] = []
    binder.on_edit.append(lambda: edits.append(1))

    def path() -> str | None:
        return None if row[0] is None else f"beratungsfolge.{row[0]}.gremium"

    binder.line_edit(field, path)
    binder.load()
    assert field.text() == ""  # no row selected: the field is empty and edits go nowhere
    qtbot.keyClicks(field, "x")
    assert [b.gremium for b in document.vorlage.beratungsfolge] == ["Rat", "Ausschuss"]
    assert edits == []
    row[0] = 1
    binder.load()
    assert field.text() == "Ausschuss"
    qtbot.keyClick(field, Qt.Key.Key_End)  # load() shows a text from its start
    qtbot.keyClicks(field, "-Mitte")
    assert document.vorlage.beratungsfolge[1].gremium == "Ausschuss-Mitte"
    assert binder.widget_for("beratungsfolge.1.gremium") is field and edits


def test_quiet_changes_are_display_only_and_nest(qtbot, document: Document) -> None:
    binder = Binder(document, Section.GRUNDDATEN)
    field = QLineEdit()
    qtbot.addWidget(field)
    binder.custom(field, "grunddaten.betreff", field.textChanged, field.text, field.setText)
    with binder.quiet():
        with binder.quiet():
            field.setText("angezeigt")
        assert binder.loading  # still quiet after the inner block
        field.setText("auch angezeigt")
    assert not binder.loading
    assert document.vorlage.grunddaten.betreff == "" and not document.dirty
    field.setText("getippt")
    assert document.vorlage.grunddaten.betreff == "getippt"


def test_a_binder_is_an_editor_of_its_document(qtbot, document: Document) -> None:
    binder = Binder(document, Section.GRUNDDATEN)
    field = QLineEdit()
    qtbot.addWidget(field)
    binder.line_edit(field, "grunddaten.datum", parse=parse_datum, fmt=format_datum)
    qtbot.keyClicks(field, "x")
    assert [p.field for p in document.input_problems()] == ["grunddaten.datum"]
    assert document.all_problems()[0].field == "grunddaten.datum"
    document.remove_editor(binder)
    assert document.input_problems() == []
