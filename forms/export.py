"""The rules every export (PDF, OParl) obeys, in one place for the CLI and the wizard.

* `entwurf_mode`: a Vorlage with open errors is exported only as ENTWURF, and only when asked.
* `check_output_path`: an export never writes over its input or over any project file.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterable
from pathlib import Path

from forms.errors import VorlageError
from forms.files import BACKUP_SUFFIX
from forms.rules import Problem, Schwere

PROJECT_SUFFIX = ".vorlage.json"  # = projectfile.SUFFIX (not imported: projectfile is heavier)
# What every project file (of any schema version) begins with; a file that does is never
# overwritten by an export, whatever it is called.
_PROJECT_START = re.compile(rb'\A(?:\xef\xbb\xbf)?\s*\{\s*"schema_version"\s*:')


class ExportRefused(VorlageError):
    """The export was not started; the message says why. Nothing was written."""

    def __init__(self, message: str, errors: list[Problem] | None = None) -> None:
        super().__init__(message)
        self.errors: list[Problem] = errors or []


def open_errors(found: Iterable[Problem]) -> list[Problem]:
    """The problems that forbid a final export."""
    return [p for p in found if p.schwere == Schwere.FEHLER]


def entwurf_mode(found: Iterable[Problem], *, entwurf: bool, was: str = "PDF") -> bool:
    """Whether the export must be marked ENTWURF.

    No open errors → False (a final export, even when `entwurf` was asked for: the mark says
    „not ready“, and the Vorlage is ready). Open errors and `entwurf` → True. Open errors
    without `entwurf` → ExportRefused listing them. The wizard asks the clerk first and passes
    the answer as `entwurf`; the CLI passes `--entwurf`.
    """
    errors = open_errors(found)
    if not errors:
        return False
    if entwurf:
        return True
    raise ExportRefused(f"{len(errors)} offene Fehler; kein {was} erzeugt.", errors)


def check_output_path(output: Path, inputs: Iterable[Path] = ()) -> None:
    """Refuse to write an export to `output` if that is one of `inputs` or any project file.

    A project file is recognised by its name (`*.vorlage.json`, its backups `*.bak`) and,
    whatever its name, by its content. Raises ExportRefused; an output that does not exist
    yet is fine unless its name says project file.
    """
    output = Path(output)
    name = output.name.lower()
    if name.endswith(PROJECT_SUFFIX) or (
        PROJECT_SUFFIX + "." in name and name.endswith(BACKUP_SUFFIX)
    ):
        raise ExportRefused(
            f"„{output.name}“ ist der Name einer Projektdatei; ein Export wird nie in eine "
            "Projektdatei geschrieben. Bitte einen anderen Namen wählen."
        )
    refuse_input(output, inputs)
    if _looks_like_project(output):
        raise ExportRefused(
            f"„{output.name}“ ist eine Projektdatei des Vorlagen-Assistenten; ein Export wird "
            "nie in eine Projektdatei geschrieben. Bitte einen anderen Namen wählen."
        )


def refuse_input(output: Path, inputs: Iterable[Path]) -> None:
    """ExportRefused if `output` is one of `inputs` (also through a link)."""
    for source in inputs:
        if _same_file(Path(output), Path(source)):
            raise ExportRefused(
                f"„{Path(output).name}“ ist die Eingabedatei selbst; sie würde überschrieben. "
                "Bitte einen anderen Namen für die Ausgabe wählen."
            )


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)  # follows symlinks, sees hard links
    except (OSError, ValueError):
        return os.path.abspath(a) == os.path.abspath(b)


def _looks_like_project(path: Path) -> bool:
    try:
        if not stat.S_ISREG(path.stat().st_mode):
            return False
        with path.open("rb") as handle:
            start = handle.read(256)
    except (OSError, ValueError):
        return False
    return _PROJECT_START.match(start) is not None
