"""The exported PDF's pages as images, through PDFium (pypdfium2).

Why PDFium through pypdfium2 and not QtPdf: QtPdf (also PDFium inside) is only in
PySide6-Addons, a wheel of ~150 MB for every developer and the lock, of which the bundle would
take Qt6Pdf (~6 MB) plus QtPdf's module; pypdfium2 is one ~3 MB wheel whose libpdfium (~8 MB
unpacked, PyInstaller's hooks collect it) is all the bundle gains. Licence: pypdfium2 is
Apache-2.0 or BSD-3-Clause, PDFium BSD-3-Clause/Apache-2.0: permissive, nothing to relink or
ship beyond the notice (Qt stays the only LGPL part). It also reads a page's text, which the
tests compare with the export.

PDFium is not thread-safe, not even across different documents: every call here holds
`PDFIUM`. No PDFium object outlives the function that opened it: each call opens the document
from the bytes (well under a millisecond for a Vorlage), closes its pages, bitmaps and text
pages before the document, so nothing is left for PDFium's finalizers at interpreter exit.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from PySide6.QtGui import QImage

PDFIUM = threading.Lock()
POINTS_PER_INCH = 72.0

Size = tuple[float, float]  # width, height in PDF points


@contextmanager
def _opened(data: bytes) -> Iterator[Any]:
    import pypdfium2 as pdfium  # here: the wizard starts without it

    with PDFIUM:
        pdf = pdfium.PdfDocument(data)
        try:
            yield pdf
        finally:
            pdf.close()


def page_sizes(data: bytes) -> list[Size]:
    """Every page's size in points, in page order."""
    with _opened(data) as pdf:
        sizes: list[Size] = []
        for index in range(len(pdf)):
            page = pdf[index]
            try:
                width, height = page.get_size()
            finally:
                page.close()
            sizes.append((float(width), float(height)))
        return sizes


def _image(page: Any, dpi: float) -> QImage:
    bitmap = page.render(scale=dpi / POINTS_PER_INCH, rev_byteorder=True, prefer_bgrx=True)
    try:
        image = QImage(
            bytes(bitmap.buffer),
            bitmap.width,
            bitmap.height,
            bitmap.stride,
            QImage.Format.Format_RGBX8888,
        )
        return image.copy()  # owns its pixels: nothing points into PDFium's bitmap
    finally:
        bitmap.close()


def render_pages(
    data: bytes,
    indexes: Iterable[int],
    dpi: float,
    check: Callable[[], None] = lambda: None,
) -> dict[int, QImage]:
    """The pages at `indexes` (0-based) at `dpi`; `check` is called before each page and may
    raise to stop (a cancelled job)."""
    images: dict[int, QImage] = {}
    with _opened(data) as pdf:
        count = len(pdf)
        for index in indexes:
            if not 0 <= index < count:
                continue
            check()
            page = pdf[index]
            try:
                images[index] = _image(page, dpi)
            finally:
                page.close()
    return images


def page_text(data: bytes, index: int) -> str:
    """The text PDFium reads on one page (0-based)."""
    with _opened(data) as pdf:
        page = pdf[index]
        try:
            text = page.get_textpage()
            try:
                return str(text.get_text_range())
            finally:
                text.close()
        finally:
            page.close()


def page_count(data: bytes) -> int:
    with _opened(data) as pdf:
        return len(pdf)
