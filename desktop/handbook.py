"""Hilfe › Handbuch (F1): the German user handbook docs/handbuch.md, shown offline.

Qt renders the Markdown itself (QTextBrowser reads a .md source as Markdown), so the handbook is
the same file in the repository, in the bundle (build.spec copies it to docs/) and on screen.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

TITLE = "Handbuch – Vorlagen-Assistent"


def handbook_path() -> Path:
    bundle = getattr(sys, "_MEIPASS", None)
    root = Path(bundle) if bundle is not None else Path(__file__).resolve().parents[1]
    return root / "docs" / "handbuch.md"


class HandbookDialog(QDialog):
    """A non-modal reader: the clerk can keep it open next to the wizard."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(TITLE)
        self.resize(720, 640)
        self.browser = QTextBrowser(self)
        self.browser.setAccessibleName("Handbuch")
        # Links inside the handbook stay in it; a web link would need the network, so it goes
        # to the system browser instead of failing inside the dialog.
        self.browser.setOpenLinks(False)
        self.browser.anchorClicked.connect(self._follow)
        path = handbook_path()
        if path.is_file():
            self.browser.setSource(QUrl.fromLocalFile(str(path)))
        else:
            self.browser.setPlainText(
                f"Das Handbuch fehlt in dieser Installation ({path}). "
                "Bitte wenden Sie sich an die IT-Betreuung."
            )
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)

    def _follow(self, url: QUrl) -> None:
        if url.isLocalFile() or url.isRelative() or url.scheme() == "":
            self.browser.setSource(url)
        else:
            QDesktopServices.openUrl(url)


def show_handbook(parent: QWidget) -> HandbookDialog:
    """Open (or raise) the one handbook window of `parent`."""
    dialog = parent.findChild(HandbookDialog)
    if dialog is None:
        dialog = HandbookDialog(parent)
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
    return dialog
