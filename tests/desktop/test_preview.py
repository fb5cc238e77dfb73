"""Vorschau (Strg+F2) and Drucken (Strg+P): the preview shows the exported PDF's own bytes,
zooms by key, refreshes after typing without holding the keys up, marks a draft ENTWURF as
printed; printing goes through Qt's print dialog to a PDF printer with a page range."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication

from desktop.preview import raster
from desktop.preview.printing import print_dialog
from desktop.preview.window import PreviewWindow
from forms.flow import Extra
from forms.labels import Section
from tests.forms.pdfutil import open_pdf, pages_text

CTRL = Qt.KeyboardModifier.ControlModifier


def _press(qtbot, widget, key, modifier=CTRL) -> None:
    """A key press into `widget`'s window, made the active window first (as by a click)."""
    widget.window().activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is widget.window(), timeout=5000)
    qtbot.keyClick(widget, key, modifier)


def _open_preview(qtbot, window) -> PreviewWindow:
    _press(qtbot, window, Qt.Key.Key_F2)
    preview_window = window._preview_window
    assert preview_window is not None and preview_window.isVisible()
    qtbot.waitUntil(lambda: bool(preview_window.views), timeout=20000)
    qtbot.waitUntil(lambda: preview_window.views[0].image is not None, timeout=20000)
    return preview_window


def _export(qtbot, window, dialogs, target: Path) -> bytes:
    dialogs.paths.append(target)
    with qtbot.waitSignal(window.session.exportFinished, timeout=60000):
        _press(qtbot, window, Qt.Key.Key_E)
    return target.read_bytes()


def _difference(a: QImage, b: QImage) -> float:
    """Mean absolute difference of two images' grey values (0–255), same size required."""
    a = a.convertToFormat(QImage.Format.Format_Grayscale8)
    b = b.convertToFormat(QImage.Format.Format_Grayscale8)
    assert abs(a.width() - b.width()) <= 1 and abs(a.height() - b.height()) <= 1
    b = b.scaled(a.size(), mode=Qt.TransformationMode.SmoothTransformation)
    total = 0
    for y in range(0, a.height(), 4):
        row_a = bytes(a.constScanLine(y))[: a.width()]
        row_b = bytes(b.constScanLine(y))[: a.width()]
        total += sum(abs(p - q) for p, q in zip(row_a, row_b, strict=True))
    return total / (a.width() * ((a.height() + 3) // 4))


def test_ctrl_f2_shows_the_exported_pdf(qtbot, window, dialogs, tmp_path: Path) -> None:
    assert window.session.open_example()
    exported = _export(qtbot, window, dialogs, tmp_path / "export.pdf")
    shown = _open_preview(qtbot, window)
    preview = shown.preview
    assert preview.data == exported  # the export's bytes, not a look-alike
    assert len(shown.views) == len(open_pdf(exported).pages) == 3
    assert shown.count_label.text() == "von 3"
    first = pages_text(exported)[0]
    assert "Sachstandsbericht zum Kommunalen Integrationsmanagement" in first
    assert pages_text(preview.data)[0] == first
    assert raster.page_text(preview.data, 0) == raster.page_text(exported, 0)
    # What is on screen is the export's page 1, pixel for pixel.
    on_screen = shown.views[0].image
    assert on_screen == raster.render_pages(exported, [0], shown.dpi())[0]
    assert not preview.entwurf and shown.entwurf_label.text() == ""


def test_only_visible_pages_are_rendered_and_navigation_by_key(qtbot, window) -> None:
    assert window.session.open_example()
    shown = _open_preview(qtbot, window)
    qtbot.waitUntil(lambda: not shown.preview.busy)
    rendered = [i for i, view in enumerate(shown.views) if view.image is not None]
    assert 0 in rendered and 2 not in rendered  # page 3 is far below the viewport
    _press(qtbot, shown, Qt.Key.Key_End)
    qtbot.waitUntil(lambda: shown.views[2].image is not None, timeout=20000)
    assert shown.current_page() == 3 and shown.page_box.value() == 3
    _press(qtbot, shown, Qt.Key.Key_PageUp)
    assert shown.current_page() == 2


def test_ctrl_plus_and_minus_zoom(qtbot, window) -> None:
    assert window.session.open_example()
    shown = _open_preview(qtbot, window)
    width = shown.views[0].width()
    _press(qtbot, shown, Qt.Key.Key_Plus)
    assert shown.zoom == pytest.approx(1.1)
    assert shown.zoom_label.text() == "110 %"
    assert shown.views[0].width() == round(width * 1.1)
    # Page 1 is rendered again at the new resolution (not the old image stretched).
    qtbot.waitUntil(lambda: shown.preview.image(0, shown.dpi()) is not None, timeout=20000)
    qtbot.waitUntil(lambda: abs(shown.views[0].image.width() - width * 1.1) <= 1, timeout=5000)
    _press(qtbot, shown, Qt.Key.Key_Minus)
    _press(qtbot, shown, Qt.Key.Key_Minus)
    assert shown.zoom == pytest.approx(0.9)
    assert shown.views[0].width() < width


def test_typed_edit_refreshes_the_preview_without_blocking(qtbot, window) -> None:
    assert window.session.open_example()
    shown = _open_preview(qtbot, window)
    preview = shown.preview
    qtbot.waitUntil(lambda: not preview.busy)
    generation = preview.generation
    page = window.go_to(Section.GRUNDDATEN)
    page.betreff.setFocus()
    page.betreff.moveCursor(page.betreff.textCursor().MoveOperation.End)
    qtbot.keyClicks(page.betreff, " Neu")
    # Every key is in the field at once; the refresh waits for the pause after typing.
    assert page.betreff.toPlainText().endswith(" Neu")
    assert preview.generation == generation
    with qtbot.waitSignal(preview.busyChanged, timeout=5000, check_params_cb=bool):
        pass  # the refresh has started
    # Typing on while the refresh runs: the keys land, the running refresh is dropped.
    qtbot.keyClicks(page.betreff, "es Wort")
    assert page.betreff.toPlainText().endswith(" Neues Wort")
    qtbot.waitUntil(lambda: preview.generation > generation and not preview.stale, timeout=30000)
    qtbot.waitUntil(lambda: not preview.busy, timeout=30000)
    assert "Integrationsmanagement Neues Wort" in pages_text(preview.data)[0]
    assert shown.views[0].image == raster.render_pages(preview.data, [0], shown.dpi())[0]


def test_a_draft_shows_the_entwurf_mark_as_printed(qtbot, window, dialogs, tmp_path) -> None:
    assert window.session.new_vorlage()  # a new Vorlage has open errors: a draft
    shown = _open_preview(qtbot, window)
    preview = shown.preview
    assert preview.entwurf
    assert "ENTWURF" in shown.entwurf_label.text()
    with open_pdf(preview.data) as pdf:
        assert str(pdf.docinfo["/Title"]).startswith("Entwurf")
    # The export of the draft (the clerk agrees to export with errors) is the same PDF.
    exported = _export(qtbot, window, dialogs, tmp_path / "entwurf.pdf")
    qtbot.waitUntil(lambda: not preview.busy and not preview.stale, timeout=30000)
    assert preview.data == exported
    # The mark is drawn, not text: it shows in the pixels, compared with a final render.
    from forms.pdf import render

    final = render(window.document.vorlage, profile=window.document.profile, entwurf=False)
    dpi = 48.0
    drawn = raster.render_pages(preview.data, [0], dpi)[0]
    plain = raster.render_pages(final, [0], dpi)[0]
    assert _difference(drawn, plain) > 1.0


def _pdf_printer(path: Path, first: int, last: int, copies: int):
    def configure(printer: QPrinter) -> bool:
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(path))
        printer.setPrintRange(QPrinter.PrintRange.PageRange)
        printer.setFromTo(first, last)
        printer.setCopyCount(copies)
        printer.setCollateCopies(True)
        # The clerk's choices go through Qt's real dialog, accepted as the button would.
        dialog = print_dialog(printer, 3)
        dialog.show()
        dialog.accept()
        return True

    return configure


def test_ctrl_p_prints_a_page_range_to_a_pdf_printer(qtbot, window, dialogs, tmp_path) -> None:
    assert window.session.open_example()
    exported = _export(qtbot, window, dialogs, tmp_path / "export.pdf")
    target = tmp_path / "druck.pdf"
    dialogs.answers["print"] = _pdf_printer(target, 2, 3, copies=2)
    cancel = window.pruefen_page.cancel_button
    running: list[str] = []
    window.session.jobs.busyChanged.connect(lambda busy: busy and running.append(cancel.text()))
    _press(qtbot, window, Qt.Key.Key_P)
    qtbot.waitUntil(lambda: target.exists() and not window.session.jobs.busy, timeout=60000)
    assert running == ["Drucken abbrechen"]  # the review page names the job it can stop
    printed = target.read_bytes()
    with open_pdf(printed) as pdf:
        assert len(pdf.pages) == 4  # pages 2–3, two copies, collated
    # Printed as pictures of the export's pages: compare pixels at a coarse resolution.
    dpi = 36.0
    want = raster.render_pages(exported, [1, 2], dpi)
    got = raster.render_pages(printed, [0, 1, 2, 3], dpi)
    # (Qt's PDF printer stores the pictures as JPEG: close to the page, far from the other.)
    for index, page in ((0, 1), (1, 2), (2, 1), (3, 2)):
        same = _difference(got[index], want[page])
        other = _difference(got[index], want[3 - page])
        assert same < 10.0 and same * 2 < other, (index, same, other)


def test_print_dialog_is_german_with_page_range_and_copies(app) -> None:
    printer = QPrinter()
    dialog = print_dialog(printer, 7)
    assert dialog.windowTitle() == "Drucken"
    assert dialog.minPage() == 1 and dialog.maxPage() == 7
    option = dialog.PrintDialogOption
    assert dialog.testOption(option.PrintPageRange)
    assert dialog.testOption(option.PrintCollateCopies)
    dialog.deleteLater()


def test_every_preview_shortcut_is_documented(window) -> None:
    from PySide6.QtGui import QAction, QKeySequence

    from tests.conftest import ROOT

    shown = window.preview_window()
    doc = (ROOT / "docs" / "wizard.md").read_text(encoding="utf-8")
    table = doc[doc.index("## Keyboard") :]
    missing = [
        f"{action.text()}: {text}"
        for action in shown.findChildren(QAction)
        for sequence in action.shortcuts()
        if (text := sequence.toString(QKeySequence.SequenceFormat.NativeText)) not in table
    ]
    assert shown.actions() and missing == []


def test_a_long_vorlage_rasterises_only_the_pages_in_view(qtbot, window) -> None:
    from benchmarks.workloads import with_blocks

    window.document.replace(with_blocks(470), None)
    shown = _open_preview(qtbot, window)
    qtbot.waitUntil(lambda: not shown.preview.busy, timeout=30000)
    pages = len(shown.views)
    assert pages >= 30
    rendered = [i for i in range(pages) if shown.preview.image(i, shown.dpi()) is not None]
    assert 0 in rendered and len(rendered) <= 3, rendered
    _press(qtbot, shown, Qt.Key.Key_End)
    qtbot.waitUntil(lambda: shown.views[-1].image is not None, timeout=20000)
    assert shown.page_box.value() == pages and shown.count_label.text() == f"von {pages}"


def test_closing_while_a_refresh_runs_leaves_no_job(qtbot, window) -> None:
    from benchmarks.workloads import with_blocks

    window.document.replace(with_blocks(470), None)
    shown = _open_preview(qtbot, window)
    preview = shown.preview
    qtbot.waitUntil(lambda: not preview.busy, timeout=30000)
    window.document.set("grunddaten.betreff", "Geändert kurz vor dem Schließen")
    with qtbot.waitSignal(preview.busyChanged, timeout=5000, check_params_cb=bool):
        pass  # the refresh of the 35 pages has started
    window.document.set_dirty(False)
    window.close()  # the session closes: the preview cancels and waits for its job
    assert not shown.isVisible()
    assert window.session.jobs.pool.activeThreadCount() == 0
    assert preview.jobs.current is None or preview.jobs.current.cancelled


def test_copies_are_repeated_here_when_the_printer_cannot(app) -> None:
    from desktop.preview.printing import page_order

    printer = QPrinter()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)  # makes no copies itself
    assert not printer.supportsMultipleCopies()
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setFromTo(2, 3)
    printer.setCopyCount(2)
    printer.setCollateCopies(False)
    assert page_order(printer, 5) == [1, 1, 2, 2]
    printer.setCollateCopies(True)
    assert page_order(printer, 5) == [1, 2, 1, 2]
    printer.setPrintRange(QPrinter.PrintRange.AllPages)
    printer.setCopyCount(1)
    assert page_order(printer, 3) == [0, 1, 2]


def test_the_review_page_opens_the_preview_by_alt_v(qtbot, window) -> None:
    assert window.session.open_example()
    page = window.go_to(Extra.PRUEFEN)
    _press(qtbot, page, Qt.Key.Key_V, Qt.KeyboardModifier.AltModifier)
    # A button's Alt letter clicks it as an animated click, a moment later.
    qtbot.waitUntil(lambda: window._preview_window is not None, timeout=5000)
    shown = window._preview_window
    assert shown.isVisible()
    qtbot.waitUntil(lambda: bool(shown.views) and shown.views[0].image is not None, timeout=20000)
