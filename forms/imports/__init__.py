"""Start a draft from an existing Vorlage, whatever form it comes in.

One module per source, each with `looks_like(...)` and `parse(...)` returning an
`ImportErgebnis` (draft + report): `pagetext` (text copied from the council information
system's page, its tables in `pagetables`), `oparl` (an OParl Paper as JSON, with `oparl_base`
and `oparl_grunddaten`), `pdf` (the printed Vorlage, by text positions, with `pdfrich`,
`pdfberatung` and `pdftables` for its parts) and `pdftext` (the same, copied out of a PDF
viewer). Shared pieces: `report` (result, report, the `Sammler` that fills both), `source`
(reading a picked file safely), `pdflines` (positioned lines), `grids`, `values`, `finanzen`,
`klima`, `textblocks`.
A new source is one new module plus one line in `import_text` / `import_file` below.

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
    "import_bytes",
    "import_file",
    "import_text",
    "read_text_file",
]


def import_text(
    text: str, profile: Profile | None = None, source: str = "Der eingefügte Text"
) -> ImportErgebnis:
    """A draft from pasted text: OParl JSON, text copied from a PDF viewer, or the page text
    of the council information system."""
    from forms.imports import oparl, pagetext, pdftext

    if oparl.looks_like(text):
        return oparl.parse(text, source=source)
    if pdftext.looks_like(text):  # the label column; the council page has none
        return pdftext.parse(text, profile, source=source)
    return pagetext.parse(text, profile, source=source)


def import_file(path: str | os.PathLike[str], profile: Profile | None = None) -> ImportErgebnis:
    """A draft from a file: only a regular file is read, and only up to its kind's limit."""
    path = Path(path)
    from forms.imports.source import MAX_PDF_BYTES, read_regular_file

    data = read_regular_file(path, MAX_PDF_BYTES)
    return import_bytes(data, profile, source=f"„{path.name}“")


def import_bytes(
    data: bytes, profile: Profile | None = None, source: str = "Die Eingabe"
) -> ImportErgebnis:
    """A draft from a file's content (`vorlage import -` reads it from standard input)."""
    from forms.imports import pdf
    from forms.imports.source import decode_text

    if pdf.looks_like(data):
        return pdf.parse(data, profile, source=source)
    if len(data) > MAX_TEXT_BYTES:
        raise VorlageImportError(
            f"{source} ist zu groß für eine Vorlage als Text (höchstens "
            f"{MAX_TEXT_BYTES // (1024 * 1024)} MB)."
        )
    return import_text(decode_text(data), profile, source=source)
