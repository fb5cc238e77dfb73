"""`python -m forms` is `vorlage`; build.spec freezes this file as the console `vorlage(.exe)`,
and the installed `vorlage` script calls `run` too."""

import sys

from forms import startgc


def run() -> int:
    """The `vorlage` process: `forms.cli.main` with garbage collection held off while the
    command's modules are imported (forms.startgc); the command releases it once it has
    what it needs, at the latest when it ends."""
    startgc.hold()
    try:
        from forms.cli import main

        return main()
    finally:
        startgc.release()


if __name__ == "__main__":
    if sys.platform == "win32" and getattr(sys, "frozen", False):
        # The frozen vorlage.exe starts the batch export's workers (`pdf … --ausgabe`) as
        # copies of itself; freeze_support makes such a copy run its worker, not the CLI.
        import multiprocessing

        multiprocessing.freeze_support()
    raise SystemExit(run())
