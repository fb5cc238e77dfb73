"""The exports' work on the thread pool: a snapshot in, files out, no widget touched.

`ExportRequest` is what the session hands a job (the Vorlage as it is when the clerk asked, the
target, profile, draft or not); `render_pdf` is the one render call of every PDF the wizard
makes (export, OParl, Vorschau, Drucken); `PDF` and `OPARL` are the two `ExportKind`s, which
differ only in the file question, the suggested target and the operation. How an export is
started (flush, one error check, the target asked for and checked) is `Session._export`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from desktop.dialogs import Dialogs
from desktop.jobs import JobContext
from forms.model import Vorlage
from forms.profile import Profile


class Suggests(Protocol):
    """Where a file question starts (the session: the open file's folder and name)."""

    def folder(self) -> Path: ...

    def suggestion(self, suffix: str) -> Path: ...


@dataclass(frozen=True)
class ExportRequest:
    """Everything an export needs on its thread (a snapshot: the clerk may go on typing)."""

    vorlage: Vorlage
    target: Path
    profile: Profile
    entwurf: bool
    projekt_ordner: Path | None
    # Anlage files the clerk picked in a file dialog: OParl may copy these from anywhere.
    freigegeben: frozenset[Path] = frozenset()


@dataclass(frozen=True)
class Exported:
    written: list[Path]
    hinweise: tuple[str, ...] = ()


@dataclass(frozen=True)
class PdfSource:
    """What the PDF export renders, as a snapshot: the Vorlage, its profile, draft or not."""

    vorlage: Vorlage
    profile: Profile
    entwurf: bool


def render_pdf(source: PdfSource | ExportRequest, context: JobContext) -> bytes:
    """The one render call of every PDF the wizard makes: export, OParl, Vorschau, Drucken."""
    # Imported here, inside the job: a broken installation fails the job, not the GUI.
    from forms.pdf import render

    return render(
        source.vorlage, profile=source.profile, progress=context.progress, entwurf=source.entwurf
    )


def write_pdf(request: ExportRequest, context: JobContext) -> Exported:
    from forms.files import write_atomic

    data = render_pdf(request, context)
    context.check()  # a cancelled export leaves no file behind
    write_atomic(request.target, data)
    return Exported([request.target])


def write_oparl(request: ExportRequest, context: JobContext) -> Exported:
    from forms import oparl

    pdf = render_pdf(request, context)
    context.check()
    export = oparl.build_paper(
        request.vorlage,
        pdf,
        profile=request.profile,
        projekt_ordner=request.projekt_ordner,
        freigegeben=request.freigegeben,
    )
    return Exported(oparl.write_export(export, request.target), tuple(export.hinweise))


@dataclass(frozen=True)
class ExportKind:
    title: str  # in messages: "PDF-Export fehlgeschlagen"
    ask_target: Callable[[Dialogs, Path], Path | None]
    suggestion: Callable[[Suggests], Path]  # the target the file question starts with
    run: Callable[[ExportRequest, JobContext], Exported]


PDF = ExportKind("PDF-Export", Dialogs.save_pdf, lambda s: s.suggestion(".pdf"), write_pdf)
OPARL = ExportKind(
    "OParl-Export", Dialogs.save_oparl, lambda s: s.folder() / "paper.json", write_oparl
)
