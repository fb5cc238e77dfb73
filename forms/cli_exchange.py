"""The CLI commands that exchange Vorlagen with the council systems: `import` and `oparl`.

Kept apart from forms/cli.py so the core command module stays small.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from forms.errors import ProjectFileError

EXIT_OK = 0
EXIT_PROBLEMS = 1


def run_import(args: argparse.Namespace) -> int:
    from forms import projectfile
    from forms.imports import import_file

    if args.output.exists() and not args.force:
        raise ProjectFileError(
            f"„{args.output.name}“ gibt es schon; mit --force wird sie überschrieben."
        )
    result = import_file(args.page)
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


def run_oparl(args: argparse.Namespace) -> int:
    from forms import oparl, projectfile
    from forms.rules import Schwere, problems

    vorlage = projectfile.load(args.file)
    errors = [p for p in problems(vorlage) if p.schwere == Schwere.FEHLER]
    if errors and not args.entwurf:
        for problem in errors:
            print(problem, file=sys.stderr)
        print(
            f"Fehler: {len(errors)} offene Fehler; kein OParl-Export erzeugt. "
            "Mit --entwurf entsteht er trotzdem (das PDF trägt dann den Vermerk ENTWURF).",
            file=sys.stderr,
        )
        return EXIT_PROBLEMS
    if args.pdf is not None:
        pdf: bytes | Path = args.pdf
    else:
        from forms.pdf import render

        pdf = render(vorlage, entwurf=bool(errors))
    export = oparl.build_paper(
        vorlage, pdf, basis_url=args.basis_url, projekt_ordner=args.file.resolve().parent,
        alle_anlagen=args.alle_anlagen,
    )
    for hinweis in export.hinweise:
        print(f"Hinweis: {hinweis}")
    for path in oparl.write_export(export, args.output):
        print(f"geschrieben: {path}")
    return EXIT_OK
