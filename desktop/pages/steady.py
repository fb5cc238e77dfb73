"""The field under the cursor stays where it is on screen while the page around it changes.

A problem line appearing above the field (the page's own list in the header, a table's
message above the finance tables, a hint growing a wrapper) pushed the field down by a line
under the clerk's fingers. After each model change the page is laid out at once, before it
is painted, and the body is scrolled by as much as the field moved; where the body cannot
scroll that far it is given room at its end, which `release` gives back when the page is
shown anew.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QEvent, QPoint
from PySide6.QtWidgets import QApplication, QScrollArea, QWidget


class Steady:
    def __init__(self, page: QWidget, scroll_area: QScrollArea) -> None:
        self._page = page
        self._area = scroll_area
        self._room = 0  # extra height given to the body so it can scroll far enough

    @contextmanager
    def kept(self) -> Iterator[None]:
        """Around a change of the page: the focused field keeps its place on screen."""
        body = self._area.widget()
        focus = self._page.focusWidget()
        if body is None or focus is None or not body.isAncestorOf(focus):
            yield
            return
        before = focus.mapTo(self._page, QPoint(0, 0)).y()
        yield
        _lay_out_now()
        moved = focus.mapTo(self._page, QPoint(0, 0)).y() - before
        if moved:
            self._scroll_by(moved)

    def release(self) -> None:
        """Give back the room kept at the body's end (the page is shown anew)."""
        body = self._area.widget()
        if self._room and body is not None:
            self._room = 0
            body.setMinimumHeight(0)

    def _scroll_by(self, moved: int) -> None:
        bar = self._area.verticalScrollBar()
        wanted = bar.value() + moved
        body = self._area.widget()
        if wanted > bar.maximum() and body is not None:
            self._room += wanted - bar.maximum()
            body.setMinimumHeight(body.height() + wanted - bar.maximum())
            _lay_out_now()
        bar.setValue(max(0, wanted))


def _lay_out_now() -> None:
    # Qt lays out in posted events before the next paint; doing it here lets the page be
    # scrolled in the same turn, so no frame shows the field moved.
    QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
