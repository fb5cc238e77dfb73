"""Qt's own German strings (standard buttons, dialogs, context menus) from the PySide6 wheel."""

from __future__ import annotations

import logging

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

log = logging.getLogger(__name__)


def install_translations(app: QApplication) -> bool:
    """Install `qtbase_de` before any widget is built; keeps the translator alive on the app."""
    if getattr(app, "_german_translator", None) is not None:
        return True
    locale = QLocale(QLocale.Language.German, QLocale.Country.Germany)
    QLocale.setDefault(locale)
    translator = QTranslator(app)
    path = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if not translator.load(locale, "qtbase", "_", path):
        log.warning("Qt-Übersetzung qtbase_de nicht gefunden in %s", path)
        return False
    app.installTranslator(translator)
    app._german_translator = translator  # the translator must outlive this function
    return True
