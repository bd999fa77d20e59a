"""Typed records: what the seed's tables read as, export, and the
record → canonical row → record round trip."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from conftest import corpus_files, read
from hypothesis import given
from hypothesis import strategies as st

import vrlint
from vrlint.export import adapter, export_schema, export_text
from vrlint.records.extract import infer_role
from vrlint.records.models import Entry, Export
from vrlint.records.render import table_markdown


@pytest.fixture(scope="module")
def seed_records(seed_text: str) -> list:  # type: ignore[type-arg]
    return vrlint.tables(vrlint.parse(seed_text))


def test_seed_has_the_five_tables_and_nineteen_rows_github_renders(seed_records: list) -> None:  # type: ignore[type-arg]
    assert len(seed_records) == 5
    assert sum(len(t.entries) for t in seed_records) == 19
    assert [t.line for t in seed_records] == [54, 67, 75, 94, 102]


def test_valor_1m_keeps_badge_and_link_ids_apart(seed_records: list) -> None:  # type: ignore[type-arg]
    entry = next(e for t in seed_records for e in t.entries if e.title == "VALOR-1M")
    by_source = {p.source: p for p in entry.papers if p.arxiv_id}
    assert by_source["badge"].arxiv_id == "2410.12109"
    assert by_source["link"].arxiv_id == "2304.08345"
    assert by_source["link"].arxiv_form == "abs"
    assert by_source["badge"].position.line == by_source["link"].position.line == 98


def test_seed_roles_and_heading_paths(seed_records: list) -> None:  # type: ignore[type-arg]
    first = seed_records[0]
    assert first.roles == ["title", "model", "checkpoint", "modality", "modality", "modality", "modality"]
    assert first.heading_path[0] == "Awesome-Video-Reasoning-Landscape"
    assert len(first.heading_path) == 3
    datasets = seed_records[3]
    assert datasets.roles[:3] == ["title", "paper", "link"] and datasets.roles[-1] == "detail"


def test_seed_entry_fields(seed_records: list) -> None:  # type: ignore[type-arg]
    entries = {e.title: e for t in seed_records for e in t.entries}
    vast = entries["VAST: A Vision-Audio-Subtitle-Text Omni-Modality Foundation Model and Dataset"]
    assert vast.venue == "NeurIPS" and vast.year == 2023  # venue and year come apart
    assert [(r.owner, r.name) for r in vast.code] == [("TXH-mercury", "VAST")]
    assert [a.kind for a in vast.checkpoints] == ["model_zoo"]
    assert vast.modalities == {"Text": True, "Image": True, "Audio": True, "Video": True}
    janus = next(e for e in entries.values() if e.title and e.title.startswith("Janus"))
    assert [(a.host, a.owner, a.name) for a in janus.checkpoints] == [("huggingface", "deepseek-ai", "Janus-1.3B")]
    assert janus.modalities["Audio"] is False
    omcat = entries["OMCAT: Omni Context Aware Transformer"]
    assert "unreleased" in omcat.status
    badge = omcat.badges[0]
    assert (badge.label, badge.message, badge.color, badge.style) == ("arXiv", "2410.12109", "b31b1b", "plastic")
    omnibench = entries["OmniBench"]
    assert [(a.kind, a.owner) for a in omnibench.datasets] == [("dataset", "m-a-p"), ("dataset", "m-a-p")]


def test_nothing_in_a_cell_is_lost(seed_records: list, seed_text: str) -> None:  # type: ignore[type-arg]
    doc = vrlint.parse(seed_text)
    for table, record in zip(doc.tables, seed_records, strict=True):
        for row, entry in zip(table.rows, record.entries, strict=True):
            assert [c.raw for c in entry.cells] + entry.extra_cells == [
                c.raw.strip(" \t") for c in row.cells[: table.columns]
            ] + [c.raw.strip(" \t") for c in row.cells[table.columns :]]


@pytest.mark.parametrize(
    ("header", "role"),
    [
        ("Title", "title"), ("Paper", "paper"), ("Model", "model"), ("Code", "code"),
        ("Checkpoint", "checkpoint"), ("Link", "link"), ("Detail", "detail"), ("Venue", "venue"),
        ("Time", "time"), ("Audio-Video-Text", "modality"), ("SI:Text", "modality"),
        ("Dataset Name", "title"), ("**Publication**", "venue"), ("Stars", "other"),
        ("Published in", "venue"), ("Venue / Year", "venue"), ("Conference/Journal", "venue"),
        ("Code/Project", "code"), ("标题", "title"), ("日期", "time"), ("年份", "time"),
        ("Paper and resources", "paper"), ("#", "other"),
    ],
)  # fmt: skip
def test_roles_from_header_names(header: str, role: str) -> None:
    assert infer_role(header) == role


def test_role_overrides_win() -> None:
    doc = vrlint.parse("| Name | Stuff |\n|---|---|\n| a | b |\n")
    tables = vrlint.tables(doc)
    assert tables[0].roles == ["title", "other"]
    from vrlint.records.extract import extract_tables

    assert extract_tables(doc, {"Stuff": "code"})[0].roles == ["title", "code"]


def test_export_formats_carry_source_lines(seed_text: str) -> None:
    doc = vrlint.parse(seed_text)
    data = json.loads(export_text(doc, "README.md", "json"))
    adapter(Export).validate_python(data)
    assert all("line" in t and all("line" in e for e in t["entries"]) for t in data["tables"])
    lines = export_text(doc, "README.md", "jsonl").splitlines()
    assert len(lines) == 19
    assert {json.loads(line)["table_line"] for line in lines} == {54, 67, 75, 94, 102}
    rows = list(csv.DictReader(io.StringIO(export_text(doc, "README.md", "csv"))))
    assert len(rows) == 19
    valor = next(r for r in rows if r["title"] == "VALOR-1M")
    assert (valor["arxiv_badge"], valor["arxiv_link"], valor["line"]) == ("2410.12109", "2304.08345", "98")


def test_schema_describes_the_export(seed_text: str) -> None:
    schema = json.loads(export_schema())
    assert schema["title"] == "Export"
    assert {"path", "vrlint_version", "tables"} <= set(schema["properties"])
    assert "Entry" in schema["$defs"] and "BadgeRecord" in schema["$defs"]


@pytest.mark.parametrize("path", corpus_files(), ids=lambda p: p.name)
def test_records_of_every_corpus_file(path: Path) -> None:
    doc = vrlint.parse(read(path))
    tables = vrlint.tables(doc)
    assert len(tables) == len(doc.tables)
    for table, record in zip(doc.tables, tables, strict=True):
        assert len(record.entries) == len(table.rows)
        assert len(record.roles) == table.columns


# -- record -> canonical row -> record ----------------------------------------
_CELLS = st.sampled_from(
    [
        "", "x", "**Title: a study**", "`a|b`", "a \\| b", "&#10003;", "✗", "中文", "Unreleased", "TBD",
        "[![arXiv](https://img.shields.io/badge/arXiv-2410.12109-b31b1b.svg)](https://arxiv.org/abs/2304.08345)",
        "[![hf](https://img.shields.io/badge/🤗-Janus--1.3B-9C276A.svg)](https://huggingface.co/a/b)",
        "[code](https://github.com/o/r)", "<br>", "[p](https://o.github.io)", "NeurIPS 2023",
        "[d](https://huggingface.co/datasets/o/d)", "https://arxiv.org/pdf/2301.00001v2",
    ]
)  # fmt: skip
_HEADERS = st.lists(
    st.sampled_from(["Title", "Paper", "Code", "Checkpoint", "Text", "Video", "Detail", "Venue", "Other"]),
    min_size=1,
    max_size=5,
)


def _without_positions(entry: Entry) -> object:
    data = adapter(Entry).dump_python(entry)

    def strip(value: object) -> object:
        if isinstance(value, dict):
            return {k: strip(v) for k, v in value.items() if k not in ("position", "line")}
        if isinstance(value, list):
            return [strip(v) for v in value]
        return value

    return strip(data)


@given(_HEADERS, st.lists(st.lists(_CELLS, min_size=0, max_size=6), min_size=1, max_size=4))
def test_record_to_row_to_record_is_identity(headers: list[str], rows: list[list[str]]) -> None:
    markdown = "| " + " | ".join(headers) + " |\n|" + "---|" * len(headers) + "\n"
    markdown += "".join("| " + " | ".join(row) + " |\n" if row else "| |\n" for row in rows)
    first = vrlint.tables(vrlint.parse(markdown))
    assert len(first) == 1
    second = vrlint.tables(vrlint.parse(table_markdown(first[0])))
    assert len(second) == 1
    assert second[0].headers == first[0].headers and second[0].roles == first[0].roles
    # The canonical row pads a short row with empty cells; nothing else changes.
    for before, after in zip(first[0].entries, second[0].entries, strict=True):
        padded = _without_positions(before)
        assert isinstance(padded, dict)
        columns = len(headers)
        padded["cells"] = padded["cells"] + [
            {"column": i, "header": headers[i], "role": second[0].roles[i], "raw": "", "content": "", "text": ""}
            for i in range(len(padded["cells"]), columns)
        ]
        padded["missing_cells"] = 0
        for i in range(len(before.cells), columns):
            if second[0].roles[i] == "modality":
                padded["modalities"][headers[i]] = None
        assert _without_positions(after) == padded
    # and from a canonical row on, the round trip is exactly the identity
    third = vrlint.tables(vrlint.parse(table_markdown(second[0])))
    assert [_without_positions(e) for e in third[0].entries] == [_without_positions(e) for e in second[0].entries]
