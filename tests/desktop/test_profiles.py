"""The municipal profile in the wizard, with real widgets and real key presses: chosen by the
setting, on first start, by --profil and by the project file; Einstellungen; a file of a
profile that is not installed; the further Auswirkungen block (issue 16)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from desktop.app import main
from desktop.settings import Settings
from desktop.startup import build_window, start
from forms import profiles, projectfile
from forms.labels import Section
from forms.model import Auswirkung
from forms.profile import load_profile
from forms.profiles import ProfileError
from tests.conftest import EXAMPLE, ROOT

MUSTERSTADT = ROOT / "resources" / "examples" / "V-2026-0042.vorlage.json"


@pytest.fixture
def started(app, qtbot, dialogs, data_home):  # type: ignore[no-untyped-def]
    windows = []

    def run(settings: Settings, **kwargs):  # type: ignore[no-untyped-def]
        window, saver = start(settings, dialogs, **kwargs)
        qtbot.addWidget(window)
        windows.append((window, saver))
        return window

    yield run
    for window, saver in windows:
        saver.close()
        window.document.set_dirty(False)
        window.close()


@pytest.fixture
def data_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "daten"))
    return tmp_path


def items(combo) -> list[str]:  # type: ignore[no-untyped-def]
    return [combo.itemText(i) for i in range(combo.count())]


def new_by_keyboard(qtbot, window, dienststelle: str):  # type: ignore[no-untyped-def]
    start_page = window.start_page
    start_page.federfuehrend.setFocus()
    qtbot.keyClicks(start_page.federfuehrend.lineEdit(), dienststelle)
    qtbot.keyClick(start_page.new_button, Qt.Key.Key_Space)
    return window.page(Section.GRUNDDATEN)


def test_the_setting_chooses_catalogues_hints_and_validation(started, qtbot, settings) -> None:
    settings.profil = "musterstadt"
    window = started(settings)
    assert window.document.home_profile.id == "musterstadt"
    assert "Amt 61 - Stadtplanungsamt" in items(window.start_page.federfuehrend)
    assert window.start_page.vorlageart.currentText() == "Beschlussvorlage"
    page = new_by_keyboard(qtbot, window, "Amt 61")
    g = window.document.vorlage.grunddaten
    assert (g.vorlageart, g.federfuehrend.name) == ("Beschlussvorlage", "Stadtplanungsamt")
    assert window.document.vorlage.profil == "musterstadt"
    assert items(page.vorlageart) == [
        "Mitteilungsvorlage",
        "Beschlussvorlage",
        "Anfragebeantwortung",
    ]
    assert "Amt 70 - Umweltamt" in items(page.federfuehrend)
    assert not any(t.startswith("FB ") for t in items(page.federfuehrend))
    assert page.vorlage_nr.placeholderText() == "z. B. V-2026/0042"
    assert page.federfuehrend.lineEdit().placeholderText().endswith("z. B. Amt 61")
    assert page.verfasst_von.placeholderText().endswith("z. B. Amt 61/2")
    assert page.unterschrift.placeholderText() == "z. B. Max Mustermann\nBürgermeister"
    page.vorlage_nr.setFocus()
    qtbot.keyClicks(page.vorlage_nr, "FB 56/0319/WP18")
    assert "Format passt nicht. Erwartet: V-Jahr/laufende Nummer" in page.vorlage_nr_hint.text()
    messages = [p.message for p in window.document.problems()]
    assert any("„FB 56/0319/WP18“ hat nicht das erwartete Format (V-Jahr" in m for m in messages)
    page.vorlage_nr.selectAll()
    qtbot.keyClicks(page.vorlage_nr, "V-2026/0007")
    assert page.vorlage_nr_hint.text() == "✓ Format passt."


def test_aachen_by_default_with_its_own_hints(started, qtbot, settings) -> None:
    window = started(settings)
    page = new_by_keyboard(qtbot, window, "FB 56")
    assert window.document.vorlage.grunddaten.federfuehrend.kuerzel == "FB 56"
    assert page.unterschrift.placeholderText() == "z. B. Sibylle Keupen\nOberbürgermeisterin"
    assert page.vorlage_nr.placeholderText() == "z. B. FB 56/0319/WP18"
    assert "Amt 61 - Stadtplanungsamt" not in items(page.federfuehrend)


def test_first_start_asks_when_several_are_installed(started, dialogs, settings, monkeypatch):
    monkeypatch.delenv(profiles.ENV_PROFIL)
    dialogs.answers["profile"] = "musterstadt"
    window = started(settings)
    assert [s.text for s in dialogs.shown if s.title == "Gemeindeprofil"] == ["aachen, musterstadt"]
    assert window.document.home_profile.id == "musterstadt"
    assert Settings.load(settings.path).profil == "musterstadt"
    # Asked once: the next start takes the setting.
    dialogs.shown.clear()
    assert started(Settings.load(settings.path)).document.home_profile.id == "musterstadt"
    assert not [s for s in dialogs.shown if s.title == "Gemeindeprofil"]


def test_first_start_does_not_ask_when_it_is_decided(started, dialogs, settings) -> None:
    # VORLAGE_PROFIL is set (tests/conftest.py), as an IT department may set it.
    started(settings)
    assert not [s for s in dialogs.shown if s.title == "Gemeindeprofil"]


def test_the_option_overrides_the_setting_and_a_broken_one_is_refused(
    started, dialogs, settings, tmp_path, capsys
) -> None:
    settings.profil = "aachen"
    window = started(settings, profil="musterstadt")
    assert window.document.home_profile.id == "musterstadt"
    assert settings.profil == "aachen"  # for this start only
    data = json.loads((ROOT / "resources/profiles/musterstadt.json").read_text("utf-8"))
    data["hinweise"]["dienststelle"] = ""
    broken = tmp_path / "musterstadt.json"
    broken.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(ProfileError, match=r"Feld „hinweise\.dienststelle“: darf nicht leer"):
        start(settings, dialogs, profil=str(broken))
    # The program's entry point: the German message and exit 2, never a traceback.
    assert main(["--no-display", "--profil", str(broken)]) == 2
    err = capsys.readouterr().err
    assert "Fehler: Das Profil „musterstadt.json“ ist fehlerhaft:" in err
    assert "Traceback" not in err


def test_opening_a_file_of_another_profile_uses_it_and_says_so(app, qtbot, window, dialogs) -> None:
    assert window.document.home_profile.id == "aachen"
    window.session.open_file(MUSTERSTADT)
    assert window.document.profile.id == "musterstadt"
    [note] = [s for s in dialogs.shown if s.title == "Profil Stadt Musterstadt"]
    assert note.text.startswith("Die Vorlage gehört zum Profil „Stadt Musterstadt“")
    page = window.go_to(Section.GRUNDDATEN)
    assert "Amt 40 - Schul- und Kulturamt" in items(page.federfuehrend)
    assert page.federfuehrend.currentText() == "Amt 40 - Schul- und Kulturamt"
    klima = window.go_to(Section.KLIMARELEVANZ)
    block = klima.weitere.blocks["personell"]
    assert block.ja.isChecked() and "befristete Stelle" in block.text.toPlainText()
    assert window.document.problems() == []
    # Back to an Aachen file: Aachen's pages again, no Musterstadt block.
    window.session.open_file(EXAMPLE)
    assert window.document.profile.id == "aachen"
    page = window.go_to(Section.GRUNDDATEN)
    assert "Amt 40 - Schul- und Kulturamt" not in items(page.federfuehrend)
    assert window.go_to(Section.KLIMARELEVANZ).weitere.blocks == {}


def test_a_file_of_a_profile_not_installed_opens_and_saves_unchanged(
    app, qtbot, window, dialogs, tmp_path
) -> None:
    document = json.loads(MUSTERSTADT.read_text(encoding="utf-8"))
    document["vorlage"]["profil"] = "koeln"
    source = tmp_path / "koeln.vorlage.json"
    source.write_bytes(projectfile.encode(projectfile.from_document(document)))
    before = source.read_bytes()
    assert window.session.open_file(source)
    [note] = [s for s in dialogs.shown if s.title == "Profil nicht installiert"]
    assert note.kind == "warning"
    assert "Das Profil „koeln“ dieser Vorlage ist nicht installiert" in note.text
    assert window.document.profile.id == "aachen"
    # Every value is shown: the unknown block too, titled by its id.
    klima = window.go_to(Section.KLIMARELEVANZ)
    assert klima.weitere.blocks["personell"].text.toPlainText().startswith("Für die Bauzeit")
    page = window.go_to(Section.GRUNDDATEN)
    assert page.vorlage_nr.text() == "V-2026/0042"
    target = tmp_path / "kopie.vorlage.json"
    dialogs.paths.append(target)
    assert window.session.save_as()
    assert target.read_bytes() == before


def test_einstellungen_change_the_profile_for_new_vorlagen(
    app, qtbot, window, dialogs, settings
) -> None:
    dialogs.answers["profile"] = "musterstadt"
    window.file_menu.settings_action.trigger()
    assert settings.profil == "musterstadt"
    assert Settings.load(settings.path).profil == "musterstadt"
    assert "Amt 61 - Stadtplanungsamt" in items(window.start_page.federfuehrend)
    # The untouched new Vorlage took it at once.
    assert window.document.profile.id == "musterstadt"
    assert window.go_to(Section.GRUNDDATEN).vorlage_nr.placeholderText() == "z. B. V-2026/0042"


def test_the_further_auswirkungen_block_by_keyboard(app, qtbot, dialogs, settings) -> None:
    window = build_window(settings, dialogs, profile=load_profile("musterstadt"))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    try:
        window.session.new_vorlage()
        page = window.go_to(Section.KLIMARELEVANZ)
        block = page.weitere.blocks["personell"]
        assert block.frage.text() == "Hat die Maßnahme personelle Auswirkungen?"
        field = "weitere_auswirkungen.personell.ja"
        assert field in [p.field for p in window.document.problems()]
        assert page.focus_field(field)
        qtbot.waitUntil(lambda: block.ja.hasFocus())
        qtbot.keyClick(block.ja, Qt.Key.Key_Space)
        assert block.problem.text() == "Personelle Auswirkungen: Bei JA bitte beschreiben."
        qtbot.keyClick(block.ja, Qt.Key.Key_Tab)  # JA/NEIN is one Tab stop, the text the next
        qtbot.waitUntil(lambda: block.text.hasFocus())
        qtbot.keyClicks(block.text, "Eine halbe Stelle Sachbearbeitung")
        assert window.document.vorlage.weitere_auswirkungen == {
            "personell": Auswirkung(ja=True, text="Eine halbe Stelle Sachbearbeitung")
        }
        assert not [p for p in window.document.problems() if p.field.startswith("weitere")]
    finally:
        window.document.set_dirty(False)
        window.close()
