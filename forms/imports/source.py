"""Reading the file a clerk picked to import from: only a regular file, only up to a limit.

The check itself is `forms.files.read_regular_file` (shared with the project loader): a device
(/dev/zero), a FIFO or a socket is refused before anything is read.
"""

from __future__ import annotations

import os
from pathlib import Path

from forms.errors import ProjectFileError
from forms.files import read_regular_file as _read_regular
from forms.imports.report import VorlageImportError

# A council page is a few hundred kilobytes; its text and an OParl Paper are far below this.
MAX_TEXT_BYTES = 8 * 1024 * 1024
# The published PDF of a Vorlage with scanned Anlagen can be large; beyond this it is not one.
MAX_PDF_BYTES = 64 * 1024 * 1024


def read_regular_file(path: str | os.PathLike[str], limit: int) -> bytes:
    """The bytes of `path`; VorlageImportError (German) for anything but a regular file of
    at most `limit` bytes."""
    path = Path(path)
    try:
        return _read_regular(path, f"„{path.name}“", max_bytes=limit, purpose="eine Vorlage")
    except ProjectFileError as exc:
        raise VorlageImportError(str(exc)) from None


def decode_text(data: bytes) -> str:
    """Page text is UTF-8, or cp1252 from older Windows browsers."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def read_text_file(path: str | os.PathLike[str]) -> str:
    """The text of a saved page or of text copied from a PDF viewer."""
    return decode_text(read_regular_file(path, MAX_TEXT_BYTES))
