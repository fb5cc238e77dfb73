"""Import an OParl Paper (1.0 or 1.1): what a council information system publishes about an
existing Vorlage, or what our own OParl export wrote (forms/oparl/).

Accepted: one Paper object, a JSON list of objects, or an OParl list page (`{"data": [...]}`);
Consultations, Organizations, Meetings and Files may be embedded or given beside the Paper in
the same document (referenced by `id`). Nothing else is fetched or opened: a URL stays a URL.

OParl fields: name → Betreff, reference → Vorlage-Nr., paperType → Vorlageart, date → Datum,
underDirectionOf → Federführend, consultation (organization, role – or "Entscheidung" when only
`authoritative` is true –, meeting date) →
Beratungsfolge, auxiliaryFile → Anlagen (titles). The vendor extension of our export
(`<prefix>:erweiterung`, the profile's id, e.g. `koeln:`) adds what OParl has no field for;
where an OParl field and the extension disagree, the OParl field wins (the council system may
have edited it), and the report says so. The shared reading of the Paper is in `oparl_base`,
its Grunddaten in `oparl_grunddaten`.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation
from typing import Any

from forms.imports.oparl_base import PaperReader, as_text, refers_to, same
from forms.imports.oparl_grunddaten import read_grunddaten
from forms.imports.report import ImportErgebnis, VorlageImportError, verbatim_status
from forms.model import (
    Anlage,
    Auswirkung,
    Beratung,
    BeratungStatus,
    Investiv,
    Klimarelevanz,
    Konsumtiv,
    Spalten,
)

QUELLE = "OParl"
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
            f"({as_text(papers[0].get('reference')) or as_text(papers[0].get('name'))})."
        )
    reader.read()
    return reader.result(QUELLE)


class _Reader(PaperReader):
    # -- the whole paper -----------------------------------------------------------------------

    def read(self) -> None:
        exact = self.ext("grunddaten")
        read_grunddaten(self, exact if isinstance(exact, dict) else {})
        self.beratungsfolge()
        self.anlagen()
        self.texte()
        self.finanzen()
        self.klimarelevanz()
        self.weitere_auswirkungen()
        main = self.resolve(self.p.get("mainFile"))
        if main is not None and as_text(main.get("text")).strip() and not self.x:
            self.hint(
                "Die Hauptdatei bringt ihren Text mit; Beschlussvorschlag und Erläuterungen "
                "daraus bitte im Assistenten prüfen."
            )
            self._main_text(as_text(main["text"]))

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
        gremium = as_text(org.get("name")) if org else ""
        rolle = as_text(c.get("role"))
        status = c.get(self.x + "status") if self.x else None
        datum = c.get(self.x + "sitzungsdatum") if self.x else None
        meeting = self.resolve(c.get("meeting"))
        if datum is None and meeting is not None and isinstance(meeting.get("start"), str):
            datum = meeting["start"][:10]
        row = f"Beratungsfolge, Zeile {i + 1}"
        first = orgs[0] if isinstance(orgs, list) and orgs else None
        if (
            isinstance(known, dict)
            and refers_to(first, "", as_text(known.get("gremium")))
            and same(rolle, as_text(known.get("rolle")))
        ):
            gremium, rolle = as_text(known.get("gremium")), as_text(known.get("rolle"))
        if not gremium:
            self.missing(f"{row}: Gremium nicht gefunden.")
        if not rolle.strip() and c.get("authoritative") is True:
            from forms.oparl import ENTSCHEIDUNG  # what our export marks as authoritative

            # OParl: this consultation decides on the paper.
            rolle = ENTSCHEIDUNG
            self.hint(f"{row}: keine „role“; „authoritative“ heißt Zuständigkeit „{rolle}“.")
        # Our extension carries the status as the clerk left it: Geplant, Erledigt, another
        # text of the council system (kept verbatim) or even empty.
        if status is None:
            self.hint(f"{row}: OParl nennt keinen Status; „Geplant“ ist nur die Vorgabe.")
            status = BeratungStatus.GEPLANT.value
        elif not isinstance(status, str):
            self.missing(f"{row}: Status ist kein Text; „Geplant“ ist nur die Vorgabe.")
            status = BeratungStatus.GEPLANT.value
        elif not status.strip():
            self.hint(f"{row}: Status leer, so übernommen.")
        elif status.strip() not in {s.value for s in BeratungStatus}:
            self.hint(verbatim_status(row, status.strip()))
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
            titel = as_text(f.get("name")) or as_text(f.get("fileName"))
            placeholder = titel == f"Anlage {i + 1}" and not as_text(known).strip()
            if isinstance(known, str) and (same(titel, known) or placeholder):
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

    def weitere_auswirkungen(self) -> None:
        # The profile the exported file recorded ("" = none recorded).
        profil = self.ext("profil")
        if isinstance(profil, str) and profil:
            self.set(self.v, "profil", profil, "profil")
        data = self.ext("weitereAuswirkungen")
        if not isinstance(data, dict):
            return
        found: dict[str, Auswirkung] = {}
        for key, entry in data.items():
            if not isinstance(entry, dict):
                continue
            made = self.make(
                Auswirkung,
                f"weitere_auswirkungen.{key}",
                ja=entry.get("ja"),
                text=entry.get("text", ""),
            )
            if made is not None:
                found[key] = made
        if found:
            self.set(self.v, "weitere_auswirkungen", found, "weitere_auswirkungen")


def _equal_amounts(shown: dict[str, Any], computed: dict[str, Decimal]) -> bool:
    try:
        return all(Decimal(str(shown[c])) == computed[c] for c in Spalten.model_fields)
    except (KeyError, InvalidOperation):
        return False
