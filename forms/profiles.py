"""Where profiles are installed, which one is in use, and a broken one's German message.

Three folders hold profiles (`<id>.json`, docs/profile.md), searched in this order, the first
file of an id wins:

1. the user's folder: `VORLAGE_PROFILE_BENUTZER`, else platformdirs' user config folder
   (Windows `%LOCALAPPDATA%\\vorlagen-assistent\\profile`, Linux
   `~/.config/vorlagen-assistent/profile`);
2. the organisation's folder, the one an IT department deploys: `VORLAGE_PROFILE_ORGANISATION`
   (several separated by `os.pathsep`), else the site config folder (Windows
   `%PROGRAMDATA%\\vorlagen-assistent\\profile`, Linux `/etc/xdg/vorlagen-assistent/profile`);
3. the profiles shipped with the program (resources/profiles/).

The profile in use when nothing else says (`load(None)`): `VORLAGE_PROFIL` (an id or a file;
the CLI's `--profil` sets it for the command, see `using`), else the first
profile by id of the organisation's folder, then of the user's, then of the shipped ones.
A project file records its profile's id; `for_vorlage` picks the profile a file is opened with.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import platformdirs
from pydantic import ValidationError

from forms.errors import VorlageError, describe_validation_error, shown_value
from forms.model import Vorlage
from forms.profile import Profile
from forms.resourcefile import ResourceKind
from forms.resources import resource_path
from forms.schemas import published_schema

APP_NAME = "vorlagen-assistent"
ENV_PROFIL = "VORLAGE_PROFIL"
ENV_BENUTZER = "VORLAGE_PROFILE_BENUTZER"
ENV_ORGANISATION = "VORLAGE_PROFILE_ORGANISATION"
SUFFIX = ".json"
# A profile of a large city is some 30 kB; anything far above is no profile.
MAX_PROFILE_BYTES = 4 * 1024 * 1024


class ProfileError(VorlageError):
    """A profile cannot be found or read, or is not valid; the message is German and names
    the file and the field."""


PROFILE_FILE = ResourceKind(ProfileError, "Das Profil „{}“", "ein Profil", MAX_PROFILE_BYTES)


# ---------------------------------------------------------------------------------------------
# Folders


def user_folder() -> Path:
    override = os.environ.get(ENV_BENUTZER)
    if override:
        return Path(override)
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / "profile"


def organisation_folders() -> list[Path]:
    override = os.environ.get(ENV_ORGANISATION)
    if override is not None:
        return [Path(p) for p in override.split(os.pathsep) if p]
    return [Path(platformdirs.site_config_dir(APP_NAME, appauthor=False)) / "profile"]


def builtin_folder() -> Path:
    return resource_path("profiles")


def search_folders() -> list[tuple[str, Path]]:
    """(what the folder is, in German; folder) in search order."""
    return [
        ("Benutzer", user_folder()),
        *(("Organisation", p) for p in organisation_folders()),
        ("mitgeliefert", builtin_folder()),
    ]


def _files(folder: Path) -> list[Path]:
    try:
        return sorted(p for p in folder.iterdir() if p.suffix == SUFFIX and p.is_file())
    except OSError:  # a missing or unreachable folder (network drive) holds no profiles
        return []


@dataclass(frozen=True)
class Installed:
    id: str
    path: Path
    herkunft: str  # "Benutzer", "Organisation", "mitgeliefert"


def installed() -> list[Installed]:
    """Every installed profile file, one per id (the first in search order), sorted by id."""
    found: dict[str, Installed] = {}
    for herkunft, folder in search_folders():
        for path in _files(folder):
            found.setdefault(path.stem, Installed(path.stem, path, herkunft))
    return sorted(found.values(), key=lambda i: i.id)


def find(profile_id: str) -> Path | None:
    for _herkunft, folder in search_folders():
        path = folder / f"{profile_id}{SUFFIX}"
        if path.is_file():
            return path
    return None


# ---------------------------------------------------------------------------------------------
# Reading and checking


_CACHE: dict[Path, tuple[tuple[int, int], Profile]] = {}


def read(path: str | os.PathLike[str]) -> Profile:
    """The profile in this file; ProfileError (German, naming file and field) if it is not
    one. Parsed once per file version (modification time and size)."""
    path = Path(path)
    stat = PROFILE_FILE.stat(path)
    key = (stat.st_mtime_ns, stat.st_size)
    cached = _CACHE.get(path)
    if cached is not None and cached[0] == key:
        return cached[1]
    profile = parse(PROFILE_FILE.read(path), path.name, expected_id=path.stem)
    _CACHE[path] = (key, profile)
    return profile


def parse(data: bytes | str, name: str, *, expected_id: str | None = None) -> Profile:
    source = PROFILE_FILE.named.format(name)
    document = PROFILE_FILE.json_object(data, name)
    try:
        profile = Profile.model_validate(document)
    except ValidationError as exc:
        lines = messages(exc)
        more = f"\n… und {len(lines) - 10} weitere" if len(lines) > 10 else ""
        raise ProfileError(
            f"{source} ist fehlerhaft:\n" + "\n".join(f"• {x}" for x in lines[:10]) + more
        ) from None
    if expected_id is not None and profile.id != expected_id:
        raise ProfileError(
            f"{source} ist fehlerhaft:\n• Feld „id“: „{profile.id}“ passt nicht zum "
            f"Dateinamen; die Datei muss „{profile.id}{SUFFIX}“ heißen."
        )
    return profile


def messages(exc: ValidationError) -> list[str]:
    """One German line per error, naming the field as written in the profile file, e.g.
    'Feld „vorlage_nr.muster“: ist kein gültiger regulärer Ausdruck (…)'."""
    lines = []
    for error in exc.errors():
        loc = [str(p) for p in error["loc"] if not _is_tag(p)]
        where = f"Feld „{'.'.join(loc)}“" if loc else "Profil"
        if error["type"] == "profil":
            what = error["msg"]
        elif error["type"] == "extra_forbidden":
            what = "ist unbekannt (Tippfehler? docs/profile.md nennt alle Felder)"
        elif error["type"] in {"too_short", "string_too_short"}:
            what = "darf nicht leer sein"
        elif error["type"] == "string_pattern_mismatch":
            what = f"{shown_value(error.get('input'))} hat nicht das erwartete Format"
        else:
            what = describe_validation_error(error)
        lines.append(f"{where}: {what}")
    return lines


def _is_tag(part: Any) -> bool:
    return isinstance(part, str) and part.startswith("function-")


# ---------------------------------------------------------------------------------------------
# The profile in use


@contextlib.contextmanager
def using(name_or_path: str | os.PathLike[str] | None) -> Iterator[Profile]:
    """Within the block, this profile (None: the default) is the one in use when nothing else
    says; checked at once, so a typo is a ProfileError here, not later. Child processes (the
    batch export's workers) inherit it through the environment; afterwards all is as before."""
    if name_or_path is None or not str(name_or_path).strip():
        yield default()
        return
    profile = load(name_or_path)
    value = os.fspath(name_or_path)
    value = str(Path(value).resolve()) if _is_file_name(value) else value
    before = os.environ.get(ENV_PROFIL)
    os.environ[ENV_PROFIL] = value
    try:
        yield profile
    finally:
        if before is None:
            os.environ.pop(ENV_PROFIL, None)
        else:
            os.environ[ENV_PROFIL] = before


def _is_file_name(value: str) -> bool:
    return value.endswith(SUFFIX) or "/" in value or os.sep in value


def load(name_or_path: str | os.PathLike[str] | None = None) -> Profile:
    """An installed profile by id, a profile file by path, or (None) the one in use."""
    if name_or_path is None:
        return default()
    value = os.fspath(name_or_path)
    if _is_file_name(value):
        return read(value)
    path = find(value)
    if path is None:
        raise ProfileError(_not_installed(value))
    return read(path)


def _not_installed(name: str) -> str:
    names = ", ".join(i.id for i in installed()) or "keins"
    return (
        f"Das Profil {shown_value(name)} ist nicht installiert (installiert: {names}). "
        "Ein Profil ist eine Datei <id>.json in einem der Profilordner, siehe "
        "„vorlage profil liste“."
    )


def decided() -> bool:
    """Whether the IT department decided the profile: VORLAGE_PROFIL is set, or the
    organisation's folder holds exactly one (the wizard then does not ask on first start)."""
    if os.environ.get(ENV_PROFIL, "").strip():
        return True
    return sum(i.herkunft == "Organisation" for i in installed()) == 1


def default() -> Profile:
    chosen = os.environ.get(ENV_PROFIL) or ""
    if chosen.strip():
        return load(chosen)
    for herkunft in ("Organisation", "Benutzer", "mitgeliefert"):
        first = next((i for i in installed() if i.herkunft == herkunft), None)
        if first is not None:
            return read(first.path)
    raise ProfileError(
        "Es ist kein Profil installiert; die Programmdateien sind unvollständig "
        "(resources/profiles/ fehlt). Bitte das Programm neu installieren."
    )


@dataclass(frozen=True)
class Choice:
    """The profile a Vorlage is shown, checked and printed with, and what to tell the clerk."""

    profile: Profile
    hinweis: str = ""
    # The file names a profile that is not installed: shown with `profile`, its id is kept.
    fremd: bool = False


def of(vorlage: Vorlage) -> Profile:
    """The profile a Vorlage is checked and printed with when no one names one."""
    return for_vorlage(vorlage.profil).profile


def for_vorlage(recorded: str, in_use: Profile | None = None) -> Choice:
    """The profile for a Vorlage that records `recorded` ("" = none, schema version 1),
    opened while `in_use` is the clerk's profile (None: the default)."""
    current = in_use or default()
    if not recorded or recorded == current.id:
        return Choice(current)
    path = find(recorded)
    if path is not None:
        other = read(path)
        return Choice(
            other,
            f"Die Vorlage gehört zum Profil „{other.name}“ ({other.id}); sie wird mit diesem "
            "Profil angezeigt, geprüft und ausgegeben.",
        )
    return Choice(
        current,
        f"Das Profil „{recorded}“ dieser Vorlage ist nicht installiert. Sie wird mit dem "
        f"Profil „{current.name}“ angezeigt und geprüft; alle Angaben bleiben erhalten und "
        f"beim Speichern bleibt „{recorded}“ eingetragen. Für die richtigen Kataloge und den "
        "richtigen Briefkopf bitte das Profil installieren (docs/profile.md).",
        fremd=True,
    )


def example_path(profile: Profile) -> Path | None:
    """The profile's example project: next to its profile file, else in resources/examples/."""
    if not profile.beispiel:
        return None
    own = find(profile.id)
    for folder in ([own.parent] if own else []) + [resource_path("examples")]:
        path = folder / Path(profile.beispiel).name
        if path.is_file():
            return path
    return None


# ---------------------------------------------------------------------------------------------
# Published JSON Schema


def json_schema() -> dict[str, Any]:
    """The published JSON Schema of a profile file (resources/schema/profil-1.schema.json)."""
    return published_schema(
        Profile,
        "profil-1.schema.json",
        "Vorlagen-Assistent Gemeindeprofil",
        "Kataloge, Texte und Formate einer Stadt (docs/profile.md).",
    )
