"""The Deckung choice under a finance table, readable in every column width.

The box spans the two columns of a year. At 1024×768 that is about 130–150 px, and the
form's wording "keine ausreichende Deckung vorhanden" needs 240: the closed box showed a cut
sentence. Where the full wording does not fit, the box shows the short one (the row's label
already says "Deckung:"), with the full wording as its tooltip; the stored value is the same.
"""

from __future__ import annotations

from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QComboBox, QSizePolicy, QStyle, QStyleOptionComboBox, QWidget

from forms.model import Deckung

DECKUNG_TEXTE = {  # the wording of the city's form
    Deckung.NICHT_ANGEGEBEN: "(nicht angegeben)",
    Deckung.GEGEBEN: "Deckung ist gegeben",
    Deckung.NICHT_AUSREICHEND: "keine ausreichende Deckung vorhanden",
}
KURZ = {
    Deckung.NICHT_ANGEGEBEN: "(nicht angegeben)",
    Deckung.GEGEBEN: "gegeben",
    Deckung.NICHT_AUSREICHEND: "nicht ausreichend",
}


class DeckungBox(QComboBox):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        for deckung, text in DECKUNG_TEXTE.items():
            self.addItem(text, deckung.value)
        self.currentIndexChanged.connect(self._fit)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        room = self._text_room()
        fits = all(self.fontMetrics().horizontalAdvance(t) <= room for t in DECKUNG_TEXTE.values())
        for i, deckung in enumerate(DECKUNG_TEXTE):
            text = DECKUNG_TEXTE[deckung] if fits else KURZ[deckung]
            if self.itemText(i) != text:
                self.setItemText(i, text)
        current = DECKUNG_TEXTE.get(Deckung(self.currentData())) if self.currentData() else None
        self.setToolTip("" if fits or current is None else f"Deckung: {current}")

    def _text_room(self) -> int:
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        rect = self.style().subControlRect(
            QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxEditField, self
        )
        return rect.width()
