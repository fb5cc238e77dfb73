"""`python -m forms` is `vorlage`; build.spec freezes this file as the console `vorlage(.exe)`."""

import sys

from forms.cli import main

if __name__ == "__main__":
    if sys.platform == "win32" and getattr(sys, "frozen", False):
        # The frozen vorlage.exe starts the batch export's workers (`pdf … --ausgabe`) as
        # copies of itself; freeze_support makes such a copy run its worker, not the CLI.
        import multiprocessing

        multiprocessing.freeze_support()
    raise SystemExit(main())
