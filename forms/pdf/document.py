"""The PDF document: page templates, header/footer callbacks, metadata and the build.

`render` is a pure function (model in, bytes out) and never touches a GUI; the optional
``progress(done, total)`` callback is called from the rendering thread.

"Seite X von Y" without laying out twice: `_Canvas` keeps each finished page's drawing
state and draws the footers once the page count is known (`save`), so the cost stays one
layout pass, linear in the number of pages.

Page decorations are separate callbacks, all artifacts for the later tagging (issue 5):
`draw_entwurf` (under the content, every page when ``entwurf``), `draw_header` (running header
from page 2 on; page 1 carries the cover header as content) and `draw_footer` (every page).
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

from forms import profiles
from forms.errors import ExportCancelled
from forms.formatting import format_datum
from forms.model import Vorlage
from forms.pdf import entwurf as draft_mark
from forms.pdf import flowtags, pdfa, sections, streams
from forms.pdf.fonts import FONT, register_fonts
from forms.pdf.glyphs import draw_string, string_width
from forms.pdf.increment import fit_string
from forms.pdf.styles import (
    FRAME_HEIGHT,
    FRAME_WIDTH,
    GRID,
    MARGIN_BOTTOM,
    MARGIN_LEFT,
    MARGIN_RIGHT,
    MARGIN_TOP,
    MUTED,
    PAGE_SIZE,
    stylesheet,
)
from forms.printable import printable
from forms.profile import Profile

# Every stream reportlab writes in this process gets its EOL before `endstream` (PDF/A-2
# §6.1.7.1); done at import so that any canvas, also one built outside `render`, is fixed.
streams.install()

# progress(done, total): called from the rendering thread; must not touch any GUI object.
ProgressCallback = Callable[[int, int], None]
# Asked during an export; True stops it (ExportCancelled, nothing written).
CancelCheck = Callable[[], bool]

CREATOR = "Vorlagen-Assistent"
PAGE_W, PAGE_H = PAGE_SIZE
MM = 72 / 25.4
HEADER_Y = PAGE_H - 13 * MM
FOOTER_Y = 11 * MM
ENTWURF_Y = PAGE_H - 8 * MM


def _one_line(text: str) -> str:
    """User text for a header line or a metadata entry: printable (forms/printable.py), one line."""
    return " ".join(printable(text).split())


@dataclass(frozen=True)
class PageInfo:
    """What the page callbacks print; the same on every page."""

    stadt: str
    vorlage_nr: str
    vorlageart: str
    fusszeile: str
    ausdruck: str
    entwurf: bool

    def footer(self, page: int, total: int) -> str:
        return f"{self.fusszeile} – Ausdruck vom {self.ausdruck} – Seite {page} von {total}"


def _page_info(vorlage: Vorlage, profile: Profile, ausdruck: dt.date, entwurf: bool) -> PageInfo:
    g = vorlage.grunddaten
    nr = _one_line(g.vorlage_nr)
    fusszeile = profile.fusszeile.format(nr=nr or "(ohne Nr.)", stadt=profile.stadt)
    return PageInfo(
        profile.stadt,
        nr,
        _one_line(g.vorlageart),
        " ".join(fusszeile.split()),
        format_datum(ausdruck),
        entwurf,
    )


# -- page callbacks (artifacts) ----------------------------------------------------------------


def _fitted(text: str, font: str, size: float, width: float) -> tuple[str, float]:
    """Shrink (down to 5 pt), then shorten with "…", so a line never runs off the page."""
    used = string_width(text, font, size)
    if used <= width:
        return text, size
    size = max(5.0, size * width / used)
    while text and string_width(text, font, size) > width:
        text = text[: max(0, len(text) - max(1, len(text) // 20) - 1)] + "…"
    return text, size


def _draw_fitted(
    canv: Canvas, x: float, y: float, text: str, size: float, width: float, *, right: bool = False
) -> None:
    text, size = _fitted(text, FONT, size, width)
    draw_string(canv, x, y, text, FONT, size, right=right)


def draw_entwurf(canv: Canvas, info: PageInfo, *, first_page: bool = False) -> None:
    # Outlines, not text (forms.pdf.entwurf); page 1's top line is the tagged DraftLine.
    if info.entwurf:
        draft_mark.draw_marks(canv, PAGE_W, PAGE_H, ENTWURF_Y, top_line=not first_page)


def draw_header(canv: Canvas, info: PageInfo) -> None:
    canv.saveState()
    canv.setFillColor(MUTED)
    half = FRAME_WIDTH / 2 - 6
    _draw_fitted(canv, MARGIN_LEFT, HEADER_Y, f"{info.stadt} – {info.vorlageart}", 8, half)
    right = f"Vorlage {info.vorlage_nr}" if info.vorlage_nr else "Vorlage"
    _draw_fitted(canv, MARGIN_LEFT + FRAME_WIDTH, HEADER_Y, right, 8, half, right=True)
    canv.setStrokeColor(GRID)
    canv.setLineWidth(0.5)
    canv.line(MARGIN_LEFT, HEADER_Y - 4, MARGIN_LEFT + FRAME_WIDTH, HEADER_Y - 4)
    canv.restoreState()


def draw_footer(canv: Canvas, info: PageInfo, page: int, total: int) -> None:
    canv.saveState()
    canv.setStrokeColor(GRID)
    canv.setLineWidth(0.5)
    canv.line(MARGIN_LEFT, FOOTER_Y + 10, MARGIN_LEFT + FRAME_WIDTH, FOOTER_Y + 10)
    canv.setFillColor(MUTED)
    # Page numbers must survive a long Vorlage-Nr.: shorten the front part, never "Seite x von y".
    tail = f" – Ausdruck vom {info.ausdruck} – Seite {page} von {total}"
    text, size = _fitted(info.fusszeile + tail, FONT, 8, FRAME_WIDTH)
    if not text.endswith(tail):
        room = FRAME_WIDTH - string_width(tail, FONT, size)
        text = _fitted(info.fusszeile, FONT, size, room)[0] + tail
    draw_string(canv, MARGIN_LEFT, FOOTER_Y, text, FONT, size)
    canv.restoreState()


class _Canvas(Canvas):
    """Defers each page's footer until the page count is known (see module docstring)."""

    def __init__(self, *args: Any, info: PageInfo, created: dt.date, **kw: Any) -> None:
        super().__init__(*args, **kw)
        self._info = info
        self._pages: list[dict[str, Any]] = []
        stamp = f"D:{created:%Y%m%d}000000+00'00'"
        # With invariant=1 reportlab stamps 2000-01-01; print the Ausdruck date instead.
        self.setDateFormatter(lambda *_: stamp)

    def showPage(self) -> None:
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            with flowtags.artifact(self):
                draw_footer(self, self._info, self._pageNumber, total)
            super().showPage()
        self._pages = []
        super().save()


class _Progress:
    """Adapts reportlab's progress hook to ``progress(done, total)``, at most ~100 calls, and
    asks ``cancel()`` after every flowable and every page (ExportCancelled stops the build)."""

    def __init__(self, callback: ProgressCallback | None, cancel: CancelCheck | None) -> None:
        self._callback = callback
        self._cancel = cancel
        self._total = 0
        self._reported = -1

    def __call__(self, kind: str, value: int) -> None:
        check_cancel(self._cancel)
        if self._callback is None:
            return
        if kind == "SIZE_EST":
            self._total = value
            self.report(0)
        elif kind == "PROGRESS":
            self.report(value)
        elif kind == "FINISHED":
            self.report(self._total)

    def report(self, done: int) -> None:
        total = self._total
        done = min(done, total)
        if done <= self._reported:
            return
        if 0 < done < total and done * 100 // total == self._reported * 100 // total:
            return
        self._reported = done
        if self._callback is not None:
            self._callback(done, total)


def _keywords(vorlage: Vorlage, profile: Profile) -> list[str]:
    g = vorlage.grunddaten
    words = [profile.stadt, "Vorlage", g.vorlageart, g.vorlage_nr, g.federfuehrend.kuerzel]
    words += [b.gremium for b in vorlage.beratungsfolge]
    seen: list[str] = []
    for w in words:
        w = _one_line(w)
        if w and w not in seen:
            seen.append(w)
    return seen


def render(
    vorlage: Vorlage,
    *,
    profile: Profile | None = None,
    progress: ProgressCallback | None = None,
    entwurf: bool = False,
    ausdruck_datum: dt.date | None = None,
    tagged: bool = True,
    cancel: CancelCheck | None = None,
) -> bytes:
    """Render the Vorlage as PDF bytes. Same input and `ausdruck_datum` → identical bytes.

    `cancel`: called (from the rendering thread) after every flowable and every page; when it
    returns True the export stops with ExportCancelled (e.g. `threading.Event().is_set`).

    Every export is tagged PDF/UA-1 and PDF/A-2; `tagged=False` gives reportlab's plain
    output, only for measuring what tagging costs (benchmarks/bench_tagging.py).
    """
    register_fonts()
    profile = profile or profiles.of(vorlage)
    ausdruck = ausdruck_datum or dt.date.today()
    info = _page_info(vorlage, profile, ausdruck, entwurf)
    styles = stylesheet()
    g = vorlage.grunddaten

    title = _one_line(g.betreff) or "Vorlage"
    buffer = io.BytesIO()
    frame = Frame(
        MARGIN_LEFT,
        MARGIN_BOTTOM,
        FRAME_WIDTH,
        FRAME_HEIGHT,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id="inhalt",
    )

    def first_page(canv: Canvas, _doc: Any) -> None:
        draw_entwurf(canv, info, first_page=True)

    def later_page(canv: Canvas, _doc: Any) -> None:
        draw_entwurf(canv, info)
        draw_header(canv, info)

    doc = BaseDocTemplate(
        buffer,
        pagesize=PAGE_SIZE,
        leftMargin=MARGIN_LEFT,
        rightMargin=MARGIN_RIGHT,
        topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM,
        # Document info is the only user text reportlab writes as a PDF string: kept within
        # PDF/A-2's 32 767 bytes here, so that both revisions' info and the XMP agree.
        title=fit_string(draft_mark.title(title) if entwurf else title),
        author=fit_string(_one_line(g.verfasst_von)),
        subject=fit_string(_one_line(f"{g.vorlageart} {g.vorlage_nr}")),
        keywords=fit_string(", ".join(_keywords(vorlage, profile))),
        creator=CREATOR,
        producer=CREATOR,
        lang="de-DE",
        displayDocTitle=1,
        invariant=1,
        pageCompression=1,
        initialFontName=FONT,
    )
    doc.addPageTemplates(
        [
            PageTemplate(
                id="erste", frames=[frame], onPage=first_page, autoNextPageTemplate="folge"
            ),
            PageTemplate(id="folge", frames=[frame], onPage=later_page),
        ]
    )
    story = sections.story(vorlage, profile, styles)
    if entwurf:
        story.insert(0, draft_mark.DraftLine(PAGE_W, ENTWURF_Y))
    # Tagged PDF/UA + PDF/A-2 (issue 5): structure planned from the roles, MCIDs written
    # while drawing, tree and archival metadata added afterwards.
    doc.pdf_tagger = None
    if tagged:
        flowtags.plan(story).install(doc)
    if progress is not None or cancel is not None:
        doc.setProgressCallBack(_Progress(progress, cancel))
    doc.build(story, canvasmaker=functools.partial(_Canvas, info=info, created=ausdruck))
    check_cancel(cancel)
    if doc.pdf_tagger is None:
        return buffer.getvalue()
    return pdfa.finish(buffer.getvalue(), doc.pdf_tagger.recorder)


def check_cancel(cancel: CancelCheck | None) -> None:
    if cancel is not None and cancel():
        raise ExportCancelled("Der Export wurde abgebrochen; es wurde keine Datei geschrieben.")


def render_to_file(
    vorlage: Vorlage,
    path: str | os.PathLike[str],
    *,
    profile: Profile | None = None,
    progress: ProgressCallback | None = None,
    entwurf: bool = False,
    ausdruck_datum: dt.date | None = None,
    cancel: CancelCheck | None = None,
) -> None:
    """`render` and write the PDF atomically; a cancelled export writes nothing."""
    from forms.export import check_output_path
    from forms.files import write_atomic

    check_output_path(Path(path))  # never over a project file, whatever the caller checked
    data = render(
        vorlage,
        profile=profile,
        progress=progress,
        entwurf=entwurf,
        ausdruck_datum=ausdruck_datum,
        cancel=cancel,
    )
    check_cancel(cancel)
    write_atomic(Path(path), data)
