"""Textbausteine: reusable text blocks, as data (no Qt; docs/wizard.md, "Textbausteine").

Two sources, one file format (`Sammlung`; its published JSON Schema is
resources/schema/textbausteine-1.schema.json):

- shipped with a municipal profile: resources/textbausteine/<profile id>.json (kept apart from
  the profile file, whose schema is the profile's own);
- the clerk's own: one file in the user data folder (`user_file()`, written atomically), which
  "Exportieren" copies to any file and "Importieren" merges back, so a department can share them.

A text is Markdown. Placeholders in square brackets (`[Gremium]`, `[Vorlage-Nr.]`) are filled
from the Vorlage where it knows the value (`fill`); any other bracket (`[Betrag]`) stays for the
clerk to type over (the editor selects it). A broken file gives a German `TextbausteinError`
naming the file and the field.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Annotated, Any, Literal

import platformdirs
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from forms.errors import VorlageError, describe_validation_error, german_os_reason
from forms.files import write_atomic
from forms.model import Vorlage
from forms.profile import Profile
from forms.resourcefile import ResourceKind
from forms.resources import resource_path
from forms.schemas import published_schema

APP_NAME = "vorlagen-assistent"
ENV_DATEI = "VORLAGE_TEXTBAUSTEINE"  # the clerk's own file (tests, portable installs)
MAX_BYTES = 2 * 1024 * 1024
FILE_FILTER = "Textbausteine (*.json)"


class TextbausteinError(VorlageError):
    """A Textbausteine file cannot be read or is not valid; German, naming file and field."""


TEXTBAUSTEINE_FILE = ResourceKind(
    TextbausteinError, "„{}“", "eine Textbausteine-Datei", MAX_BYTES, "keine Textbausteine-Datei: "
)


class Textbaustein(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    titel: Annotated[str, Field(min_length=1, max_length=200, pattern=r"\S")]
    # What it is for, shown in the picker and searched: "Finanzierung", "Klimarelevanz", …
    rubrik: Annotated[str, Field(max_length=100)] = ""
    text: Annotated[str, Field(min_length=1, max_length=100_000, pattern=r"\S")]

    def matches(self, words: Iterable[str]) -> bool:
        """Every word of the filter occurs in title, rubric or text (case-insensitive)."""
        haystack = f"{self.titel} {self.rubrik} {self.text}".casefold()
        return all(w.casefold() in haystack for w in words)


class Sammlung(BaseModel):
    """A Textbausteine file: shipped per profile, the clerk's own, or an exported one."""

    model_config = ConfigDict(extra="forbid")

    textbausteine_version: Literal[1] = 1
    bausteine: list[Textbaustein] = Field(default_factory=list)


_FIELD_NAMES = {
    "textbausteine_version": "Format-Version",
    "bausteine": "Textbausteine",
    "titel": "Titel",
    "rubrik": "Rubrik",
    "text": "Text",
}


def _where(loc: tuple[Any, ...]) -> str:
    parts: list[str] = []
    for i, part in enumerate(loc):
        if isinstance(part, int):
            if i > 0 and loc[i - 1] == "bausteine":
                parts[-1] = f"Textbaustein {part + 1}"
            continue
        parts.append(_FIELD_NAMES.get(str(part), f"„{part}“"))
    return " › ".join(parts) or "Datei"


def parse(data: bytes, name: str) -> Sammlung:
    """The collection in these bytes; TextbausteinError (German, naming the field) if not."""
    raw = TEXTBAUSTEINE_FILE.json_object(data, name)
    try:
        return Sammlung.model_validate(raw)
    except ValidationError as exc:
        lines = []
        for error in exc.errors():
            if error["type"] == "extra_forbidden":
                what = "ist kein bekanntes Feld"
            elif error["type"] == "missing":
                what = "fehlt"
            elif error["type"] == "string_pattern_mismatch":
                what = "ist leer"
            else:
                what = describe_validation_error(error)
            lines.append(f"{_where(tuple(error['loc']))}: {what}")
        raise TextbausteinError(
            f"Die Textbausteine in „{name}“ sind fehlerhaft:\n" + "\n".join(lines)
        ) from None


def read(path: Path) -> list[Textbaustein]:
    return parse(TEXTBAUSTEINE_FILE.read(path), path.name).bausteine


def write(path: Path, bausteine: Iterable[Textbaustein]) -> None:
    """Atomically (temp file, fsync, rename): a crash never leaves half a file."""
    sammlung = Sammlung(bausteine=list(bausteine))
    text = json.dumps(sammlung.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise TextbausteinError(
            f"Der Ordner „{path.parent}“ lässt sich nicht anlegen: {german_os_reason(exc)}."
        ) from None
    try:
        write_atomic(path, text.encode("utf-8"))
    except OSError as exc:
        raise TextbausteinError(
            f"„{path}“ wurde nicht gespeichert: {german_os_reason(exc)}."
        ) from None


def user_file() -> Path:
    """The clerk's own Textbausteine: `VORLAGE_TEXTBAUSTEINE`, else the user data folder."""
    override = os.environ.get(ENV_DATEI)
    if override:
        return Path(override)
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "textbausteine.json"


def own(path: Path | None = None) -> list[Textbaustein]:
    """The clerk's own; none yet when the file does not exist."""
    path = path or user_file()
    if not path.exists():
        return []
    return read(path)


def shipped(profile: Profile) -> list[Textbaustein]:
    """The ones shipped for this profile (resources/textbausteine/<id>.json), if any."""
    path = Path(resource_path("textbausteine", f"{profile.id}.json"))
    return read(path) if path.is_file() else []


def merged(old: list[Textbaustein], new: Iterable[Textbaustein]) -> tuple[list[Textbaustein], int]:
    """`old` plus those of `new` not already there (same title and text); how many were added."""
    result = list(old)
    added = 0
    for baustein in new:
        if baustein not in result:
            result.append(baustein)
            added += 1
    return result, added


# -- placeholders ------------------------------------------------------------------------------
PLACEHOLDER = re.compile(r"\[([^\[\]\n]{1,60})\]")


def _deciding_row(vorlage: Vorlage) -> tuple[str, str]:
    """Name and role of the Gremium that decides: the last one with "Entscheidung", else the
    last one of the Beratungsfolge."""
    rows = [r for r in vorlage.beratungsfolge if r.gremium.strip()]
    deciding = [r for r in rows if r.rolle.strip() == "Entscheidung"]
    if not rows:
        return "", ""
    row = (deciding or rows)[-1]
    return row.gremium.strip(), row.rolle.strip()


def _gremium_mit_artikel(vorlage: Vorlage, profile: Profile) -> str:
    name, _ = _deciding_row(vorlage)
    if not name:
        return ""
    gremium = profile.gremium(name)
    return f"{gremium.artikel if gremium else 'Der'} {name}"


def _haushaltsjahr(vorlage: Vorlage, profile: Profile) -> str:
    jahr = vorlage.finanzen.haushaltsjahr
    return str(jahr) if jahr else ""


FILLERS: dict[str, Callable[[Vorlage, Profile], str]] = {
    "Gremium": lambda v, p: _deciding_row(v)[0],
    "Gremium mit Artikel": _gremium_mit_artikel,
    "Vorlage-Nr.": lambda v, p: v.grunddaten.vorlage_nr.strip(),
    "Federführend": lambda v, p: v.grunddaten.federfuehrend.anzeige(),
    "Haushaltsjahr": _haushaltsjahr,
    "Betreff": lambda v, p: v.grunddaten.betreff.strip(),
    "Stadt": lambda v, p: p.stadt,
}


def fill(text: str, vorlage: Vorlage, profile: Profile) -> str:
    """The placeholders the Vorlage knows replaced by its values; the others stay."""

    def replace(match: re.Match[str]) -> str:
        filler = FILLERS.get(match.group(1).strip())
        value = filler(vorlage, profile) if filler else ""
        return value or match.group(0)

    return PLACEHOLDER.sub(replace, text)


def json_schema() -> dict[str, Any]:
    """The published schema (resources/schema/textbausteine-1.schema.json)."""
    return published_schema(
        Sammlung,
        "textbausteine-1.schema.json",
        "Vorlagen-Assistent Textbausteine",
        "Wiederverwendbare Textbausteine (docs/wizard.md, „Textbausteine“).",
    )
