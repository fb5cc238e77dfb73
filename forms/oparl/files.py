"""The files of an OParl export: which Anlagen may be copied, reading them, writing the export."""

from __future__ import annotations

import stat
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from forms.errors import ProjectFileError
from forms.files import read_regular_file, write_atomic
from forms.model import Vorlage
from forms.oparl.base import MAX_DATEI_BYTES, Builder, OParlExport, OParlExportError


def read_source(source: bytes | Path, what: str) -> bytes:
    """Only a regular file, and only up to MAX_DATEI_BYTES (a device or FIFO would never end)."""
    if isinstance(source, bytes):
        return source
    try:
        return read_regular_file(
            Path(source),
            f"{what} „{Path(source).name}“",
            max_bytes=MAX_DATEI_BYTES,
            purpose="eine Datei der Übergabe",
        )
    except ProjectFileError as exc:
        raise OParlExportError(str(exc)) from None


class Freigabe:
    """Which Anlage files may be copied: inside the project folder, or picked by the clerk."""

    def __init__(self, ordner: Path | None, freigegeben: Iterable[Path], alle: bool) -> None:
        self.ordner = _resolved(ordner) if ordner is not None else None
        self.freigegeben = {r for p in freigegeben if (r := _resolved(p)) is not None}
        self.alle = alle

    def erlaubt(self, path: Path) -> bool:
        real = _resolved(path)
        if real is None:
            return False
        if self.alle or real in self.freigegeben:
            return True
        return self.ordner is not None and real.is_relative_to(self.ordner)


def _resolved(path: Path) -> Path | None:
    try:
        return Path(path).resolve()  # symbolic links followed: a link may point anywhere
    except (OSError, ValueError, RuntimeError):
        return None


def anlage_files(
    vorlage: Vorlage, b: Builder, paper_id: str, allowed: Freigabe, export: OParlExport
) -> list[dict[str, Any]]:
    files: list[dict[str, Any]] = []
    used: set[str] = {export.dateien[0][0]}
    for i, anlage in enumerate(vorlage.anlagen, start=1):
        titel = " ".join(anlage.titel.split()) or f"Anlage {i}"
        data: bytes | None = None
        path: Path | None = None
        if anlage.datei:
            path = Path(anlage.datei)
            if not path.is_absolute() and allowed.ordner is not None:
                path = allowed.ordner / path
            if not allowed.erlaubt(path):
                b.hinweise.append(
                    f"Anlage {i} „{titel}“: die Datei „{anlage.datei}“ liegt außerhalb des "
                    "Projektordners und wurde nicht in dieser Sitzung ausgewählt; sie wird nicht "
                    "mitkopiert (exportiert werden Titel und Platzhalter-Adresse). Die Datei in "
                    "den Projektordner legen oder im Assistenten neu auswählen."
                )
                path = None
            else:
                try:
                    data = read_source(path, f"Anlage {i}")
                except OParlExportError as exc:
                    b.hinweise.append(f"{exc} Exportiert werden nur Titel und Platzhalter-Adresse.")
                    path = None
        else:
            b.hinweise.append(
                f"Anlage {i} „{titel}“ hat keine Datei; exportiert werden nur Titel und "
                "Platzhalter-Adresse."
            )
        if path is None:
            # Only the title is known: no file name, type, size or checksum is invented, and
            # the required accessUrl is the File's own (placeholder) id.
            obj = b.datei(paper_id, f"anlage-{i}", titel, None, None)
            files.append(obj)
            continue
        # Anlagen travel as "Anlage_<n>_<name>" so two files called "Plan.pdf" cannot clash.
        file_name = f"Anlage_{i}_{path.name}"
        while file_name in used:
            file_name = f"Anlage_{i}_{len(used)}_{path.name}"
        used.add(file_name)
        obj = b.datei(paper_id, f"anlage-{i}", titel, file_name, data)
        export.dateien.append((file_name, path))
        files.append(obj)
    return files


def write_export(export: OParlExport, paper_path: Path) -> list[Path]:
    """Write the paper JSON and, next to it, every file it names. Returns the written paths.

    A copied file keeps at most its source's permissions (a 0640 Anlage stays 0640)."""
    from forms.export import check_output_path

    folder = paper_path.parent if str(paper_path.parent) else Path(".")
    # Every target is checked before anything is written: never over a project file.
    check_output_path(paper_path)
    for file_name, content in export.dateien:
        target = folder / file_name
        if not (isinstance(content, Path) and content.resolve() == target.resolve()):
            check_output_path(target)
    written: list[Path] = []
    for file_name, content in export.dateien:
        target = folder / file_name
        if isinstance(content, Path) and content.resolve() == target.resolve():
            continue  # already where it belongs
        data = read_source(content, "Die Datei")
        mode = None
        if isinstance(content, Path):
            try:
                mode = stat.S_IMODE(content.stat().st_mode)
            except OSError:
                mode = 0o600  # unknown: the narrowest that still lets the clerk read it
        write_atomic(target, data, mode_limit=mode)
        written.append(target)
    write_atomic(paper_path, export.json().encode("utf-8"))
    written.append(paper_path)
    return written
