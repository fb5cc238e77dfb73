"""PDF export of a Vorlage (reportlab). `render` is a pure function: model in, PDF bytes out."""

from __future__ import annotations

from forms.errors import ExportCancelled
from forms.pdf.document import CancelCheck, ProgressCallback, render, render_to_file

__all__ = ["CancelCheck", "ExportCancelled", "ProgressCallback", "render", "render_to_file"]
