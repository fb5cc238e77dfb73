"""Vorschau and Drucken (issue 15): the exported PDF shown page by page and printed.

- `raster`: PDFium (pypdfium2) behind one lock: page sizes, pages as QImages, page text.
- `controller`: `Preview`, the PDF of the open Vorlage kept current in a worker, pages cached.
- `window`: `PreviewWindow`, the pages at a zoom, page navigation, Drucken.
- `printing`: the PDF through Qt's print dialog onto a QPrinter.
"""
