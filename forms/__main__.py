"""`python -m forms` is `vorlage`; build.spec freezes this file as the console `vorlage(.exe)`."""

from forms.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
