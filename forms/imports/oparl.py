"""Import an OParl Paper (1.0 or 1.1): what a council information system publishes about an
existing Vorlage, or what our own OParl export wrote (forms/oparl/).

Accepted: one Paper object, a JSON list of objects, or an OParl list page (`{"data": [...]}`);
Consultations, Organizations, Meetings and Files may be embedded or given beside the Paper in
the same document (referenced by `id`). Nothing else is fetched or opened: a URL stays a URL.

OParl fields: name → Betreff, reference → Vorlage-Nr., paperType → Vorlageart, date → Datum,
underDirectionOf → Federführend, consultation (organization, role, meeting date) →
Beratungsfolge, auxiliaryFile → Anlagen (titles). The vendor extension of our export
(`<prefix>:erweiterung`, e.g. `aachen:`) adds what OParl has no field for; where an OParl field
and the extension disagree, the OParl field wins (the council system may have edited it), and the
report says so.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation
from typing import Any

from forms.imports.report import ImportErgebnis, Sammler, VorlageImportError
from forms.imports.values import parse_status
from forms.model import (
    Anlage,
    Beratung,
    BeratungStatus,
    Dienststelle,
    Investiv,
    Klimarelevanz,
    Konsumtiv,
    Spalten,
    Status,
)

QUELLE = "OParl"
EXTENSION_SCHEMA = "https://vorlagen-assistent.invalid/oparl/aachen-erweiterung-1.json"
_OPARL_TYPE = "https://schema.oparl.org/"
# Deeper than any OParl document; stops a hostile file before Python's own recursion limit.
_MAX_DEPTH = 40


def _type(obj: Any) -> str:
    kind = obj.get("type") if isinstance(obj, dict) else None
    if isinstance(kind, str) and kind.startswith(_OPARL_TYPE):
        return kind.rsplit("/", 1)[-1]
    return ""


def _objects(value: Any, depth: int = 0) -> Iterator[dict[str, Any]]:
    """Every OParl object in the document, embedded ones included."""
    if depth > _MAX_DEPTH:
        raise VorlageImportError("Die OParl-Datei ist zu tief verschachtelt.")
    if isinstance(value, dict):
        if _type(value):
            yield value
        for item in value.values():
            yield from _objects(item, depth + 1)
    elif isinstance(value, list):
        for item in value:
            yield from _objects(item, depth + 1)


def looks_like(text: str) -> bool:
    head = text.lstrip()[:1]
    return head in ("{", "[") and '"type"' in text and _OPARL_TYPE in text


def parse(text: str, source: str = "Die Datei") -> ImportErgebnis:
    try:
        document = json.loads(text)
    except RecursionError:
        raise VorlageImportError(f"{source}: die OParl-Datei ist zu tief verschachtelt.") from None
    except ValueError as exc:
        raise VorlageImportError(f"{source} ist kein gültiges JSON ({exc}).") from None
    objects = list(_objects(document))
    papers = [o for o in objects if _type(o) == "Paper"]
    if not papers:
        raise VorlageImportError(
            f"{source} enthält keine OParl-Drucksache (ein Objekt mit "
            "„type“: „https://schema.oparl.org/1.1/Paper“)."
        )
    index = {o["id"]: o for o in objects if isinstance(o.get("id"), str)}
    reader = _Reader(papers[0], index)
    if len(papers) > 1:
        reader.hint(
            f"{source} enthält {len(papers)} Drucksachen; übernommen wurde die erste "
            f"({_text(papers[0].get('reference')) or _text(papers[0].get('name'))})."
        )
    reader.read()
    return reader.result(QUELLE)


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def known_text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _refers_to(ref: Any, kuerzel: Any, name: Any) -> bool:
    """Whether `ref` is the Organization our export builds for this unit (or none, for an
    empty one): its URL ends with the same key (forms.oparl.slug)."""
    from forms.oparl import slug

    text = _text(kuerzel) or _text(name)
    if ref is None:
        return not (_text(kuerzel).strip() or _text(name).strip())
    if isinstance(ref, dict):
        ref = ref.get("id")
    return isinstance(ref, str) and ref.endswith("/organization/" + slug(text))


def _same(oparl_value: str, exact: str) -> bool:
    """The OParl export collapses whitespace; the exact value is kept if it says the same."""
    return " ".join(oparl_value.split()) == " ".join(exact.split())


class _Reader(Sammler):
    def __init__(self, paper: dict[str, Any], index: dict[str, dict[str, Any]]) -> None:
        super().__init__()
        self.p = paper
        self.index = index
        self.x = self._prefix()

    def _prefix(self) -> str:
        for key, value in self.p.items():
            if key.endswith(":erweiterung") and value == EXTENSION_SCHEMA:
                return key.removesuffix("erweiterung")
        return ""

    def ext(self, name: str) -> Any:
        return self.p.get(self.x + name) if self.x else None

    def resolve(self, ref: Any) -> dict[str, Any] | None:
        if isinstance(ref, dict):
            return ref
        if isinstance(ref, str):
            found = self.index.get(ref)
            if found is None:
                for org in self.ext("organisationen") or []:
                    if isinstance(org, dict) and org.get("id") == ref:
                        return org
            return found
        return None

    # -- the whole paper -----------------------------------------------------------------------

    def read(self) -> None:
        exact = self.ext("grunddaten")
        self.grunddaten(exact if isinstance(exact, dict) else {})
        self.beratungsfolge()
        self.anlagen()
        self.texte()
        self.finanzen()
        self.klimarelevanz()
        main = self.resolve(self.p.get("mainFile"))
        if main is not None and _text(main.get("text")).strip() and not self.x:
            self.hint(
                "Die Hauptdatei bringt ihren Text mit; Beschlussvorschlag und Erläuterungen "
                "daraus bitte im Assistenten prüfen."
            )
            self._main_text(_text(main["text"]))

    def _main_text(self, text: str) -> None:
        """The mainFile's text (the printed Vorlage) fills what OParl has no field for."""
        from forms.imports import pdftext

        try:
            inner = pdftext.parse(text, source="Der Text der Hauptdatei")
        except VorlageImportError:
            self.missing("Der Text der Hauptdatei ist keine lesbare Vorlage.")
            return
        for path in ("beschlussvorschlag", "erlaeuterungen"):
            value = getattr(inner.vorlage, path)
            if value and not getattr(self.v, path):
                self.set(self.v, path, value, path)

    # -- Grunddaten ----------------------------------------------------------------------------

    def field(self, attr: str, oparl_key: str, exact: dict[str, Any]) -> None:
        g = self.v.grunddaten
        value = _text(self.p.get(oparl_key)).strip()
        known = _text(exact.get(attr))
        if value and known and not _same(value, known):
            self.hint(
                f"„{oparl_key}“ der Drucksache („{value}“) weicht von der Erweiterung "
                f"(„{known}“) ab; übernommen wurde „{value}“."
            )
            known = ""
        if value or known:
            self.set(g, attr, known or value, f"grunddaten.{attr}")

    def grunddaten(self, exact: dict[str, Any]) -> None:
        g = self.v.grunddaten
        self.field("betreff", "name", exact)
        if not g.betreff:
            self.missing("Betreff („name“) fehlt in der Drucksache.")
        self.field("vorlage_nr", "reference", exact)
        if not g.vorlage_nr:
            self.missing("Vorlage-Nr. („reference“) fehlt in der Drucksache.")
        self.field("vorlageart", "paperType", exact)
        if "grunddaten.vorlageart" not in self.b.gefuellt:
            # The model's default would otherwise pass for read data.
            g.vorlageart = ""
            self.missing("Vorlageart („paperType“) fehlt in der Drucksache.")
        datum = self.p.get("date")
        if isinstance(datum, str) and datum:
            self.set(g, "datum", datum[:10], "grunddaten.datum")
        self._federfuehrend(exact)
        for attr in ("aktenzeichen", "unterschrift"):
            if _text(exact.get(attr)):
                self.set(g, attr, exact[attr], f"grunddaten.{attr}")
        self._status(exact)
        self._beteiligt(exact)
        self._verfasst_von(exact)

    def _dienststelle(self, ref: Any) -> Dienststelle | None:
        org = self.resolve(ref)
        if org is None:
            return None
        return self.make(
            Dienststelle,
            "grunddaten.federfuehrend",
            kuerzel=_text(org.get("shortName")),
            name=_text(org.get("name")),
        )

    def _federfuehrend(self, exact: dict[str, Any]) -> None:
        refs = self.p.get("underDirectionOf")
        first = refs[0] if isinstance(refs, list) and refs else None
        known = exact.get("federfuehrend")
        if isinstance(known, dict) and _refers_to(first, known.get("kuerzel"), known.get("name")):
            # Our export resolves a bare abbreviation to the profile's name and merges units
            # with the same key; the exact entry says what was typed.
            unit = self.make(Dienststelle, "grunddaten.federfuehrend", **known)
        elif first is None:
            self.missing("Federführend („underDirectionOf“) fehlt in der Drucksache.")
            return
        else:
            unit = self._dienststelle(first)
            if unit is None:
                self.missing(
                    f"Federführend: die Organisation {first} steht nicht in der Datei (nur ihre "
                    "Adresse); bitte im Assistenten eintragen."
                )
                return
        if unit is not None:
            self.set(self.v.grunddaten, "federfuehrend", unit, "grunddaten.federfuehrend")
        if isinstance(refs, list) and len(refs) > 1:
            self.hint(
                f"„underDirectionOf“ nennt {len(refs)} Organisationen; die erste ist Federführend."
            )

    def _status(self, exact: dict[str, Any]) -> None:
        status = exact.get("status")
        if isinstance(status, dict):
            made = self.make(Status, "grunddaten.status", **status)
        elif isinstance(self.ext("status"), str) and (parsed := parse_status(self.ext("status"))):
            made = self.make(
                Status, "grunddaten.status", sichtbarkeit=parsed[0], workflow=parsed[1]
            )
        else:
            self.hint(
                "Status: OParl kennt kein Feld dafür; die Vorgabe „öffentlich“ bleibt stehen "
                "(nicht gelesen) und ist im Assistenten zu prüfen."
            )
            return
        if made is not None:
            self.set(self.v.grunddaten, "status", made, "grunddaten.status")

    def _beteiligt(self, exact: dict[str, Any]) -> None:
        known = exact.get("beteiligt")
        if isinstance(known, list):
            units = [
                u
                for d in known
                if isinstance(d, dict)
                and (u := self.make(Dienststelle, "grunddaten.beteiligt", **d)) is not None
            ]
        else:
            refs = self.ext("beteiligt")
            if not isinstance(refs, list):
                return
            units = [u for r in refs if (u := self._dienststelle(r)) is not None]
        if units:
            self.set(self.v.grunddaten, "beteiligt", units, "grunddaten.beteiligt")

    def _verfasst_von(self, exact: dict[str, Any]) -> None:
        text = _text(exact.get("verfasst_von")) or _text(self.ext("verfasstVon"))
        if not text:
            parts = [
                _text(org.get("shortName")) or _text(org.get("name"))
                for r in self.p.get("originatorOrganization") or []
                if (org := self.resolve(r)) is not None
            ]
            for r in self.p.get("originatorPerson") or []:
                person = self.resolve(r)
                if person is None:
                    continue
                if person.get("familyName") and person.get("givenName"):
                    parts.append(f"{person['familyName']}, {person['givenName']}")
                else:
                    anrede = _text(person.get("formOfAddress"))
                    parts.append(f"{anrede} {_text(person.get('name'))}".strip())
            text = ", ".join(p for p in parts if p)
        self.set_text(
            self.v.grunddaten,
            "verfasst_von",
            text,
            "grunddaten.verfasst_von",
            empty="„Verfasst von“ nicht gefunden (originatorPerson/Organization).",
        )

    # -- Beratungsfolge ------------------------------------------------------------------------

    def beratungsfolge(self) -> None:
        refs = self.p.get("consultation")
        consultations = [c for r in refs or [] if (c := self.resolve(r)) is not None]
        if isinstance(refs, list) and len(consultations) < len(refs):
            self.missing(
                f"Beratungsfolge: {len(refs) - len(consultations)} Beratung(en) stehen nur als "
                "Adresse in der Datei und wurden nicht gelesen."
            )
        exact = self.ext("beratungsfolge")
        if not isinstance(exact, list) or len(exact) != len(consultations):
            exact = [None] * len(consultations)
        rows = [
            row
            for i, (c, known) in enumerate(zip(consultations, exact, strict=True))
            if (row := self._beratung(i, c, known)) is not None
        ]
        if rows:
            self.set(self.v, "beratungsfolge", rows, "beratungsfolge")

    def _beratung(self, i: int, c: dict[str, Any], known: Any) -> Beratung | None:
        orgs = c.get("organization")
        org = self.resolve(orgs[0]) if isinstance(orgs, list) and orgs else None
        gremium = _text(org.get("name")) if org else ""
        rolle = _text(c.get("role"))
        status = c.get(self.x + "status") if self.x else None
        datum = c.get(self.x + "sitzungsdatum") if self.x else None
        meeting = self.resolve(c.get("meeting"))
        if datum is None and meeting is not None and isinstance(meeting.get("start"), str):
            datum = meeting["start"][:10]
        row = f"Beratungsfolge, Zeile {i + 1}"
        first = orgs[0] if isinstance(orgs, list) and orgs else None
        if (
            isinstance(known, dict)
            and _refers_to(first, "", _text(known.get("gremium")))
            and _same(rolle, _text(known.get("rolle")))
        ):
            gremium, rolle = _text(known.get("gremium")), _text(known.get("rolle"))
        if not gremium:
            self.missing(f"{row}: Gremium nicht gefunden.")
        if status not in {s.value for s in BeratungStatus}:
            self.hint(f"{row}: OParl nennt keinen Status; „Geplant“ ist nur die Vorgabe.")
            status = BeratungStatus.GEPLANT
        return self.make(
            Beratung,
            f"beratungsfolge.{i}",
            status=status,
            datum=datum,
            gremium=gremium,
            rolle=rolle,
        )

    # -- Anlagen and texts ---------------------------------------------------------------------

    def anlagen(self) -> None:
        files = [f for r in self.p.get("auxiliaryFile") or [] if (f := self.resolve(r))]
        exact = self.ext("anlagen")
        if not isinstance(exact, list) or len(exact) != len(files):
            exact = [None] * len(files)
        anlagen: list[Anlage] = []
        for i, (f, known) in enumerate(zip(files, exact, strict=True)):
            titel = _text(f.get("name")) or _text(f.get("fileName"))
            placeholder = titel == f"Anlage {i + 1}" and not known_text(known).strip()
            if isinstance(known, str) and (_same(titel, known) or placeholder):
                titel = known
            anlage = self.make(Anlage, f"anlagen.{i}", titel=titel)
            if anlage is not None:
                anlagen.append(anlage)
        if anlagen:
            self.set(self.v, "anlagen", anlagen, "anlagen")
            self.hint(
                "Anlagen: nur die Titel übernommen; die Dateien bitte im Assistenten zuordnen."
            )

    def texte(self) -> None:
        for attr in ("beschlussvorschlag", "erlaeuterungen"):
            value = self.ext(attr)
            if isinstance(value, str) and value:
                self.set(self.v, attr, value, attr)

    # -- extension: Finanzen, Klimarelevanz ----------------------------------------------------

    def finanzen(self) -> None:
        data = self.ext("finanzen")
        if not isinstance(data, dict):
            self.missing(
                "Finanzielle Auswirkungen: OParl kennt kein Feld dafür; bitte im "
                "Assistenten eintragen."
            )
            return
        f = self.v.finanzen
        if isinstance(data.get("auswirkungen"), bool):
            self.set(f, "auswirkungen", data["auswirkungen"], "finanzen.auswirkungen")
        if data.get("haushaltsjahr") is not None:
            self.set(f, "haushaltsjahr", data["haushaltsjahr"], "finanzen.haushaltsjahr")
        kinds: tuple[tuple[str, type[Investiv] | type[Konsumtiv]], ...] = (
            ("investiv", Investiv),
            ("konsumtiv", Konsumtiv),
        )
        for kind, cls in kinds:
            table = data.get(kind)
            if not isinstance(table, dict):
                self.missing(f"Finanzielle Auswirkungen: Tabelle „{kind}“ fehlt.")
                continue
            fields = {k: v for k, v in table.items() if k in cls.model_fields}
            made = self.make(cls, f"finanzen.{kind}", **fields)
            if made is None:
                continue
            self.set(f, kind, made, f"finanzen.{kind}")
            shown = table.get("ergebnis")
            if isinstance(shown, dict) and not _equal_amounts(shown, made.ergebnis()):
                self.hint(
                    f"Finanzen › {kind}: das mitgelieferte Ergebnis weicht von der "
                    "Berechnung ab; das Programm rechnet neu."
                )

    def klimarelevanz(self) -> None:
        data = self.ext("klimarelevanz")
        if not isinstance(data, dict):
            self.missing(
                "Klimarelevanz: OParl kennt kein Feld dafür; bitte im Assistenten ankreuzen."
            )
            return
        made = self.make(Klimarelevanz, "klimarelevanz", **data)
        if made is not None:
            self.set(self.v, "klimarelevanz", made, "klimarelevanz")


def _equal_amounts(shown: dict[str, Any], computed: dict[str, Decimal]) -> bool:
    try:
        return all(Decimal(str(shown[c])) == computed[c] for c in Spalten.model_fields)
    except (KeyError, InvalidOperation):
        return False
