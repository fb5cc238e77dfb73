"""Parsed TrueType metrics, kept in the user's cache folder so each font is parsed once.

reportlab's `TTFontFile.extractInfo` walks every table of a font in Python (~10–50 ms per face,
six faces: a third of a `vorlage pdf` process; benchmarks/run.py). What it extracts – names,
metrics, cmap, widths, glyph offsets – is plain data, written here with `marshal` (no code runs
on load, unlike pickle) to `<user cache>/schriften/<sha256 of the font file>.metrics`.

Safe if stale or corrupt: the entry is keyed by the font file's hash and carries a header with
the format, the reportlab version and the hash again. Anything that does not match, does not
unmarshal or lacks a field is ignored, the font is parsed as before and the entry rewritten
(atomically: temp file + rename, so a second process never reads half a file). A cache folder
that cannot be written only costs the parse. The font bytes themselves are always read from the
font file (subsetting needs them), so the PDF is byte-for-byte what a fresh parse gives.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import tempfile
from pathlib import Path
from typing import Any

from reportlab import Version as REPORTLAB_VERSION
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFNameBytes, TTFontFace

FORMAT = 1
_NAMES = ("name", "familyName", "styleName", "fullName", "uniqueFontID")
# Set by TTFontFile.__init__/extractInfo and needed later (widths, subsetting, descriptors).
_FIELDS = (
    "bold", "italic", "requiredEncoding", "builtIn", "validate", "version", "numTables",
    "searchRange", "entrySelector", "rangeShift", "table", "tables", "subfontNameX",
    "fontRevision", "unitsPerEm", "bbox", "ascent", "descent", "capHeight", "stemV",
    "italicAngle", "underlinePosition", "underlineThickness", "flags", "numGlyphs",
    "_full_font", "charToGlyph", "glyphToChar", "charWidths", "hmetrics", "defaultWidth",
    "glyphPos", "glyphNames", "glyphWidths",
)  # fmt: skip


def default_folder() -> Path:
    import platformdirs

    return Path(platformdirs.user_cache_dir("vorlagen-assistent", appauthor=False)) / "schriften"


def _header(digest: str) -> tuple[int, str, str]:
    return (FORMAT, REPORTLAB_VERSION, digest)


def _scale(units_per_em: int) -> Any:
    # The same function extractInfo keeps as `_pdfScale` (font units → 1/1000 pt).
    if units_per_em == 1000:
        return lambda x: x
    factor = 1000.0 / units_per_em
    return lambda x: x * factor


def _state(face: TTFontFace) -> dict[str, Any]:
    state = {key: getattr(face, key) for key in _FIELDS}
    for key in _NAMES:
        value = getattr(face, key)
        state[key] = (bytes(value), getattr(value, "ustr", None))
    return state


def _restore(face: TTFontFace, state: dict[str, Any]) -> None:
    for key in _FIELDS:
        setattr(face, key, state[key])
    for key in _NAMES:
        raw, text = state[key]
        name = TTFNameBytes(raw)
        if text is not None:
            name.ustr = text
        setattr(face, key, name)
    face._pdfScale = _scale(face.unitsPerEm)


def _read(entry: Path, digest: str) -> dict[str, Any] | None:
    """The cached state, or None when the entry is missing, corrupt or from something else."""
    try:
        header, state = marshal.loads(entry.read_bytes())
        if tuple(header) != _header(digest) or not isinstance(state, dict):
            return None
        if any(key not in state for key in (*_FIELDS, *_NAMES)):
            return None
        return state
    except (OSError, EOFError, ValueError, TypeError):
        return None


def _write(entry: Path, digest: str, state: dict[str, Any]) -> None:
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=entry.parent, prefix=entry.name, suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(marshal.dumps((_header(digest), state)))
            os.replace(tmp, entry)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except (OSError, ValueError):
        pass  # no cache, then: the next process parses the font again


def load_face(path: Path, folder: Path | None = None) -> TTFontFace:
    """A reportlab face of the font file `path`, from the cache when it holds this very file."""
    data = Path(path).read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    entry = (folder or default_folder()) / f"{digest}.metrics"
    state = _read(entry, digest)
    if state is not None:
        face = TTFontFace.__new__(TTFontFace)
        pdfmetrics.TypeFace.__init__(face, None)
        face.filename = str(path)
        face._ttf_data = data
        face._pos = 0
        try:
            _restore(face, state)
            return face
        except (TypeError, ValueError, AttributeError, ZeroDivisionError):
            pass  # fields of the wrong shape: parse as if there were no entry
    face = TTFontFace(str(path))
    _write(entry, digest, _state(face))
    return face
