"""What happens to characters that cannot be printed – one rule for the whole program.

- The model and the project file keep every character exactly as entered (nothing typed or
  pasted is ever lost; the JSON file escapes control characters as \\u0007).
- The PDF drops what has no visible form: control characters (a tab becomes a space, a line
  break stays a line break where the field allows several lines), Unicode non-characters,
  bidi embedding/override controls, and zero-width characters (ZWSP, ZWJ, LRM, RLM: the
  renderer lays out left to right without shaping, so they could only add nothing or a box).
- `problems()` reports every text field that holds control characters or bidi overrides as a
  Hinweis, naming the field and the characters (U+0007), so the clerk learns why the PDF
  differs from the screen. Zero-width characters are not reported: the page looks the same.
- Characters none of the PDF's fonts has (emoji, CJK, private use; Latin, Greek, Cyrillic and
  the usual symbols are covered, forms/pdf/glyphs.py) are kept in the file and print as the
  placeholder "�", with the original as the element's ActualText; `problems()` names them
  per field as a Hinweis as well, before the export.
- The model refuses lone UTF-16 surrogates (pydantic: not text); see forms/errors.py.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

# Reported and dropped: C0 and C1 controls except \t and \n, DEL, lone surrogates,
# non-characters, the bidi embedding/override/isolate controls (they reorder what other programs
# display – "Trojan Source") and the BOM.
_UNPRINTABLE_CLASS = (
    "\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff"
    "\u202a-\u202e\u2066-\u2069\ufeff"
)
UNPRINTABLE = re.compile(f"[{_UNPRINTABLE_CLASS}]")
# Dropped silently: zero-width characters and the directional marks (LRM, RLM). They are
# invisible by design, so the printed page looks the same; a hint would only be noise (a ZWJ
# is part of many emoji).
_ZERO_WIDTH_CLASS = "\u200b-\u200f\u2060-\u2064"
ZERO_WIDTH = re.compile(f"[{_ZERO_WIDTH_CLASS}]")


def printable(text: str) -> str:
    """The text as the PDF prints it: see the module docstring. \\r\\n and \\r become \\n."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    return ZERO_WIDTH.sub("", UNPRINTABLE.sub("", text))


def unprintable_chars(text: str) -> list[str]:
    """The distinct unprintable characters of `text` as 'U+0007', in order of appearance."""
    seen: dict[str, None] = {}
    for match in UNPRINTABLE.finditer(text.replace("\r", "")):
        seen.setdefault(f"U+{ord(match.group()):04X}")
    return list(seen)


def missing_glyphs(text: str) -> list[str]:
    """Distinct characters of `text` no PDF font can print, e.g. ['🚲'], in order.
    Whitespace and the characters `printable` drops anyway are not counted."""
    seen: dict[str, None] = {}
    for match in _not_in_font().finditer(text):
        seen.setdefault(match.group())
    return list(seen)


# The code points the PDF's fonts print (forms.pdf.glyphs.printable_code_points: Liberation
# Sans, then DejaVu Sans) as ranges "0020-007E", one per line. A precomputed list, because
# problems() runs at start and while typing and must not load reportlab and the fonts;
# tests/forms/test_pdf_security.py checks that the list matches the fonts (regenerate with
# `python -m forms.printable`).
COVERAGE_FILE = ("fonts", "coverage.txt")


@functools.cache
def _not_in_font() -> re.Pattern[str]:
    from forms.resources import resource_path

    ranges = []
    for line in resource_path(*COVERAGE_FILE).read_text(encoding="ascii").split():
        first, _, last = line.partition("-")
        ranges.append(regex_range(int(first, 16), int(last or first, 16)))
    # Whitespace and what `printable` drops anyway are not "missing"; scanning the raw text
    # with them in the class saves a pass.
    return re.compile(f"[^{''.join(ranges)}\\s\\r{_UNPRINTABLE_CLASS}{_ZERO_WIDTH_CLASS}]")


def code_point_runs(code_points: set[int] | frozenset[int]) -> list[tuple[int, int]]:
    """Consecutive code points as (first, last) runs, in order."""
    runs: list[tuple[int, int]] = []
    ordered = sorted(code_points)
    start = previous = ordered[0]
    for code in [*ordered[1:], -1]:
        if code == previous + 1:
            previous = code
            continue
        runs.append((start, previous))
        start = previous = code
    return runs


def coverage_lines(code_points: set[int] | frozenset[int]) -> list[str]:
    """Code points as the ranges of COVERAGE_FILE."""
    return [
        f"{first:04X}" if first == last else f"{first:04X}-{last:04X}"
        for first, last in code_point_runs(code_points)
    ]


def regex_range(first: int, last: int) -> str:
    """One range of a regex character class."""
    if first == last:
        return re.escape(chr(first))
    return f"{re.escape(chr(first))}-{re.escape(chr(last))}"


def text_fields(model: BaseModel, path: tuple[str | int, ...] = ()) -> Iterator[tuple[str, str]]:
    """Every text value of a model with its dotted path ('beratungsfolge.0.gremium', text)."""
    for name in type(model).model_fields:
        yield from _walk(getattr(model, name), (*path, name))


def _walk(value: Any, path: tuple[str | int, ...]) -> Iterator[tuple[str, str]]:
    if isinstance(value, BaseModel):
        yield from text_fields(value, path)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _walk(item, (*path, i))
    elif isinstance(value, str) and not hasattr(value, "value"):  # enums are not free text
        yield ".".join(str(p) for p in path), value


if __name__ == "__main__":  # regenerate COVERAGE_FILE from the fonts
    from forms.pdf.glyphs import printable_code_points
    from forms.resources import resource_path

    lines = coverage_lines(printable_code_points())
    resource_path(*COVERAGE_FILE).write_text("\n".join(lines) + "\n", encoding="ascii")
