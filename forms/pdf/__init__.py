"""PDF export of a Vorlage (reportlab). `render` is a pure function: model in, PDF bytes out."""

from __future__ import annotations

from forms.pdf.document import ProgressCallback, render, render_to_file

__all__ = ["ProgressCallback", "render", "render_to_file"]
