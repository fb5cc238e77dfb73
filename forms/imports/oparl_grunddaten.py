"""The Grunddaten of an OParl Paper: its own fields (name, reference, paperType, date,
underDirectionOf, originator…) and, from our extension, the exact values behind them."""

from __future__ import annotations

from typing import Any

from forms.imports.oparl_base import PaperReader, as_text, refers_to, same
from forms.imports.values import parse_status
from forms.model import Dienststelle, Status


def _field(reader: PaperReader, attr: str, oparl_key: str, exact: dict[str, Any]) -> None:
    g = reader.v.grunddaten
    value = as_text(reader.p.get(oparl_key)).strip()
    known = as_text(exact.get(attr))
    if value and known and not same(value, known):
        reader.hint(
            f"„{oparl_key}“ der Drucksache („{value}“) weicht von der Erweiterung "
            f"(„{known}“) ab; übernommen wurde „{value}“."
        )
        known = ""
    if value or known:
        reader.set(g, attr, known or value, f"grunddaten.{attr}")


def read_grunddaten(reader: PaperReader, exact: dict[str, Any]) -> None:
    g = reader.v.grunddaten
    _field(reader, "betreff", "name", exact)
    if not g.betreff:
        reader.missing("Betreff („name“) fehlt in der Drucksache.")
    _field(reader, "vorlage_nr", "reference", exact)
    if not g.vorlage_nr:
        reader.missing("Vorlage-Nr. („reference“) fehlt in der Drucksache.")
    _field(reader, "vorlageart", "paperType", exact)
    if "grunddaten.vorlageart" not in reader.b.gefuellt:
        # The model's default would otherwise pass for read data.
        g.vorlageart = ""
        reader.missing("Vorlageart („paperType“) fehlt in der Drucksache.")
    datum = reader.p.get("date")
    if isinstance(datum, str) and datum:
        reader.set(g, "datum", datum[:10], "grunddaten.datum")
    _federfuehrend(reader, exact)
    for attr in ("aktenzeichen", "unterschrift"):
        if as_text(exact.get(attr)):
            reader.set(g, attr, exact[attr], f"grunddaten.{attr}")
    _status(reader, exact)
    _beteiligt(reader, exact)
    _verfasst_von(reader, exact)


def _dienststelle(reader: PaperReader, ref: Any) -> Dienststelle | None:
    org = reader.resolve(ref)
    if org is None:
        return None
    return reader.make(
        Dienststelle,
        "grunddaten.federfuehrend",
        kuerzel=as_text(org.get("shortName")),
        name=as_text(org.get("name")),
    )


def _federfuehrend(reader: PaperReader, exact: dict[str, Any]) -> None:
    refs = reader.p.get("underDirectionOf")
    first = refs[0] if isinstance(refs, list) and refs else None
    known = exact.get("federfuehrend")
    if isinstance(known, dict) and refers_to(first, known.get("kuerzel"), known.get("name")):
        # Our export resolves a bare abbreviation to the profile's name and merges units
        # with the same key; the exact entry says what was typed.
        unit = reader.make(Dienststelle, "grunddaten.federfuehrend", **known)
    elif first is None:
        reader.missing("Federführend („underDirectionOf“) fehlt in der Drucksache.")
        return
    else:
        unit = _dienststelle(reader, first)
        if unit is None:
            reader.missing(
                f"Federführend: die Organisation {first} steht nicht in der Datei (nur ihre "
                "Adresse); bitte im Assistenten eintragen."
            )
            return
    if unit is not None:
        reader.set(reader.v.grunddaten, "federfuehrend", unit, "grunddaten.federfuehrend")
    if isinstance(refs, list) and len(refs) > 1:
        reader.hint(
            f"„underDirectionOf“ nennt {len(refs)} Organisationen; die erste ist Federführend."
        )


def _status(reader: PaperReader, exact: dict[str, Any]) -> None:
    status = exact.get("status")
    if isinstance(status, dict):
        made = reader.make(Status, "grunddaten.status", **status)
    elif isinstance(reader.ext("status"), str) and (parsed := parse_status(reader.ext("status"))):
        made = reader.make(Status, "grunddaten.status", sichtbarkeit=parsed[0], workflow=parsed[1])
    else:
        reader.hint(
            "Status: OParl kennt kein Feld dafür; die Vorgabe „öffentlich“ bleibt stehen "
            "(nicht gelesen) und ist im Assistenten zu prüfen."
        )
        return
    if made is not None:
        reader.set(reader.v.grunddaten, "status", made, "grunddaten.status")


def _beteiligt(reader: PaperReader, exact: dict[str, Any]) -> None:
    known = exact.get("beteiligt")
    if isinstance(known, list):
        units = [
            u
            for d in known
            if isinstance(d, dict)
            and (u := reader.make(Dienststelle, "grunddaten.beteiligt", **d)) is not None
        ]
    else:
        refs = reader.ext("beteiligt")
        if not isinstance(refs, list):
            return
        units = [u for r in refs if (u := _dienststelle(reader, r)) is not None]
    if units:
        reader.set(reader.v.grunddaten, "beteiligt", units, "grunddaten.beteiligt")


def _verfasst_von(reader: PaperReader, exact: dict[str, Any]) -> None:
    text = as_text(exact.get("verfasst_von")) or as_text(reader.ext("verfasstVon"))
    if not text:
        parts = [
            as_text(org.get("shortName")) or as_text(org.get("name"))
            for r in reader.p.get("originatorOrganization") or []
            if (org := reader.resolve(r)) is not None
        ]
        for r in reader.p.get("originatorPerson") or []:
            person = reader.resolve(r)
            if person is None:
                continue
            if person.get("familyName") and person.get("givenName"):
                parts.append(f"{person['familyName']}, {person['givenName']}")
            else:
                anrede = as_text(person.get("formOfAddress"))
                parts.append(f"{anrede} {as_text(person.get('name'))}".strip())
        text = ", ".join(p for p in parts if p)
    reader.set_text(
        reader.v.grunddaten,
        "verfasst_von",
        text,
        "grunddaten.verfasst_von",
        empty="„Verfasst von“ nicht gefunden (originatorPerson/Organization).",
    )
