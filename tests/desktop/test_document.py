"""Document and Binder on their own: no window, no pages – the open Vorlage's state, its
signals, the editor registry and the one rule check per change; a binder's round trip."""

from __future__ import annotations

import pytest
from pydantic import ValidationError
from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit

from desktop.binding import Binder
from desktop.document import Document
from desktop.widgets.fields import ErrorLabel
from desktop.widgets.richtext import RichTextEditor
from forms.formatting import format_datum, parse_datum
from forms.labels import Section
from forms.model import Beratung, Vorlage
from forms.rules import Problem, Schwere
from tests.desktop.typing import type_text


class Signals:
    def __init__(self, document: Document) -> None:
        self.seen: list[str] = []
        document.modelChanged.connect(lambda: self.seen.append("model"))
        document.replaced.connect(lambda: self.seen.append("replaced"))
        document.dirtyChanged.connect(lambda d: self.seen.append(f"dirty={d}"))
        document.pathChanged.connect(lambda: self.seen.append("path"))


def test_set_validates_marks_dirty_and_signals_once(qapp) -> None:
    document = Document()
    signals = Signals(document)
    document.set("grunddaten.betreff", "Radweg")
    assert document.vorlage.grunddaten.betreff == "Radweg" and document.dirty
    assert signals.seen == ["dirty=True", "model"]
    document.set("grunddaten.betreff", "Radweg")  # same value: no edit
    assert signals.seen == ["dirty=True", "model"]
    with pytest.raises(ValidationError):
        document.set("grunddaten.datum", "kein Datum")
    assert document.vorlage.grunddaten.datum is None


# The deliberately wrong value makes pydantic warn while serialising the draft.
@pytest.mark.filterwarnings("ignore:Pydantic serializer warnings")
def test_edit_works_on_a_copy_and_keeps_the_model_on_failure(qapp) -> None:
    document = Document()

    def bad(v: Vorlage) -> None:
        v.beratungsfolge.append(Beratung(gremium="Rat"))
        v.beratungsfolge[0].__dict__["datum"] = "kein Datum"  # bypasses assignment checks

    with pytest.raises(ValidationError):
        document.edit(bad)
    assert document.vorlage.beratungsfolge == [] and not document.dirty
    document.edit(lambda v: v.beratungsfolge.append(Beratung(gremium="Rat")))
    assert document.get("beratungsfolge.0.gremium") == "Rat"


def test_replace_and_mark_saved(qapp, tmp_path) -> None:
    document = Document()
    document.set("grunddaten.betreff", "alt")
    signals = Signals(document)
    path = tmp_path / "neu.vorlage.json"
    document.replace(Vorlage(), path)
    assert not document.dirty and document.path == path
    assert signals.seen == ["dirty=False", "path", "replaced", "model"]
    assert document.display_name() == "neu.vorlage.json"
    document.changed()
    signals.seen.clear()
    other = tmp_path / "anders.vorlage.json"
    document.mark_saved(other)
    assert signals.seen == ["path", "dirty=False"] and document.path == other


def test_snapshot_is_independent_of_later_edits(qapp) -> None:
    document = Document()
    document.set("grunddaten.betreff", "vorher")
    snapshot = document.snapshot()
    document.set("grunddaten.betreff", "nachher")
    assert snapshot.grunddaten.betreff == "vorher"


def test_problems_are_computed_once_per_change(qapp, monkeypatch) -> None:
    from desktop import document as module

    calls: list[int] = []
    real = module.problems

    def counting(vorlage, profile):  # type: ignore[no-untyped-def]
        calls.append(1)
        return real(vorlage, profile)

    monkeypatch.setattr(module, "problems", counting)
    document = Document()
    first = document.problems()
    assert document.problems() is first and document.all_problems() == first
    assert len(calls) == 1
    document.set("grunddaten.betreff", "Radweg")
    assert document.problems() is not first
    assert len(calls) == 2
    assert not any(p.field == "grunddaten.betreff" for p in document.problems())
    document.replace(Vorlage(), None)
    assert any(p.field == "grunddaten.betreff" for p in document.problems())
    assert len(calls) == 3


class FakeEditor:
    def __init__(self, section: Section, path: str) -> None:
        self.flushed = 0
        self.found = [Problem(section, path, f"{path} unlesbar", Schwere.FEHLER)]

    def flush(self) -> None:
        self.flushed += 1

    def input_problems(self) -> list[Problem]:
        return self.found


def test_editors_are_flushed_and_their_input_problems_listed_in_page_order(qapp) -> None:
    document = Document()
    later = FakeEditor(Section.FINANZEN, "finanzen.haushaltsjahr")
    earlier = FakeEditor(Section.GRUNDDATEN, "grunddaten.datum")
    document.add_editor(later)
    document.add_editor(earlier)
    document.flush()
    assert (later.flushed, earlier.flushed) == (1, 1)
    assert [p.field for p in document.input_problems()] == [
        "grunddaten.datum",
        "finanzen.haushaltsjahr",
    ]
    assert document.all_problems()[:2] == document.input_problems()


# -- Binder ---------------------------------------------------------------------------------
def test_binder_commits_parsed_values_and_reports_unreadable_input(qtbot) -> None:
    document = Document()
    binder = Binder(document, Section.GRUNDDATEN)
    field = QLineEdit()
    error = ErrorLabel()
    qtbot.addWidget(field)
    qtbot.addWidget(error)
    binder.line_edit(field, "grunddaten.datum", parse=parse_datum, fmt=format_datum, error=error)
    qtbot.keyClicks(field, "31.02.2025")
    assert document.vorlage.grunddaten.datum is None
    assert error.text() and not error.isHidden()
    assert field.property("invalid") is True
    [problem] = document.input_problems()
    assert problem.field == "grunddaten.datum" and problem.section == Section.GRUNDDATEN
    assert problem.message.startswith("Grunddaten › Datum: Eingabe nicht übernommen – ")
    field.clear()
    qtbot.keyClicks(field, "1.3.2025")
    assert format_datum(document.vorlage.grunddaten.datum) == "01.03.2025"
    assert error.text() == "" and error.isHidden() and document.input_problems() == []


def test_binder_load_writes_widgets_without_editing_the_model(qtbot) -> None:
    document = Document()
    binder = Binder(document)
    betreff = QPlainTextEdit()
    art = QComboBox()
    art.setEditable(True)
    qtbot.addWidget(betreff)
    qtbot.addWidget(art)
    binder.plain_text(betreff, "grunddaten.betreff")
    binder.combo_text(art, "grunddaten.vorlageart")
    document.replace(Vorlage.model_validate({"grunddaten": {"betreff": "Radweg"}}), None)
    edits: list[int] = []
    document.modelChanged.connect(lambda: edits.append(1))
    binder.load()
    assert betreff.toPlainText() == "Radweg" and art.currentText() == "Kenntnisnahme"
    assert edits == [] and not document.dirty
    with binder.quiet():
        betreff.setPlainText("nur angezeigt")
    assert document.vorlage.grunddaten.betreff == "Radweg"
    assert binder.widget_for("grunddaten.betreff") is betreff
    assert binder.input_problems() == []  # a binder outside a section lists nothing


def test_rich_text_binding_is_dirty_at_once_and_flushed_by_the_document(qtbot) -> None:
    document = Document()
    binder = Binder(document, Section.ERLAEUTERUNGEN)
    editor = RichTextEditor()
    qtbot.addWidget(editor)
    binder.rich_text(editor, "erlaeuterungen")
    document.set("erlaeuterungen", "x" * 6000)  # long: written after a pause
    binder.load()
    document.set_dirty(False)
    edit = editor.editor
    edit.moveCursor(edit.textCursor().MoveOperation.End)
    type_text(qtbot, edit, " Ende")
    assert document.dirty  # unsaved from the first keystroke on …
    assert not document.vorlage.erlaeuterungen.endswith("Ende")  # … in the model after a pause
    document.flush()
    assert document.vorlage.erlaeuterungen.endswith("Ende")
