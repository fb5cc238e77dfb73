"""`vorlage` – the command line: validate, export, schema, new project.

Every failure is a German message on stderr and a non-zero exit code, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Sequence
from pathlib import Path

from forms import __version__
from forms.errors import ProjectFileError, VorlageError
from forms.export import ExportRefused, check_output_path, entwurf_mode, refuse_input
from forms.profile import load_profile
from forms.rules import has_errors, problems

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_ERROR = 2


class _GermanParser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        print(f"{self.prog}: Fehler: {message}", file=sys.stderr)
        raise SystemExit(EXIT_ERROR)


def _parser() -> argparse.ArgumentParser:
    parser = _GermanParser(
        prog="vorlage",
        description="Vorlagen-Assistent: Vorlagen prüfen und als PDF ausgeben.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(
        dest="command", required=True, metavar="BEFEHL", parser_class=_GermanParser
    )

    p = sub.add_parser("validate", help="Projektdatei prüfen und alle Probleme auflisten")
    p.add_argument("file", type=Path, metavar="DATEI")

    p = sub.add_parser("pdf", help="Projektdatei als PDF ausgeben")
    p.add_argument("file", type=Path, metavar="DATEI")
    p.add_argument("-o", "--output", type=Path, required=True, metavar="AUSGABE.pdf")
    p.add_argument(
        "--entwurf",
        action="store_true",
        help="auch bei offenen Fehlern ausgeben (jede Seite trägt dann den Vermerk ENTWURF)",
    )

    sub.add_parser("schema", help="JSON-Schema der Projektdatei ausgeben")

    p = sub.add_parser(
        "check-pdf", help="PDF auf die prüfbaren Regeln von PDF/A-2 und PDF/UA-1 prüfen (Exit 0/1)"
    )
    p.add_argument("file", type=Path, metavar="DATEI")

    p = sub.add_parser("new", help="neue, leere Projektdatei anlegen")
    p.add_argument("--vorlageart", default="Kenntnisnahme")
    p.add_argument("--federfuehrend", default="", help="z. B. „FB 56“ oder „FB 56 - Fachbereich …“")
    p.add_argument("-o", "--output", type=Path, required=True, metavar="DATEI")
    p.add_argument("--force", action="store_true", help="vorhandene Datei überschreiben")

    p = sub.add_parser("import", help="Seitentext einer Vorlage aus dem Ratsinfosystem einlesen")
    p.add_argument("page", type=Path, metavar="SEITE.txt")
    p.add_argument("-o", "--output", type=Path, required=True, metavar="DATEI")
    p.add_argument("--force", action="store_true", help="vorhandene Datei überschreiben")

    p = sub.add_parser("oparl", help="Projektdatei als OParl-1.1-Paper (JSON) mit PDF ausgeben")
    p.add_argument("file", type=Path, metavar="DATEI")
    p.add_argument("-o", "--output", type=Path, required=True, metavar="paper.json")
    p.add_argument("--pdf", type=Path, metavar="VORLAGE.pdf", help="schon exportiertes PDF nutzen")
    p.add_argument("--basis-url", help="Basis der OParl-IDs (Vorgabe: Platzhalter unter .invalid)")
    p.add_argument("--entwurf", action="store_true", help="auch bei offenen Fehlern exportieren")
    p.add_argument(
        "--alle-anlagen",
        action="store_true",
        help="auch Anlagen-Dateien außerhalb des Projektordners mitkopieren",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return int(_COMMANDS[args.command](args))
    except ExportRefused as exc:
        # Open errors: the list first, then the summary (exit 1, like `validate`).
        for problem in exc.errors:
            print(problem, file=sys.stderr)
        print(f"Fehler: {exc}{_ENTWURF_HINT if exc.errors else ''}", file=sys.stderr)
        return EXIT_PROBLEMS if exc.errors else EXIT_ERROR
    except VorlageError as exc:
        print(f"Fehler: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("Abgebrochen.", file=sys.stderr)
        return EXIT_ERROR


_ENTWURF_HINT = " Mit --entwurf entsteht sie trotzdem, jede Seite trägt dann den Vermerk ENTWURF."


def _check_output(args: argparse.Namespace, *, project: bool) -> None:
    """The one overwrite guard of every writing command.

    Never over an input file. A project file (`new`, `import`) is overwritten only with
    --force; an export (`pdf`, `oparl`) never goes into a project file, and replaces an older
    export of the same name (re-exporting is the normal case).
    """
    output: Path = args.output
    inputs = [p for p in (getattr(args, "file", None), getattr(args, "page", None),
                          getattr(args, "pdf", None)) if p is not None]
    if not project:
        check_output_path(output, inputs)
        return
    refuse_input(output, inputs)
    if output.exists() and not args.force:
        raise ProjectFileError(
            f"„{output.name}“ gibt es schon; mit --force wird sie überschrieben."
        )


def _validate(args: argparse.Namespace) -> int:
    from forms import projectfile

    vorlage = projectfile.load(args.file)
    found = problems(vorlage)
    for problem in found:
        print(problem)
    if not found:
        print(f"{args.file.name}: keine Probleme gefunden.")
    return EXIT_PROBLEMS if has_errors(found) else EXIT_OK


def _pdf(args: argparse.Namespace) -> int:
    from forms import projectfile
    from forms.pdf import render_to_file

    _check_output(args, project=False)
    vorlage = projectfile.load(args.file)
    entwurf = entwurf_mode(problems(vorlage), entwurf=args.entwurf, was="PDF")
    render_to_file(vorlage, args.output, entwurf=entwurf)
    print(f"PDF geschrieben: {args.output}")
    return EXIT_OK


def _schema(args: argparse.Namespace) -> int:
    from forms.projectfile import json_schema

    print(json.dumps(json_schema(), ensure_ascii=False, indent=2))
    return EXIT_OK


def _check_pdf(args: argparse.Namespace) -> int:
    import pikepdf

    from forms import pdfcheck

    try:
        results = pdfcheck.check(args.file)
    except OSError as exc:
        raise VorlageError(f"„{args.file}“ lässt sich nicht lesen: {exc.strerror or exc}") from exc
    except pikepdf.PdfError as exc:
        detail = re.sub(r"^.*?BytesIO object at 0x[0-9a-f]+>:\s*", "", str(exc))
        raise VorlageError(f"„{args.file}“ ist kein lesbares PDF ({detail}).") from exc
    print(pdfcheck.report(results))
    return EXIT_PROBLEMS if pdfcheck.failed(results) else EXIT_OK


def _new(args: argparse.Namespace) -> int:
    from forms import projectfile

    _check_output(args, project=True)
    vorlage = load_profile().new_vorlage(args.vorlageart, args.federfuehrend)
    projectfile.save(vorlage, args.output, backup=False)
    print(f"Neue Vorlage angelegt: {args.output}")
    return EXIT_OK


def _import(args: argparse.Namespace) -> int:
    from forms import projectfile
    from forms.imports import import_file

    _check_output(args, project=True)
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


def _oparl(args: argparse.Namespace) -> int:
    from forms import oparl, projectfile

    _check_output(args, project=False)
    vorlage = projectfile.load(args.file)
    entwurf = entwurf_mode(problems(vorlage), entwurf=args.entwurf, was="OParl-Export")
    if args.pdf is not None:
        pdf: bytes | Path = args.pdf
    else:
        from forms.pdf import render

        pdf = render(vorlage, entwurf=entwurf)
    export = oparl.build_paper(
        vorlage, pdf, basis_url=args.basis_url, projekt_ordner=args.file.resolve().parent,
        alle_anlagen=args.alle_anlagen,
    )
    for hinweis in export.hinweise:
        print(f"Hinweis: {hinweis}")
    for path in oparl.write_export(export, args.output):
        print(f"geschrieben: {path}")
    return EXIT_OK


_COMMANDS = {
    "validate": _validate,
    "pdf": _pdf,
    "schema": _schema,
    "check-pdf": _check_pdf,
    "new": _new,
    "import": _import,
    "oparl": _oparl,
}


if __name__ == "__main__":
    raise SystemExit(main())
