"""The CLI commands that exchange Vorlagen with the council systems: `import` and `oparl`.

Kept apart from forms/cli.py so the core command module stays small.
"""

from __future__ import annotations

import argparse
import sys

from forms.errors import ProjectFileError

EXIT_OK = 0


def run_import(args: argparse.Namespace) -> int:
    from forms import projectfile, ratsinfo

    if args.output.exists() and not args.force:
        raise ProjectFileError(
            f"„{args.output.name}“ gibt es schon; mit --force wird sie überschrieben."
        )
    result = ratsinfo.load_page(args.page)
    projectfile.save(result.vorlage, args.output, backup=False)
    print(result.bericht.text())
    print(f"Projektdatei geschrieben: {args.output}")
    if result.bericht.nicht_gelesen:
        print(
            f"{len(result.bericht.nicht_gelesen)} Teil(e) nicht gelesen; bitte im Assistenten "
            "prüfen und ergänzen (vorlage validate zeigt alle offenen Punkte).",
            file=sys.stderr,
        )
    return EXIT_OK
