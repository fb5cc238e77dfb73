"""`vorlage` – the command line: validate, export, schema, new project.

Every failure is a German message on stderr and a non-zero exit code, never a traceback.
`-` as a file means standard input or output, so commands combine in a shell pipe.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections.abc import Sequence
from pathlib import Path

from forms import __version__
from forms.cli_german import german_argparse
from forms.errors import ProjectFileError, VorlageError
from forms.export import ExportRefused, check_output_path, entwurf_mode, refuse_input
from forms.files import create_folder
from forms.model import Vorlage
from forms.profile import load_profile
from forms.rules import Problem, has_errors, problems

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_ERROR = 2
STDIO = "-"  # a file argument meaning standard input (DATEI) or standard output (-o)

EXIT_CODES = """\
Exit-Codes:
  0  alles in Ordnung
  1  Probleme gefunden: validate/check-pdf melden Fehler, pdf/oparl verweigern wegen offener
     Fehler (mit --entwurf entsteht trotzdem ein Entwurf)
  2  Aufruf oder Datei fehlerhaft (unbekannte Option, Datei fehlt oder ist unlesbar, …)
  pdf … --ausgabe ORDNER gibt jede Datei aus, auch wenn eine davon scheitert, und endet mit
     dem höchsten Code der einzelnen Dateien (0 nur, wenn alle PDFs geschrieben wurden)

„-“ als DATEI liest die Standardeingabe, „-o -“ schreibt auf die Standardausgabe, z. B.
  vorlage import - -o - < seite.txt | vorlage pdf - -o - > vorlage.pdf"""


class _GermanParser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        print(f"{self.prog}: Fehler: {message}", file=sys.stderr)
        raise SystemExit(EXIT_ERROR)


def _parser() -> argparse.ArgumentParser:
    parser = _GermanParser(
        prog="vorlage",
        description="Vorlagen-Assistent: Vorlagen prüfen und als PDF ausgeben.",
        epilog=EXIT_CODES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"%(prog)s {__version__}",
        help="Versionsnummer zeigen und beenden",
    )
    sub = parser.add_subparsers(
        dest="command",
        required=True,
        metavar="BEFEHL",
        parser_class=_GermanParser,
        title="Befehle",
    )

    p = sub.add_parser("validate", help="Projektdatei prüfen und alle Probleme auflisten")
    p.add_argument("file", type=Path, metavar="DATEI", help="Projektdatei oder - (Eingabe)")
    p.add_argument("--json", action="store_true", help="Probleme als JSON ausgeben")

    p = sub.add_parser("pdf", help="Projektdatei(en) als PDF ausgeben")
    p.add_argument(
        "file",
        type=Path,
        nargs="+",
        metavar="DATEI",
        help="Projektdatei oder - (Eingabe); mit --ausgabe auch mehrere oder ein Muster wie "
        "„ordner/*.vorlage.json“",
    )
    target = p.add_mutually_exclusive_group(required=True)
    target.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="AUSGABE.pdf",
        help="Ziel; - schreibt das PDF auf die Standardausgabe",
    )
    target.add_argument(
        "--ausgabe",
        type=Path,
        metavar="ORDNER",
        help="alle DATEIen als NAME.pdf in diesen Ordner (wird angelegt); eine fehlerhafte "
        "Datei hält die anderen nicht auf",
    )
    p.add_argument(
        "--prozesse",
        type=int,
        metavar="N",
        help="mit --ausgabe: so viele Dateien gleichzeitig (Vorgabe: ein Prozess je Kern, "
        "bei weniger als 16 Dateien einer)",
    )
    p.add_argument(
        "--entwurf",
        action="store_true",
        help="auch bei offenen Fehlern ausgeben (jede Seite trägt dann den Vermerk ENTWURF)",
    )

    sub.add_parser("schema", help="JSON-Schema der Projektdatei ausgeben")

    p = sub.add_parser(
        "check-pdf", help="PDF auf die prüfbaren Regeln von PDF/A-2 und PDF/UA-1 prüfen (Exit 0/1)"
    )
    p.add_argument("file", type=Path, metavar="DATEI", help="PDF-Datei oder - (Eingabe)")
    p.add_argument("--json", action="store_true", help="Ergebnis je Regel als JSON ausgeben")

    p = sub.add_parser("new", help="neue, leere Projektdatei anlegen")
    p.add_argument("--vorlageart", default="Kenntnisnahme", help="Vorgabe: %(default)s")
    p.add_argument("--federfuehrend", default="", help="z. B. „FB 56“ oder „FB 56 - Fachbereich …“")
    p.add_argument("-o", "--output", type=Path, required=True, metavar="DATEI")
    p.add_argument("--force", action="store_true", help="vorhandene Datei überschreiben")

    p = sub.add_parser("import", help="Seitentext einer Vorlage aus dem Ratsinfosystem einlesen")
    p.add_argument(
        "page",
        type=Path,
        metavar="SEITE.txt",
        help="Seitentext, OParl-JSON oder PDF; - liest die Standardeingabe",
    )
    p.add_argument("-o", "--output", type=Path, required=True, metavar="DATEI")
    p.add_argument("--force", action="store_true", help="vorhandene Datei überschreiben")

    p = sub.add_parser("oparl", help="Projektdatei als OParl-1.1-Paper (JSON) mit PDF ausgeben")
    p.add_argument("file", type=Path, metavar="DATEI")
    p.add_argument(
        "-o",
        "--output",
        type=Path,
        required=True,
        metavar="paper.json",
        help="Ziel; ein fehlender Ordner wird angelegt, das PDF kommt daneben",
    )
    p.add_argument("--pdf", type=Path, metavar="VORLAGE.pdf", help="schon exportiertes PDF nutzen")
    p.add_argument("--basis-url", help="Basis der OParl-IDs (Vorgabe: Platzhalter unter .invalid)")
    p.add_argument("--entwurf", action="store_true", help="auch bei offenen Fehlern exportieren")
    p.add_argument(
        "--alle-anlagen",
        action="store_true",
        help="auch Anlagen-Dateien außerhalb des Projektordners mitkopieren",
    )
    for name, command in sub.choices.items():
        # `vorlage BEFEHL --help` starts with what the overview says of the command.
        command.description = command.description or _HELP.get(name)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    if sys.stdout is None:  # started with `>&-`: Python then has no stdout object at all
        print(
            "Fehler: Die Standardausgabe ist geschlossen; vorlage schreibt dorthin.",
            file=sys.stderr,
        )
        return EXIT_ERROR
    try:
        with german_argparse():
            args = _parser().parse_args(argv)
        code = int(_COMMANDS[args.command](args))
        sys.stdout.flush()  # a closed pipe shows here, inside the handler below
        return code
    except BrokenPipeError:
        # `vorlage schema | head -c0`: the reader has gone; nothing to say, no traceback.
        _silence_stdout()
        return EXIT_ERROR
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
    except OSError as exc:
        print(f"Fehler: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_ERROR
    except Exception as exc:  # a bug: say so in German, exit 2, never a traceback
        print(
            f"Fehler: unerwarteter Programmfehler ({type(exc).__name__}: {exc}). "
            "Bitte mit dem Aufruf an die IT-Betreuung melden.",
            file=sys.stderr,
        )
        return EXIT_ERROR


def _silence_stdout() -> None:
    # Python flushes stdout once more at exit; into a closed pipe that prints "Exception
    # ignored …". Pointing the descriptor at the null device makes that flush harmless.
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def _is_stdio(path: Path | None) -> bool:
    return path is not None and str(path) == STDIO


def _read_stdin(limit: int, what: str) -> bytes:
    data = sys.stdin.buffer.read(limit + 1)
    if len(data) > limit:
        raise VorlageError(
            f"Die Standardeingabe ist größer als die {limit // (1024 * 1024)} MB, die "
            f"{what} haben darf."
        )
    return data


def _load_project(path: Path) -> Vorlage:
    from forms import projectfile

    if _is_stdio(path):
        data = _read_stdin(projectfile.MAX_FILE_BYTES, "eine Projektdatei")
        return projectfile.loads(data, source="Die Standardeingabe")
    return projectfile.load(path)


def _write_stdout(data: bytes) -> None:
    sys.stdout.flush()
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()


def _report(message: str, args: argparse.Namespace) -> None:
    # With the data itself on stdout, the status line goes to stderr.
    print(message, file=sys.stderr if _is_stdio(getattr(args, "output", None)) else sys.stdout)


def _ensure_folder(output: Path) -> None:
    """Create the output's folder (`-o uebergabe/paper.json`), with a CLI message if it fails."""
    if str(output.parent) not in {"", "."}:
        create_folder(output.parent, hint="bitte einen anderen Pfad für -o angeben")


_ENTWURF_HINT = (
    " Mit --entwurf entsteht trotzdem ein Entwurf; jede Seite trägt dann den Vermerk ENTWURF."
)


def _check_output(args: argparse.Namespace, *, project: bool) -> None:
    """The one overwrite guard of every writing command.

    Never over an input file. A project file (`new`, `import`) is overwritten only with
    --force; an export (`pdf`, `oparl`) never goes into a project file, and replaces an older
    export of the same name (re-exporting is the normal case).
    """
    output: Path = args.output
    if _is_stdio(output):
        return  # standard output overwrites nothing
    inputs = [
        p
        for p in (
            getattr(args, "file", None),
            getattr(args, "page", None),
            getattr(args, "pdf", None),
        )
        if p is not None and not _is_stdio(p)
    ]
    if not project:
        check_output_path(output, inputs)
        return
    refuse_input(output, inputs)
    if output.exists() and not args.force:
        raise ProjectFileError(
            f"„{output.name}“ gibt es schon; mit --force wird sie überschrieben."
        )


def _validate(args: argparse.Namespace) -> int:
    vorlage = _load_project(args.file)
    found = problems(vorlage)
    name = "Standardeingabe" if _is_stdio(args.file) else args.file.name
    if args.json:
        print(json.dumps(_problems_json(name, found), ensure_ascii=False, indent=2))
        return EXIT_PROBLEMS if has_errors(found) else EXIT_OK
    for problem in found:
        print(problem)
    if not found:
        print(f"{name}: keine Probleme gefunden.")
    return EXIT_PROBLEMS if has_errors(found) else EXIT_OK


def _problems_json(name: str, found: list[Problem]) -> dict[str, object]:
    return {
        "file": name,
        "ok": not has_errors(found),
        "problems": [
            {
                "section": p.section.value,
                "section_title": p.section.titel,
                "field": p.field,
                "severity": p.schwere.value,
                "message": p.message,
            }
            for p in found
        ],
    }


def _pdf(args: argparse.Namespace) -> int:
    from forms.pdf import render, render_to_file

    if args.ausgabe is not None:
        return _pdf_batch(args)
    if len(args.file) > 1:
        raise VorlageError(
            "Mehrere Dateien gehen nur mit --ausgabe ORDNER; -o nennt eine einzelne PDF-Datei."
        )
    args.file = args.file[0]
    _check_output(args, project=False)
    vorlage = _load_project(args.file)
    entwurf = entwurf_mode(problems(vorlage), entwurf=args.entwurf, was="PDF")
    if _is_stdio(args.output):
        _write_stdout(render(vorlage, entwurf=entwurf))
        _report("PDF auf die Standardausgabe geschrieben.", args)
        return EXIT_OK
    _ensure_folder(args.output)
    render_to_file(vorlage, args.output, entwurf=entwurf)
    print(f"PDF geschrieben: {args.output}")
    return EXIT_OK


def _pdf_batch(args: argparse.Namespace) -> int:
    """One line per file (written path, or the German reason naming the file), then a sum."""
    from forms import batch

    if args.prozesse is not None and args.prozesse < 1:
        raise VorlageError("--prozesse braucht eine Zahl ab 1.")
    if any(_is_stdio(p) for p in args.file):
        raise VorlageError("„-“ (Standardeingabe) geht nur mit -o, nicht mit --ausgabe.")
    sources, failed = batch.expand([str(p) for p in args.file])
    batch.prepare_folder(args.ausgabe)
    results = list(failed)
    for result in failed:
        print(f"Fehler: {result.message}", file=sys.stderr, flush=True)
    jobs = batch.plan(sources, args.ausgabe)
    for result in batch.export_all(jobs, entwurf=args.entwurf, workers=args.prozesse):
        results.append(result)
        if result.ok:
            print(result.message, flush=True)
        else:
            print(f"Fehler: {result.source}: {result.message}", file=sys.stderr, flush=True)
    written = sum(r.ok for r in results)
    print(f"{written} von {len(results)} PDF(s) geschrieben nach {args.ausgabe}.", flush=True)
    if written < len(results):
        print(f"{len(results) - written} Datei(en) fehlgeschlagen (siehe oben).", file=sys.stderr)
    return max((r.code for r in results), default=EXIT_OK)


def _schema(args: argparse.Namespace) -> int:
    from forms.projectfile import json_schema

    print(json.dumps(json_schema(), ensure_ascii=False, indent=2))
    return EXIT_OK


def _check_pdf(args: argparse.Namespace) -> int:
    import pikepdf

    from forms import pdfcheck

    try:
        if _is_stdio(args.file):
            results = pdfcheck.check(_read_stdin(512 * 1024 * 1024, "ein PDF"))
        else:
            results = pdfcheck.check(args.file)
    except OSError as exc:
        raise VorlageError(f"„{args.file}“ lässt sich nicht lesen: {exc.strerror or exc}") from exc
    except pikepdf.PdfError as exc:
        detail = re.sub(r"^.*?BytesIO object at 0x[0-9a-f]+>:\s*", "", str(exc))
        raise VorlageError(f"„{args.file}“ ist kein lesbares PDF ({detail}).") from exc
    if args.json:
        rules = [
            {
                "rule": r.rule,
                "title": r.title,
                "reference": r.reference,
                "passed": r.passed,
                "failures": list(r.failures),
            }
            for r in results
        ]
        name = "Standardeingabe" if _is_stdio(args.file) else args.file.name
        report = {"file": name, "ok": not pdfcheck.failed(results), "rules": rules}
        print(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        print(pdfcheck.report(results))
    return EXIT_PROBLEMS if pdfcheck.failed(results) else EXIT_OK


def _new(args: argparse.Namespace) -> int:
    from forms import projectfile

    _check_output(args, project=True)
    vorlage = load_profile().new_vorlage(args.vorlageart, args.federfuehrend)
    if _is_stdio(args.output):
        _write_stdout(projectfile.encode(vorlage))
        return EXIT_OK
    projectfile.save(vorlage, args.output, backup=False)
    print(f"Neue Vorlage angelegt: {args.output}")
    return EXIT_OK


def _import(args: argparse.Namespace) -> int:
    from forms import projectfile
    from forms.imports import import_bytes, import_file
    from forms.imports.source import MAX_PDF_BYTES

    _check_output(args, project=True)
    if _is_stdio(args.page):
        data = _read_stdin(MAX_PDF_BYTES, "eine Vorlage")
        result = import_bytes(data, source="Die Standardeingabe")
    else:
        result = import_file(args.page)
    if _is_stdio(args.output):
        _write_stdout(projectfile.encode(result.vorlage))
        print(result.bericht.text(), file=sys.stderr)
    else:
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
    from forms import oparl

    if _is_stdio(args.output):
        raise VorlageError(
            "oparl schreibt mehrere Dateien (paper.json, PDF, Anlagen); bitte mit -o einen "
            "Dateinamen in einem Ordner angeben."
        )
    _check_output(args, project=False)
    vorlage = _load_project(args.file)
    entwurf = entwurf_mode(problems(vorlage), entwurf=args.entwurf, was="OParl-Export")
    if args.pdf is not None:
        pdf: bytes | Path = args.pdf
    else:
        from forms.pdf import render

        pdf = render(vorlage, entwurf=entwurf)
    export = oparl.build_paper(
        vorlage,
        pdf,
        basis_url=args.basis_url,
        projekt_ordner=args.file.resolve().parent,
        alle_anlagen=args.alle_anlagen,
    )
    for hinweis in export.hinweise:
        print(f"Hinweis: {hinweis}")
    _ensure_folder(args.output)
    for path in oparl.write_export(export, args.output):
        print(f"geschrieben: {path}")
    return EXIT_OK


_HELP = {
    "validate": "Projektdatei prüfen und alle Probleme auflisten (Exit 1 bei Fehlern).",
    "pdf": "Projektdatei als druckfertiges PDF (PDF/A-2, PDF/UA-1) ausgeben.",
    "schema": "JSON-Schema der Projektdatei auf die Standardausgabe schreiben.",
    "check-pdf": "PDF auf die prüfbaren Regeln von PDF/A-2 und PDF/UA-1 prüfen (Exit 1 bei "
    "einem Verstoß).",
    "new": "Neue, leere Projektdatei mit Vorlageart und Federführend anlegen.",
    "import": "Vorlage aus dem Ratsinformationssystem (Seitentext, OParl-JSON oder PDF) in "
    "eine Projektdatei übernehmen; der Bericht nennt, was nicht gelesen wurde.",
    "oparl": "Projektdatei als OParl-1.1-Paper (JSON) ausgeben, mit PDF und Anlagen daneben.",
}

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
