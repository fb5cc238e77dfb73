"""The text a screen reader gets: word breaks at line wraps (ISO 32000-1 §14.8.2.5).

Assistive technology reads a structure element's text as the concatenation of its marked
content, without looking at glyph positions. Where a paragraph wraps, the last word of one line
and the first of the next are joined ("desLandes") unless the content itself has a space there.
`pdftotext` guesses word spaces from positions and hides the defect; this rule does not guess.

Per structure element, the text shown in its own marked content is decoded through the fonts'
ToUnicode maps and split into lines by baseline (text matrix and CTM). Between two lines of the
same element there must be white space, unless the first ends in a hyphen (a hyphenated or
compound word) or the break runs through a token longer than any line of the element (a word
too long for the line, split by the renderer: joining its parts is right). That length is
counted in characters, so it is an estimate; an opening bracket after a letter ("Gesamtbedarf" /
"(neu)") is reported even then. A break in a cell exactly one word wide that is not
recognisable that way can pass unnoticed.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pikepdf
from pikepdf import Array, Name, Stream

from forms.pdfcheck.core import _Context, _rule
from forms.pdfcheck.pdfa_rules_fonts import _to_unicode_map
from forms.pdfcheck.reading import _is_dict, _pages, _struct_tree
from forms.pdfcheck.syntax_rules import _capped

_HYPHENS = ("-", "\u00ad", "\u2010", "\u2011")
_SHOW = frozenset({"Tj", "TJ", "'", '"'})
Matrix = tuple[float, float, float, float, float, float]
_IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _mul(m: Matrix, n: Matrix) -> Matrix:
    """m × n (PDF row-vector convention: first m, then n)."""
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return (
        a * a2 + b * c2,
        a * b2 + b * d2,
        c * a2 + d * c2,
        c * b2 + d * d2,
        e * a2 + f * c2 + e2,
        e * b2 + f * d2 + f2,
    )


@dataclass
class _Line:
    page: int
    baseline: float
    text: str
    wrapped: bool = True  # continues the previous line's text (a wrap, or a page break)


def _decoder(fonts: Any) -> Any:
    cache: dict[str, dict[int, str] | None] = {}

    def decode(font_name: str, data: bytes) -> str | None:
        if font_name not in cache:
            font: Any = fonts.get(font_name) if _is_dict(fonts) else None
            tu = font.get("/ToUnicode") if _is_dict(font) else None
            simple = _is_dict(font) and font.get("/Subtype") != Name.Type0
            cache[font_name] = (
                _to_unicode_map(tu.read_bytes()) if simple and isinstance(tu, Stream) else None
            )
        mapping = cache[font_name]
        if mapping is None:
            return None  # no ToUnicode: other rules report the font, this one cannot read it
        return "".join(mapping.get(b, "") for b in data)

    return decode


def _shown_text(page_no: int, page: Any) -> Iterator[tuple[int, float, str | None]]:
    """(MCID, baseline y in user space, text) for every text-showing operator of the page."""
    decode = _decoder(page.obj.get("/Resources", {}).get("/Font", {}))
    ctm: Matrix = _IDENTITY
    saved: list[tuple[Matrix, str, float]] = []
    font, leading = "", 0.0
    tm = tlm = _IDENTITY
    mcids: list[int | None] = []
    for ins in pikepdf.parse_content_stream(page.obj):
        if isinstance(ins, pikepdf.ContentStreamInlineImage):
            continue
        op, args = str(ins.operator), list(ins.operands)
        if op == "q":
            saved.append((ctm, font, leading))
        elif op == "Q" and saved:
            ctm, font, leading = saved.pop()
        elif op == "cm" and len(args) == 6:
            ctm = _mul(tuple(float(x) for x in args), ctm)  # type: ignore[arg-type]
        elif op == "BT":
            tm = tlm = _IDENTITY
        elif op == "Tf" and args:
            font = str(args[0])
        elif op == "TL" and args:
            leading = float(args[0])
        elif op == "Tm" and len(args) == 6:
            tm = tlm = tuple(float(x) for x in args)  # type: ignore[assignment]
        elif op in ("Td", "TD") and len(args) == 2:
            if op == "TD":
                leading = -float(args[1])
            tm = tlm = _mul((1, 0, 0, 1, float(args[0]), float(args[1])), tlm)
        elif op in ("T*", "'", '"'):
            tm = tlm = _mul((1, 0, 0, 1, 0, -leading), tlm)
        elif op in ("BMC", "BDC"):
            props: Any = args[1] if op == "BDC" and len(args) > 1 else None
            mcids.append(int(props["/MCID"]) if _is_dict(props) and "/MCID" in props else None)
        elif op == "EMC" and mcids:
            mcids.pop()
        if op in _SHOW and args:
            mcid = next((m for m in reversed(mcids) if m is not None), None)
            if mcid is None:
                continue
            items = args[-1]
            data = b"".join(
                bytes(x)
                for x in (items if isinstance(items, Array) else [items])
                if isinstance(x, pikepdf.String)
            )
            baseline = _mul(tm, ctm)[5]
            yield mcid, baseline, decode(font, data)


def _lines_by_mcid(ctx: _Context) -> dict[tuple[int, int], list[_Line]]:
    def make() -> dict[tuple[int, int], list[_Line]]:
        out: dict[tuple[int, int], list[_Line]] = {}
        for number, page in enumerate(_pages(ctx), start=1):
            for mcid, baseline, text in _shown_text(number, page):
                if text is None:
                    continue
                lines = out.setdefault((number, mcid), [])
                if lines and abs(lines[-1].baseline - baseline) < 0.5:
                    lines[-1].text += text
                else:
                    lines.append(_Line(number, baseline, text))
        return out

    return ctx.cached("lines", make)  # type: ignore[return-value]


def _single_token(text: str) -> bool:
    return not any(ch.isspace() for ch in text.strip())


def _last_token(text: str) -> str:
    return text.rstrip().rsplit(None, 1)[-1] if text.strip() else ""


def _first_token(text: str) -> str:
    return text.lstrip().split(None, 1)[0] if text.strip() else ""


def _token_across(lines: list[_Line], k: int) -> str:
    """The token the break after line `k` runs through, continued over single-token lines."""
    left, i = _last_token(lines[k].text), k
    while i > 0 and _single_token(lines[i].text) and not lines[i - 1].text[-1:].isspace():
        i -= 1
        left = _last_token(lines[i].text) + left
    right, j = _first_token(lines[k + 1].text), k + 1
    while j + 1 < len(lines) and _single_token(lines[j].text) and not lines[j].text[-1:].isspace():
        j += 1
        right += _first_token(lines[j].text)
    return left + right


def _joined_words(lines: list[_Line]) -> Iterator[tuple[_Line, _Line]]:
    widest = max((len(ln.text.strip()) for ln in lines), default=0)
    for k, (before, after) in enumerate(itertools.pairwise(lines)):
        end, start = before.text, after.text
        if not after.wrapped or not end.strip() or not start.strip():
            continue
        if end[-1].isspace() or start[0].isspace() or end.endswith(_HYPHENS):
            continue
        # A token longer than any line of the element cannot fit on one: the renderer split
        # it, and joining the parts is right. Counted in characters, an estimate of width; an
        # opening bracket after a letter still marks two words ("Gesamtbedarf(neu)").
        looks_like_two = end[-1].isalnum() and start[0] in "([{„“‚‘\"'«‹"
        if len(_token_across(lines, k)) > widest and not looks_like_two:
            continue
        yield before, after


@_rule(
    "word-breaks",
    "Wortgrenzen am Zeilenende im getaggten Text",
    "ISO 32000-1 §14.8.2.5; PDF/UA-1 §7.2",
)
def _word_breaks(ctx: _Context) -> list[str]:
    elems, _ = _struct_tree(ctx)
    by_mcid = _lines_by_mcid(ctx)
    fails = []
    for elem in elems:
        if "/ActualText" in elem.obj or "/Alt" in elem.obj:
            continue  # the element's text is given, its content is not read
        lines: list[_Line] = []
        for pg, mcid in elem.mcrs:
            for i, line in enumerate(by_mcid.get((pg, mcid), []) if pg is not None else []):
                last = lines[-1] if lines else None
                # content of a child element between two parts of one line (a link, a span)
                if last and last.page == line.page and abs(last.baseline - line.baseline) < 0.5:
                    last.text += line.text
                    continue
                # A new marked-content sequence lower on the same page is another block (a
                # second paragraph of a list item), not a wrap; on the next page, a wrap.
                wrapped = i > 0 or last is None or last.page != line.page
                lines.append(_Line(line.page, line.baseline, line.text, wrapped))
        for before, after in _joined_words(lines):
            tail, head = _last_token(before.text), _first_token(after.text)
            fails.append(
                f"Seite {before.page}, {elem.raw_role}: Zeilenumbruch ohne Leerzeichen, "
                f"ein Screenreader liest „{tail}{head}“."
            )
    return _capped(fails)
