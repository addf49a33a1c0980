"""The machine-readable descriptions published beside the data, made from the codebook: a
Frictionless Table Schema for each CSV file, a JSON Schema for each JSON file, the
``datapackage.json`` that names every file with its licence and version, and the metadata
Datasette shows beside the database's tables."""

from __future__ import annotations

import hashlib
import re

from .codebook import Codebook, Column, Resource
from .datasettings import DataSettings

JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
DATA_PACKAGE_PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"
_JSON_TYPES = {"text": "string", "date": "string", "integer": "integer", "number": "number",
               "boolean": "boolean"}


def _describe(book: Codebook, column: Column) -> str:
    text = column.description
    if column.vocabulary:
        text += f" (values: {book.vocabulary(column.vocabulary).title.lower()})"
    return text


# -- Table Schema (CSV) -------------------------------------------------------------------------

def _table_field(book: Codebook, column: Column) -> dict:
    field: dict = {"name": column.name, "description": _describe(book, column)}
    constraints: dict = {"required": column.required}
    if column.type == "list":
        field["type"] = "string"
        if column.vocabulary:  # values with spaces could not be told apart in a list
            raise ValueError(f"{column.name}: a CSV list cannot hold vocabulary values")
        item = column.pattern or r"\S+"
        constraints["pattern"] = f"{item}( {item})*"
    elif column.type == "boolean":
        # "yes", or an empty cell (a missing value) for no: as spreadsheets read it best.
        field.update(type="boolean", trueValues=["yes"], falseValues=["no"])
    else:
        field["type"] = _JSON_TYPES[column.type]
        if column.pattern:
            constraints["pattern"] = column.pattern
        if column.vocabulary:
            constraints["enum"] = book.vocabulary(column.vocabulary).values
    if column.minimum is not None:
        constraints["minimum"] = column.minimum
    if column.maximum is not None:
        constraints["maximum"] = column.maximum
    field["constraints"] = constraints
    return field


def table_schema(book: Codebook, resource: Resource) -> dict:
    return {"fields": [_table_field(book, column) for column in resource.columns],
            "missingValues": [""]}


# -- JSON Schema (JSON, JSON Lines) -------------------------------------------------------------

def _anchored(pattern: str) -> str:
    return f"^({pattern})$"


def _json_value(book: Codebook, column: Column) -> dict:
    """The schema of one value (or list item), without what makes it optional."""
    if column.type in ("object", "records"):
        item = {"type": "object",
                "properties": {f.name: _json_field(book, f) for f in column.fields},
                "required": [f.name for f in column.fields],
                "additionalProperties": False}
        return item
    schema: dict = {"type": _JSON_TYPES.get(column.type, "string")}
    if column.pattern:
        schema["pattern"] = _anchored(column.pattern)
    if column.vocabulary:
        schema["enum"] = book.vocabulary(column.vocabulary).values
    if column.minimum is not None:
        schema["minimum"] = column.minimum
    if column.maximum is not None:
        schema["maximum"] = column.maximum
    return schema


def _json_field(book: Codebook, column: Column) -> dict:
    """Every field is present; one that is not required may be null, and a text one empty."""
    value = _json_value(book, column)
    if column.type in ("list", "records"):
        schema = {"type": "array", "items": value}
        if column.required:
            schema["minItems"] = 1
    elif column.required:
        schema = value
    elif column.type == "object":
        schema = {"anyOf": [value, {"type": "null"}]}
    else:
        empty = [{"type": "null"}]
        if value["type"] == "string":
            empty.append({"const": ""})
        schema = {"anyOf": [value, *empty]}
    return {"description": _describe(book, column), **schema}


def json_schema(book: Codebook, resource: Resource) -> dict:
    """For a JSON file, the schema of the document; for JSON Lines, of each line."""
    top = Column(resource.name, "object", resource.description, fields=resource.columns)
    return {"$schema": JSON_SCHEMA_DIALECT, "$id": resource.schema_path,
            "title": resource.title + (": one line" if resource.format == "jsonl" else ""),
            **_json_field(book, top)}


def schema_of(book: Codebook, resource: Resource) -> dict:
    return table_schema(book, resource) if resource.format == "csv" else json_schema(book,
                                                                                      resource)


# -- the data package ---------------------------------------------------------------------------

def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def content_hash(hashes: dict[str, str]) -> str:
    """One hash of the data: SHA-256 over each file's name and SHA-256, in name order."""
    listing = "".join(f"{name}\0{digest}\n" for name, digest in sorted(hashes.items()))
    return sha256(listing.encode("utf-8"))


def version(newest: str, digest: str) -> str:
    """The date of the newest source and the start of the content hash: readable, ordered by
    date, and different whenever any byte of the data is."""
    return f"{newest}+{digest[:12]}" if newest else digest[:12]


def package_name(settings: DataSettings) -> str:
    name = re.sub(r"[^a-z0-9._-]+", "-", settings.site_name.casefold()).strip("-._")
    return name or "briefings"


def data_package(book: Codebook, sizes: dict[str, int], hashes: dict[str, str],
                 settings: DataSettings, newest: str, digest: str) -> dict:
    """datapackage.json: every file with its size (``sizes``, in bytes), hash and schema;
    licence; version."""
    resources = []
    for resource in book.resources:
        entry: dict = {"name": resource.name, "path": resource.path, "title": resource.title,
                       "description": resource.description, "format": resource.format,
                       "mediatype": resource.media_type}
        if resource.format == "csv":
            entry.update(type="table", encoding="utf-8", schema=resource.schema_path)
        elif resource.format in ("json", "jsonl"):
            # Not "table": Frictionless would read JSON Lines as rows and infer a schema.
            entry.update(type="json", encoding="utf-8", jsonSchema=resource.schema_path)
        else:
            entry["type"] = "file"
        entry.update(bytes=sizes[resource.path], hash=f"sha256:{hashes[resource.path]}")
        resources.append(entry)
    licence = {key: value for key, value in (("name", settings.licence.name),
                                             ("title", settings.licence.title),
                                             ("path", settings.licence.path)) if value}
    package = {"$schema": DATA_PACKAGE_PROFILE, "name": package_name(settings),
               "title": f"{settings.site_name or 'Briefings'}: data",
               "description": "The knowledge base behind the site: every relation statement, "
                              "event, figure and quote with the article and paragraph it "
                              "comes from. The codebook (codebook/ beside this file on the "
                              "site) explains every column and value.",
               "version": version(newest, digest), "newest_source": newest or None,
               "content_hash": f"sha256:{digest}", "licenses": [licence]}
    if settings.site_url:
        package["homepage"] = settings.site_url.rstrip("/") + "/data/"
    package["resources"] = resources
    return package


# -- Datasette ----------------------------------------------------------------------------------

def datasette_metadata(book: Codebook, settings: DataSettings, database_name: str) -> dict:
    """Titles and descriptions of the database's tables and columns, and the licence, as
    Datasette reads them with ``--metadata``."""
    tables = {}
    for table in book.resource("database").tables:
        names = [column.name for column in table.columns]
        entry = {"description": table.description,
                 "columns": {c.name: _describe(book, c) for c in table.columns}}
        # What a link to a row shows: Datasette finds a name or title itself.
        if "name" not in names and "title" not in names:
            entry["label_column"] = "quote" if "quote" in names else table.key[0]
        tables[table.name] = entry
    metadata = {"title": f"{settings.site_name or 'Briefings'}: data",
                "license": settings.licence.name or settings.licence.title,
                "license_url": settings.licence.path,
                "databases": {database_name: {"tables": tables}}}
    if settings.site_url:
        metadata.update(source=settings.site_name or settings.site_url,
                        source_url=settings.site_url)
    return metadata
