"""OParl 1.1 export: a Vorlage as an `oparl:Paper` for the council office's systems.

The Paper embeds its Consultations (the Beratungsfolge) and Files (the exported PDF as
`mainFile`, the Anlagen as `auxiliaryFile`), as OParl 1.1 allows. What OParl has no field for —
Beteiligt, the finance tables, the Klimarelevanz grid, the Vorlage status — travels in vendor
extension properties with the prefix `<profile id>:` (e.g. `musterstadt:finanzen`), whose
schema URL the profile names (`oparl.erweiterung`, docs/profile.md); see docs/import-oparl.md.

Identifiers: OParl wants every object's `id` to be the URL it can be fetched from. A file
handed over is served by nobody yet, so ids are built under a placeholder base URL in the
reserved top-level domain `.invalid` (RFC 6761: never resolves) and derived deterministically
from the Vorlage-Nr. (re-exporting gives the same ids). The receiving system replaces the base
(`basis_url`) with its own. `accessUrl` of a File is `<base>dateien/<fileName>`; the file itself
is written next to the paper JSON under that `fileName`.

The package: `base` (constants, types, names and ids, the builder of referenced objects),
`paper` (the Paper itself, its Consultations and extension), `files` (which Anlagen may be
copied; writing the export).
"""

from forms.oparl.base import (
    ENTSCHEIDUNG,
    MAX_DATEI_BYTES,
    OPARL,
    OParlExport,
    OParlExportError,
    default_basis_url,
    pdf_file_name,
    slug,
    split_verfasst_von,
)
from forms.oparl.files import write_export
from forms.oparl.paper import build_paper

__all__ = [
    "ENTSCHEIDUNG",
    "MAX_DATEI_BYTES",
    "OPARL",
    "OParlExport",
    "OParlExportError",
    "build_paper",
    "default_basis_url",
    "pdf_file_name",
    "slug",
    "split_verfasst_von",
    "write_export",
]
