"""OParl 1.1 export: a Vorlage as an `oparl:Paper` for the council office's systems.

The Paper embeds its Consultations (the Beratungsfolge) and Files (the exported PDF as
`mainFile`, the Anlagen as `auxiliaryFile`), as OParl 1.1 allows. What OParl has no field for —
Beteiligt, the finance tables, the Klimarelevanz grid, the Vorlage status — travels in vendor
extension properties with the prefix `<profile id>:` (e.g. `aachen:finanzen`), described by
`resources/oparl/aachen-erweiterung.json` and docs/import-oparl.md.

Identifiers: OParl wants every object's `id` to be the URL it can be fetched from. A file
handed over is served by nobody yet, so ids are built under a placeholder base URL in the
reserved top-level domain `.invalid` (RFC 6761: never resolves) and derived deterministically
from the Vorlage-Nr. (re-exporting gives the same ids). The receiving system replaces the base
(`basis_url`) with its own. `accessUrl` of a File is `<base>dateien/<fileName>`; the file itself
is written next to the paper JSON under that `fileName`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import mimetypes
import re
import stat
import unicodedata
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from forms.errors import ProjectFileError, VorlageError
from forms.files import read_regular_file, write_atomic
from forms.model import Dienststelle, Sichtbarkeit, Spalten, Vorlage
from forms.profile import Profile, load_profile

OPARL = "https://schema.oparl.org/1.1/"
EXTENSION_SCHEMA = "https://vorlagen-assistent.invalid/oparl/aachen-erweiterung-1.json"
ENTSCHEIDUNG = "Entscheidung"
# The PDF and each Anlage; a scanned plan can be large, a device "file" must never be read.
MAX_DATEI_BYTES = 512 * 1024 * 1024


class OParlExportError(VorlageError):
    """The export cannot be built or written; the message is German."""


def default_basis_url(profile: Profile) -> str:
    return f"https://vorlagen-assistent.invalid/oparl/{profile.id}/"


@dataclass
class OParlExport:
    paper: dict[str, Any]
    # Files that travel next to the paper JSON: (fileName, content or source path).
    dateien: list[tuple[str, bytes | Path]] = field(default_factory=list)
    hinweise: list[str] = field(default_factory=list)

    def json(self) -> str:
        return json.dumps(self.paper, ensure_ascii=False, indent=2) + "\n"


# --------------------------------------------------------------------------------------------


def slug(text: str) -> str:
    """'FB 56/0319/WP18' → 'fb-56-0319-wp18'; 'Ausschuss für …' → 'ausschuss-fuer-…'."""
    text = text.strip().lower()
    for umlaut, ersatz in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")):
        text = text.replace(umlaut, ersatz)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "x"


def pdf_file_name(vorlage: Vorlage) -> str:
    nummer = vorlage.grunddaten.vorlage_nr.strip()
    if not nummer:
        return "Vorlage-Entwurf.pdf"
    return re.sub(r"[^A-Za-z0-9-]+", "_", nummer).strip("_") + ".pdf"


def _paper_key(vorlage: Vorlage) -> str:
    g = vorlage.grunddaten
    if g.vorlage_nr.strip():
        return slug(g.vorlage_nr)
    # No number yet (the RIS assigns it): a stable key from what identifies the draft.
    seed = "\n".join((g.federfuehrend.anzeige(), g.betreff, g.vorlageart))
    return "entwurf-" + str(uuid.uuid5(uuid.NAMESPACE_URL, seed))


_ORG_CODE = re.compile(
    r"^((FB|E|B|BA|A|S)\s?\d{1,3}(/\d{1,4})*|\d{1,3}/\d{1,4}|Dez\.?\s?[IVX]+|Dezernat\s?[IVX]+)$"
)
_ANREDE = re.compile(r"^(Herr|Frau)\b")


def split_verfasst_von(text: str) -> tuple[list[str], list[str]]:
    """'FB 56/600' → org; 'Kind, Christoph' / 'Herr Molls' → person; 'S 69, Frau Dr. X' → both.

    Returns (organisation codes or names, person names), each verbatim from the text.
    """
    parts = [p.strip() for p in text.split(",") if p.strip()]
    if not parts:
        return [], []
    orgs = [p for p in parts if _ORG_CODE.match(p)]
    rest = [p for p in parts if p not in orgs]
    if not rest:
        return orgs, []
    if any(_ANREDE.match(p) for p in rest) or (
        len(rest) == 2 and not any(ch.isdigit() for ch in "".join(rest))
    ):
        return orgs, [", ".join(rest)]
    return orgs + rest, []


# --------------------------------------------------------------------------------------------


class _Builder:
    def __init__(self, vorlage: Vorlage, profile: Profile, basis: str, jetzt: dt.datetime) -> None:
        self.v = vorlage
        self.profile = profile
        self.basis = basis
        self.jetzt = jetzt.isoformat(timespec="seconds")
        self.prefix = f"{profile.id}:"
        self.organisationen: dict[str, dict[str, Any]] = {}
        self.personen: dict[str, dict[str, Any]] = {}
        self.hinweise: list[str] = []

    def url(self, *parts: str) -> str:
        return self.basis + "/".join(parts)

    def organisation(self, name: str, kurz: str, art: str, key: str = "") -> str:
        key = slug(key or kurz or name)
        url = self.url("organization", key)
        if url not in self.organisationen:
            org: dict[str, Any] = {
                "id": url,
                "type": OPARL + "Organization",
                "body": self.url("body"),
                "name": name or kurz,
                "organizationType": art,
            }
            if kurz:
                org["shortName"] = kurz
            self.organisationen[url] = org
        return url

    def dienststelle(self, d: Dienststelle) -> str:
        known = self.profile.dienststelle(d.kuerzel) if d.kuerzel and not d.name else None
        name = d.name or (known.name if known else "")
        return self.organisation(name, d.kuerzel, "Verwaltungsbereich")

    def gremium(self, name: str) -> str:
        gremium = self.profile.gremium(name)
        # Keyed by the full name: abbreviations are not unique across the profile's history.
        return self.organisation(name, gremium.kurz if gremium else "", "Gremium", key=name)

    def person(self, text: str) -> str:
        url = self.url("person", slug(text))
        person: dict[str, Any] = {"id": url, "type": OPARL + "Person", "body": self.url("body")}
        anrede = _ANREDE.match(text)
        if anrede:
            person["formOfAddress"] = anrede[1]
            person["name"] = text[anrede.end() :].strip()
        elif "," in text:
            family, given = (x.strip() for x in text.split(",", 1))
            person.update(name=f"{given} {family}", familyName=family, givenName=given)
        else:
            person["name"] = text
        self.personen[url] = person
        return url

    def datei(
        self, paper_id: str, key: str, name: str, file_name: str | None, data: bytes | None
    ) -> dict[str, Any]:
        file_id = f"{paper_id}/datei/{key}"
        obj: dict[str, Any] = {"id": file_id, "type": OPARL + "File", "name": name}
        if file_name is not None:
            obj["fileName"] = file_name
            obj["mimeType"] = mimetypes.guess_type(file_name)[0] or "application/octet-stream"
        obj["accessUrl"] = self.url("dateien", file_name) if file_name else file_id
        obj["created"] = self.jetzt
        obj["modified"] = self.jetzt
        if data is not None:
            obj["size"] = len(data)
            obj["sha512Checksum"] = hashlib.sha512(data).hexdigest()
            obj["date"] = self.jetzt[:10]
        return obj


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
    profile = profile or load_profile()
    basis = basis_url or default_basis_url(profile)
    if not re.fullmatch(r"https?://[^/\s]+/(\S*/)?", basis):
        raise OParlExportError(
            f"Die Basis-URL „{basis}“ ist keine http(s)-Adresse, die mit „/“ endet."
        )
    jetzt = jetzt or dt.datetime.now(dt.UTC)
    if jetzt.tzinfo is None:
        raise OParlExportError("Der Zeitpunkt des Exports braucht eine Zeitzone.")
    pdf_bytes = _read(pdf, "Das PDF")
    if not pdf_bytes.startswith(b"%PDF-"):
        raise OParlExportError("Die Hauptdatei ist kein PDF.")

    b = _Builder(vorlage, profile, basis, jetzt)
    g = vorlage.grunddaten
    if g.status.sichtbarkeit is Sichtbarkeit.NICHTOEFFENTLICH:
        b.hinweise.append(
            "Die Vorlage ist nichtöffentlich; OParl-Schnittstellen sind öffentlich. Die Datei "
            "nur an das Ratsbüro geben, nicht veröffentlichen."
        )
    paper_id = b.url("paper", _paper_key(vorlage))
    pdf_name = pdf_file_name(vorlage)
    main_source: bytes | Path = pdf if isinstance(pdf, Path) else pdf_bytes
    export = OParlExport(paper={}, dateien=[(pdf_name, main_source)])

    p: dict[str, Any] = {
        "id": paper_id,
        "type": OPARL + "Paper",
        "body": b.url("body"),
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
            if _ORG_CODE.match(o)
            else b.organisation(o, "", "Verwaltungsbereich")
            for o in orgs
        ]
    if persons:
        p["originatorPerson"] = [b.person(x) for x in persons]
    p["mainFile"] = b.datei(
        paper_id, "vorlage", f"Vorlage {g.vorlage_nr}".strip(), pdf_name, pdf_bytes
    )
    allowed = _Freigabe(projekt_ordner, freigegeben, alle_anlagen)
    anlagen = _anlagen(vorlage, b, paper_id, allowed, export)
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


def _read(source: bytes | Path, what: str) -> bytes:
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


class _Freigabe:
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


def _anlagen(
    vorlage: Vorlage, b: _Builder, paper_id: str, allowed: _Freigabe, export: OParlExport
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
                    data = _read(path, f"Anlage {i}")
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


def _consultations(vorlage: Vorlage, b: _Builder, paper_id: str) -> list[dict[str, Any]]:
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
        c[b.prefix + "status"] = row.status.value
        if row.datum is not None:
            c[b.prefix + "sitzungsdatum"] = row.datum.isoformat()
        out.append(c)
    return out


def _betrag(value: Decimal) -> str:
    return f"{value.quantize(Decimal('0.01')):f}"


def _spalten(spalten: Spalten | dict[str, Decimal]) -> dict[str, str]:
    values = spalten.model_dump() if isinstance(spalten, Spalten) else spalten
    return {k: _betrag(v) for k, v in values.items()}


def _extension(vorlage: Vorlage, b: _Builder) -> dict[str, Any]:
    g = vorlage.grunddaten
    f = vorlage.finanzen
    x = b.prefix
    ext: dict[str, Any] = {
        x + "erweiterung": EXTENSION_SCHEMA,
        x + "status": g.status.anzeige(),
        x + "verfasstVon": g.verfasst_von,
        x + "beteiligt": [b.dienststelle(d) for d in g.beteiligt if d.anzeige().strip()],
    }
    wp = re.search(r"/(WP\d{1,2})(-\d+)?$", g.vorlage_nr.strip())
    if wp:
        ext[x + "wahlperiode"] = wp[1]
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
    # Embedded definitions of every Organization/Person referenced above, so the receiver can
    # show names without fetching the (placeholder) URLs.
    ext[x + "organisationen"] = list(b.organisationen.values())
    if b.personen:
        ext[x + "personen"] = list(b.personen.values())
    return ext


# --------------------------------------------------------------------------------------------


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
        data = _read(content, "Die Datei")
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
