"""``vrlint export``: the typed records as JSON, JSON Lines or CSV."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
from functools import cache
from typing import TYPE_CHECKING, Any

from vrlint._version import __version__
from vrlint.document import Document
from vrlint.records.extract import extract_tables
from vrlint.records.models import Entry, Export, TableRecord

if TYPE_CHECKING:
    from pydantic import TypeAdapter

EXPORT_FORMATS = ("json", "jsonl", "csv")
CSV_COLUMNS = (
    "path", "table_line", "heading_path", "line", "id", "title", "arxiv_badge", "arxiv_link", "papers",
    "venue", "year", "month", "code", "checkpoints", "datasets", "project_pages", "modalities", "status", "notes",
)  # fmt: skip


def build_export(document: Document, path: str, column_roles: dict[str, str] | None = None) -> Export:
    return Export(path=path, vrlint_version=__version__, tables=extract_tables(document, column_roles))


def export_text(document: Document, path: str, fmt: str, column_roles: dict[str, str] | None = None) -> str:
    export = build_export(document, path, column_roles)
    if fmt == "json":
        return adapter(Export).dump_json(export, indent=2).decode("utf-8") + "\n"
    if fmt == "jsonl":
        lines = []
        for table in export.tables:
            for entry in table.entries:
                lines.append(json.dumps(_entry_object(path, table, entry), ensure_ascii=False))
        return "".join(line + "\n" for line in lines)
    if fmt == "csv":
        own = _own_columns(export.tables)
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=[*CSV_COLUMNS, *own.values()], lineterminator="\n")
        writer.writeheader()
        for table in export.tables:
            for entry in table.entries:
                row = _csv_row(path, table, entry)
                row.update({own[header]: text for header, text in entry.columns.items()})
                writer.writerow(row)
        return buffer.getvalue()
    raise ValueError(f"unknown export format {fmt!r}")


def _entry_object(path: str, table: TableRecord, entry: Entry) -> dict[str, Any]:
    data: dict[str, Any] = {
        "path": path,
        "table_line": table.line,
        "heading_path": table.heading_path,
        "headers": table.headers,
    }
    data.update(adapter(Entry).dump_python(entry, mode="json"))
    return data


def _own_columns(tables: list[TableRecord]) -> dict[str, str]:
    """The list's own columns (``SFT``, ``Task``...) in order of first
    appearance, each mapped to its CSV header: its name, or ``column: name``
    where the name is one of vrlint's columns."""
    fixed = {name.lower() for name in CSV_COLUMNS}
    own: dict[str, str] = {}
    for table in tables:
        for entry in table.entries:
            for header in entry.columns:
                if header not in own:
                    own[header] = f"column: {header}" if header.lower() in fixed else header
    return own


def _csv_row(path: str, table: TableRecord, entry: Entry) -> dict[str, Any]:
    def ids(source: str) -> str:
        return ";".join(p.arxiv_id or "" for p in entry.papers if p.source == source and p.arxiv_id)

    return {
        "path": path,
        "table_line": table.line,
        "heading_path": " > ".join(table.heading_path),
        "line": entry.line,
        "id": entry.id or "",
        "title": entry.title or "",
        "arxiv_badge": ids("badge"),
        "arxiv_link": ids("link"),
        "papers": ";".join(p.url for p in entry.papers if p.url),
        "venue": entry.venue or "",
        "year": entry.year or "",
        "month": entry.month or "",
        "code": ";".join(f"{r.owner}/{r.name}" for r in entry.code),
        "checkpoints": ";".join(a.url for a in entry.checkpoints),
        "datasets": ";".join(a.url for a in entry.datasets),
        "project_pages": ";".join(entry.project_pages),
        "modalities": ";".join(
            f"{k}={'' if v is None else ('yes' if v else 'no')}" for k, v in entry.modalities.items()
        ),
        "status": ";".join(entry.status),
        "notes": " / ".join(entry.notes),
    }


@cache
def adapter(record: type[Any]) -> TypeAdapter[Any]:
    """pydantic's validator and serialiser for a record class (imported here only:
    ``vrlint check`` never loads pydantic)."""
    from pydantic import TypeAdapter

    return TypeAdapter(record)


def export_schema() -> str:
    schema = adapter(Export).json_schema()
    _add_descriptions(schema, Export)
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def _add_descriptions(schema: dict[str, Any], root: type[Any]) -> None:
    """Copy each field's ``description`` (dataclass metadata) into the schema,
    where pydantic does not look for it."""
    from vrlint.records import models

    definitions = schema.get("$defs", {})
    for record in vars(models).values():
        if not (isinstance(record, type) and dataclasses.is_dataclass(record)):
            continue
        target = schema if record is root else definitions.get(record.__name__, {})
        properties = target.get("properties", {})
        for field in dataclasses.fields(record):
            description = field.metadata.get("description")
            if description and field.name in properties:
                properties[field.name]["description"] = description
