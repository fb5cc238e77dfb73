"""Validating an OParl export against the OParl 1.1 JSON Schemas and the city's extension
(resources/oparl/), for the tests of forms/oparl/ and of the wizard's OParl export."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any
from urllib.parse import urlsplit

import jsonschema
from referencing import Registry, Resource

from tests.conftest import ROOT

SCHEMAS = ROOT / "resources" / "oparl"


def _format_checker() -> jsonschema.FormatChecker:
    checker = jsonschema.FormatChecker()

    @checker.checks("url")
    def _url(value: object) -> bool:
        parts = urlsplit(str(value))
        return parts.scheme in ("http", "https") and bool(parts.netloc)

    @checker.checks("date-time")
    def _date_time(value: object) -> bool:
        return dt.datetime.fromisoformat(str(value)).tzinfo is not None

    return checker


def validator(name: str) -> jsonschema.Draft7Validator:
    resources = []
    for path in SCHEMAS.glob("*.json"):
        schema = json.loads(path.read_text(encoding="utf-8"))
        resource = Resource.from_contents(schema)
        # "$ref": "File.json" inside Paper resolves against Paper's $id.
        resources.append((f"https://schema.oparl.org/1.1/{path.name}", resource))
        resources.append((schema["$id"], resource))
    registry = Registry().with_resources(resources)
    schema = json.loads((SCHEMAS / f"{name}.json").read_text(encoding="utf-8"))
    return jsonschema.Draft7Validator(schema, registry=registry, format_checker=_format_checker())


def assert_valid_paper(paper: dict[str, Any]) -> None:
    errors = sorted(validator("Paper").iter_errors(paper), key=str)
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors)
    ext = sorted(validator("aachen-erweiterung").iter_errors(paper), key=str)
    assert not ext, "\n".join(f"{list(e.path)}: {e.message}" for e in ext)
    for org in paper["aachen:organisationen"]:
        assert not list(validator("Organization").iter_errors(org))
    for person in paper.get("aachen:personen", []):
        assert not list(validator("Person").iter_errors(person))
