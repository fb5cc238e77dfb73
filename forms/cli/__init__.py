"""`vorlage` – the command line: validate, export, schema, new project.

Every failure is a German message on stderr and a non-zero exit code, never a traceback.
`-` as a file means standard input or output, so commands combine in a shell pipe.

The package: `parser` (the command tree, its German help and the exit codes it documents),
`streams` (standard input/output, loading the project, the one overwrite guard), `commands`
(one handler per command) and `german` (argparse's own words in German). This module maps
every failure to its message and exit code.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

from forms import profiles
from forms.cli.commands import COMMANDS as _COMMANDS
from forms.cli.german import german_argparse
from forms.cli.parser import EXIT_ERROR, EXIT_OK, EXIT_PROBLEMS, build_parser
from forms.errors import VorlageError
from forms.export import ExportRefused

__all__ = ["EXIT_ERROR", "EXIT_OK", "EXIT_PROBLEMS", "main"]

_ENTWURF_HINT = (
    " Mit --entwurf entsteht trotzdem ein Entwurf; jede Seite trägt dann den Vermerk ENTWURF."
)


def main(argv: Sequence[str] | None = None) -> int:
    if sys.stdout is None:  # started with `>&-`: Python then has no stdout object at all
        print(
            "Fehler: Die Standardausgabe ist geschlossen; vorlage schreibt dorthin.",
            file=sys.stderr,
        )
        return EXIT_ERROR
    try:
        with german_argparse():
            args = build_parser().parse_args(argv)
        with profiles.using(getattr(args, "profil", None)):
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


if __name__ == "__main__":
    raise SystemExit(main())
