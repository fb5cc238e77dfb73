"""Entry point `vorlagen-assistent [DATEI]`.

Without a display (`--no-display`) the example is exported instead, so the README's run
command is useful on a server. `--smoke-test` builds the whole window without dialogs,
visits every page, exports the example through the real worker and checks the PDF
(desktop/smoke.py). The start itself is desktop/startup.py.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from desktop.startup import Startup, create_application, prepare_event_loop


class _Version(argparse.Action):
    """--version: the installed version, looked up only when asked (importlib.metadata
    scans sys.path: ~30 ms of every start otherwise)."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: object) -> None:
        super().__init__(option_strings, dest, nargs=0, help="Version anzeigen und beenden")

    def __call__(self, parser: argparse.ArgumentParser, *_args: object) -> None:
        import forms

        print(f"{parser.prog} {forms.__version__}")  # on stdout, as argparse's own
        parser.exit()


def _parse(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="vorlagen-assistent", description="Vorlagen-Assistent")
    parser.add_argument("--version", action=_Version)
    parser.add_argument("file", nargs="?", type=Path, metavar="DATEI", help="Projektdatei öffnen")
    parser.add_argument(
        "--profil",
        metavar="NAME|DATEI",
        help="Gemeindeprofil für diesen Start (installierte id oder Profildatei); sonst das "
        "in den Einstellungen gewählte",
    )
    parser.add_argument(
        "--no-display",
        action="store_true",
        help="ohne Bildschirm: das Beispiel als PDF nach out/ exportieren und den Pfad nennen",
    )
    parser.add_argument(
        "--smoke-test",
        action="store_true",
        help="Fenster ohne Dialoge aufbauen, jede Seite zeigen, Beispiel-PDF erzeugen, prüfen",
    )
    return parser.parse_args(argv)


def export_example(out_dir: Path, profile: str | None = None) -> Path:
    """What the program does where no window can open: a real export of the example (of
    `profile`, else of the profile in use)."""
    from forms import profiles, projectfile
    from forms.errors import VorlageError
    from forms.pdf import render_to_file

    chosen = profiles.load(profile)
    example = profiles.example_path(chosen)
    if example is None:
        raise VorlageError(f"Das Profil „{chosen.name}“ bringt kein Beispiel mit.")
    vorlage = projectfile.load(example)
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / (example.name.removesuffix(projectfile.SUFFIX) + ".pdf")
    render_to_file(vorlage, target, profile=profiles.for_vorlage(vorlage.profil, chosen).profile)
    return target


def run_gui(file: Path | None, profil: str | None = None) -> int:
    from desktop.crash import install_excepthook, setup_logging
    from desktop.dialogs import Dialogs
    from desktop.settings import Settings

    log_path = setup_logging()
    app = create_application()
    dialogs = Dialogs()
    install_excepthook(dialogs, log_path)  # before the window, so its construction is covered
    settings = Settings.load()
    if profil:
        # An explicit --profil is checked before any window: a broken one ends the start.
        from forms.profiles import ProfileError, load

        try:
            load(profil)
        except ProfileError as exc:  # refused with the German message, never a traceback
            dialogs.error("Gemeindeprofil fehlerhaft", str(exc))
            print(f"Fehler: {exc}", file=sys.stderr)
            return 2
    from PySide6.QtCore import QTimer

    startup = Startup(settings, dialogs, file, profil=profil, deferred=True)
    startup.window.show()  # the shell; `finish` runs in the first idle moment after its paint
    # A window that is never painted (started minimised) finishes its start all the same.
    QTimer.singleShot(2000, startup.window.finish_start)
    prepare_event_loop()
    code = app.exec()
    del startup
    return code


def main(argv: Sequence[str] | None = None) -> int:
    args = _parse(argv)
    if args.smoke_test:
        from desktop.smoke import smoke_test

        return smoke_test()
    if args.no_display:
        from forms.errors import VorlageError

        try:
            target = export_example(Path.cwd() / "out", args.profil)
        except VorlageError as exc:
            print(f"Fehler: {exc}", file=sys.stderr)
            return 2
        print(
            "Kein Bildschirm gefunden – der Assistent kann kein Fenster öffnen.\n"
            f"Stattdessen wurde die Beispiel-Vorlage exportiert: {target}"
        )
        return 0
    return run_gui(args.file, args.profil)


if __name__ == "__main__":
    raise SystemExit(main())
