"""The clerk's actions on the open Vorlage: new, open, save, import, export as PDF or OParl.

The window binds its menus and buttons to these methods and shows what the session reports
by signals (which step to show, a status line, busy and progress); the session itself never
touches a widget, and every question goes through `Dialogs`. Both exports take one path
(`_export`): pending editor text is flushed, the problems are checked once, the target is
asked for, and the work runs as a `Job` on a snapshot (the operations: desktop/exports.py).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QUrl, Signal
from PySide6.QtGui import QDesktopServices

from desktop.dialogs import AfterExport, Changed, Dialogs, Unsaved
from desktop.document import Document
from desktop.exports import OPARL, PDF, Exported, ExportKind, ExportRequest, PdfSource
from desktop.jobs import JobContext, Jobs
from desktop.locking import SAVE_ELSEWHERE, Claim, Locks
from desktop.profile_choice import tell_profile
from desktop.settings import Settings
from forms import projectfile
from forms.errors import FileChangedError, ProjectFileError
from forms.export import ExportRefused, check_output_path, entwurf_mode, open_errors
from forms.files import original_of_backup
from forms.flow import Extra
from forms.labels import Section
from forms.profiles import example_path


class Session(QObject):
    navigate = Signal(object)  # the Step to show
    status = Signal(str, int)  # status-bar text, milliseconds (0: until replaced)
    recentChanged = Signal()
    exportProgress = Signal(int, int)  # pages done, pages in total
    exportFinished = Signal(object, object)  # ExportKind, Exported
    exportFailed = Signal(object, str)  # ExportKind, German message
    imported = Signal(object)  # forms.imports.ImportBericht
    closing = Signal()  # the window closes for good

    def __init__(
        self, document: Document, dialogs: Dialogs, settings: Settings, jobs: Jobs | None = None
    ) -> None:
        super().__init__()
        self.document = document
        self.dialogs = dialogs
        self.settings = settings
        self.jobs = jobs or Jobs(dialogs)
        # Who has the file open, on shared drives (desktop/locking.py, issue 16).
        self.locks = Locks(document, dialogs)
        self.closing.connect(self.locks.release)

    # -- dropping and replacing the open Vorlage --------------------------------------------
    def maybe_save(self) -> bool:
        """True when it is fine to drop the current Vorlage (saved, discarded or unchanged)."""
        self.document.flush()
        if not self.document.dirty:
            return True
        answer = self.dialogs.ask_unsaved(self.document.display_name())
        if answer == Unsaved.SAVE:
            return self.save()
        return answer == Unsaved.DISCARD

    def new_vorlage(self, vorlageart: str = "", federfuehrend: str = "") -> bool:
        if not self.maybe_save():
            return False
        profile = self.document.home_profile
        self.document.replace(profile.new_vorlage(vorlageart, federfuehrend), None)
        self.navigate.emit(Section.GRUNDDATEN)
        self.status.emit("Neue Vorlage angelegt.", 5000)
        return True

    def open_file(self, path: Path | None = None) -> bool:
        if not self.maybe_save():
            return False
        if path is None:
            path = self.dialogs.open_project(self.settings.folder())
            if path is None:
                return False
        return self.load(Path(path))

    def load(self, path: Path, *, remember: bool = True) -> bool:
        try:
            vorlage, stamp = projectfile.load_stamped(path)
        except ProjectFileError as exc:
            self.dialogs.error("Datei kann nicht geöffnet werden", str(exc))
            if not path.exists() and str(path.resolve()) in self.settings.recent_files:
                self.settings.recent_files.remove(str(path.resolve()))
                self.settings.save()
                self.recentChanged.emit()
            return False
        original = original_of_backup(path)
        claim = self.locks.claim_open(original or path) if remember else None
        if remember and claim is None:
            return False
        if claim is not None:
            self._claimed(claim)
        if remember and original is not None:
            # Restoring from a backup: the work goes back under the real name (whose current
            # version then becomes the newest backup), never into `….bak`.
            self.document.replace(vorlage, original)
            self.document.set_dirty(True)
            self._remember(original)
            self.navigate.emit(Section.GRUNDDATEN)
            self.status.emit(
                f"Sicherung geöffnet: {path.name}. Speichern schreibt nach {original.name}.", 10000
            )
            return True
        if remember:
            self.document.replace(vorlage, path, stamp)
        else:
            self.document.replace(vorlage, None)
        if remember:
            self._remember(path)
        self.navigate.emit(Section.GRUNDDATEN)
        tell_profile(self.document, self.dialogs)
        if self.locks.read_only:
            self.status.emit(f"Schreibgeschützt geöffnet: {path}", 0)
        else:
            self.status.emit(f"Geöffnet: {path}", 5000)
        return True

    def _claimed(self, claim: Claim) -> None:
        self.locks.commit(claim)
        if claim.note:
            self.dialogs.warning("Ohne Sperre geöffnet", claim.note)

    def open_example(self) -> bool:
        """The example opens as a new, unnamed Vorlage: saving never overwrites the shipped file."""
        if not self.maybe_save():
            return False
        profile = self.document.home_profile
        path = example_path(profile)
        if path is None:
            self.dialogs.info(
                "Kein Beispiel", f"Das Profil „{profile.name}“ bringt kein Beispiel mit."
            )
            return False
        if not self.load(path, remember=False):
            return False
        nummer = self.document.vorlage.grunddaten.vorlage_nr or path.name
        self.status.emit(
            f"Beispiel {nummer} geöffnet – als neue Vorlage; Speichern fragt nach einem Namen.",
            8000,
        )
        return True

    def import_vorlage(self, text: str | Path | None = None, source: str = "Der Text") -> bool:
        """Read a page of the council information system (on the pool: a long page takes
        time); the result becomes a new, unnamed draft. False if it did not start."""
        if self.jobs.busy or not self.maybe_save():
            return False
        if text is None:
            asked = self.dialogs.ask_import_text(self.settings.folder())
            if asked is None:
                return False
            text, source = asked
        profile = self.document.home_profile  # read with the clerk's catalogues
        content: str | Path = text

        def parse(_context: JobContext) -> Any:
            from forms.imports import import_file, import_text

            if isinstance(content, Path):  # a PDF: read by its layout, here on the pool
                return import_file(content, profile)
            return import_text(content, profile, source=source)

        job = self.jobs.run(
            "Import",
            parse,
            self._imported,
            on_failure=lambda message, details: self.dialogs.error(
                "Import nicht möglich", message, details
            ),
        )
        if job is not None:
            self.status.emit("Vorlage wird importiert …", 0)
        return job is not None

    def _imported(self, result: Any) -> None:
        # A new, unnamed draft: saving asks for a file name, closing asks to save.
        self.document.replace(result.vorlage, None)
        self.document.set_dirty(True)
        self.navigate.emit(Extra.PRUEFEN)
        self.status.emit("Vorlage importiert – bitte prüfen und speichern.", 8000)
        self.imported.emit(result.bericht)
        self.dialogs.info("Import abgeschlossen", result.bericht.text())

    # -- saving ------------------------------------------------------------------------------
    def save(self) -> bool:
        if self.document.path is None or self.locks.read_only:
            return self.save_as()
        return self._write(self.document.path)

    def save_as(self) -> bool:
        path = self.dialogs.save_project(self.suggestion(projectfile.SUFFIX))
        if path is None:
            return False
        return self._write(path)

    def _write(self, path: Path) -> bool:
        """Save to `path`: only while its lock is ours (else ask), over the open file only if
        nobody changed it since (else ask)."""
        self.document.flush()
        claim = self.locks.claim_save(path)
        if claim is SAVE_ELSEWHERE:
            return self.save_as()
        if not isinstance(claim, Claim):
            return False
        written = self._write_file(path)
        if written is not True:
            self.locks.abandon(claim)
            return self.save_as() if written == Changed.SAVE_AS else False
        self.locks.commit(claim)  # after mark_saved: the document has its new path
        self._remember(path)
        self.status.emit(f"Gespeichert: {path}", 5000)
        return True

    def _write_file(self, path: Path) -> bool | Changed:
        document = self.document
        expected = document.stamp if path == document.path else None
        try:
            try:
                stamp = projectfile.save(document.vorlage, path, expected=expected)
            except FileChangedError:
                answer = self.dialogs.ask_changed_on_disk(path.name)
                if answer != Changed.OVERWRITE:
                    return answer
                stamp = projectfile.save(document.vorlage, path)
        except ProjectFileError as exc:
            self.dialogs.error("Speichern fehlgeschlagen", str(exc))
            return False
        document.mark_saved(path, stamp)
        return True

    def _remember(self, path: Path) -> None:
        self.settings.add_recent(path)
        self.recentChanged.emit()

    def folder(self) -> Path:
        """Where file questions start: the open file's folder, else the last one used."""
        if self.document.path is not None:
            return self.document.path.parent
        return self.settings.folder() or Path.home()

    def suggestion(self, suffix: str) -> Path:
        if self.document.path is not None:
            stem = self.document.path.name.removesuffix(projectfile.SUFFIX).removesuffix(".json")
        else:
            nr = self.document.vorlage.grunddaten.vorlage_nr.strip()
            stem = re.sub(r"[^\w-]+", "_", nr).strip("_") or "Neue_Vorlage"
        return self.folder() / f"{stem}{suffix}"

    # -- exports -----------------------------------------------------------------------------
    def pdf_source(self, *, flush: bool = True) -> PdfSource:
        """What a PDF export would render now, without asking: with open errors a draft
        (ENTWURF), as the export makes it once the clerk agreed. For Vorschau and Drucken;
        `flush=False` while the clerk types (pending rich text follows after its pause)."""
        if flush:
            self.document.flush()
        entwurf = entwurf_mode(self.document.all_problems(), entwurf=True)
        return PdfSource(self.document.snapshot(), self.document.profile, entwurf)

    def export_pdf(self, target: Path | None = None) -> bool:
        return self._export(PDF, target)

    def export_oparl(self, target: Path | None = None) -> bool:
        return self._export(OPARL, target)

    def _export(self, kind: ExportKind, target: Path | None) -> bool:
        """Flush, check once, ask for the target, start the job; False if it did not start."""
        if self.jobs.busy:
            return False
        self.document.flush()
        found = self.document.all_problems()
        errors = open_errors(found)
        if errors and not self.dialogs.ask_export_with_errors(len(errors)):
            return False
        entwurf = entwurf_mode(found, entwurf=True)  # the clerk agreed to a draft above
        if target is None:
            target = kind.ask_target(self.dialogs, kind.suggestion(self))
            if target is None:
                return False
        target = Path(target)
        try:
            check_output_path(target, [self.document.path] if self.document.path else [])
        except ExportRefused as exc:
            self.dialogs.error(f"{kind.title} nicht möglich", str(exc))
            return False
        request = ExportRequest(
            self.document.snapshot(),
            target,
            self.document.profile,
            entwurf=entwurf,
            projekt_ordner=self.document.path.parent if self.document.path else None,
            freigegeben=frozenset(self.dialogs.picked_attachments),
        )
        self.navigate.emit(Extra.PRUEFEN)
        job = self.jobs.run(
            kind.title,
            lambda context: kind.run(request, context),
            lambda exported: self._exported(kind, exported),
            on_failure=lambda message, details: self._export_failed(kind, message, details),
            on_progress=self.exportProgress.emit,
        )
        if job is None:
            return False
        self.status.emit(f"{kind.title} läuft …", 0)
        return True

    def _exported(self, kind: ExportKind, exported: Exported) -> None:
        self.status.emit(f"Exportiert: {exported.written[0]}", 8000)
        self.exportFinished.emit(kind, exported)
        if kind is PDF:
            path = exported.written[0]
            answer = self.dialogs.ask_after_export(path)
            if answer == AfterExport.OPEN_PDF:
                QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
            elif answer == AfterExport.OPEN_FOLDER:
                QDesktopServices.openUrl(QUrl.fromLocalFile(str(path.parent)))
            return
        files = "\n".join(f"• {p}" for p in exported.written)
        hints = "".join(f"\n\nHinweis: {h}" for h in exported.hinweise)
        self.dialogs.info("OParl exportiert", f"Geschrieben:\n{files}{hints}")

    def _export_failed(self, kind: ExportKind, message: str, details: str) -> None:
        self.status.emit(f"{kind.title} fehlgeschlagen.", 8000)
        self.exportFailed.emit(kind, message)
        self.dialogs.error(f"{kind.title} fehlgeschlagen", message, details)

    def cancel(self) -> None:
        """Stop the running job (the export writes no file); the clerk can go on at once."""
        job = self.jobs.current
        if job is not None:
            self.jobs.cancel()
            self.status.emit(f"{job.title} abgebrochen.", 8000)

    # -- closing -----------------------------------------------------------------------------
    def may_close(self) -> bool:
        """Asked by the window before it closes: a running job, then unsaved work."""
        job = self.jobs.current
        if job is not None:
            if not self.dialogs.ask_cancel_running(job.title):
                return False
            self.jobs.cancel()
        if not self.maybe_save():
            return False
        self.closing.emit()
        return True
