"""The published JSON Schema of a resource file (profiles, Textbausteine) from its model."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel


def published_schema(
    model: type[BaseModel], file_name: str, title: str, description: str
) -> dict[str, Any]:
    """Draft 2020-12, with the id under which resources/schema/`file_name` is published."""
    schema = model.model_json_schema(mode="validation")
    defs = schema.pop("$defs", {})
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://vorlagen-assistent.example/schema/{file_name}",
        **schema,
        "title": title,
        "description": description,
        "$defs": defs,
    }
