"""Start a draft from an existing Vorlage, whatever form it comes in.

One module per source, each with `looks_like(...)` and `parse(...)` returning an
`ImportErgebnis` (draft + report): `pagetext` (text copied from the council information
system's page). Shared pieces: `report` (result, report, the `Sammler` that fills both),
`source` (reading a picked file safely), `grids`, `values`, `finanzen`, `textblocks`.
A new source is one new module plus one line in `_detect` below.

The API the CLI and the wizard call is just two functions:

    import_file(path, profile=None) -> ImportErgebnis    # the file picked by the clerk
    import_text(text, profile=None, source=...) -> ImportErgebnis   # pasted text

Both raise `VorlageImportError` (German message) when the input is no Vorlage at all.
"""

from __future__ import annotations

import os
from pathlib import Path

from forms.imports.report import ImportBericht, ImportErgebnis, VorlageImportError
from forms.imports.source import MAX_TEXT_BYTES, read_text_file
from forms.profile import Profile

__all__ = [
    "ImportBericht",
    "ImportErgebnis",
    "VorlageImportError",
    "import_file",
    "import_text",
    "read_text_file",
]


def import_text(
    text: str, profile: Profile | None = None, source: str = "Der eingefügte Text"
) -> ImportErgebnis:
    """A draft from pasted text (page text of the council information system)."""
    from forms.imports import pagetext

    return pagetext.parse(text, profile, source=source)


def import_file(path: str | os.PathLike[str], profile: Profile | None = None) -> ImportErgebnis:
    """A draft from a file: only a regular file is read, and only up to its kind's limit."""
    path = Path(path)
    from forms.imports.source import decode_text, read_regular_file

    data = read_regular_file(path, MAX_TEXT_BYTES)
    return import_text(decode_text(data), profile, source=f"„{path.name}“")
