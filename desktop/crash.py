"""Logging to the user log folder and a global exception hook with a German message."""

from __future__ import annotations

import logging
import sys
import traceback
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

import platformdirs

from desktop.settings import APP_NAME

if TYPE_CHECKING:
    from desktop.dialogs import Dialogs

log = logging.getLogger("vorlagen-assistent")


def default_log_path() -> Path:
    return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False)) / "vorlagen-assistent.log"


def setup_logging(path: Path | None = None) -> Path:
    path = path or default_log_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = RotatingFileHandler(
            path, maxBytes=1_000_000, backupCount=3, encoding="utf-8"
        )
    except OSError:
        handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    return path


def install_excepthook(dialogs: Dialogs, log_path: Path) -> None:
    """Log every uncaught exception and tell the clerk in German; the work stays open."""

    def hook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, value, tb)
            return
        details = "".join(traceback.format_exception(kind, value, tb))
        log.error("Unerwarteter Fehler:\n%s", details)
        try:
            dialogs.error(
                "Unerwarteter Fehler",
                "Im Vorlagen-Assistenten ist ein unerwarteter Fehler aufgetreten. Die Vorlage ist "
                "noch geöffnet; bitte speichern und die Arbeit fortsetzen.\n\n"
                f"Einzelheiten stehen im Protokoll:\n{log_path}",
                details,
            )
        except Exception:  # the hook itself must never raise
            sys.__excepthook__(kind, value, tb)

    sys.excepthook = hook
