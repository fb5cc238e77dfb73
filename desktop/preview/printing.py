"""Drucken: the exported PDF through Qt's print dialog (QtPrintSupport) onto a printer.

The bytes printed are the Vorschau's, i.e. the export's (`Preview.when_current`). Qt cannot
hand a PDF to a printer as such, so each page is rasterised by PDFium at the printer's
resolution (at most `MAX_DPI`) and painted onto the QPrinter, on the session's job runner:
Qt paints onto a QPrinter from a worker thread (as onto a QImage), so a long Vorlage prints
without freezing the window, cancellable like an export. Page range and copies come from the
dialog; when the printer cannot make copies itself (PDF output, printing without CUPS) the
pages are repeated here, collated or not as chosen.

The dialog is Qt's own on Linux (German through qtbase_de, installed by desktop/i18n.py) and
the system's on Windows. With `Dialogs(interactive=False)` the answer `answers["print"]` is
used: a callable that gets the configured QPrinter (as the dialog would) and returns whether
to print, so tests and the smoke test never block on the modal dialog.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF, QSize
from PySide6.QtGui import QPageSize, QPainter
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QWidget

from desktop.dialogs import Dialogs
from desktop.jobs import JobContext
from desktop.preview import raster
from forms.errors import VorlageError

if TYPE_CHECKING:
    from desktop.preview.controller import Preview
    from desktop.session import Session

MAX_DPI = 300.0  # enough for 10-pt text; a 600-dpi A4 page would be 35 MB per raster


def new_printer(data: bytes, title: str) -> QPrinter:
    """A printer set up for this PDF: its paper size, every page, the document name."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(title)
    printer.setFullPage(True)  # the PDF page already has its margins
    sizes = raster.page_sizes(data)
    if sizes:
        width, height = sizes[0]
        printer.setPageSize(QPageSize(QSize(round(width), round(height))))
    printer.setFromTo(1, max(len(sizes), 1))
    return printer


def print_dialog(printer: QPrinter, pages: int, parent: QWidget | None = None) -> QPrintDialog:
    """Qt's print dialog for `printer`: printer, page range (1…pages), copies, collation."""
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle("Drucken")
    dialog.setMinMax(1, max(pages, 1))
    option = QAbstractPrintDialog.PrintDialogOption
    dialog.setOptions(option.PrintPageRange | option.PrintCollateCopies | option.PrintToFile)
    return dialog


def ask_print(dialogs: Dialogs, printer: QPrinter, pages: int, parent: QWidget | None) -> bool:
    if not dialogs.interactive:
        answer = dialogs.answers.get("print", False)
        return bool(answer(printer)) if callable(answer) else bool(answer)
    return print_dialog(printer, pages, parent).exec() == QDialog.DialogCode.Accepted


def page_order(printer: QPrinter, count: int) -> list[int]:
    """0-based pages in the order they go to the printer (range, then copies if ours)."""
    if printer.printRange() == QPrinter.PrintRange.PageRange:
        chosen: list[int] = []
        for piece in printer.pageRanges().toRangeList():
            chosen.extend(range(piece.from_ - 1, min(piece.to, count)))
        if not chosen and printer.fromPage() > 0:
            chosen = list(range(printer.fromPage() - 1, min(printer.toPage(), count)))
    else:
        chosen = list(range(count))
    copies = 1 if printer.supportsMultipleCopies() else max(printer.copyCount(), 1)
    if printer.collateCopies():
        return chosen * copies
    return [index for index in chosen for _ in range(copies)]


def print_pdf(printer: QPrinter, data: bytes, order: list[int], context: JobContext) -> int:
    """Paint the pages in `order` onto `printer` (on a worker thread); returns sheets printed."""
    painter = QPainter()
    if not painter.begin(printer):
        raise VorlageError("Der Drucker ließ sich nicht öffnen. Bitte einen anderen wählen.")
    try:
        dpi = min(float(printer.resolution()), MAX_DPI)
        paper = printer.paperRect(QPrinter.Unit.DevicePixel)
        for done, index in enumerate(order):
            context.progress(done, len(order))
            if done:
                printer.newPage()
            image = raster.render_pages(data, [index], dpi, context.check)[index]
            scale = min(paper.width() / image.width(), paper.height() / image.height())
            scale = min(scale, printer.resolution() / dpi)  # never larger than the PDF page
            width, height = image.width() * scale, image.height() * scale
            painter.drawImage(QRectF(0, 0, width, height), image)
        context.progress(len(order), len(order))
    except BaseException:
        printer.abort()
        raise
    finally:
        painter.end()
    return len(order)


def print_vorlage(
    session: Session,
    preview: Preview,
    parent: QWidget | None,
    done: Callable[[int], None] | None = None,
) -> None:
    """Strg+P: the current PDF (refreshed first if needed), the dialog, then the print job."""

    def with_pdf(data: bytes) -> None:
        if session.jobs.busy:
            session.dialogs.info(
                "Drucken", "Es läuft gerade ein anderer Auftrag. Bitte danach noch einmal drucken."
            )
            return
        title = session.document.vorlage.grunddaten.vorlage_nr or session.document.display_name()
        printer = new_printer(data, title)
        count = len(preview.sizes) or raster.page_count(data)
        if not ask_print(session.dialogs, printer, count, parent):
            session.status.emit("Drucken abgebrochen.", 5000)
            return
        order = page_order(printer, count)
        if not order:
            session.dialogs.warning("Drucken", "Im gewählten Seitenbereich liegt keine Seite.")
            return

        def printed(sheets: int) -> None:
            where = printer.printerName() or printer.outputFileName()
            session.status.emit(f"Gedruckt: {sheets} Seite(n) an {where}.", 8000)
            if done is not None:
                done(sheets)

        job = session.jobs.run(
            "Drucken", lambda context: print_pdf(printer, data, order, context), printed
        )
        if job is not None:
            session.status.emit("Drucken läuft …", 0)

    preview.when_current(with_pdf)
