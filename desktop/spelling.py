"""Spell checking as you type: red wavy underline, suggestions, Ignorieren, Wörterbuch.

Off the keystroke path (forms/spelling.py has the dictionary and its worker thread):
- a keystroke re-highlights only its own paragraph, from the verdicts already known (a dict
  lookup per word); a word not asked yet goes to the worker and the paragraph is highlighted
  again when its verdict is there;
- the word being typed (cursor inside or at its end) is judged once the cursor leaves it, as in
  Word, so "Maßnah…" is never underlined half-typed and never sent to the dictionary;
- a whole text (opening a Vorlage, the dictionary just loaded) is checked on the worker, and
  only paragraphs with an unknown word are highlighted again;
- the worker never touches Qt: the GUI polls its futures with a timer while any are pending.
Re-highlighting changes only the layout's formats, not the text; the document's signals are
blocked meanwhile, so no field believes the clerk typed (no dirty flag, no model write).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QLineEdit, QMenu, QPlainTextEdit, QTextEdit, QWidget

from desktop import undo
from desktop.document import Document
from desktop.widgets.spellcheck import SpellField, TextField
from desktop.widgets.spellline import LineField
from forms import spelling
from forms.rules import Problem
from forms.spelling import SpellingProblem, Token

if TYPE_CHECKING:
    from desktop.binding import Binder

log = logging.getLogger(__name__)

POLL_MS = 20
MAX_SUGGESTIONS = 6
LOAD_DELAY_MS = 800


class SpellService(QObject):
    """The spell check of one window: its fields, the words it knows, the review's Hinweise."""

    hintsChanged = Signal()

    def __init__(
        self,
        document: Document,
        *,
        checker: Callable[[], spelling.Checker] = spelling.shared_checker,
        user_dictionary: spelling.UserDictionary | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.document = document
        self._make_checker = checker
        self._checker: spelling.Checker | None = None
        self.user_dictionary = user_dictionary or spelling.UserDictionary()
        self.ignored: set[str] = set()
        self._profile_words = spelling.profile_words(document.profile)
        self._vorlage_words = spelling.vorlage_words(document.vorlage)
        self.known = self._known()
        self.fields: list[SpellField] = []
        self._futures: list[tuple[Future[Any], Callable[[Any], None]]] = []
        self._asked: set[str] = set()
        self._was_ready = False
        self._hints: list[Problem] = []
        self._hints_key: tuple[tuple[str, str], ...] | None = None
        self._hints_running = False
        self._closed = False
        self._poll = QTimer(self)
        self._poll.setInterval(POLL_MS)
        self._poll.timeout.connect(self._collect)
        self._load_timer = QTimer(self)
        self._load_timer.setSingleShot(True)
        self._load_timer.setInterval(LOAD_DELAY_MS)
        self._load_timer.timeout.connect(lambda: self.checker)
        document.modelChanged.connect(self._model_changed)
        document.profileChanged.connect(self._profile_changed)
        document.add_hint_source(self.hints)

    # -- the checker ----------------------------------------------------------------------------
    @property
    def checker(self) -> spelling.Checker:
        if self._checker is None:  # loaded with the first field, not at start-up
            self._checker = self._make_checker()
            self._watch(self._checker.loaded, lambda _ok: self._loaded())
        return self._checker

    @property
    def ready(self) -> bool:
        return self._checker is not None and self._checker.ready

    @property
    def busy(self) -> bool:
        """Work for this window is still on the worker (checks, the review's count) or
        underlines are still being drawn."""
        return (
            bool(self._futures)
            or self._load_timer.isActive()
            or any(field.pending for field in self.fields)
        )

    def load_now(self) -> spelling.Checker:
        self._load_timer.stop()
        return self.checker

    def _watch(self, future: Future[Any], done: Callable[[Any], None]) -> None:
        self._futures.append((future, done))
        if not self._poll.isActive():
            self._poll.start()

    def _collect(self) -> None:
        finished = [(f, done) for f, done in self._futures if f.done()]
        self._futures = [(f, done) for f, done in self._futures if not f.done()]
        if not self._futures:
            self._poll.stop()
        for future, done in finished:
            if self._closed or future.cancelled():
                continue
            try:
                result = future.result()
            except Exception:
                log.exception("Rechtschreibprüfung fehlgeschlagen")
                continue
            done(result)

    def _loaded(self) -> None:
        self._was_ready = self.ready
        if self.ready:
            for field in self.fields:
                field.check_all()
            self.hintsChanged.emit()
            self.document.hintsChanged.emit()

    def close(self) -> None:
        """The window goes: no more callbacks (the shared worker stops at interpreter exit)."""
        self._closed = True
        self._poll.stop()
        self._load_timer.stop()
        self._futures.clear()

    # -- verdicts -------------------------------------------------------------------------------
    def wrong(self, token: Token) -> bool | None:
        if self._checker is None:
            return None
        return spelling.wrong(token, self._checker.verdicts, self.known)

    def ask(self, words: list[str], done: Callable[[Any], None]) -> None:
        """Send words without a verdict to the worker; `done` runs on the GUI thread after."""
        new = [w for w in words if w not in self._asked]
        self._asked.update(new)
        self._watch(self.checker.check(new), done)

    def run(self, operation: Callable[..., Any], done: Callable[[Any], None], *args: Any) -> None:
        self._watch(self.checker.run(operation, *args), done)

    def correct(self, change: Callable[[], None]) -> None:
        """A suggestion taken: one undo step of its own, apart from the typing around it."""
        self.document.break_burst()
        change()
        self.document.flush()  # a long rich text would write it only after a pause
        self.document.break_burst()

    def standard_menu(self, menu: QMenu) -> None:
        undo.route_to_stack(menu, self.document)

    def suggestions(self, word: str) -> list[str]:
        if not self.ready:
            return []
        return self.checker.suggest(word)[:MAX_SUGGESTIONS]

    # -- known words ----------------------------------------------------------------------------
    def _known(self) -> frozenset[str]:
        return self._profile_words | self._vorlage_words | self.user_dictionary.words | self.ignored

    def _set_known(self) -> None:
        known = self._known()
        if known != self.known:
            self.known = known
            for field in self.fields:
                field.recheck_marked()
            self._hints_key = None  # the review's count again
            self.document.hintsChanged.emit()

    def _profile_changed(self) -> None:
        """A Vorlage of another municipal profile: its names are the known ones now."""
        self._profile_words = spelling.profile_words(self.document.profile)
        self._set_known()

    def _model_changed(self) -> None:
        words = spelling.vorlage_words(self.document.vorlage)
        if words != self._vorlage_words:
            self._vorlage_words = words
            self._set_known()

    def ignore(self, word: str) -> None:
        """Ignorieren: the word counts as known in this window until it closes."""
        self.ignored.add(word)
        self._set_known()

    def add_to_dictionary(self, word: str) -> bool:
        """Zum Wörterbuch hinzufügen: kept in the user dictionary for every later session."""
        try:
            self.user_dictionary.add(word)
        except Exception as exc:  # the folder is read-only or full: say so, keep working
            log.warning("Wort nicht ins Wörterbuch übernommen: %s", exc)
            self.ignored.add(word)
            self._set_known()
            return False
        self._set_known()
        return True

    # -- fields ---------------------------------------------------------------------------------
    def attach(self, widget: QWidget, path: Callable[[], str | None]) -> SpellField:
        field: SpellField
        if isinstance(widget, QTextEdit | QPlainTextEdit):
            field = TextField(self, widget, path)
        elif isinstance(widget, QLineEdit):
            field = LineField(self, widget, path)
        else:
            raise TypeError(f"no spell check for {type(widget).__name__}")
        self.fields.append(field)
        widget.destroyed.connect(lambda *_: self._forget(field))
        if self._checker is None and not self._load_timer.isActive():
            # Loading holds the GIL for ~0.15 s (Hunspell's C++ parser): not in the moment a
            # page first paints, a little later (the review page or a context menu load at once).
            self._load_timer.start()
        if self.ready:
            field.check_all()
        return field

    def _forget(self, field: SpellField) -> None:
        if field in self.fields:
            self.fields.remove(field)

    def attach_binder(self, binder: Binder) -> None:
        """Every free-text field a page's binder holds: by its model path (Betreff, the rich
        texts) or, where the path depends on the selected row, marked by the page with the
        property "spellcheck" (an Anlage's title)."""
        for binding in binder.bindings:
            path = binding.resolved()
            marked = bool(binding.widget.property("spellcheck"))
            if marked or (path is not None and spelling.is_free_text(path)):
                self.attach(binding.widget, binding.resolved)

    def field_for(self, path: str) -> SpellField | None:
        return next((f for f in self.fields if f.path() == path), None)

    def reveal(self, problem: Problem) -> bool:
        """After a jump from the review page: select the first unknown word of the field."""
        if not isinstance(problem, SpellingProblem):
            return False
        field = self.field_for(problem.field)
        return field is not None and field.select_first_wrong()

    # -- the review page ------------------------------------------------------------------------
    def hints(self) -> list[Problem]:
        """The last count of unknown words per field; a newer one is on its way if needed."""
        checker = self.load_now()  # the review page may be the first to need the dictionary
        key = tuple(spelling.text_fields(self.document.vorlage))
        if key != self._hints_key and checker.ready and not self._hints_running:
            self._hints_running = True
            self._hints_key = key
            future = checker.check_text_fields(list(key), self.known)

            def done(found: dict[str, list[Token]]) -> None:
                self._hints_running = False
                self._hints = list(spelling.spelling_problems(found))
                self.hintsChanged.emit()
                self.document.hintsChanged.emit()

            self._watch(future, done)
        return self._hints
