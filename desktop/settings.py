"""User settings (recent files, last folder): a small typed object, passed in, never global."""

from __future__ import annotations

import contextlib
import json
import logging
from dataclasses import dataclass, field
from pathlib import Path

import platformdirs

log = logging.getLogger(__name__)

APP_NAME = "vorlagen-assistent"
MAX_RECENT = 8


def default_settings_path() -> Path:
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / "einstellungen.json"


@dataclass
class Settings:
    path: Path
    recent_files: list[str] = field(default_factory=list)
    last_folder: str = ""
    # QWidget.saveGeometry() as hex; empty = default size, centred by the window manager.
    window_geometry: str = ""
    # Why the file could not be read (German), shown once at start; then overwritten.
    problem: str = field(default="", compare=False)
    # The same per screen ("name 1280x720 @1.5" → hex), see desktop/screens.py.
    window_sizes: dict[str, str] = field(default_factory=dict)
    # The clerk's municipal profile (an installed id, forms.profiles); "" = not chosen yet.
    profil: str = ""

    @classmethod
    def load(cls, path: Path | None = None) -> Settings:
        """Missing or unreadable settings never stop the program: the defaults are used, and
        `problem` says why (the next save replaces the damaged file)."""
        path = path or default_settings_path()
        settings = cls(path=path)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return settings
        except (OSError, ValueError, RecursionError) as exc:
            log.warning("Einstellungen %s nicht lesbar (%s); Standardwerte", path, exc)
            settings.problem = _damaged(path)
            return settings
        if not isinstance(data, dict):
            settings.problem = _damaged(path)
        else:
            recent = data.get("recent_files", [])
            if isinstance(recent, list):
                settings.recent_files = [str(x) for x in recent if isinstance(x, str)][:MAX_RECENT]
            if isinstance(data.get("last_folder"), str):
                settings.last_folder = data["last_folder"]
            geometry = data.get("window_geometry")
            if isinstance(geometry, str) and all(c in "0123456789abcdef" for c in geometry):
                settings.window_geometry = geometry
            if isinstance(data.get("profil"), str):
                settings.profil = data["profil"]
            sizes = data.get("window_sizes")
            if isinstance(sizes, dict):
                settings.window_sizes = {
                    str(k): v
                    for k, v in sizes.items()
                    if isinstance(v, str) and all(c in "0123456789abcdef" for c in v)
                }
        return settings

    def save(self) -> None:
        data = {
            "recent_files": self.recent_files,
            "last_folder": self.last_folder,
            "window_geometry": self.window_geometry,
            "window_sizes": self.window_sizes,
            "profil": self.profil,
        }
        with contextlib.suppress(OSError):
            self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            from forms.files import write_atomic  # not on the path to the first paint

            write_atomic(self.path, json.dumps(data, ensure_ascii=False, indent=2).encode())
        except Exception as exc:  # settings must never stop the clerk's work
            log.warning("Einstellungen nicht gespeichert: %s", exc)

    def add_recent(self, path: Path) -> None:
        text = str(path.resolve())
        self.recent_files = [text, *(p for p in self.recent_files if p != text)][:MAX_RECENT]
        self.last_folder = str(path.resolve().parent)
        self.save()

    def folder(self) -> Path | None:
        return Path(self.last_folder) if self.last_folder else None


def _damaged(path: Path) -> str:
    return (
        f"Die Einstellungen „{path}“ sind beschädigt; der Assistent startet mit den "
        "Standardwerten (die Liste der zuletzt geöffneten Dateien ist leer)."
    )
