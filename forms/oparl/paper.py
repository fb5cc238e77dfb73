"""Building the OParl 1.1 Paper of a Vorlage: its fields, Consultations and extension."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path
from typing import Any

from forms import profiles
from forms.model import Dienststelle, Sichtbarkeit, Spalten, Vorlage
from forms.oparl.base import (
    ENTSCHEIDUNG,
    OPARL,
    ORG_CODE,
    Builder,
    OParlExport,
    OParlExportError,
    default_basis_url,
    paper_key,
    pdf_file_name,
    split_verfasst_von,
)
from forms.oparl.files import Freigabe, anlage_files, read_source
from forms.pdf.auswirkungen import blocks
from forms.profile import Profile


def build_paper(
    vorlage: Vorlage,
    pdf: bytes | Path,
    *,
    profile: Profile | None = None,
    basis_url: str | None = None,
    jetzt: dt.datetime | None = None,
    projekt_ordner: Path | None = None,
    freigegeben: Iterable[Path] = (),
    alle_anlagen: bool = False,
) -> OParlExport:
    """The OParl 1.1 Paper of `vorlage` with `pdf` (bytes or a file) as its main file.

    `projekt_ordner` resolves relative Anlage paths (as stored in the project file). An Anlage
    file is copied only from inside that folder, or when the clerk picked it: listed in
    `freigegeben` (the wizard's file dialog) or `alle_anlagen` (the CLI's explicit option).
    A project file received from elsewhere can thus not make the export copy an arbitrary
    file (e.g. a key in the home folder) next to the paper.
    """
    profile = profile or profiles.of(vorlage)
    basis = basis_url or default_basis_url(profile)
    if not re.fullmatch(r"https?://[^/\s]+/(\S*/)?", basis):
        raise OParlExportError(
            f"Die Basis-URL „{basis}“ ist keine http(s)-Adresse, die mit „/“ endet."
        )
    jetzt = jetzt or dt.datetime.now(dt.UTC)
    if jetzt.tzinfo is None:
        raise OParlExportError("Der Zeitpunkt des Exports braucht eine Zeitzone.")
    pdf_bytes = read_source(pdf, "Das PDF")
    if not pdf_bytes.startswith(b"%PDF-"):
        raise OParlExportError("Die Hauptdatei ist kein PDF.")

    b = Builder(vorlage, profile, basis, jetzt)
    g = vorlage.grunddaten
    if g.status.sichtbarkeit is Sichtbarkeit.NICHTOEFFENTLICH:
        b.hinweise.append(
            "Die Vorlage ist nichtöffentlich; OParl-Schnittstellen sind öffentlich. Die Datei "
            "nur an das Ratsbüro geben, nicht veröffentlichen."
        )
    paper_id = b.url("paper", paper_key(vorlage))
    pdf_name = pdf_file_name(vorlage)
    main_source: bytes | Path = pdf if isinstance(pdf, Path) else pdf_bytes
    export = OParlExport(paper={}, dateien=[(pdf_name, main_source)])

    p: dict[str, Any] = {
        "id": paper_id,
        "type": OPARL + "Paper",
        "body": b.body,
        "name": " ".join(g.betreff.split()),
    }
    if g.vorlage_nr.strip():
        p["reference"] = g.vorlage_nr.strip()
    else:
        b.hinweise.append("Die Vorlage-Nr. fehlt; das Paper hat keine „reference“.")
    if g.datum is not None:
        p["date"] = g.datum.isoformat()
    if g.vorlageart.strip():
        p["paperType"] = g.vorlageart.strip()
    if g.federfuehrend.anzeige().strip():
        p["underDirectionOf"] = [b.dienststelle(g.federfuehrend)]
    orgs, persons = split_verfasst_von(g.verfasst_von)
    if orgs:
        p["originatorOrganization"] = [
            b.dienststelle(Dienststelle(kuerzel=o))
            if ORG_CODE.match(o)
            else b.organisation(o, "", "Verwaltungsbereich")
            for o in orgs
        ]
    if persons:
        p["originatorPerson"] = [b.person(x) for x in persons]
    p["mainFile"] = b.datei(
        paper_id, "vorlage", f"Vorlage {g.vorlage_nr}".strip(), pdf_name, pdf_bytes
    )
    allowed = Freigabe(projekt_ordner, freigegeben, alle_anlagen)
    anlagen = anlage_files(vorlage, b, paper_id, allowed, export)
    if anlagen:
        p["auxiliaryFile"] = anlagen
    if vorlage.beratungsfolge:
        p["consultation"] = _consultations(vorlage, b, paper_id)
    p["created"] = b.jetzt
    p["modified"] = b.jetzt
    p.update(_extension(vorlage, b))
    export.paper = p
    export.hinweise = b.hinweise
    return export


def _consultations(vorlage: Vorlage, b: Builder, paper_id: str) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for i, row in enumerate(vorlage.beratungsfolge, start=1):
        c: dict[str, Any] = {"id": f"{paper_id}/beratung/{i}", "type": OPARL + "Consultation"}
        if row.gremium.strip():
            c["organization"] = [b.gremium(row.gremium.strip())]
        else:
            b.hinweise.append(f"Beratungsfolge, Zeile {i}: ohne Gremium exportiert.")
        if row.rolle.strip():
            c["role"] = row.rolle.strip()
        c["authoritative"] = row.rolle.strip() == ENTSCHEIDUNG
        # OParl keeps the date on the Meeting, which we cannot reference; carried as extension.
        c[b.prefix + "status"] = row.status  # Geplant, Erledigt or the verbatim text
        if row.datum is not None:
            c[b.prefix + "sitzungsdatum"] = row.datum.isoformat()
        out.append(c)
    return out


def _betrag(value: Decimal) -> str:
    return f"{value.quantize(Decimal('0.01')):f}"


def _spalten(spalten: Spalten | dict[str, Decimal]) -> dict[str, str]:
    values = spalten.model_dump() if isinstance(spalten, Spalten) else spalten
    return {k: _betrag(v) for k, v in values.items()}


def _extension(vorlage: Vorlage, b: Builder) -> dict[str, Any]:
    g = vorlage.grunddaten
    f = vorlage.finanzen
    x = b.prefix
    ext: dict[str, Any] = {
        x + "erweiterung": b.profile.oparl.erweiterung,
        x + "status": g.status.anzeige(),
        x + "verfasstVon": g.verfasst_von,
        x + "beteiligt": [b.dienststelle(d) for d in g.beteiligt if d.anzeige().strip()],
    }
    if b.profile.oparl.system:
        ext[x + "system"] = b.profile.oparl.system
    wahlperiode = b.profile.vorlage_nr.wahlperiode_von(g.vorlage_nr)
    if wahlperiode:
        ext[x + "wahlperiode"] = wahlperiode
    tables: dict[str, Any] = {}
    for kind, table, rows in (
        ("investiv", f.investiv, ("einzahlungen", "auszahlungen")),
        ("konsumtiv", f.konsumtiv, ("ertrag", "personal_sachaufwand", "abschreibungen")),
    ):
        veraenderung = table.veraenderung()
        tables[kind] = {
            **{row: _spalten(getattr(table, row)) for row in rows},
            "ergebnis": _spalten(table.ergebnis()),
            "veraenderung": {"jahr": _betrag(veraenderung.jahr), "ff": _betrag(veraenderung.ff)},
            "deckung_jahr": table.deckung_jahr.value,
            "deckung_ff": table.deckung_ff.value,
        }
    ext[x + "finanzen"] = {
        "auswirkungen": f.auswirkungen,
        "haushaltsjahr": f.haushaltsjahr,
        **tables,
    }
    ext[x + "klimarelevanz"] = vorlage.klimarelevanz.model_dump(mode="json")
    # The exact values behind the OParl fields (which collapse whitespace and resolve
    # abbreviations) and the texts, so that our own import gets the identical draft back.
    # Anlage file paths stay out: a local folder structure is nothing for the council office.
    ext[x + "grunddaten"] = g.model_dump(mode="json")
    ext[x + "beratungsfolge"] = [row.model_dump(mode="json") for row in vorlage.beratungsfolge]
    ext[x + "anlagen"] = [anlage.titel for anlage in vorlage.anlagen]
    ext[x + "beschlussvorschlag"] = vorlage.beschlussvorschlag
    ext[x + "erlaeuterungen"] = vorlage.erlaeuterungen
    ext[x + "profil"] = vorlage.profil
    weitere = blocks(vorlage, b.profile)
    if weitere:
        ext[x + "weitereAuswirkungen"] = {
            key: {"titel": titel, "frage": frage, "ja": entry.ja, "text": entry.text}
            for key, titel, frage, entry in weitere
        }
    # Embedded definitions of every Organization/Person referenced above, so the receiver can
    # show names without fetching the (placeholder) URLs.
    ext[x + "organisationen"] = list(b.organisationen.values())
    if b.personen:
        ext[x + "personen"] = list(b.personen.values())
    return ext
