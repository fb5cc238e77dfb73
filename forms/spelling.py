"""German spell checking without Qt: words of a text, the Hunspell dictionary, known words.

Library: chunspell (PyPI `chunspell`, imported as `hunspell`), a Cython binding of Hunspell
1.7 whose wheels carry the Hunspell library for Linux and Windows, so neither the clerks'
Windows machines nor a Linux desktop need a system install, and PyInstaller bundles it like
any extension module. Weighed against it (2026-12): pyenchant needs the system Enchant
library on Linux (its wheels bundle it on Windows only); spylls, Hunspell in pure Python, takes
milliseconds per word (a 100-page text would take minutes); the other Hunspell bindings
(`hunspell`, `cyhunspell`) have no wheels for current Python versions. The dictionary is
igerman98's de_DE (new spelling) from Debian's `hunspell-de-de`, shipped in
resources/spelling/ with its licence (GPL-2/3).

Hunspell is not thread-safe and its calls hold the GIL, so every call goes through one worker
thread (`Checker`): the dictionary loads there, words are checked there, and the verdict of
each word is kept (a dict), so a word is asked once per process. The GUI only reads verdicts.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import os
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple, Protocol

import platformdirs

from forms.files import write_atomic
from forms.labels import Section, field_label
from forms.model import Vorlage
from forms.profile import Profile
from forms.resources import resource_path
from forms.rules.problem import Problem, Schwere

log = logging.getLogger(__name__)

APP_NAME = "vorlagen-assistent"
LANGUAGE = "de_DE"
USER_DICTIONARY = "woerterbuch.txt"

# A word: letters, inside it hyphens or apostrophes ("E-Mail", "geht’s"); a gender form
# ("Bürger*innen", "Bürger:innen") is checked as "Bürgerinnen".
_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*(?P<gender>[*:_](?:innen|in)(?![^\W\d_]))?")
# Not prose: web and mail addresses, Markdown link targets, file paths.
_NOT_PROSE = re.compile(
    r"(?:https?://|www\.|file:)\S+|\S+@\S+\.\w+|\]\([^)\s]*\)|(?:[A-Za-z]:)?[\\/]\S*[\\/]\S*"
)


class Token(NamedTuple):
    start: int
    end: int
    word: str  # what is checked (a gender form without its star)
    abbreviation: str | None  # word + "." when a dot follows ("bzw.", "Dr.")


def tokens(text: str) -> Iterator[Token]:
    """The words of `text` worth checking, with their positions.

    Left out: single letters, words touching a digit ("3a", "A4"), abbreviations in capitals
    ("FB", "KIM"), words with capitals inside ("OParl", "AgendaItem"), addresses and paths.
    """
    # Most paragraphs have no address: the regular expression only runs where one may be.
    maybe = "/" in text or "\\" in text or "@" in text or "www." in text
    masked = [(m.start(), m.end()) for m in _NOT_PROSE.finditer(text)] if maybe else []
    for match in _WORD.finditer(text):
        start, end = match.span()
        word = match.group()
        gender = match.group("gender")
        if gender:
            word = word[: -len(gender)] + gender[1:]
        if len(word) < 2 or word.isupper() or any(_capital_inside(p) for p in word.split("-")):
            continue
        if (start and text[start - 1].isdigit()) or (end < len(text) and text[end].isdigit()):
            continue
        if masked and any(a <= start < b for a, b in masked):
            continue
        dotted = end < len(text) and text[end] == "."
        yield Token(start, end, word, word + "." if dotted else None)


def _capital_inside(part: str) -> bool:
    return any(c.isupper() for c in part[1:])


def words_to_ask(token: Token) -> list[str]:
    """What the dictionary is asked for a token: the word, its abbreviation, its parts."""
    asked = [token.word]
    if token.abbreviation:
        asked.append(token.abbreviation)
    if "-" in token.word:
        asked += [part for part in token.word.split("-") if len(part) > 1]
    return asked


class Verdicts(Protocol):
    def get(self, word: str, /) -> bool | None: ...


def is_known(word: str, known: frozenset[str] | set[str]) -> bool:
    return word in known or (word[:1].isupper() and word[:1].lower() + word[1:] in known)


def wrong(token: Token, verdicts: Verdicts, known: frozenset[str] | set[str]) -> bool | None:
    """True: not a word; False: a word; None: the dictionary has not been asked yet."""
    if is_known(token.word, known):
        return False
    verdict = verdicts.get(token.word)
    if verdict is None:
        return None
    if verdict:
        return False
    if token.abbreviation:
        dotted = verdicts.get(token.abbreviation)
        if dotted is None:
            return None
        if dotted:
            return False
    if "-" in token.word:
        parts = [p for p in token.word.split("-") if len(p) > 1]
        answers = [
            False if is_known(p, known) else (None if (v := verdicts.get(p)) is None else not v)
            for p in parts
        ]
        if None in answers:
            return None
        return any(answers)
    return True


# -- the dictionary ------------------------------------------------------------------------------
def dictionary_folder() -> Path:
    return resource_path("spelling")


class Dictionary:
    """Hunspell with the shipped de_DE dictionary. Not thread-safe: used on one thread."""

    def __init__(self, folder: Path | None = None, language: str = LANGUAGE) -> None:
        from hunspell import Hunspell  # chunspell

        folder = (folder or dictionary_folder()).resolve()
        # Windows: Hunspell opens a "\\?\"-prefixed UTF-8 path with the wide-character API,
        # so an install folder outside the ANSI code page (C:\Users\Łukasz\…) works too.
        encoding = "UTF-8" if os.name == "nt" else sys.getfilesystemencoding()
        self._hunspell = Hunspell(language, hunspell_data_dir=str(folder), system_encoding=encoding)

    def spell(self, word: str) -> bool:
        try:
            return bool(self._hunspell.spell(word))
        except UnicodeEncodeError:
            return False

    def suggest(self, word: str) -> list[str]:
        try:
            return list(self._hunspell.suggest(word))
        except UnicodeEncodeError:
            return []


class Checker:
    """The dictionary on its own worker thread: loads in the background, checks, suggests.

    `verdicts` is read on any thread (a plain dict; only the worker writes it). Nothing here
    blocks the caller except `suggest`, which waits at most `timeout` seconds.
    """

    def __init__(self, load: Callable[[], Dictionary] = Dictionary) -> None:
        self._load_dictionary = load
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="rechtschreibung")
        self._dictionary: Dictionary | None = None
        self.verdicts: dict[str, bool] = {}
        self.error = ""  # German, when the dictionary could not be loaded
        self.loaded: Future[bool] = self._executor.submit(self._load)

    def _load(self) -> bool:
        try:
            self._dictionary = self._load_dictionary()
        except Exception as exc:  # a missing or broken dictionary must not stop the wizard
            log.warning("Wörterbuch nicht geladen: %s", exc)
            self.error = (
                f"Das Wörterbuch für die Rechtschreibprüfung fehlt oder ist defekt ({exc})."
            )
            return False
        return True

    @property
    def ready(self) -> bool:
        return self.loaded.done() and self._dictionary is not None

    def judge(self, words: Iterable[str]) -> None:
        """Verdicts for `words` into `verdicts`: on the worker thread only (`check`, `run`)."""
        dictionary = self._dictionary
        if dictionary is None:
            return
        verdicts = self.verdicts
        for word in words:
            if word not in verdicts:
                verdicts[word] = dictionary.spell(word)

    def check(self, words: Iterable[str]) -> Future[None]:
        """Ask the dictionary about `words` on the worker; their verdicts land in `verdicts`."""
        return self._executor.submit(self.judge, list(words))

    def run(self, operation: Callable[..., Any], *args: Any) -> Future[Any]:
        """Any work that needs verdicts, after what was queued before (the worker's order)."""
        return self._executor.submit(operation, *args)

    def check_text_fields(
        self, texts: list[tuple[str, str]], known: frozenset[str]
    ) -> Future[dict[str, list[Token]]]:
        """Unknown words per (model path, text), computed on the worker."""

        def work() -> dict[str, list[Token]]:
            found: dict[str, list[Token]] = {}
            for path, text in texts:
                all_tokens = list(tokens(text))
                self.judge(w for t in all_tokens for w in words_to_ask(t))
                bad = [t for t in all_tokens if wrong(t, self.verdicts, known)]
                if bad:
                    found[path] = bad
            return found

        return self._executor.submit(work)

    def suggest(self, word: str, timeout: float = 5.0) -> list[str]:
        """Hunspell's suggestions (0.2–0.7 s for a long German word; it holds the GIL, so the
        caller waits that long whatever the timeout: asked only when the clerk opens a menu)."""
        dictionary = self._dictionary
        if dictionary is None:
            return []
        future = self._executor.submit(dictionary.suggest, word)
        try:
            return future.result(timeout)
        except FutureTimeout:
            future.cancel()
            return []

    def close(self) -> None:
        """Stop the worker (pending work is dropped); also done at interpreter exit."""
        self._executor.shutdown(wait=True, cancel_futures=True)


@functools.cache
def shared_checker() -> Checker:
    """One dictionary per process: every window and field shares it and its verdicts."""
    return Checker()


# -- words the clerk's context knows -------------------------------------------------------------
def _words_of(texts: Iterable[str]) -> set[str]:
    found: set[str] = set()
    for text in texts:
        for match in _WORD.finditer(text):
            found.add(match.group())
            found.update(match.group().split("-"))
    return found


def profile_words(profile: Profile) -> frozenset[str]:
    """The city, its Dienststellen, Gremien, roles and types of Vorlage: never misspelt."""
    texts = [profile.stadt, profile.verwaltungsspitze, profile.fusszeile]
    texts += [f"{d.kuerzel} {d.name}" for d in profile.dienststellen]
    texts += [f"{g.name} {g.kurz}" for g in profile.gremien]
    texts += [r.name for r in profile.rollen] + [a.name for a in profile.vorlagearten]
    texts += list(profile.status_workflow)
    return frozenset(_words_of(texts))


def vorlage_words(vorlage: Vorlage) -> frozenset[str]:
    """The Vorlage's own catalogue entries: its Dienststellen, Gremien and author."""
    g = vorlage.grunddaten
    texts = [g.federfuehrend.anzeige(), g.verfasst_von, *(d.anzeige() for d in g.beteiligt)]
    texts += [f"{b.gremium} {b.rolle}" for b in vorlage.beratungsfolge]
    return frozenset(_words_of(texts))


def default_user_dictionary() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / USER_DICTIONARY


class UserDictionary:
    """The clerk's own words, one per line (UTF-8) in the user data folder; written atomically."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or default_user_dictionary()
        self.words: set[str] = self._read()

    def _read(self) -> set[str]:
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return set()
        except (OSError, UnicodeDecodeError) as exc:
            log.warning("Benutzerwörterbuch %s nicht lesbar: %s", self.path, exc)
            return set()
        return {line.strip() for line in text.splitlines() if line.strip()}

    def add(self, word: str) -> None:
        """Keep `word`; raises OSError or ProjectFileError when the file cannot be written.

        Words another window added meanwhile are read first and kept."""
        word = word.strip()
        if not word:
            return
        words = self.words | self._read() | {word}
        with contextlib.suppress(OSError):
            self.path.parent.mkdir(parents=True, exist_ok=True)
        data = "".join(f"{w}\n" for w in sorted(words)).encode("utf-8")
        write_atomic(self.path, data)
        self.words = words


# -- the review page's Hinweise ------------------------------------------------------------------
@dataclass(frozen=True)
class SpellingProblem(Problem):
    """A Hinweis: unknown words in one field; `word` is the first, where the jump lands."""

    word: str = ""
    start: int = 0


_FREE_TEXT = re.compile(
    r"grunddaten\.(?:betreff|unterschrift)|beschlussvorschlag|erlaeuterungen|anlagen\.\d+\.titel"
)


def is_free_text(path: str) -> bool:
    """Model paths of the fields that are prose (spell-checked), not names, numbers or codes."""
    return _FREE_TEXT.fullmatch(path) is not None


def text_fields(vorlage: Vorlage) -> list[tuple[str, str]]:
    """(model path, text) of every free-text field the spell check covers."""
    g = vorlage.grunddaten
    fields = [
        ("grunddaten.betreff", g.betreff),
        ("grunddaten.unterschrift", g.unterschrift),
        ("beschlussvorschlag", vorlage.beschlussvorschlag),
        ("erlaeuterungen", vorlage.erlaeuterungen),
    ]
    fields += [(f"anlagen.{i}.titel", a.titel) for i, a in enumerate(vorlage.anlagen)]
    return [(path, text) for path, text in fields if text.strip()]


_SECTIONS = {
    "grunddaten": Section.GRUNDDATEN,
    "beschlussvorschlag": Section.BESCHLUSSVORSCHLAG,
    "erlaeuterungen": Section.ERLAEUTERUNGEN,
    "anlagen": Section.ANLAGEN,
}
SHOWN_WORDS = 3


def spelling_problems(found: dict[str, list[Token]]) -> list[SpellingProblem]:
    """One Hinweis per field with unknown words: how many, the first few."""
    problems = []
    for path, bad in found.items():
        distinct = list(dict.fromkeys(t.word for t in bad))
        count = len(bad)
        shown = ", ".join(f"„{w}“" for w in distinct[:SHOWN_WORDS])
        more = " …" if len(distinct) > SHOWN_WORDS else ""
        noun = "unbekanntes Wort" if count == 1 else "unbekannte Wörter"
        section = _SECTIONS[path.split(".")[0]]
        label = field_label(path).removeprefix(section.titel).lstrip(" ›,")
        where = f" ({label})" if label else ""
        problems.append(
            SpellingProblem(
                section,
                path,
                f"Rechtschreibung{where}: {count} {noun}: {shown}{more}",
                Schwere.HINWEIS,
                word=bad[0].word,
                start=bad[0].start,
            )
        )
    return problems
