"""Entry point `vorlagen-assistent [DATEI]`."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path


def _parse(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="vorlagen-assistent", description="Vorlagen-Assistent")
    parser.add_argument("file", nargs="?", type=Path, metavar="DATEI", help="Projektdatei öffnen")
    parser.add_argument(
        "--no-display",
        action="store_true",
        help="ohne Bildschirm: das Beispiel als PDF nach out/ exportieren und den Pfad nennen",
    )
    return parser.parse_args(argv)


def export_example(out_dir: Path) -> Path:
    """What the program does where no window can open: a real export of the example."""
    from forms import projectfile
    from forms.pdf import render_to_file
    from forms.resources import resource_path

    example = resource_path("examples", "FB_56_0319_WP18.vorlage.json")
    vorlage = projectfile.load(example)
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / "FB_56_0319_WP18.pdf"
    render_to_file(vorlage, target)
    return target


def main(argv: Sequence[str] | None = None) -> int:
    args = _parse(argv)
    if args.no_display:
        from forms.errors import VorlageError

        try:
            target = export_example(Path.cwd() / "out")
        except VorlageError as exc:
            print(f"Fehler: {exc}", file=sys.stderr)
            return 2
        print(
            "Kein Bildschirm gefunden – der Assistent kann kein Fenster öffnen.\n"
            f"Stattdessen wurde die Beispiel-Vorlage exportiert: {target}"
        )
        return 0
    print("Der Assistent (desktop/) ist noch nicht gebaut.", file=sys.stderr)
    return 2


if __name__ == "__main__":
    raise SystemExit(main())
