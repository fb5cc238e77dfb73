"""Former home of the page-text importer, now `forms.imports` (one module per source).

Kept as a thin alias so callers written against it keep working; new code uses
`forms.imports.import_file` / `import_text`.
"""

from __future__ import annotations

from pathlib import Path

from forms.imports import ImportBericht, ImportErgebnis, import_file
from forms.imports import VorlageImportError as RatsinfoImportError
from forms.imports.pagetext import NOISE as _NOISE
from forms.imports.pagetext import parse
from forms.imports.source import MAX_TEXT_BYTES as MAX_PAGE_BYTES
from forms.imports.source import read_text_file as read_page_text
from forms.profile import Profile

__all__ = [
    "MAX_PAGE_BYTES",
    "_NOISE",
    "ImportBericht",
    "ImportErgebnis",
    "RatsinfoImportError",
    "load_page",
    "parse",
    "read_page_text",
]


def load_page(path: str | Path, profile: Profile | None = None) -> ImportErgebnis:
    return import_file(path, profile)
