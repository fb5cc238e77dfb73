"""Reading the file a clerk picked to import from: only a regular file, only up to a limit.

A device (/dev/zero), a FIFO or a socket is refused *before* anything is read: the file is
opened non-blocking (so opening a FIFO does not wait for a writer) and checked with fstat on
the open descriptor (so it cannot be swapped for something else after a check by name).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from forms.errors import german_os_reason, shown_value
from forms.imports.report import VorlageImportError

# A council page is a few hundred kilobytes; its text and an OParl Paper are far below this.
MAX_TEXT_BYTES = 8 * 1024 * 1024
# The published PDF of a Vorlage with scanned Anlagen can be large; beyond this it is not one.
MAX_PDF_BYTES = 64 * 1024 * 1024


def _megabytes(size: int) -> str:
    return f"{size // (1024 * 1024)} MB"


def read_regular_file(path: str | os.PathLike[str], limit: int) -> bytes:
    """The bytes of `path`; VorlageImportError (German) for anything but a regular file of
    at most `limit` bytes."""
    path = Path(path)
    source = f"„{path.name}“"
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except ValueError:  # a NUL byte in the name
        raise VorlageImportError(
            f"Der Dateiname {shown_value(path.name)} enthält ein ungültiges Zeichen."
        ) from None
    except FileNotFoundError:
        raise VorlageImportError(f"{source} gibt es nicht.") from None
    except IsADirectoryError:
        raise VorlageImportError(f"{source} ist ein Ordner, keine Datei.") from None
    except OSError as exc:
        raise VorlageImportError(
            f"{source} kann nicht gelesen werden: {german_os_reason(exc)}."
        ) from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise VorlageImportError(f"{source} ist ein Ordner, keine Datei.")
        if not stat.S_ISREG(info.st_mode):
            # A pipe or device would block or never end.
            raise VorlageImportError(
                f"{source} ist keine gewöhnliche Datei (z. B. ein Gerät oder eine Pipe) und "
                "wird nicht gelesen."
            )
        too_big = VorlageImportError(
            f"{source} ist zu groß für eine Vorlage (höchstens {_megabytes(limit)})."
        )
        if info.st_size > limit:
            raise too_big
        chunks: list[bytes] = []
        size = 0
        # Read at most one byte more than allowed: the file may grow after fstat().
        while size <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > limit:
            raise too_big
        return b"".join(chunks)
    except OSError as exc:
        raise VorlageImportError(
            f"{source} kann nicht gelesen werden: {german_os_reason(exc)}."
        ) from None
    finally:
        os.close(fd)


def decode_text(data: bytes) -> str:
    """Page text is UTF-8, or cp1252 from older Windows browsers."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def read_text_file(path: str | os.PathLike[str]) -> str:
    """The text of a saved page or of text copied from a PDF viewer."""
    return decode_text(read_regular_file(path, MAX_TEXT_BYTES))
