"""Standard input and output for the commands, loading the project, the one overwrite guard."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from forms import profiles, startgc
from forms.errors import ProjectFileError, VorlageError
from forms.export import check_output_path, refuse_input
from forms.files import create_folder
from forms.model import Vorlage

STDIO = "-"  # a file argument meaning standard input (DATEI) or standard output (-o)


def is_stdio(path: Path | None) -> bool:
    return path is not None and str(path) == STDIO


def read_stdin(limit: int, what: str) -> bytes:
    data = sys.stdin.buffer.read(limit + 1)
    if len(data) > limit:
        raise VorlageError(
            f"Die Standardeingabe ist größer als die {limit // (1024 * 1024)} MB, die "
            f"{what} haben darf."
        )
    return data


def load_project(path: Path) -> Vorlage:
    from forms import projectfile

    startgc.release()  # the model is imported: from here on the file's own objects

    if is_stdio(path):
        data = read_stdin(projectfile.MAX_FILE_BYTES, "eine Projektdatei")
        vorlage = projectfile.loads(data, source="Die Standardeingabe")
    else:
        vorlage = projectfile.load(path)
    # A file of another profile uses that one (forms.profiles.for_vorlage): say so.
    note = profiles.for_vorlage(vorlage.profil).hinweis
    if note:
        print(f"Hinweis: {note}", file=sys.stderr)
    return vorlage


def write_stdout(data: bytes) -> None:
    sys.stdout.flush()
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()


def report(message: str, args: argparse.Namespace) -> None:
    # With the data itself on stdout, the status line goes to stderr.
    print(message, file=sys.stderr if is_stdio(getattr(args, "output", None)) else sys.stdout)


def ensure_folder(output: Path) -> None:
    """Create the output's folder (`-o uebergabe/paper.json`), with a CLI message if it fails."""
    if str(output.parent) not in {"", "."}:
        create_folder(output.parent, hint="bitte einen anderen Pfad für -o angeben")


def check_output(args: argparse.Namespace, *, project: bool) -> None:
    """The one overwrite guard of every writing command.

    Never over an input file. A project file (`new`, `import`) is overwritten only with
    --force; an export (`pdf`, `oparl`) never goes into a project file, and replaces an older
    export of the same name (re-exporting is the normal case).
    """
    output: Path = args.output
    if is_stdio(output):
        return  # standard output overwrites nothing
    inputs = [
        p
        for p in (
            getattr(args, "file", None),
            getattr(args, "page", None),
            getattr(args, "pdf", None),
        )
        if p is not None and not is_stdio(p)
    ]
    if not project:
        check_output_path(output, inputs)
        return
    refuse_input(output, inputs)
    if output.exists() and not args.force:
        raise ProjectFileError(
            f"„{output.name}“ gibt es schon; mit --force wird sie überschrieben."
        )
