"""What every part of the OParl import shares: the Paper with its extension prefix, resolving
references to objects in the same document, and comparing OParl values with the exact ones."""

from __future__ import annotations

from typing import Any

from forms.imports.report import Sammler


def extension_schemas() -> set[str]:
    """The extension schema URL of every installed profile that can be read (profile.oparl)."""
    from forms import profiles

    found = set()
    for entry in profiles.installed():
        try:
            found.add(profiles.read(entry.path).oparl.erweiterung)
        except profiles.ProfileError:
            continue  # `vorlage profil liste` names a broken one
    return found


def as_text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def refers_to(ref: Any, kuerzel: Any, name: Any) -> bool:
    """Whether `ref` is the Organization our export builds for this unit (or none, for an
    empty one): its URL ends with the same key (forms.oparl.slug)."""
    from forms.oparl import slug

    text = as_text(kuerzel) or as_text(name)
    if ref is None:
        return not (as_text(kuerzel).strip() or as_text(name).strip())
    if isinstance(ref, dict):
        ref = ref.get("id")
    return isinstance(ref, str) and ref.endswith("/organization/" + slug(text))


def same(oparl_value: str, exact: str) -> bool:
    """The OParl export collapses whitespace; the exact value is kept if it says the same."""
    return " ".join(oparl_value.split()) == " ".join(exact.split())


class PaperReader(Sammler):
    """A Sammler that knows the Paper, the document's objects by id and our extension prefix."""

    def __init__(self, paper: dict[str, Any], index: dict[str, dict[str, Any]]) -> None:
        super().__init__()
        self.p = paper
        self.index = index
        self.x = self._prefix()  # "<profile id>:", or "" without our extension

    def _prefix(self) -> str:
        known = extension_schemas()
        for key, value in self.p.items():
            if key.endswith(":erweiterung") and value in known:
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
