"""Qt's own German strings (standard buttons, dialogs, context menus) from the PySide6 wheel."""

from __future__ import annotations

import logging

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

log = logging.getLogger(__name__)

# The installed translator must outlive install_translations(); the app does not own it in
# Python's eyes, so it is kept here (one application per process).
_installed: list[QTranslator] = []


def install_translations(app: QApplication) -> bool:
    """Install `qtbase_de` before any widget is built (once per application)."""
    if any(t.parent() is app for t in _installed):
        return True
    locale = QLocale(QLocale.Language.German, QLocale.Country.Germany)
    QLocale.setDefault(locale)
    translator = QTranslator(app)
    path = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if not translator.load(locale, "qtbase", "_", path):
        log.warning("Qt-Übersetzung qtbase_de nicht gefunden in %s", path)
        return False
    app.installTranslator(translator)
    _installed.append(translator)
    return True
