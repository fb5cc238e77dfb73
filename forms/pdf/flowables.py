"""Flowables that know their structural role, for the tagged PDF/UA of a later issue.

Convention (the contract for the tagging code):

- Every flowable in the story carries ``pdf_role``, one of `ROLES`:
  ``H1``…``H6``, ``P``, ``L``, ``LI``, ``Lbl``, ``LBody``, ``Table``, ``TR``, ``TH``, ``TD``,
  ``Figure`` or ``Artifact`` (spacers and rules: decoration, not content).
- Headings: ``H1`` is the Betreff (the document's title), ``H2`` the section headings
  ("Erläuterungen", …), ``H3``–``H6`` headings inside the rich text, never skipping a level.
- Lists are flat paragraphs (that keeps page breaks cheap and exact). Each paragraph of a list
  item has ``pdf_role = "LI"`` and ``pdf_list``: a tuple of ``(list_id, item_index)`` pairs from
  the outermost list to the innermost, so ``L > LI > (Lbl, LBody)`` can be rebuilt by grouping
  equal prefixes. The first paragraph of an item has ``pdf_label`` (``"1."``, ``"•"``), drawn as
  the paragraph's bullet; later paragraphs of the same item have no label.
- Tables have ``pdf_role = "Table"``, ``pdf_header_rows`` (rows that are ``TH``, repeated on
  every page) and ``pdf_header_cols`` (columns that are row headers, ``TH`` with scope Row);
  every other cell is ``TD``. A cell holds a plain ``str`` or a list of role-carrying flowables.
  Spans are reportlab's own (``table._spanRanges``).
- Check boxes are ``Figure`` with ``pdf_alt`` ("☒ positiv" / "☐ negativ"): the box is drawn,
  the ticked one also gets a real text "x" inside so it survives text extraction.
- When reportlab splits a flowable across pages, the parts keep every ``pdf_*`` attribute;
  parts after the first get ``pdf_continued = True`` (and lose ``pdf_label``).
- During layout reportlab groups a ``keepWithNext`` flowable (headings, the JA/NEIN box) with
  its successor in a ``KeepTogether`` wrapper; wrappers carry no role, descend into them.
- Tables with ``pdf_layout = True`` are layout grids (cover header, check-box rows), not data:
  emit their cells' flowables in row order without Table/TR/TD structure.
- Page header, footer and the ENTWURF mark are not flowables: `forms.pdf.document` draws them
  in separate canvas callbacks (``draw_header``, ``draw_footer``, ``draw_entwurf``), all of
  them artifacts.

Every text that comes from the user passes `escape` (or `text_para`) before it becomes
Paragraph markup; markup tags are only ever produced by this package.
"""

from __future__ import annotations

from typing import Any

from reportlab.lib.colors import black
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph, Spacer, Table

from forms.pdf import longpara
from forms.pdf.fonts import FONT, FONT_BOLD
from forms.pdf.glyphs import split_frags
from forms.pdf.styles import FRAME_HEIGHT
from forms.pdf.wordspace import trailing_spaces
from forms.printable import printable

ROLES = frozenset(
    {
        "H1",
        "H2",
        "H3",
        "H4",
        "H5",
        "H6",
        "P",
        "L",
        "LI",
        "Lbl",
        "LBody",
        "Table",
        "TR",
        "TH",
        "TD",
        "Figure",
        "Artifact",
    }
)


def xml_escape(text: str) -> str:
    """&, < and > as entities (xml.sax.saxutils.escape, whose module imports urllib.request,
    http.client and ssl: ~15 ms of every export)."""
    return text.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")


def escape(text: str) -> str:
    """User text → Paragraph markup that prints literally (&, <, > and nothing else special).
    Control characters and the like are dropped (forms/printable.py: kept in the file only)."""
    return xml_escape(printable(text))


def escape_lines(text: str) -> str:
    """Like `escape`, with line breaks kept as <br/> (multi-line fields such as Unterschrift)."""
    return "<br/>".join(escape(line) for line in printable(text).splitlines())


class Tagged:
    """Mixin: carries ``pdf_*`` attributes through reportlab's splits and lets the tagger
    (forms.pdf.flowtags) wrap the drawing in marked content."""

    pdf_role: str = "P"

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> Any:
        from forms.pdf.flowtags import draw_on

        return draw_on(self, super().drawOn, canvas, x, y, _sW)  # type: ignore[misc]

    def split(self, availWidth: float, availHeight: float) -> list[Any]:
        return self._carry(super().split(availWidth, availHeight))  # type: ignore[misc]

    def _carry(self, parts: list[Any]) -> list[Any]:
        attrs = {k: v for k, v in self.__dict__.items() if k.startswith("pdf_")}
        for index, part in enumerate(parts):
            for key, value in attrs.items():
                if index and key == "pdf_label":
                    continue
                setattr(part, key, value)
            if index:
                part.pdf_continued = True
            if index < len(parts) - 1:
                part.pdf_split_after = True  # its last line's word break is a line wrap too
        return parts


class Para(Tagged, Paragraph):
    frags: list[Any]

    def __init__(self, text: Any, style: ParagraphStyle, *args: Any, **kw: Any) -> None:
        super().__init__(text, style, *args, **kw)
        frags, placeholders = split_frags(self.frags)  # each character in a font that has it
        if placeholders:  # the tagger gives the element the original text (forms.pdf.glyphs)
            self.pdf_actual_text = " ".join(self.getPlainText().split())
        self.frags = frags

    # A very long paragraph is measured and split by a head (forms/pdf/longpara.py), so its
    # page breaks cost time linear in its length.
    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        if longpara.is_long(self):
            size = longpara.measure(self, availWidth, availHeight)
            if size is not None:
                self.width, self.height = size
                return size
        return super().wrap(availWidth, availHeight)  # type: ignore[no-any-return]

    def split(self, availWidth: float, availHeight: float) -> list[Any]:
        if longpara.is_long(self):
            parts = longpara.split(self, availWidth, availHeight)
            if parts is not None:
                return self._carry(parts)
        return super().split(availWidth, availHeight)

    def draw(self) -> None:
        with trailing_spaces(self, bool(getattr(self, "pdf_split_after", False))):
            super().draw()


class RoleTable(Tagged, Table):
    pdf_role = "Table"
    pdf_header_rows = 0
    pdf_header_cols = 0
    keep_together = False

    def split(self, availWidth: float, availHeight: float) -> list[Any]:
        # A small form table (finance, check boxes) moves to the next page whole; one taller
        # than a page (pathological input) still splits rather than failing the export.
        if self.keep_together and getattr(self, "_height", 0) < FRAME_HEIGHT:
            return []
        return super().split(availWidth, availHeight)


def tag(flowable: Any, role: str, **attrs: Any) -> Any:
    if role not in ROLES:
        raise ValueError(f"unknown role {role!r}")
    flowable.pdf_role = role
    for key, value in attrs.items():
        setattr(flowable, f"pdf_{key}", value)
    return flowable


def markup_para(markup: str, style: ParagraphStyle, role: str = "P", **attrs: Any) -> Para:
    """A paragraph from markup this package built (user parts already escaped)."""
    return tag(Para(markup, style), role, **attrs)


def text_para(text: str, style: ParagraphStyle, role: str = "P", **attrs: Any) -> Para:
    """A paragraph from plain user text: escaped, line breaks kept."""
    return markup_para(escape_lines(text), style, role, **attrs)


def spacer(height: float) -> Spacer:
    return tag(Spacer(1, height), "Artifact")


def table(
    data: list[list[Any]],
    *,
    col_widths: list[float] | None = None,
    style: list[tuple[Any, ...]] | None = None,
    header_rows: int = 0,
    header_cols: int = 0,
    keep_together: bool = False,
    **kw: Any,
) -> RoleTable:
    # Rows may split inside a cell (at least ~3 lines per part), so a cell longer than a page
    # (a pasted text in a Markdown table) paginates instead of failing the export.
    kw.setdefault("splitInRow", 0 if keep_together else 36)
    # A table lays out a row from its cells' true heights: no head measuring in cells.
    for row in data:
        for cell in row:
            for flowable in cell if isinstance(cell, list) else [cell]:
                if isinstance(flowable, Para):
                    flowable.pdf_whole = True
    t = RoleTable(data, colWidths=col_widths, repeatRows=header_rows, **kw)
    t.keep_together = keep_together
    # Plain-string cells default to Helvetica (base-14, not embedded): never let that happen.
    t.setStyle([("FONT", (0, 0), (-1, -1), FONT, 8.5), *(style or [])])
    return tag(t, "Table", header_rows=header_rows, header_cols=header_cols)


# A row taller than this cannot be laid out reliably by reportlab's in-row split.
TALL_ROW = 0.8 * FRAME_HEIGHT


def has_tall_row(data: list[list[Any]], col_widths: list[float], padding: float = 6) -> bool:
    """True when some cell alone would fill most of a page (only long texts are measured)."""
    for row in data:
        for cell, width in zip(row, col_widths, strict=False):
            if isinstance(cell, Paragraph) and len(cell.text) > 300:
                _w, height = cell.wrap(width - padding, 10 * FRAME_HEIGHT)
                if height > TALL_ROW:
                    return True
    return False


def rows_as_paragraphs(
    headers: list[str], rows: list[list[str]], style: ParagraphStyle
) -> list[Para]:
    """Fallback for a table with a page-long cell: one paragraph per row, "Kopf: Wert" lines.

    `headers` and `rows` are markup (user parts already escaped).
    """
    out: list[Para] = []
    for row in rows:
        lines = [
            f"<b>{head}:</b> {value}" if head else value
            for head, value in zip(headers + [""] * (len(row) - len(headers)), row, strict=False)
        ]
        out.append(markup_para("<br/>".join(lines), style, "P"))
    return out


class CheckBox(Tagged, Flowable):
    """A drawn square; when ticked it holds a real "x" (text), so readers and tools see it."""

    pdf_role = "Figure"

    def __init__(self, checked: bool, label: str, size: float = 9) -> None:
        super().__init__()
        self.checked = checked
        self.size = size
        self.pdf_alt = f"{'☒' if checked else '☐'} {label}".strip()

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return self.size, self.size

    def draw(self) -> None:
        canv = self.canv
        canv.saveState()
        canv.setStrokeColor(black)
        canv.setLineWidth(0.7)
        canv.rect(0, 0, self.size, self.size, stroke=1, fill=0)
        if self.checked:
            canv.setFillColor(black)
            canv.setFont(FONT_BOLD, self.size)
            canv.drawCentredString(self.size / 2, self.size * 0.2, "x")
        canv.restoreState()
