"""JSON Schemas for the content files, made from the same records the validator checks.

Editors' tools (VS Code's YAML extension, JetBrains IDEs) read them through the first line of
each file, ``# yaml-language-server: $schema=...``, and complete and check fields while typing.
`briefings schema` rewrites them; a test keeps the committed copies equal to these.
"""

from __future__ import annotations

import json

from ..content.kinds import KINDS
from ..content.schema import ANNOTATION_SECTIONS, BRIEF, ENTITY_FILES, Field, Record

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_FOLDER = "schema"


def _field_schema(spec: Field) -> dict:
    schema = KINDS[spec.kind].json_schema(spec, record_schema)
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
