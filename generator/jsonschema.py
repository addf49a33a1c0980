"""JSON Schemas for the content files, made from the same records the validator checks.

Editors' tools (VS Code's YAML extension, JetBrains IDEs) read them through the first line of
each file, ``# yaml-language-server: $schema=...``, and complete and check fields while typing.
`briefings schema` rewrites them; a test keeps the committed copies equal to these.
"""

from __future__ import annotations

import json

from .schema import (
    ANNOTATION_SECTIONS,
    BRIEF,
    COUNTRY_PATTERN,
    ENTITY_FILES,
    ID_PATTERN,
    SOURCE,
    WIKIDATA_PATTERN,
    WIKIPEDIA_PATTERN,
    Field,
    Record,
)

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
DATE_PATTERN = r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$"
PERIOD_PATTERN = r"^\d{4}-((0[1-9]|1[0-2])|[Qq][1-4])$"
SCHEMA_FOLDER = "schema"


def _field_schema(spec: Field) -> dict:
    kind = spec.kind
    if kind == "text":
        schema: dict = {"type": ["string", "number"]}
    elif kind == "texts":
        schema = {"type": "array", "items": {"type": ["string", "number"]}}
    elif kind == "date":  # the shape only; the validator also knows that February has no 30th
        schema = {"type": ["string", "integer"], "pattern": DATE_PATTERN}
    elif kind == "number":
        schema = {"type": "number"}
    elif kind == "score":
        schema = {"type": "number", "minimum": -10, "maximum": 10}
    elif kind == "period":
        schema = {"type": "string", "pattern": PERIOD_PATTERN}
    elif kind == "records":
        schema = {"type": "array", "minItems": 1, "items": record_schema(spec.record)}
    elif kind == "bool":
        schema = {"type": "boolean"}
    elif kind == "url":
        schema = {"type": "string", "pattern": "^https?://"}
    elif kind == "choice":
        schema = {"enum": list(spec.choices)}
    elif kind == "id":
        schema = {"type": "string", "pattern": ID_PATTERN.pattern}
    elif kind == "country" or (kind == "ref" and spec.ref == "country"):
        schema = {"type": "string", "pattern": COUNTRY_PATTERN.pattern}
    elif kind == "wikidata":
        schema = {"type": "string", "pattern": WIKIDATA_PATTERN.pattern}
    elif kind == "wikipedia":
        schema = {"type": "string", "pattern": WIKIPEDIA_PATTERN.pattern}
    elif kind == "ref":
        schema = {"type": "string"}
    elif kind == "refs":
        item = {"type": "string"}
        if spec.ref == "country":
            item["pattern"] = COUNTRY_PATTERN.pattern
        schema = {"type": "array", "items": item}
    elif kind == "sources":
        schema = {"type": "array", "items": record_schema(SOURCE)}
    else:  # pragma: no cover - a new kind must be described here too
        raise ValueError(f"no JSON Schema for field kind {kind!r}")
    if spec.doc:
        schema["description"] = spec.doc
    return schema


def record_schema(record: Record) -> dict:
    return {
        "type": "object",
        "description": record.doc or f"a {record.name}",
        "properties": {spec.name: _field_schema(spec) for spec in record.fields},
        "required": [spec.name for spec in record.fields if spec.required],
        "additionalProperties": False,
    }


def annotation_schema() -> dict:
    return {
        "$schema": SCHEMA_DIALECT,
        "$id": "annotation.schema.json",
        "title": "Briefings annotation file",
        "description": "What an article supports; every item quotes its evidence from the article.",
        "type": ["object", "null"],
        "properties": {section: {"type": ["array", "null"], "items": record_schema(record)}
                       for section, record in ANNOTATION_SECTIONS.items()},
        "additionalProperties": False,
    }


def entity_schema(stem: str) -> dict:
    return {
        "$schema": SCHEMA_DIALECT,
        "$id": f"{stem}.schema.json",
        "title": f"Briefings {stem}",
        "type": ["array", "null"],
        "items": record_schema(ENTITY_FILES[stem]),
    }


def schema_files() -> dict[str, str]:
    """Every schema, by file name inside schema/, as the text to commit."""
    schemas = {"annotation.schema.json": annotation_schema()}
    schemas.update({f"{stem}.schema.json": entity_schema(stem) for stem in ENTITY_FILES})
    schemas["brief.schema.json"] = {"$schema": SCHEMA_DIALECT, "$id": "brief.schema.json",
                                    "title": "Briefings brief", **record_schema(BRIEF)}
    return {name: json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
            for name, schema in schemas.items()}


def schema_line(file_depth: int, name: str) -> str:
    """The first line of a content file that points editors' tools at its schema."""
    return f"# yaml-language-server: $schema={'../' * file_depth}{SCHEMA_FOLDER}/{name}"
