#!/usr/bin/env python3
"""Take a PNG of every page of the real main window into docs/screenshots/.

Run from the repository root: `.venv/bin/python scripts/screenshots.py`. Without a display it
uses Qt's offscreen platform (same widgets, same rendering); under `xvfb-run -a` it grabs a
real X11 window. The window shows the example Vorlage; the Finanzen page is taken twice, as in
the example (NEIN) and with amounts (JA) to show the computed rows.
"""

from __future__ import annotations

import os
import sys
import tempfile
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSize  # noqa: E402

from desktop.app import build_window, create_application  # noqa: E402
from desktop.dialogs import Dialogs  # noqa: E402
from desktop.settings import Settings  # noqa: E402
from forms.flow import STEPS, Extra  # noqa: E402
from forms.labels import Section  # noqa: E402
from forms.model import Anlage  # noqa: E402

OUT = ROOT / "docs" / "screenshots"
SIZE = QSize(1200, 820)

NAMES = {
    Extra.START: "01-start",
    Section.GRUNDDATEN: "02-grunddaten",
    Section.BERATUNGSFOLGE: "03-beratungsfolge",
    Section.BESCHLUSSVORSCHLAG: "04-beschlussvorschlag",
    Section.ERLAEUTERUNGEN: "05-erlaeuterungen",
    Section.ANLAGEN: "06-anlagen",
    Section.FINANZEN: "07-finanzen",
    Section.KLIMARELEVANZ: "08-klimarelevanz",
    Extra.PRUEFEN: "09-pruefen",
}


def settle(app) -> None:
    for _ in range(5):
        app.processEvents()


def main() -> int:
    app = create_application()
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(path=Path(tmp) / "einstellungen.json")
        window = build_window(settings, Dialogs(interactive=False))
        window.resize(SIZE)
        window.show()
        window.session.open_example()
        # The example is a Kenntnisnahme without Anlagen; one Anlage shows the list editor.
        anlage = Anlage(titel="Präsentation Sachstand KIM", datei="KIM_Sachstand_2023.pdf")
        window.document.edit(lambda v: v.anlagen.append(anlage))
        window.document.set(
            "beschlussvorschlag",
            "Der Integrationsrat nimmt die Ausführungen der Verwaltung zur Kenntnis.",
        )
        window.pages[Section.ANLAGEN].reload()
        window.pages[Section.BESCHLUSSVORSCHLAG].reload()
        window.document.set_dirty(False)
        written = []
        for step in STEPS:
            window.go_to(step)
            settle(app)
            path = OUT / f"{NAMES[step]}.png"
            window.grab().save(str(path))
            written.append(path)
        # Finanzen with amounts (FB 52/0019/WP18): computed Ergebnis and Verschlechterung.
        doc = window.document
        doc.set("finanzen.auswirkungen", True)
        doc.set("finanzen.haushaltsjahr", 2021)
        doc.set("finanzen.investiv.auszahlungen.ansatz", Decimal("260000"))
        doc.set("finanzen.investiv.auszahlungen.ansatz_fortgeschrieben", Decimal("540289.51"))
        doc.set("finanzen.investiv.deckung_jahr", "gegeben")
        window.pages[Section.FINANZEN].reload()
        window.go_to(Section.FINANZEN)
        settle(app)
        path = OUT / "07-finanzen-ja.png"
        window.grab().save(str(path))
        written.append(path)
        window.document.set_dirty(False)
        window.close()
    for path in written:
        print(path.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
