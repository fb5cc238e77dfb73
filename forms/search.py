"""Suchen und Ersetzen over the Vorlage's text fields, without Qt.

The wizard (desktop/find.py) shows the hits and makes the replacements; what counts as a hit is
decided here, so the rules are one function tested without a window:

- `fields(vorlage)`: every text field in the order of the wizard's pages (Grunddaten,
  Beratungsfolge, Beschlussvorschlag, Erläuterungen, Anlagen), with its model path. Rich-text
  fields are searched in their readable text (`forms.markdown.plain_text`), not in the Markdown
  source: "**Radweg**" is found as "Radweg", a "*" of the markup is never a hit.
- `matches(text, query, options)`: the hits in one text; "Groß-/Kleinschreibung" and
  "Nur ganzes Wort" (a word is letters, digits and "_", umlauts and ß included).
- `find_all` (`find_in` with the fields kept), `following`: the hits of the whole Vorlage and
  the next one from a position, wrapping round at the end (F3) or the start (Umschalt+F3).
- `replace`: one hit or all hits of a plain text (the replacement is literal text).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from forms.markdown import plain_text
from forms.model import Vorlage


@dataclass(frozen=True)
class Options:
    case_sensitive: bool = False  # "Groß-/Kleinschreibung"
    whole_word: bool = False  # "Nur ganzes Wort"


@dataclass(frozen=True)
class Field:
    """One searchable text: its model path, its text, how it is stored."""

    path: str
    text: str
    rich: bool = False  # Markdown in the model; `text` is its readable text
    replaceable: bool = True  # catalogue values (Federführend) are found, not replaced


@dataclass(frozen=True)
class Hit:
    path: str
    start: int  # in the field's text (rich text: its readable text)
    end: int
    occurrence: int  # the n-th hit in this field, counted from 0
    order: int  # the field's place in `fields()`: hits sort in page order
    rich: bool = False
    replaceable: bool = True

    @property
    def position(self) -> tuple[int, int]:
        return (self.order, self.start)


def fields(vorlage: Vorlage) -> list[Field]:
    g = vorlage.grunddaten
    found = [
        Field("grunddaten.vorlageart", g.vorlageart),
        Field("grunddaten.vorlage_nr", g.vorlage_nr),
        Field("grunddaten.betreff", g.betreff),
        Field("grunddaten.status.workflow", g.status.workflow),
        Field("grunddaten.federfuehrend", g.federfuehrend.anzeige(), replaceable=False),
        Field("grunddaten.verfasst_von", g.verfasst_von),
        Field("grunddaten.aktenzeichen", g.aktenzeichen),
        Field("grunddaten.unterschrift", g.unterschrift),
    ]
    for i, beratung in enumerate(vorlage.beratungsfolge):
        found.append(Field(f"beratungsfolge.{i}.gremium", beratung.gremium))
        found.append(Field(f"beratungsfolge.{i}.rolle", beratung.rolle))
    found.append(
        Field("beschlussvorschlag", plain_text(vorlage.beschlussvorschlag), rich=True),
    )
    found.append(Field("erlaeuterungen", plain_text(vorlage.erlaeuterungen), rich=True))
    for i, anlage in enumerate(vorlage.anlagen):
        found.append(Field(f"anlagen.{i}.titel", anlage.titel))
    return found


def pattern(query: str, options: Options) -> re.Pattern[str] | None:
    """The query as a regular expression of literal text; None for an empty query."""
    if not query:
        return None
    body = re.escape(query)
    if options.whole_word:
        # Not inside a word on either side (also when the query starts or ends with a sign).
        body = rf"(?<!\w){body}(?!\w)"
    return re.compile(body, 0 if options.case_sensitive else re.IGNORECASE)


def matches(text: str, query: str, options: Options) -> list[tuple[int, int]]:
    """Start and end of every hit in `text`, not overlapping, left to right."""
    compiled = pattern(query, options)
    if compiled is None:
        return []
    return [m.span() for m in compiled.finditer(text)]


def find_all(vorlage: Vorlage, query: str, options: Options) -> list[Hit]:
    return find_in(fields(vorlage), query, options)


def find_in(searched: list[Field], query: str, options: Options) -> list[Hit]:
    """The hits in `fields(…)` kept from before: reading a 100-page rich text's readable text
    takes a quarter of a second, matching it a few milliseconds (search as you type)."""
    hits: list[Hit] = []
    for order, field in enumerate(searched):
        for n, (start, end) in enumerate(matches(field.text, query, options)):
            hits.append(Hit(field.path, start, end, n, order, field.rich, field.replaceable))
    return hits


def following(
    hits: list[Hit], position: tuple[int, int] | None, *, backwards: bool = False
) -> Hit | None:
    """The hit after `position` (before it, `backwards`), wrapping round; None without hits.

    `position` is (field order, start) of the hit shown last; None: from the start (or end).
    """
    if not hits:
        return None
    if position is None:
        return hits[-1] if backwards else hits[0]
    if backwards:
        earlier = [h for h in hits if h.position < position]
        return earlier[-1] if earlier else hits[-1]
    later = [h for h in hits if h.position > position]
    return later[0] if later else hits[0]


def replace(
    text: str, query: str, replacement: str, options: Options, occurrence: int | None = None
) -> tuple[str, int]:
    """`text` with hit number `occurrence` (None: every hit) replaced; and how many were."""
    spans = matches(text, query, options)
    if occurrence is not None:
        spans = spans[occurrence : occurrence + 1]
    for start, end in reversed(spans):
        text = text[:start] + replacement + text[end:]
    return text, len(spans)
