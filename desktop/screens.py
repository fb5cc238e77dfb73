"""The window on the clerk's screen: within its free area, with the size last used there.

A laptop at 1024×768, a 1920×1080 monitor at 150 % (1280×720 usable) and a docking station
give different screens; each remembers its own window size (Settings.window_sizes).
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QRect, QSize
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QWidget

from desktop.settings import Settings

DEFAULT_SIZE = QSize(1180, 800)
# Below this the pages still work (they scroll); the finance grid scrolls sideways.
MINIMUM_SIZE = QSize(900, 560)
# Room for the title bar and the border the window manager adds around the window.
FRAME = QSize(16, 48)


def screen_key(screen: QScreen) -> str:
    area = screen.availableGeometry()
    return f"{screen.name()} {area.width()}x{area.height()} @{screen.devicePixelRatio():g}"


def _screen(window: QWidget) -> QScreen:
    return window.screen() or QGuiApplication.primaryScreen()


def place_window(window: QWidget, settings: Settings) -> None:
    """Size and position for the screen the window opens on; never larger than its free area."""
    screen = _screen(window)
    area = screen.availableGeometry()
    room = QSize(max(area.width() - FRAME.width(), 1), max(area.height() - FRAME.height(), 1))
    window.setMinimumSize(MINIMUM_SIZE.boundedTo(room))
    # Another screen's geometry (or one from before sizes per screen) is clamped below.
    stored = settings.window_sizes.get(screen_key(screen)) or settings.window_geometry
    if not (stored and window.restoreGeometry(QByteArray.fromHex(stored.encode()))):
        window.resize(DEFAULT_SIZE.boundedTo(room))
        frame = QRect(area.topLeft(), window.size())
        frame.moveCenter(area.center())
        window.move(frame.topLeft())
    fit_into(window, area, room)


def fit_into(window: QWidget, area: QRect, room: QSize) -> None:
    if window.width() > room.width() or window.height() > room.height():
        window.resize(window.size().boundedTo(room))
    x = min(max(window.x(), area.left()), area.right() - window.width() - FRAME.width() + 1)
    y = min(max(window.y(), area.top()), area.bottom() - window.height() - FRAME.height() + 1)
    window.move(max(x, area.left()), max(y, area.top()))


def remember_window(window: QWidget, settings: Settings) -> None:
    geometry = bytes(window.saveGeometry().toHex().data()).decode()
    settings.window_sizes[screen_key(_screen(window))] = geometry
    settings.window_geometry = geometry
