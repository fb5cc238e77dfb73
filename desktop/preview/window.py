"""`PreviewWindow`: the exported PDF page by page, zoom, page navigation, Drucken.

A window of its own beside the wizard (Strg+F2 in the main window), so the clerk sees the
printed Vorlage change while typing in the pages. Each PDF page is a `PageView` of the page's
size at the zoom; only the pages in (or next to) the scroll area's viewport are asked for,
the others stay blank until scrolled to. A page keeps its last image until the new one
arrives, so a refresh never blanks what the clerk is looking at.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QGuiApplication,
    QImage,
    QKeySequence,
    QPainter,
    QPaintEvent,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.preview.controller import Preview
from desktop.screens import FRAME, fit_into

ZOOMS = (0.5, 0.67, 0.75, 0.9, 1.0, 1.1, 1.25, 1.5, 1.75, 2.0, 2.5, 3.0)
SCREEN_DPI = 96.0  # logical pixels per inch at 100 %
GAP = 16


class PageView(QWidget):
    """One PDF page: its image when rendered, else a blank sheet of the page's size."""

    def __init__(self, number: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.number = number
        self.image: QImage | None = None
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        rect = QRectF(self.rect())
        painter.fillRect(rect, Qt.GlobalColor.white)
        if self.image is not None:
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            painter.drawImage(rect, self.image)
        else:
            painter.setPen(Qt.GlobalColor.gray)
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, f"Seite {self.number} …")
        painter.end()


class PreviewWindow(QWidget):
    printRequested = Signal()

    def __init__(self, preview: Preview, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.preview = preview
        self.zoom = 1.0
        self.views: list[PageView] = []
        self.setObjectName("previewWindow")
        self.setWindowTitle("Vorschau – Vorlagen-Assistent")
        self._build()
        preview.changed.connect(self._pdf_changed)
        preview.pageReady.connect(self._page_ready)
        preview.busyChanged.connect(self._update_state)
        preview.failed.connect(self._show_failure)
        self._placed = False

    # -- construction ----------------------------------------------------------------------
    def _build(self) -> None:
        self.prev_button = QPushButton("< Vorherige Seite", self)
        self.next_button = QPushButton("Nächste Seite >", self)
        self.page_box = QSpinBox(self)
        self.page_box.setAccessibleName("Seite")
        self.page_box.setRange(1, 1)
        self.page_box.setKeyboardTracking(False)
        self.count_label = QLabel("von 1", self)
        self.zoom_out_button = QPushButton("−", self)
        self.zoom_out_button.setAccessibleName("Verkleinern")
        self.zoom_out_button.setToolTip("Verkleinern (Strg+-)")
        self.zoom_label = QLabel("100 %", self)
        self.zoom_label.setAccessibleName("Zoom")
        self.zoom_in_button = QPushButton("+", self)
        self.zoom_in_button.setAccessibleName("Vergrößern")
        self.zoom_in_button.setToolTip("Vergrößern (Strg++)")
        self.entwurf_label = QLabel(self)
        self.entwurf_label.setObjectName("previewEntwurf")
        self.state_label = QLabel("Vorschau wird erstellt …", self)
        self.state_label.setObjectName("previewState")
        self.print_button = QPushButton("&Drucken…", self)
        bar = QHBoxLayout()
        bar.setContentsMargins(12, 8, 12, 8)
        for widget in (self.prev_button, self.page_box, self.count_label, self.next_button):
            bar.addWidget(widget)
        bar.addSpacing(16)
        for widget in (self.zoom_out_button, self.zoom_label, self.zoom_in_button):
            bar.addWidget(widget)
        bar.addSpacing(16)
        bar.addWidget(self.entwurf_label)
        bar.addStretch(1)
        bar.addWidget(self.state_label)
        bar.addWidget(self.print_button)

        self.pages = QWidget(self)
        self.pages.setObjectName("previewPages")
        self.pages_layout = QVBoxLayout(self.pages)
        self.pages_layout.setContentsMargins(GAP, GAP, GAP, GAP)
        self.pages_layout.setSpacing(GAP)
        self.pages_layout.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setObjectName("previewScroll")
        self.scroll_area.setAccessibleName("Seiten der Vorlage")
        self.scroll_area.setWidget(self.pages)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.scroll_area.setStyleSheet("#previewScroll, #previewPages { background: #7d7d7d; }")
        self.scroll_area.verticalScrollBar().valueChanged.connect(self._viewport_moved)
        self.scroll_area.horizontalScrollBar().valueChanged.connect(self._viewport_moved)
        # Page sizes and the window's size settle in later layout passes: look again then.
        self.pages.installEventFilter(self)
        self.scroll_area.viewport().installEventFilter(self)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(bar)
        layout.addWidget(self.scroll_area, 1)

        self.prev_button.clicked.connect(lambda: self.go_to_page(self.current_page() - 1))
        self.next_button.clicked.connect(lambda: self.go_to_page(self.current_page() + 1))
        self.page_box.valueChanged.connect(self._page_box_changed)
        self.zoom_in_button.clicked.connect(lambda: self.step_zoom(1))
        self.zoom_out_button.clicked.connect(lambda: self.step_zoom(-1))
        self.print_button.clicked.connect(self.printRequested)
        self._shortcut("Vergrößern", lambda: self.step_zoom(1), "Ctrl++", "Ctrl+=")
        self._shortcut("Verkleinern", lambda: self.step_zoom(-1), "Ctrl+-")
        self._shortcut("Originalgröße", lambda: self.set_zoom(1.0), "Ctrl+0")
        self._shortcut(
            "Nächste Seite", lambda: self.go_to_page(self.current_page() + 1), "Ctrl+PgDown"
        )
        self._shortcut(
            "Vorherige Seite", lambda: self.go_to_page(self.current_page() - 1), "Ctrl+PgUp"
        )
        self._shortcut("Erste Seite", lambda: self.go_to_page(1), "Ctrl+Home")
        self._shortcut("Letzte Seite", lambda: self.go_to_page(len(self.views)), "Ctrl+End")
        self._shortcut("Drucken", self.printRequested.emit, QKeySequence.StandardKey.Print)
        self._shortcut("Schließen", self.close, "Esc")

    def _shortcut(
        self, text: str, slot: Callable[[], object], *keys: str | QKeySequence.StandardKey
    ) -> QAction:
        action = QAction(text, self)
        action.setShortcuts([QKeySequence(k) for k in keys])
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)
        return action

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self._viewport_moved()
        return False

    # -- showing ---------------------------------------------------------------------------
    def place(self) -> None:
        """First shown: a page wide (up to 900 px), the screen's free height, at its right."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        area = screen.availableGeometry()
        room = QSize(max(area.width() - FRAME.width(), 1), max(area.height() - FRAME.height(), 1))
        self.resize(QSize(900, room.height()).boundedTo(room))
        fit_into(self, area, room)
        self.move(area.right() - self.width() - FRAME.width() + 1, area.top())
        fit_into(self, area, room)

    def showEvent(self, event: QShowEvent) -> None:
        if not self._placed:
            self._placed = True
            self.place()
        super().showEvent(event)
        self.preview.activate()
        self._update_state(self.preview.busy)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.preview.deactivate()
        super().closeEvent(event)

    def dpi(self) -> float:
        return SCREEN_DPI * self.zoom * self.devicePixelRatioF()

    def _pdf_changed(self) -> None:
        sizes = self.preview.sizes
        while len(self.views) > len(sizes):
            view = self.views.pop()
            self.pages_layout.removeWidget(view)
            view.deleteLater()
        while len(self.views) < len(sizes):
            view = PageView(len(self.views) + 1, self.pages)
            self.pages_layout.addWidget(view, 0, Qt.AlignmentFlag.AlignHCenter)
            self.views.append(view)
            view.show()
        self._size_views()
        count = max(len(sizes), 1)
        self.page_box.setRange(1, count)
        self.count_label.setText(f"von {count}")
        for view in self.views:
            view.setAccessibleName(f"Seite {view.number} von {count}")
        self.entwurf_label.setText(
            "ENTWURF – offene Fehler, so wird gedruckt" if self.preview.entwurf else ""
        )
        self._update_state(self.preview.busy)
        self._viewport_moved()

    def _size_views(self) -> None:
        scale = SCREEN_DPI * self.zoom / 72.0
        for view, (width, height) in zip(self.views, self.preview.sizes, strict=False):
            view.setFixedSize(round(width * scale), round(height * scale))
        self.pages.adjustSize()

    def _page_ready(self, index: int) -> None:
        if index < len(self.views):
            image = self.preview.image(index, self.dpi())
            if image is not None:
                self.views[index].image = image
                self.views[index].update()

    def _update_state(self, busy: bool) -> None:
        if busy or self.preview.data is None:
            self.state_label.setText("Wird aktualisiert …")
        else:
            self.state_label.setText(f"Stand: {len(self.views)} Seite(n)")

    def _show_failure(self, message: str) -> None:
        self.state_label.setText("Vorschau nicht möglich")
        self.state_label.setToolTip(message)

    # -- what is visible -------------------------------------------------------------------
    def visible_pages(self) -> list[int]:
        """0-based indexes of the pages in the viewport, largest visible part first."""
        top = self.scroll_area.verticalScrollBar().value()
        bottom = top + self.scroll_area.viewport().height()
        shown: list[tuple[int, int]] = []
        for index, view in enumerate(self.views):
            y0, y1 = view.y(), view.y() + view.height()
            part = min(y1, bottom) - max(y0, top)
            if part > 0:
                shown.append((part, index))
        shown.sort(key=lambda item: (-item[0], item[1]))
        return [index for _part, index in shown]

    def current_page(self) -> int:
        """1-based number of the page that fills most of the viewport."""
        visible = self.visible_pages()
        return visible[0] + 1 if visible else 1

    def _viewport_moved(self, *_args: object) -> None:
        visible = self.visible_pages()
        if not self.views:
            self.preview.want([0], self.dpi())
            return
        ahead = [i + 1 for i in sorted(visible)[-1:] if i + 1 < len(self.views)]
        self.preview.want(sorted(visible) + ahead, self.dpi())
        for index in visible:
            self._page_ready(index)
        self.page_box.blockSignals(True)
        self.page_box.setValue(self.current_page())
        self.page_box.blockSignals(False)

    def go_to_page(self, number: int) -> None:
        if not self.views:
            return
        number = min(max(number, 1), len(self.views))
        self.scroll_area.verticalScrollBar().setValue(self.views[number - 1].y() - GAP // 2)
        self._viewport_moved()

    def _page_box_changed(self, number: int) -> None:
        self.go_to_page(number)

    # -- zoom ------------------------------------------------------------------------------
    def step_zoom(self, steps: int) -> None:
        index = min(range(len(ZOOMS)), key=lambda i: abs(ZOOMS[i] - self.zoom))
        self.set_zoom(ZOOMS[min(max(index + steps, 0), len(ZOOMS) - 1)])

    def set_zoom(self, zoom: float) -> None:
        if zoom == self.zoom:
            return
        bar = self.scroll_area.verticalScrollBar()
        ratio = bar.value() / max(self.pages.height(), 1)
        self.zoom = zoom
        self.zoom_label.setText(f"{round(zoom * 100)} %")
        self._size_views()
        bar.setValue(round(ratio * self.pages.height()))
        self._viewport_moved()
