"""A strict reader of the PDF reportlab has just written, for the incremental update only.

`forms.pdf.increment` needs a few things back from reportlab's bytes: the trailer (/Size,
/Root, /Info, /ID), the catalog, the page tree's page objects in order, the document info and
the viewer preferences. This module reads exactly that from reportlab's own output: one
classic cross-reference table with one subsection, one revision, no encryption, no object or
cross-reference streams, objects of generation 0. Anything else raises `UnexpectedPdf` (the
export then fails with that message: it never guesses, and it never falls back to a general
PDF library, which is what kept pikepdf off the export's import path, issue 19).

`unparse` writes a direct value the way qpdf (pikepdf) does (`<< /A 1 >>`, `[ 1 2 ]`, keys
sorted), so the update's bytes are the same as when pikepdf read the file.
"""

from __future__ import annotations

import codecs
import re
from typing import Any, NamedTuple


class UnexpectedPdf(ValueError):
    """The bytes are not what reportlab writes; the PDF/A update cannot be appended."""

    def __init__(self, reason: str) -> None:
        super().__init__(
            f"PDF/A-Nachbearbeitung: unerwartete PDF-Struktur von reportlab ({reason})."
        )


class ObjRef(NamedTuple):
    num: int


class PdfName(str):
    """A name without the slash (reportlab writes only plain names: no #xx escapes)."""


class PdfReal(str):
    """A real number, kept as written (qpdf keeps it too)."""


class PdfString(bytes):
    """A string's bytes after unescaping (literal or hex)."""


_WS = b"\x00\t\n\x0c\r "
_DELIM = b"()<>[]{}/%"
_REGULAR = rb"[^\x00\t\n\x0c\r ()<>\[\]{}/%]"
_TOKEN = re.compile(
    rb"(?P<ws>(?:[\x00\t\n\x0c\r ]+|%[^\r\n]*)+)"
    rb"|(?P<ref>(\d+)[\x00\t\n\x0c\r ]+(\d+)[\x00\t\n\x0c\r ]+R(?!" + _REGULAR + rb"))"
    rb"|(?P<num>[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?!" + _REGULAR + rb"))"
    rb"|(?P<name>/" + _REGULAR + rb"*)"
    rb"|(?P<open><<|\[)|(?P<close>>>|\])"
    rb"|(?P<hex><[0-9A-Fa-f\x00\t\n\x0c\r ]*>)"
    rb"|(?P<str>\()"
    rb"|(?P<word>[a-z]+)(?!" + _REGULAR + rb")"
)
_ESCAPES = {ord("n"): 10, ord("r"): 13, ord("t"): 9, ord("b"): 8, ord("f"): 12}
_WORDS = {b"true": True, b"false": False}
_OBJ = re.compile(rb"(\d+) (\d+) obj(?=[\x00\t\n\x0c\r ]|<<|\[)")
_END = re.compile(rb"[\x00\t\n\x0c\r ]*endobj")
_XREF = re.compile(rb"xref\r?\n0 (\d+)\r?\n")
_ENTRY = re.compile(rb"(\d{10}) (\d{5}) ([nf])(?: \r| \n|\r\n)")
_STARTXREF = re.compile(rb"startxref\r?\n(\d+)\r?\n%%EOF\r?\n?\Z")


class _Parser:
    def __init__(self, data: bytes, pos: int) -> None:
        self.data = data
        self.pos = pos

    def _token(self) -> re.Match[bytes]:
        while True:
            m = _TOKEN.match(self.data, self.pos)
            if m is None:
                raise UnexpectedPdf(f"unlesbares Zeichen bei Byte {self.pos}")
            self.pos = m.end()
            if m.lastgroup != "ws":
                return m

    def value(self) -> Any:
        return self._value(self._token())

    def _value(self, m: re.Match[bytes]) -> Any:
        kind = m.lastgroup
        text = m.group(kind or 0)
        if kind == "ref":
            if int(m.group(4)) != 0:
                raise UnexpectedPdf(f"Objekt-Generation {m.group(4).decode()}")
            return ObjRef(int(m.group(3)))
        if kind == "num":
            return PdfReal(text.decode("ascii")) if b"." in text else int(text)
        if kind == "name":
            if b"#" in text:
                raise UnexpectedPdf(f"Name mit #-Escape {text!r}")
            return PdfName(text[1:].decode("ascii"))
        if kind == "open":
            return self._dict() if text == b"<<" else self._array()
        if kind == "hex":
            digits = bytes(c for c in text[1:-1] if c not in _WS)
            return PdfString(bytes.fromhex((digits + b"0" * (len(digits) % 2)).decode()))
        if kind == "str":
            return self._literal()
        if kind == "word" and text in _WORDS:
            return _WORDS[text]
        raise UnexpectedPdf(f"unerwartetes {text[:40]!r} bei Byte {m.start()}")

    def _array(self) -> list[Any]:
        items: list[Any] = []
        while True:
            m = self._token()
            if m.group("close") == b"]":
                return items
            items.append(self._value(m))

    def _dict(self) -> dict[str, Any]:
        entries: dict[str, Any] = {}
        while True:
            m = self._token()
            if m.group("close") == b">>":
                return entries
            if m.lastgroup != "name":
                raise UnexpectedPdf(f"Schlüssel erwartet bei Byte {m.start()}")
            key = self._value(m)
            if key in entries:
                raise UnexpectedPdf(f"Schlüssel /{key} doppelt")
            entries[key] = self.value()

    def _literal(self) -> PdfString:
        data, pos, depth = self.data, self.pos, 1
        out = bytearray()
        while True:
            if pos >= len(data):
                raise UnexpectedPdf("Zeichenkette ohne Ende")
            c = data[pos]
            pos += 1
            if c == 0x5C:  # backslash
                e = data[pos]
                pos += 1
                if e in _ESCAPES:
                    out.append(_ESCAPES[e])
                elif 0x30 <= e <= 0x37:
                    digits = bytes([e])
                    while len(digits) < 3 and 0x30 <= data[pos] <= 0x37:
                        digits += data[pos : pos + 1]
                        pos += 1
                    out.append(int(digits, 8) & 0xFF)
                elif e == 0x0D:  # line continuation
                    pos += data[pos] == 0x0A
                elif e != 0x0A:
                    out.append(e)  # \( \) \\ and unknown escapes: the character itself
                continue
            if c == 0x28:
                depth += 1
            elif c == 0x29:
                depth -= 1
                if depth == 0:
                    self.pos = pos
                    return PdfString(out)
            out.append(c)


class ReportlabPdf:
    """The parts of a reportlab PDF the incremental update reads (see the module docstring)."""

    def __init__(self, data: bytes) -> None:
        if not data.startswith(b"%PDF-1."):
            raise UnexpectedPdf("kein PDF-Kopf")
        tail = _STARTXREF.search(data, max(0, len(data) - 64))
        if tail is None:
            raise UnexpectedPdf("kein startxref am Ende")
        self.data = data
        self.startxref = int(tail.group(1))
        xref = _XREF.match(data, self.startxref)
        if xref is None:
            raise UnexpectedPdf("keine Querverweistabelle mit einem Abschnitt ab Objekt 0")
        count = int(xref.group(1))
        self._offsets: dict[int, int] = {}
        pos = xref.end()
        for num in range(count):
            entry = _ENTRY.match(data, pos)
            if entry is None:
                raise UnexpectedPdf(f"Querverweis-Eintrag {num} unlesbar")
            pos = entry.end()
            if entry.group(3) == b"n":
                if entry.group(2) != b"00000":
                    raise UnexpectedPdf(f"Objekt {num} mit Generation {entry.group(2).decode()}")
                self._offsets[num] = int(entry.group(1))
        parser = _Parser(data, pos)
        if parser._token().group(0) != b"trailer":
            raise UnexpectedPdf("kein trailer nach der Querverweistabelle")
        self.trailer = _as_dict(parser.value(), "trailer")
        for key in ("Prev", "Encrypt", "XRefStm"):
            if key in self.trailer:
                raise UnexpectedPdf(f"/{key} im trailer")
        if self.trailer.get("Size") != count:
            raise UnexpectedPdf("/Size passt nicht zur Querverweistabelle")
        self.size = count
        self.root_ref = _as_ref(self.trailer.get("Root"), "/Root")
        self.root = self.dict_of(self.root_ref)
        if self.root.get("Type") != "Catalog":
            raise UnexpectedPdf("/Root ist kein /Catalog")
        info = self.trailer.get("Info")
        self.info = self.dict_of(_as_ref(info, "/Info")) if info is not None else None
        self.page_refs = self._pages(_as_ref(self.root.get("Pages"), "/Pages"), set())

    def get(self, ref: ObjRef) -> Any:
        """The value of indirect object `ref` (streams are refused: none is read)."""
        offset = self._offsets.get(ref.num)
        if offset is None:
            raise UnexpectedPdf(f"Objekt {ref.num} fehlt in der Querverweistabelle")
        head = _OBJ.match(self.data, offset)
        if head is None or int(head.group(1)) != ref.num or head.group(2) != b"0":
            raise UnexpectedPdf(f"Objekt {ref.num} steht nicht an seinem Versatz")
        parser = _Parser(self.data, head.end())
        value = parser.value()
        if _END.match(self.data, parser.pos) is None:
            raise UnexpectedPdf(f"Objekt {ref.num}: endobj erwartet (Datenstrom?)")
        return value

    def dict_of(self, ref: ObjRef) -> dict[str, Any]:
        return _as_dict(self.get(ref), f"Objekt {ref.num}")

    def resolve_dict(self, value: Any, what: str) -> dict[str, Any]:
        return self.dict_of(value) if isinstance(value, ObjRef) else _as_dict(value, what)

    def _pages(self, ref: ObjRef, seen: set[int]) -> list[ObjRef]:
        if ref.num in seen:
            raise UnexpectedPdf("Seitenbaum mit Zyklus")
        seen.add(ref.num)
        node = self.dict_of(ref)
        if node.get("Type") == "Page":
            return [ref]
        kids = node.get("Kids")
        if node.get("Type") != "Pages" or not isinstance(kids, list):
            raise UnexpectedPdf(f"Objekt {ref.num} ist weder /Page noch /Pages mit /Kids")
        return [page for kid in kids for page in self._pages(_as_ref(kid, "/Kids"), seen)]


def _as_dict(value: Any, what: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise UnexpectedPdf(f"{what} ist kein Wörterbuch")
    return value


def _as_ref(value: Any, what: str) -> ObjRef:
    if not isinstance(value, ObjRef):
        raise UnexpectedPdf(f"{what} ist kein indirekter Verweis")
    return value


def unparse(value: Any) -> bytes:
    """A direct value as qpdf writes it (pikepdf's `unparse(resolved=True)`)."""
    if isinstance(value, bool):
        return b"true" if value else b"false"
    if isinstance(value, ObjRef):
        return b"%d 0 R" % value.num
    if isinstance(value, PdfName):
        return b"/" + value.encode("ascii")
    if isinstance(value, PdfReal):
        return value.encode("ascii")
    if isinstance(value, int):
        return b"%d" % value
    if isinstance(value, PdfString):
        if not all(32 <= c < 127 for c in value):
            raise UnexpectedPdf("Zeichenkette mit Sonderzeichen in Seite oder Katalog")
        escaped = value.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
        return b"(" + escaped + b")"
    if isinstance(value, list):
        return b"[ " + b"".join(unparse(v) + b" " for v in value) + b"]"
    if isinstance(value, dict):
        items = sorted(value.items(), key=lambda kv: kv[0].encode("ascii"))
        return b"<< " + b"".join(b"/%s %s " % (k.encode(), unparse(v)) for k, v in items) + b">>"
    raise UnexpectedPdf(f"Wert vom Typ {type(value).__name__}")


# PDFDocEncoding where it differs from Latin-1 (ISO 32000-1 Annex D; undefined codes as qpdf
# decodes them, U+FFFD).
_PDFDOC = {
    **dict(zip(range(0x18, 0x20), "\u02d8\u02c7\u02c6\u02d9\u02dd\u02db\u02da\u02dc", strict=True)),
    **dict(
        zip(
            range(0x80, 0xA1),
            "\u2022\u2020\u2021\u2026\u2014\u2013\u0192\u2044\u2039\u203a\u2212\u2030\u201e"
            "\u201c\u201d\u2018\u2019\u201a\u2122\ufb01\ufb02\u0141\u0152\u0160\u0178\u017d"
            "\u0131\u0142\u0153\u0161\u017e\ufffd\u20ac",
            strict=True,
        )
    ),
    0x7F: "\ufffd",
    0xAD: "\ufffd",
}


def text(value: Any) -> str:
    """A string's text as pikepdf's `str()` gives it (UTF-16BE with BOM, else PDFDocEncoding)."""
    if not isinstance(value, PdfString):
        raise UnexpectedPdf(f"Text erwartet, nicht {type(value).__name__}")
    raw = bytes(value)
    if raw.startswith(codecs.BOM_UTF16_BE):
        units = raw[2 : len(raw) - len(raw) % 2]  # qpdf drops a trailing odd byte
        return units.decode("utf-16-be", errors="replace")
    if raw.startswith(codecs.BOM_UTF8):
        return raw[3:].decode("utf-8", errors="replace")
    return "".join(_PDFDOC.get(c) or chr(c) for c in raw)
