"""Batch export: many project files to PDFs in one folder, in one call (`vorlage pdf … --ausgabe`).

Every file goes through the same rules as a single export (forms.export: ENTWURF only when
asked, never over an input or a project file). One failing file is reported and the others
are still exported. The work is spread over a small process pool: reportlab renders in pure
Python, so threads would share one core; the pool's workers register the fonts once each (in
the initializer; on Linux they inherit them already parsed from the parent), not per file.
"""

from __future__ import annotations

import glob
import multiprocessing
import os
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path

from forms.errors import VorlageError
from forms.export import PROJECT_SUFFIX, ExportRefused, check_output_path
from forms.files import create_folder

EXIT_OK, EXIT_PROBLEMS, EXIT_ERROR = 0, 1, 2  # = forms.cli's codes (cli imports this module)
_GLOB_CHARS = frozenset("*?[")
# A file costs ~40 ms CPU warm; starting the workers and their first render costs ~0.3 s wall.
# Measured on the 2-core machine (load ~4): 8 files 1.7 s in one process vs 2.1 s in two,
# 12 files 2.1 vs 2.3 s, 16 files 2.6 vs 2.4 s, 100 files (load ~2) 4.6 vs 2.7 s.
MIN_FILES_FOR_POOL = 16


@dataclass(frozen=True)
class Job:
    source: Path  # as the caller named it (messages show it like that)
    output: Path


@dataclass(frozen=True)
class Result:
    source: Path
    output: Path | None  # the PDF written; None when this file failed
    message: str  # German: what was written, or why not
    code: int  # EXIT_OK, EXIT_PROBLEMS (open errors, no --entwurf) or EXIT_ERROR

    @property
    def ok(self) -> bool:
        return self.code == EXIT_OK


def expand(arguments: Sequence[str]) -> tuple[list[Path], list[Result]]:
    """The input files: each argument as a path, or – if it is no file but a glob pattern –
    its matches, sorted (cmd.exe and PowerShell hand `*.vorlage.json` over unexpanded).

    A file named twice (also via a pattern or a link) is exported once. A pattern that
    matches nothing is a failed Result, so it is reported like a missing file.
    """
    sources: list[Path] = []
    failed: list[Result] = []
    seen: set[object] = set()
    for argument in arguments:
        if _GLOB_CHARS.intersection(argument) and not os.path.lexists(argument):
            matches = sorted(glob.glob(argument, recursive=True))
            matches = [m for m in matches if not os.path.isdir(m)]
            if not matches:
                failed.append(
                    Result(Path(argument), None, f"„{argument}“ passt auf keine Datei.", EXIT_ERROR)
                )
                continue
        else:
            matches = [argument]
        for match in matches:
            key = _identity(Path(match))
            if key not in seen:
                seen.add(key)
                sources.append(Path(match))
    return sources, failed


def _identity(path: Path) -> object:
    try:
        st = path.stat()
        return (st.st_dev, st.st_ino)
    except OSError:
        return os.path.abspath(path)


def pdf_name(source: Path) -> str:
    """`V-0042.vorlage.json` → `V-0042.pdf` (also `x.json` → `x.pdf`, `x` → `x.pdf`)."""
    name = source.name
    for suffix in (PROJECT_SUFFIX, ".json"):
        if name.lower().endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)] + ".pdf"
    return (source.stem or name) + ".pdf"


def plan(sources: Sequence[Path], folder: Path) -> list[Job]:
    """One output per input, all different: two inputs with the same name from different
    folders get `name.pdf` and `name-2.pdf` (in argument order, so a repeated call writes the
    same names again). Names are compared case-insensitively, as on Windows' file systems."""
    taken: set[str] = set()
    jobs: list[Job] = []
    for source in sources:
        name = pdf_name(source)
        stem, number = name[: -len(".pdf")], 1
        while name.casefold() in taken:
            number += 1
            name = f"{stem}-{number}.pdf"
        taken.add(name.casefold())
        jobs.append(Job(source, folder / name))
    return jobs


def prepare_folder(folder: Path) -> None:
    """Create the output folder (with parents); German VorlageError if that is impossible."""
    create_folder(folder, hint="bitte mit --ausgabe einen Ordner angeben")


def export_one(job: Job, entwurf: bool, inputs: Sequence[Path] = ()) -> Result:
    """Load, check and render one file; never raises (the reason is in the Result)."""
    from forms import projectfile
    from forms.export import entwurf_mode
    from forms.pdf import render_to_file
    from forms.rules import problems

    try:
        check_output_path(job.output, [job.source, *inputs])
        vorlage = projectfile.load(job.source)
        marked = entwurf_mode(problems(vorlage), entwurf=entwurf, was="PDF")
        render_to_file(vorlage, job.output, entwurf=marked)
    except ExportRefused as exc:
        if exc.errors:
            return Result(
                job.source,
                None,
                f"{exc} Mit --entwurf entsteht trotzdem ein Entwurf "
                f"(vorlage validate nennt die Fehler).",
                EXIT_PROBLEMS,
            )
        return Result(job.source, None, str(exc), EXIT_ERROR)
    except VorlageError as exc:
        return Result(job.source, None, str(exc), EXIT_ERROR)
    except OSError as exc:
        return Result(job.source, None, f"{exc.strerror or exc}.", EXIT_ERROR)
    except Exception as exc:  # a bug must not stop the other files, nor show a traceback
        return Result(
            job.source,
            None,
            f"unerwarteter Programmfehler ({type(exc).__name__}: "
            f"{exc}). Bitte mit dem Aufruf an die IT-Betreuung melden.",
            EXIT_ERROR,
        )
    note = " (mit Vermerk ENTWURF)" if marked else ""
    return Result(job.source, job.output, f"PDF geschrieben: {job.output}{note}", EXIT_OK)


def _prepare_worker() -> None:
    # What every export needs, loaded once per worker instead of once per file.
    from forms.pdf import fonts
    from forms.profile import load_profile

    fonts.register_fonts()
    load_profile()


def default_workers(count: int) -> int:
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # Windows, macOS
        cores = os.cpu_count() or 1
    return 1 if count < MIN_FILES_FOR_POOL else max(1, min(cores, count))


def export_all(
    jobs: Sequence[Job],
    *,
    entwurf: bool,
    workers: int | None = None,
) -> Iterator[Result]:
    """The Results in the order of `jobs`, each as soon as it (and all before it) is done."""
    if not jobs:
        return
    inputs = [job.source for job in jobs]
    workers = default_workers(len(jobs)) if workers is None else max(1, min(workers, len(jobs)))
    if workers == 1:
        _prepare_worker()
        for job in jobs:
            yield export_one(job, entwurf, inputs)
        return
    context = multiprocessing.get_context()
    if context.get_start_method() == "fork":
        _prepare_worker()  # parsed here once; the forked workers inherit the parsed fonts
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_prepare_worker) as pool:
        futures: list[Future[Result]] = [
            pool.submit(export_one, job, entwurf, inputs) for job in jobs
        ]
        try:
            for job, future in zip(jobs, futures, strict=True):
                yield _collect(job, future)
        except BaseException:  # Ctrl+C or a closed pipe: do not start what is still queued
            for future in futures:
                future.cancel()
            raise


def _collect(job: Job, future: Future[Result]) -> Result:
    try:
        return future.result()
    except BrokenProcessPool:
        return Result(
            job.source,
            None,
            "Der Hilfsprozess der Ausgabe wurde unerwartet beendet "
            "(zu wenig Arbeitsspeicher?); kein PDF erzeugt.",
            EXIT_ERROR,
        )
