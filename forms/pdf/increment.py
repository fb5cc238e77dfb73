"""Append objects to reportlab's PDF as an incremental update, serialised here.

Why not open and re-save the whole file with pikepdf: the structure tree of a 100-page Vorlage
has ~10 000 elements, and building them as pikepdf objects plus re-writing the file cost more
than the 30 % export-time budget of issue 5. Writing them as text after reportlab's bytes is a
few milliseconds. The original's trailer, catalog and pages are read back by
`forms.pdf.readback`, a strict reader of reportlab's own output (pikepdf took ~35 ms to import
and open, issue 19); `forms.pdfcheck` and `qpdf --check` in the tests verify the result.

PDF/A-2 allows incremental updates (ISO 19005-2 §6.1.3 asks for the /ID in the last trailer and
nothing after the last %%EOF; both hold).
"""

from __future__ import annotations

import functools
import hashlib
import io
import re
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from forms.pdf.readback import ObjRef, ReportlabPdf, unparse


@dataclass(frozen=True)
class Ref:
    num: int


class Name(str):
    """A PDF name (without the slash)."""


class Raw(bytes):
    """Pre-serialised PDF syntax, written as is."""


@dataclass(frozen=True)
class Stream:
    entries: dict[str, Any]
    data: bytes
    compress: bool = True


_NAME_SAFE = re.compile(rb"[^!-~]|[#()<>\[\]{}/%]")


@functools.lru_cache(maxsize=4096)
def _name(value: str) -> bytes:
    raw = value.encode("utf-8")
    return b"/" + _NAME_SAFE.sub(lambda m: b"#%02X" % m.group()[0], raw)


# ISO 19005-2 §6.1.13 (PDF/A-2's amendment of ISO 32000-1 Annex C): at most 32 767 bytes in a
# string object. User text (a 20 000-character Betreff as /Title and bookmark) can exceed it.
MAX_STRING_BYTES = 32767
_CUT_MARK = "…"


def _literal(text: str) -> bool:
    return text.isascii() and text.isprintable()


def string_bytes(text: str) -> int:
    """Length of `text` as a PDF string the way `serialise` writes it (literal or UTF-16BE+BOM);
    reportlab's PDFDocEncoding never needs more."""
    return len(text) if _literal(text) else 2 + len(text.encode("utf-16-be"))


def fit_string(text: str, limit: int = MAX_STRING_BYTES) -> str:
    """`text`, or its longest prefix plus "…" that fits in `limit` bytes: cut only when forced."""
    if string_bytes(text) <= limit:
        return text
    if _literal(text):
        return text[: limit - 3] + "..."
    room = (limit - 2) // 2 - 1  # UTF-16 code units, one of them for "…"
    units = 0
    end = 0
    for end, char in enumerate(text):  # noqa: B007 - `end` is used after the loop
        units += 2 if ord(char) > 0xFFFF else 1  # never split a surrogate pair
        if units > room:
            break
    return text[:end] + _CUT_MARK


def _string(text: str) -> bytes:
    text = fit_string(text)
    if _literal(text):
        escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        return b"(" + escaped.encode("ascii") + b")"
    return b"<FEFF" + text.encode("utf-16-be").hex().upper().encode("ascii") + b">"


def serialise(obj: Any) -> bytes:
    if obj is None:
        return b"null"
    if obj is True:
        return b"true"
    if obj is False:
        return b"false"
    if isinstance(obj, Raw):
        return bytes(obj)
    if isinstance(obj, Ref):
        return b"%d 0 R" % obj.num
    if isinstance(obj, Name):
        return _name(obj)
    if isinstance(obj, str):
        return _string(obj)
    if isinstance(obj, int):
        return b"%d" % obj
    if isinstance(obj, float):
        return (b"%.4f" % obj).rstrip(b"0").rstrip(b".")
    if isinstance(obj, list | tuple):
        return b"[" + b" ".join(serialise(x) for x in obj) + b"]"
    if isinstance(obj, dict):
        return (
            b"<<"
            + b"".join(_name(k) + b" " + serialise(v) for k, v in obj.items() if v is not None)
            + b">>"
        )
    raise TypeError(f"cannot serialise {type(obj).__name__}")


class Update:
    """Objects to add (or replace) in `data`, written as one incremental update."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.pdf = ReportlabPdf(data)
        self._size = self.pdf.size
        self._objects: dict[int, bytes] = {}
        self.page_refs = [Ref(p.num) for p in self.pdf.page_refs]
        self.root_ref = Ref(self.pdf.root_ref.num)

    def new(self) -> Ref:
        ref = Ref(self._size)
        self._size += 1
        return ref

    def put(self, ref: Ref, obj: Any) -> Ref:
        if isinstance(obj, Stream):
            data = zlib.compress(obj.data, 6) if obj.compress else obj.data
            entries = dict(obj.entries, Length=len(data))
            if obj.compress:
                entries["Filter"] = Name("FlateDecode")
            self._objects[ref.num] = serialise(entries) + b"\nstream\n" + data + b"\nendstream"
        else:
            self._objects[ref.num] = serialise(obj)
        return ref

    def put_raw(self, ref: Ref, syntax: bytes) -> Ref:
        self._objects[ref.num] = syntax
        return ref

    def add(self, obj: Any) -> Ref:
        return self.put(self.new(), obj)

    def entries_of(self, obj: dict[str, Any], drop: Iterable[str] = ()) -> dict[str, Any]:
        """An existing dictionary's entries: references stay references, numbers and booleans
        stay values, everything else is written back as qpdf would (`readback.unparse`)."""
        skip = set(drop)
        out: dict[str, Any] = {}
        # Sorted: the same Vorlage gives the same bytes in every process (issue 11 item 9).
        for key in sorted(obj, key=lambda k: k.encode("ascii")):
            if key in skip:
                continue
            value = obj[key]
            if isinstance(value, ObjRef):
                out[key] = Ref(value.num)
            elif isinstance(value, bool | int):
                out[key] = value
            else:
                out[key] = Raw(unparse(value))
        return out

    def to_bytes(self) -> bytes:
        out = io.BytesIO()
        out.write(self.data)
        if not self.data.endswith(b"\n"):
            out.write(b"\n")
        offsets: dict[int, int] = {}
        for num in sorted(self._objects):
            offsets[num] = out.tell()
            out.write(b"%d 0 obj\n" % num + self._objects[num] + b"\nendobj\n")
        xref = out.tell()
        out.write(b"xref\n")
        nums = sorted(offsets)
        start = 0
        while start < len(nums):
            end = start
            while end + 1 < len(nums) and nums[end + 1] == nums[end] + 1:
                end += 1
            out.write(b"%d %d\n" % (nums[start], end - start + 1))
            for num in nums[start : end + 1]:
                out.write(b"%010d 00000 n \n" % offsets[num])
            start = end + 1
        prev = self.pdf.startxref
        old_id = self.pdf.trailer.get("ID")
        first = bytes(old_id[0]) if isinstance(old_id, list) and old_id else b""
        digest = hashlib.md5(out.getvalue()[len(self.data) :], usedforsecurity=False).digest()
        trailer = {
            "Size": self._size,
            "Root": self.root_ref,
            "Info": self.info_ref,
            "Prev": prev,
            "ID": [Raw(b"<" + (first or digest).hex().encode() + b">"),
                   Raw(b"<" + digest.hex().encode() + b">")],
        }  # fmt: skip
        out.write(b"trailer\n" + serialise(trailer) + b"\nstartxref\n%d\n%%%%EOF\n" % xref)
        return out.getvalue()

    info_ref: Ref | None = None
    struct_tree_root: Ref | None = None
