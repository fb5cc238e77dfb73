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
- The model refuses lone UTF-16 surrogates (pydantic: not text); see forms/errors.py.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

# Reported and dropped: C0 and C1 controls except \t and \n, DEL, lone surrogates,
# non-characters, the bidi embedding/override/isolate controls (they reorder what other programs
# display – "Trojan Source") and the BOM.
UNPRINTABLE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff"
    "\u202a-\u202e\u2066-\u2069\ufeff]"
)
# Dropped silently: zero-width characters and the directional marks (LRM, RLM). They are
# invisible by design, so the printed page looks the same; a hint would only be noise (a ZWJ
# is part of many emoji).
ZERO_WIDTH = re.compile("[\u200b-\u200f\u2060-\u2064]")


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
