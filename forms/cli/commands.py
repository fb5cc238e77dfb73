"""One handler per `vorlage` command; each returns its exit code or raises a German error."""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable
from pathlib import Path

from forms import startgc
from forms.cli.parser import EXIT_OK, EXIT_PROBLEMS
from forms.cli.profil import profil
from forms.cli.streams import (
    check_output,
    ensure_folder,
    is_stdio,
    load_project,
    read_stdin,
    report,
    write_stdout,
)
from forms.errors import VorlageError
from forms.export import entwurf_mode
from forms.profile import load_profile
from forms.rules import Problem, has_errors, problems


def _validate(args: argparse.Namespace) -> int:
    vorlage = load_project(args.file)
    found = problems(vorlage)
    name = "Standardeingabe" if is_stdio(args.file) else args.file.name
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
    check_output(args, project=False)
    vorlage = load_project(args.file)
    entwurf = entwurf_mode(problems(vorlage), entwurf=args.entwurf, was="PDF")
    if is_stdio(args.output):
        write_stdout(render(vorlage, entwurf=entwurf))
        report("PDF auf die Standardausgabe geschrieben.", args)
        return EXIT_OK
    ensure_folder(args.output)
    render_to_file(vorlage, args.output, entwurf=entwurf)
    print(f"PDF geschrieben: {args.output}")
    return EXIT_OK


def _pdf_batch(args: argparse.Namespace) -> int:
    """One line per file (written path, or the German reason naming the file), then a sum."""
    from forms import batch, projectfile  # noqa: F401 – imported before the workers fork

    startgc.release()

    if args.prozesse is not None and args.prozesse < 1:
        raise VorlageError("--prozesse braucht eine Zahl ab 1.")
    if any(is_stdio(p) for p in args.file):
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

    startgc.release()

    try:
        if is_stdio(args.file):
            results = pdfcheck.check(read_stdin(512 * 1024 * 1024, "ein PDF"))
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
        name = "Standardeingabe" if is_stdio(args.file) else args.file.name
        report = {"file": name, "ok": not pdfcheck.failed(results), "rules": rules}
        print(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        print(pdfcheck.report(results))
    return EXIT_PROBLEMS if pdfcheck.failed(results) else EXIT_OK


def _new(args: argparse.Namespace) -> int:
    from forms import projectfile

    check_output(args, project=True)
    vorlage = load_profile().new_vorlage(args.vorlageart, args.federfuehrend)
    if is_stdio(args.output):
        write_stdout(projectfile.encode(vorlage))
        return EXIT_OK
    projectfile.save(vorlage, args.output, backup=False)
    print(f"Neue Vorlage angelegt: {args.output}")
    return EXIT_OK


def _import(args: argparse.Namespace) -> int:
    from forms import projectfile
    from forms.imports import import_bytes, import_file
    from forms.imports.source import MAX_PDF_BYTES

    startgc.release()
    check_output(args, project=True)
    if is_stdio(args.page):
        data = read_stdin(MAX_PDF_BYTES, "eine Vorlage")
        result = import_bytes(data, source="Die Standardeingabe")
    else:
        result = import_file(args.page)
    if is_stdio(args.output):
        write_stdout(projectfile.encode(result.vorlage))
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

    if is_stdio(args.output):
        raise VorlageError(
            "oparl schreibt mehrere Dateien (paper.json, PDF, Anlagen); bitte mit -o einen "
            "Dateinamen in einem Ordner angeben."
        )
    check_output(args, project=False)
    vorlage = load_project(args.file)
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
    ensure_folder(args.output)
    for path in oparl.write_export(export, args.output):
        print(f"geschrieben: {path}")
    return EXIT_OK


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "validate": _validate,
    "pdf": _pdf,
    "schema": _schema,
    "check-pdf": _check_pdf,
    "new": _new,
    "import": _import,
    "oparl": _oparl,
    "profil": profil,
}
