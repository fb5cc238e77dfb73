"""What every importer returns: the draft Vorlage and a report of what was read.

`Sammler` is the shared write path of all sources: it fills the draft *and* the report in one
step, and a value the model refuses (a Betreff over the length limit, a year outside the
finance range) ends up under "Nicht gelesen" in German, never as a traceback.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from forms.errors import VorlageError, german_validation_messages
from forms.labels import field_label
from forms.model import Vorlage

M = TypeVar("M", bound=BaseModel)


class VorlageImportError(VorlageError):
    """The input is not an existing Vorlage in any form we read (nothing was imported)."""


@dataclass
class ImportBericht:
    """What the import did: filled fields (model paths), parts not read, and remarks."""

    gefuellt: list[str] = field(default_factory=list)
    nicht_gelesen: list[str] = field(default_factory=list)
    hinweise: list[str] = field(default_factory=list)

    def text(self) -> str:
        """The report as the clerk reads it (German, one item per line)."""
        lines = [f"Übernommen ({len(self.gefuellt)} Felder):"]
        lines += [f"  • {field_label(p)}" for p in self.gefuellt] or ["  (nichts)"]
        if self.nicht_gelesen:
            lines.append(f"Nicht gelesen ({len(self.nicht_gelesen)}):")
            lines += [f"  • {m}" for m in self.nicht_gelesen]
        if self.hinweise:
            lines.append("Hinweise:")
            lines += [f"  • {m}" for m in self.hinweise]
        return "\n".join(lines)


@dataclass
class ImportErgebnis:
    vorlage: Vorlage
    bericht: ImportBericht
    # Which reader produced it, e.g. "Seitentext", "PDF", "OParl" (shown in the wizard).
    quelle: str = ""


def _path_tuple(path: str) -> tuple[str | int, ...]:
    return tuple(int(p) if p.isdigit() else p for p in path.split(".") if p)


class Sammler:
    """Fills a draft and its report together; the base of every source's reader."""

    def __init__(self, vorlage: Vorlage | None = None, bericht: ImportBericht | None = None):
        self.v = vorlage if vorlage is not None else Vorlage()
        self.b = bericht if bericht is not None else ImportBericht()

    def filled(self, path: str) -> None:
        if path not in self.b.gefuellt:
            self.b.gefuellt.append(path)

    def missing(self, message: str) -> None:
        self.b.nicht_gelesen.append(message)

    def hint(self, message: str) -> None:
        self.b.hinweise.append(message)

    def refused(self, exc: ValidationError, path: str) -> None:
        """A value the model does not take: named in German under "Nicht gelesen"."""
        for line in german_validation_messages(exc, _path_tuple(path)):
            self.missing(f"{line}; nicht übernommen.")

    def set(self, target: BaseModel, attr: str, value: Any, path: str) -> bool:
        """`target.attr = value` (validated by the model); `path` names it in the report."""
        try:
            setattr(target, attr, value)
        except ValidationError as exc:
            # The model names the attribute itself; `path` adds where the target lives.
            self.refused(exc, path.removesuffix(attr) if path.endswith(attr) else path)
            return False
        self.filled(path)
        return True

    def set_text(self, target: BaseModel, attr: str, text: str, path: str, *, empty: str) -> None:
        """Set a read text, or report `empty` under "Nicht gelesen" when nothing was read."""
        if text:
            self.set(target, attr, text, path)
        else:
            self.missing(empty)

    def make(self, cls: type[M], path: str, /, **values: Any) -> M | None:
        """`cls(**values)`, or None (and the reason in the report) when the model refuses it."""
        try:
            return cls(**values)
        except ValidationError as exc:
            self.refused(exc, path)
            return None

    def result(self, quelle: str) -> ImportErgebnis:
        return ImportErgebnis(self.v, self.b, quelle)


def verbatim_status(where: str, status: str) -> str:
    """The report line for a Beratung status other than Geplant/Erledigt, kept as printed."""
    if not status:
        return f"{where}: kein Status gedruckt; „Geplant“ ist nur die Vorgabe."
    return (
        f"{where}: Status „{status}“ übernommen, wie er dasteht (weder „Geplant“ noch „Erledigt“)."
    )
