"""Printed text as positioned lines: the common input of the PDF and copied-text readers.

A `Segment` is one piece of text drawn at one position (a table cell's line, a paragraph's
line, a label), with its font size and its bold/italic spans; a `Line` is the segments at one
height of one page, left to right. From a PDF (pypdf's text visitor gives each text run with
its matrix and font) the positions are real; from text copied out of a PDF viewer every line
is one segment without position (`x` is None), which the reader must handle too.

Page furniture (running header, footer "Vorlage … der Stadt … – Ausdruck vom … – Seite x
von y", the city's "Ausdruck vom:" / "Seite: x/y", the ENTWURF mark) is removed here, so it can
never leak into a field.
"""

from __future__ import annotations

import io
import logging
import re
from dataclasses import dataclass, field
from typing import Any

from forms.imports.report import VorlageImportError

log = logging.getLogger(__name__)

# What this program prints for an empty field ("– nicht ausgefüllt –", "– keine … angegeben –").
PRINTED_EMPTY = re.compile(r"–\s*(nicht ausgefüllt|keine .* angegeben)\s*–")


@dataclass
class Span:
    text: str
    bold: bool = False
    italic: bool = False


@dataclass
class Segment:
    page: int
    x: float | None
    y: float
    size: float
    spans: list[Span] = field(default_factory=list)
    # The tagged PDF's structure element the text belongs to (a paragraph split over two
    # pages has one); None in an untagged PDF or copied text.
    element: int | None = None

    @property
    def text(self) -> str:
        return " ".join("".join(s.text for s in self.spans).split())

    @property
    def bold(self) -> bool:
        return all(s.bold for s in self.spans if s.text.strip())


@dataclass
class Line:
    page: int
    y: float
    segments: list[Segment]

    @property
    def text(self) -> str:
        return " ".join(s.text for s in self.segments if s.text)

    @property
    def x(self) -> float | None:
        return self.segments[0].x if self.segments else None


_FOOTER = re.compile(
    r"^(Vorlage\s.{1,60}\sder Stadt\s.{1,120}|Ausdruck vom:?\s.*|Seite:?\s*\d+\s*(/|von)\s*\d+"
    r"|ENTWURF)$"
)
_RUNNING = re.compile(
    r"^(Stadt\s.{1,40}\s–\s.{1,80}|Vorlage\s[A-Z]{1,2}\s?\d{1,2}/\d{3,5}/WP\s?\d{1,2}(-\d+)?)$"
)
# A bullet drawn in a standard font without a ToUnicode map decodes as a control code
# (WinAnsi 0x95; reportlab's standard encoding puts it at 0x7F).
_BULLET_CODES = str.maketrans({"\x7f": "•", "\x95": "•"})
# A text line and the "x" of a checkbox beside it differ by about one point in height.
_SAME_LINE = 2.0


def is_furniture(text: str, page: int, top: bool) -> bool:
    text = " ".join(text.split())
    return bool(_FOOTER.match(text)) or (page > 0 and top and bool(_RUNNING.match(text)))


def from_pdf(data: bytes, source: str) -> list[Line]:
    """The lines of every page, top to bottom; VorlageImportError if it is no readable PDF."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    # pypdf logs repairs in English ("EOF marker not found"); the report speaks for us.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise VorlageImportError(f"{source} ist verschlüsselt und kann nicht gelesen werden.")
        parents = _parent_tree(reader)
        lines: list[Line] = []
        for number, page in enumerate(reader.pages):
            key = page.get("/StructParents")
            elements = parents.get(int(key), []) if key is not None else []
            lines += _page_lines(page, number, elements)
    except VorlageImportError:
        raise
    except (
        PyPdfError,
        ValueError,
        KeyError,
        TypeError,
        AttributeError,
        IndexError,
        RecursionError,
        OSError,
    ) as exc:
        log.info("PDF nicht lesbar: %r", exc)
        raise VorlageImportError(
            f"{source} ist kein lesbares PDF; die Datei ist vielleicht beschädigt oder "
            "abgeschnitten."
        ) from None
    return lines


def _parent_tree(reader: Any) -> dict[int, list[int | None]]:
    """StructParents key → per MCID the id of its structure element (ISO 32000-1 14.7.4.4)."""
    root = reader.trailer["/Root"]
    tree = root.get("/StructTreeRoot")
    if tree is None:
        return {}
    nums = tree.get_object().get("/ParentTree")
    nums = nums.get_object().get("/Nums") if nums is not None else None
    if nums is None:
        return {}  # a ParentTree with /Kids: rare for one document; paragraphs by spacing then
    out: dict[int, list[int | None]] = {}
    for k in range(0, len(nums) - 1, 2):
        value = nums[k + 1]
        array = value.get_object() if hasattr(value, "get_object") else value
        if isinstance(array, list):
            out[int(nums[k])] = [getattr(ref, "idnum", None) for ref in array]
    return out


def _page_lines(page: Any, number: int, elements: list[int | None]) -> list[Line]:
    segments: list[Segment] = []
    last: tuple[float, float] | None = None
    # Marked content: the MCID of the text being drawn, or "artifact" for page furniture.
    marks: list[int | str | None] = []

    def operand(op: bytes, args: list[Any], cm: Any, tm: Any) -> None:
        if op == b"BDC" and args:
            props = args[1] if len(args) > 1 and hasattr(args[1], "get") else {}
            if args[0] == "/Artifact" and props.get("/Type") == "/Pagination":
                marks.append("artifact")
            elif "/MCID" in props:
                marks.append(int(props["/MCID"]))
            else:
                marks.append(None)
        elif op == b"BMC":
            marks.append("artifact" if args and args[0] == "/Artifact" else None)
        elif op == b"EMC" and marks:
            marks.pop()

    def visit(text: str, cm: list[float], tm: list[float], font: Any, size: float) -> None:
        nonlocal last
        if not text or font is None or "artifact" in marks:
            return
        x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        name = str(font.get("/BaseFont", "")) if hasattr(font, "get") else ""
        text = text.replace("\n", "").translate(_BULLET_CODES)
        span = Span(text, "Bold" in name, "Italic" in name or "Oblique" in name)
        # pypdf reports the text matrix of the text object: runs drawn one after the other
        # in one line (a bold word inside a sentence) share it and belong together.
        if last == (x, y) and segments:
            segments[-1].spans.append(span)
        else:
            scale = abs(tm[3] * cm[3]) or 1.0
            mcid = next((m for m in reversed(marks) if isinstance(m, int)), None)
            element = elements[mcid] if mcid is not None and mcid < len(elements) else None
            segments.append(Segment(number, x, y, round(size * scale, 2), [span], element))
        last = (x, y)

    page.extract_text(visitor_text=visit, visitor_operand_before=operand)
    segments = [s for s in segments if s.text]
    top = float(page.mediabox.top) - 60
    bottom = 60.0
    segments = [
        s
        for s in segments
        if not ((s.y > top or s.y < bottom) and is_furniture(s.text, number, s.y > top))
    ]
    segments.sort(key=lambda s: (-s.y, s.x or 0.0))
    lines: list[Line] = []
    for segment in segments:
        if lines and abs(lines[-1].y - segment.y) <= _SAME_LINE:
            lines[-1].segments.append(segment)
        else:
            lines.append(Line(number, segment.y, [segment]))
    for line in lines:
        line.segments.sort(key=lambda s: s.x or 0.0)
    return lines


def from_text(text: str) -> list[Line]:
    """Text copied from a PDF viewer: one segment per line, no positions, no fonts."""
    lines: list[Line] = []
    page = 0
    raw = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n\f\n").split("\n")
    for i, row in enumerate(raw):
        if row == "\f":
            page += 1
            continue
        clean = " ".join(row.replace("\u00a0", " ").split())
        if not clean or is_furniture(clean, page, True):
            continue
        lines.append(Line(page, -float(i), [Segment(page, None, -float(i), 0.0, [Span(clean)])]))
    return lines
