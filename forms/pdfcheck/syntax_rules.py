"""PDF/A-2 rules on the file's bytes: stream framing (§6.1.7.1) and implementation limits (§6.1.13).

Both look at what a parser sees, not at what pikepdf repairs: qpdf silently tolerates a missing
end-of-line before `endstream` and a wrong `/Length`, so the stream rule reads the raw bytes at
the offsets of the cross-reference table.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

import pikepdf
from pikepdf import Array, Dictionary, Name, Stream

from forms.pdfcheck.core import _Context, _rule

# The `stream` keyword after the stream dictionary's closing ">>", and what follows it.
_STREAM_KEYWORD = re.compile(rb">>\s*stream(\r\n|\n|\r)?")
_ENDSTREAM = re.compile(rb"(\r\n|\n|\r)endstream")
_OBJ_HEADER = re.compile(rb"\s*(\d+)\s+(\d+)\s+obj\b")


def _capped(fails: list[str], most: int = 20) -> list[str]:
    """A broken writer breaks every object alike: name the first few, count the rest."""
    return fails[:most] + ([f"… und {len(fails) - most} weitere."] if len(fails) > most else [])


def _stream_framing(raw: bytes, offset: int, length: int) -> str | None:
    """What is wrong with the stream object at `offset`, or None."""
    if not _OBJ_HEADER.match(raw, offset):
        return "an der Tabellenposition beginnt kein Objekt"
    keyword = _STREAM_KEYWORD.search(raw, offset)
    if keyword is None:
        return "Schlüsselwort stream nicht gefunden"
    eol = keyword.group(1)
    if eol not in (b"\r\n", b"\n"):
        return "nach stream folgt nicht CR LF oder LF"
    end = keyword.end() + length
    if not _ENDSTREAM.match(raw, end):
        found = raw[end : end + 12]
        if re.match(rb"endstream", found):
            return "vor endstream fehlt das Zeilenende (EOL), das /Length nicht mitzählt"
        return f"/Length {length} endet nicht vor Zeilenende + endstream (dort: {found!r})"
    return None


@_rule(
    "stream-syntax",
    "Datenströme: Zeilenende vor endstream, /Length stimmt",
    "ISO 19005-2 §6.1.7.1",
)
def _stream_syntax(ctx: _Context) -> list[str]:
    fails = []
    for (num, gen), entry in sorted(ctx.pdf.get_xref_table().items()):
        if entry.type != 1:  # 2: inside an object stream, which never holds a stream
            continue
        try:
            obj = ctx.pdf.get_object((num, gen))
        except (pikepdf.PdfError, ValueError):
            continue
        if not isinstance(obj, Stream):
            continue
        length = obj.stream_dict.get("/Length")
        if not isinstance(length, int):
            fails.append(f"Objekt {num} {gen} R: /Length fehlt oder ist keine Zahl.")
            continue
        problem = _stream_framing(ctx.raw, entry.offset, int(length))
        if problem:
            fails.append(f"Objekt {num} {gen} R (Byte {entry.offset}): {problem}.")
    return _capped(fails)


# ISO 19005-2 §6.1.13 (which replaces ISO 32000-1 Annex C for PDF/A-2). PDF/A-2 has no limit on
# the number of array or dictionary entries (PDF/A-1's 8191/4095 are gone).
MAX_STRING_BYTES = 32767
MAX_NAME_BYTES = 127
MAX_INT = 2**31 - 1
MAX_REAL = 3.403e38
MAX_INDIRECT_OBJECTS = 8_388_607
MAX_Q_NESTING = 28


def _limit_problems(value: Any, where: str, out: list[str], depth: int = 0) -> None:
    if depth > 64:
        return
    if isinstance(value, pikepdf.String):
        size = len(bytes(value))
        if size > MAX_STRING_BYTES:
            out.append(f"{where}: Zeichenkette mit {size} Bytes (höchstens {MAX_STRING_BYTES}).")
    elif isinstance(value, Name):
        size = len(str(value).encode("utf-8", "surrogateescape")) - 1
        if size > MAX_NAME_BYTES:
            out.append(f"{where}: Name mit {size} Bytes (höchstens {MAX_NAME_BYTES}).")
    elif isinstance(value, bool):
        return
    elif isinstance(value, int):
        if not -MAX_INT - 1 <= value <= MAX_INT:
            out.append(f"{where}: Ganzzahl {value} außerhalb des 32-Bit-Bereichs.")
    elif isinstance(value, float | Decimal):
        if abs(float(value)) > MAX_REAL:
            out.append(f"{where}: Zahl {value} zu groß.")
    elif isinstance(value, Dictionary | Stream):
        items = value.stream_dict if isinstance(value, Stream) else value
        for key in items.keys():  # noqa: SIM118 - a pikepdf Dictionary
            _limit_problems(Name(key), where, out, depth + 1)
            child = items.get(key)
            if not (isinstance(child, pikepdf.Object) and child.is_indirect):
                _limit_problems(child, f"{where} {key}", out, depth + 1)
    elif isinstance(value, Array):
        for child in value:
            if not (isinstance(child, pikepdf.Object) and child.is_indirect):
                _limit_problems(child, where, out, depth + 1)


def _content_limits(stream: Any, where: str, out: list[str]) -> None:
    try:
        instructions = pikepdf.parse_content_stream(stream)
    except pikepdf.PdfError:
        return  # reported by the content rules
    depth = deepest = 0
    for ins in instructions:
        if isinstance(ins, pikepdf.ContentStreamInlineImage):
            continue
        op = str(ins.operator)
        if op == "q":
            depth += 1
            deepest = max(deepest, depth)
        elif op == "Q":
            depth -= 1
        for operand in ins.operands:
            _limit_problems(operand, f"{where}, Operator {op}", out)
    if deepest > MAX_Q_NESTING:
        out.append(f"{where}: q/Q {deepest}-fach geschachtelt (höchstens {MAX_Q_NESTING}).")


@_rule(
    "limits",
    "Grenzen für Zeichenketten, Namen, Zahlen, Objekte",
    "ISO 19005-2 §6.1.13 (ersetzt ISO 32000-1 Anhang C)",
)
def _limits(ctx: _Context) -> list[str]:
    fails: list[str] = []
    objects = list(ctx.pdf.objects)
    if len(objects) > MAX_INDIRECT_OBJECTS:
        fails.append(f"{len(objects)} indirekte Objekte (höchstens {MAX_INDIRECT_OBJECTS}).")
    for obj in objects:
        if obj.is_indirect:
            num, gen = obj.objgen
            _limit_problems(obj, f"Objekt {num} {gen} R", fails)
    for i, page in enumerate(ctx.pdf.pages, start=1):
        _content_limits(page.obj, f"Seite {i}", fails)
    return _capped(fails)
