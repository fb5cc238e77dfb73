"""The OParl export's vocabulary: constants, result and error types, names and ids, and the
builder that collects the Organizations, Persons and Files a Paper references."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import mimetypes
import re
import unicodedata
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from forms.errors import VorlageError
from forms.model import Dienststelle, Vorlage
from forms.profile import Profile

OPARL = "https://schema.oparl.org/1.1/"
ENTSCHEIDUNG = "Entscheidung"
# The PDF and each Anlage; a scanned plan can be large, a device "file" must never be read.
MAX_DATEI_BYTES = 512 * 1024 * 1024


class OParlExportError(VorlageError):
    """The export cannot be built or written; the message is German."""


def default_basis_url(profile: Profile) -> str:
    return profile.oparl.basis_url


@dataclass
class OParlExport:
    paper: dict[str, Any]
    # Files that travel next to the paper JSON: (fileName, content or source path).
    dateien: list[tuple[str, bytes | Path]] = field(default_factory=list)
    hinweise: list[str] = field(default_factory=list)

    def json(self) -> str:
        return json.dumps(self.paper, ensure_ascii=False, indent=2) + "\n"


def slug(text: str) -> str:
    """'V-2026/0042' → 'v-2026-0042'; 'Ausschuss für …' → 'ausschuss-fuer-…'."""
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


def paper_key(vorlage: Vorlage) -> str:
    g = vorlage.grunddaten
    if g.vorlage_nr.strip():
        return slug(g.vorlage_nr)
    # No number yet (the RIS assigns it): a stable key from what identifies the draft.
    seed = "\n".join((g.federfuehrend.anzeige(), g.betreff, g.vorlageart))
    return "entwurf-" + str(uuid.uuid5(uuid.NAMESPACE_URL, seed))


# An organisational unit's code, in any city's style: a short word and a number with optional
# "/" parts ("Amt 61/2", "S 69"), a bare "36/001", or a Dezernat in Roman numerals.
ORG_CODE = re.compile(
    r"^([A-ZÄÖÜ][A-Za-zÄÖÜäöü]{0,5}\.?\s?\d{1,3}(/\d{1,4})*|\d{1,3}/\d{1,4}"
    r"|Dez\.?\s?[IVX]+|Dezernat\s?[IVX]+)$"
)
_ANREDE = re.compile(r"^(Herr|Frau)\b")


def split_verfasst_von(text: str) -> tuple[list[str], list[str]]:
    """'Amt 61/2' → org; 'Kind, Christoph' / 'Herr Molls' → person; 'S 69, Frau Dr. X' → both.

    Returns (organisation codes or names, person names), each verbatim from the text.
    """
    parts = [p.strip() for p in text.split(",") if p.strip()]
    if not parts:
        return [], []
    orgs = [p for p in parts if ORG_CODE.match(p)]
    rest = [p for p in parts if p not in orgs]
    if not rest:
        return orgs, []
    if any(_ANREDE.match(p) for p in rest) or (
        len(rest) == 2 and not any(ch.isdigit() for ch in "".join(rest))
    ):
        return orgs, [", ".join(rest)]
    return orgs + rest, []


class Builder:
    def __init__(self, vorlage: Vorlage, profile: Profile, basis: str, jetzt: dt.datetime) -> None:
        self.v = vorlage
        self.profile = profile
        self.basis = basis
        self.jetzt = jetzt.isoformat(timespec="seconds")
        self.prefix = f"{profile.id}:"
        # The city's Body, or a placeholder below the base URL.
        self.body = profile.oparl.body or self.url("body")
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
                "body": self.body,
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
