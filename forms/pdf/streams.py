"""One correction to how reportlab writes a stream object: an end-of-line before `endstream`.

reportlab 5 formats every stream (page contents, embedded font files, ToUnicode CMaps, images)
in `reportlab.pdfbase.pdfdoc.PDFStream.format` as ``<<…/Length n>>\\nstream\\n<data>endstream``:
the keyword follows the last data byte directly. ISO 32000-1 §7.3.8.1 recommends and
ISO 19005-2 §6.1.7.1 (PDF/A-2) requires an EOL marker after the data and before `endstream`
that `/Length` does not count; Apache PDFBox Preflight reports its absence as 1.2.2/1.2.5 on
every stream. `qpdf --check` tolerates it, so it went unnoticed.

The fix sits at the one place all of reportlab's streams pass through, so no stream can miss it:
`install()` wraps `PDFStream.format` and inserts ``\\n`` before the trailing keyword. `/Length`
was already computed from the data alone, so it stays right. `forms.pdfcheck`'s
"stream-syntax" rule checks the written bytes, so a reportlab upgrade that changes the format
fails the tests instead of silently breaking the files.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from reportlab.pdfbase import pdfdoc

_KEYWORD = b"endstream\n"
_INSTALLED = "_vorlagen_eol_before_endstream"


def install() -> None:
    """Patch `PDFStream.format` once per process (idempotent)."""
    stream_class: Any = pdfdoc.PDFStream
    if getattr(stream_class.format, _INSTALLED, False):
        return
    original: Callable[[Any, Any], bytes] = stream_class.format

    @functools.wraps(original)  # `__wrapped__`: the original stays reachable, as for any wrapper
    def format_with_eol(self: Any, document: Any) -> bytes:
        out = original(self, document)
        if not out.endswith(_KEYWORD):  # pragma: no cover - a reportlab that changed its format
            raise RuntimeError("reportlab PDFStream.format: unerwartetes Stream-Ende")
        # Always insert: a data byte "\n" counted by /Length is not the EOL §6.1.7.1 means.
        return out[: -len(_KEYWORD)] + b"\n" + _KEYWORD

    setattr(format_with_eol, _INSTALLED, True)
    stream_class.format = format_with_eol
