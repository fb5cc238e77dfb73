#!/usr/bin/env python3
"""Take a PNG of every page of the real main window into docs/screenshots/.

Run from the repository root: `.venv/bin/python scripts/screenshots.py`. Two screens are
taken, each in its own process (Qt fixes the scale factor when it starts), with Qt's
offscreen platform and an emulated screen, so the images are the same on every machine:

- docs/screenshots/NN-*.png: a 1024×768 screen at 100 % (the smallest office laptop),
- docs/screenshots/150/NN-*.png: a 1920×1080 screen at 150 % (1280×720 usable).

The window opens as the clerk's first start opens it (within the free screen area) and shows
the example Vorlage; the Finanzen page is taken twice, as in the example (NEIN) and with
amounts (JA) to show the computed rows; 10-vorschau.png is the Vorschau window (Strg+F2),
10-suchen.png the find bar, 11-rechtschreibung.png an unknown word's context menu and
12-textbausteine.png the Textbaustein picker at the cursor (the popup drawn onto the window
where it opens).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"

# folder under docs/screenshots, physical screen size, scale factor
SCREENS = [("", (1024, 768), "1"), ("150", (1920, 1080), "1.5")]

NAMES = {
    "start": "01-start",
    "grunddaten": "02-grunddaten",
    "beratungsfolge": "03-beratungsfolge",
    "beschlussvorschlag": "04-beschlussvorschlag",
    "erlaeuterungen": "05-erlaeuterungen",
    "anlagen": "06-anlagen",
    "finanzen": "07-finanzen",
    "klimarelevanz": "08-klimarelevanz",
    "pruefen": "09-pruefen",
}


def main() -> int:
    if len(sys.argv) == 4 and sys.argv[1] == "--one":
        return take(Path(sys.argv[2]), sys.argv[3])
    for folder, (width, height), scale in SCREENS:
        with tempfile.TemporaryDirectory() as tmp:
            config = Path(tmp) / "screen.json"
            screen = {"name": "Bildschirm", "x": 0, "y": 0, "width": width, "height": height}
            screen |= {"logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}
            config.write_text(json.dumps({"screens": [screen]}), encoding="utf-8")
            env = dict(
                os.environ,
                QT_QPA_PLATFORM=f"offscreen:configfile={config}",
                QT_SCALE_FACTOR=scale,
            )
            target = OUT / folder if folder else OUT
            command = [sys.executable, __file__, "--one", str(target), tmp]
            subprocess.run(command, env=env, check=True, cwd=ROOT)
    return 0


def settle(app) -> None:
    for _ in range(5):
        app.processEvents()


def wait(app, done, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and not done():
        app.processEvents()
        time.sleep(0.01)


def take(target: Path, tmp: str) -> int:
    sys.path.insert(0, str(ROOT))
    from PySide6.QtGui import QPainter, QTextCursor
    from PySide6.QtWidgets import QWidget

    from desktop.dialogs import Dialogs
    from desktop.settings import Settings
    from desktop.startup import build_window, create_application
    from desktop.widgets.markdownedit import MarkdownTextEdit
    from forms.flow import STEPS
    from forms.labels import Section
    from forms.model import Anlage
    from forms.spelling import tokens as spelling_tokens

    app = create_application()
    target.mkdir(parents=True, exist_ok=True)
    window = build_window(
        Settings(path=Path(tmp) / "einstellungen.json"), Dialogs(interactive=False)
    )
    window.show()
    window.session.open_example()
    doc = window.document
    # The example is a Kenntnisnahme without Anlagen; one Anlage shows the list editor.
    anlage = Anlage(titel="Präsentation Sachstand KIM", datei="KIM_Sachstand_2023.pdf")
    doc.edit(lambda v: v.anlagen.append(anlage))
    doc.set(
        "beschlussvorschlag",
        "Der Integrationsrat nimmt die Ausführungen der Verwaltung zur Kenntnis.",
    )
    for step in (Section.ANLAGEN, Section.BESCHLUSSVORSCHLAG):
        window.page(step).reload()
    doc.set_dirty(False)
    written = []

    def shot(name: str) -> None:
        settle(app)
        path = target / f"{name}.png"
        window.grab().save(str(path))
        written.append(path)

    def with_popup(name: str, popup: QWidget) -> None:
        """The window with a popup (menu, picker) drawn where it opens on the screen."""
        settle(app)
        image = window.grab()
        painter = QPainter(image)
        painter.drawPixmap(window.mapFromGlobal(popup.pos()), popup.grab())
        painter.end()
        path = target / f"{name}.png"
        image.save(str(path))
        written.append(path)

    for step in STEPS:
        window.go_to(step)
        shot(NAMES[step.value])
    # Vorschau (Strg+F2): the exported PDF in its own window, page 1 rendered.
    preview = window.show_preview()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not (
        preview.views and preview.views[0].image is not None and not preview.preview.busy
    ):
        app.processEvents()
        time.sleep(0.01)
    settle(app)
    path = target / "10-vorschau.png"
    preview.grab().save(str(path))
    written.append(path)
    preview.close()
    # Finanzen with amounts: computed Ergebnis and Verschlechterung, a seven-digit figure.
    doc.set("finanzen.auswirkungen", True)
    doc.set("finanzen.haushaltsjahr", 2026)
    doc.set("finanzen.investiv.auszahlungen.ansatz", Decimal("260000"))
    doc.set("finanzen.investiv.auszahlungen.ansatz_fortgeschrieben", Decimal("1234567.89"))
    doc.set("finanzen.investiv.deckung_jahr", "gegeben")
    window.page(Section.FINANZEN).reload()
    window.go_to(Section.FINANZEN)
    shot("07-finanzen-ja")
    # Bearbeiten › Ersetzen (Strg+H): the first hit selected on its page (issue 15).
    bar = window.find_bar
    bar.open_replace()
    bar.query.setText("KIM")
    bar.replacement.setText("Kommunales Integrationsmanagement")
    bar.find_next()
    shot("10-suchen")
    bar.close()
    # Rechtschreibung: an unknown word underlined, its context menu with the suggestions.
    spelling = window.spelling
    spelling.load_now()
    doc.set("erlaeuterungen", "Die Maßnahmme wird 2024 umgesetzt.\n\n" + doc.vorlage.erlaeuterungen)
    window.page(Section.ERLAEUTERUNGEN).reload()
    window.go_to(Section.ERLAEUTERUNGEN)
    field = spelling.field_for("erlaeuterungen")
    assert field is not None

    def judged() -> bool:  # the first word's verdict is in (it is the first one selected)
        first = list(spelling_tokens(field.document.begin().text()))[1]
        return spelling.ready and spelling.wrong(first) is True and field.select_first_wrong()

    wait(app, judged)
    editor = field.widget
    cursor = editor.textCursor()  # in the word, not selecting it: the underline shows
    cursor.setPosition(cursor.selectionStart() + 3)
    editor.setTextCursor(cursor)
    menu = field.context_menu(cursor)
    at = editor.viewport().mapToGlobal(editor.cursorRect().bottomRight())
    menu.popup(at)
    with_popup("11-rechtschreibung", menu)
    menu.close()
    # Einfügen › Textbaustein (Strg+Umschalt+T): the picker at the cursor, filtered.
    page = window.go_to(Section.BESCHLUSSVORSCHLAG)
    editor = page.findChildren(MarkdownTextEdit)[0]
    window.activateWindow()
    editor.setFocus()
    editor.moveCursor(QTextCursor.MoveOperation.End)
    settle(app)
    window.textbausteine.open_picker()
    picker = window.textbausteine.picker
    picker.filter.setText("Beschluss")
    with_popup("12-textbausteine", picker)
    picker.reject()
    doc.set_dirty(False)
    window.close()
    for path in written:
        print(path.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
