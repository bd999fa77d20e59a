"""Read each table of a document into typed records.

Column roles come from header names (``Title``, ``Paper``, ``Checkpoint``,
``Detail``...) and, for modality columns, from the cells themselves (a
column of check marks). Links are classified by where they point, with the
column's role and the badge's wording as tie-breakers (a GitHub link in a
Checkpoint column is a model zoo, not the code).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Literal

from vrlint.document import Cell, Document, Heading, Inline, Link, Span, Table, text_outside_links
from vrlint.parsing.build import gc_paused
from vrlint.parsing.links import cell_links
from vrlint.records.arxiv import find_arxiv_ids, parse_arxiv_id, parse_arxiv_url
from vrlint.records.marks import read_mark, read_status
from vrlint.records.models import (
    ArtifactRecord,
    BadgeRecord,
    CellRecord,
    ColumnRole,
    Entry,
    LinkRecord,
    PaperRecord,
    Position,
    RepoRecord,
    TableRecord,
)
from vrlint.records.shields import parse_badge_url
from vrlint.records.urls import classify_url

_NON_WORD = re.compile(r"[^\w]+")
_ROLE_PATTERNS: list[tuple[ColumnRole, re.Pattern[str]]] = [
    ("time", re.compile(r"^(?:time|date|year|month|release date|pub date|published)$")),
    ("venue", re.compile(r"^(?:venue|conference|conf|journal|pub|publication venue|source)$")),
    ("checkpoint", re.compile(r"(?:checkpoint|ckpt|weights|hugging ?face|model ?zoo|hf)")),
    (
        "title",
        re.compile(
            r"^(?:title|name|method|methods|model name|paper title|benchmark|work|dataset name|"
            r"dataset|datasets|benchmark name|approach|project)$"
        ),
    ),
    ("paper", re.compile(r"(?:paper|arxiv|publication|pdf)")),
    ("code", re.compile(r"^(?:code|codes|github|repo|repository|implementation|official code)$")),
    ("model", re.compile(r"^(?:model|models|backbone)$")),
    ("link", re.compile(r"^(?:link|links|url|resource|resources|download|access|homepage)$")),
    (
        "detail",
        re.compile(r"(?:detail|description|desc|note|remark|summary|highlight|comment|idea|contribution|tl ?dr)"),
    ),
    ("status", re.compile(r"^(?:status|release|released|open source|availability)$")),
]
_MODALITY_WORDS = frozenset(
    "text image images audio video videos speech 3d point cloud depth music sound motion vision "
    "language lang img vid pc thermal event tactile".split()
)
_MODALITY_PREFIXES = frozenset("si so input output in out i o".split())
_VENUES = re.compile(
    r"\b(NeurIPS|NIPS|ICML|ICLR|CVPR|ICCV|ECCV|ACL|EMNLP|NAACL|EACL|COLING|AAAI|IJCAI|ACM ?MM|MM|TPAMI|"
    r"T-PAMI|IJCV|TIP|TMM|TCSVT|WACV|BMVC|KDD|WWW|SIGIR|SIGGRAPH(?: Asia)?|Interspeech|ICASSP|3DV|RSS|"
    r"CoRL|IROS|ICRA|TMLR|JMLR|ICME|MICCAI|ACCV|TOG|Nature|Science|CHI|UIST|COLM|ICLR Workshop)\b",
    re.IGNORECASE,
)
_YEAR = re.compile(r"(?<!\d)(19[89]\d|20[0-4]\d)(?!\d)")
_SHORT_YEAR = re.compile(r"['’](\d{2})\b")
_PROJECT_WORDS = re.compile(r"\b(?:project|page|website|homepage|demo|site)\b", re.IGNORECASE)


def position(span: Span) -> Position:
    return Position(line=span.line, column=span.column, end_line=span.end_line, end_column=span.end_column)


def infer_role(header: str) -> ColumnRole:
    """The role of a column from its header text alone."""
    key = _NON_WORD.sub(" ", header.replace("_", " ")).strip().lower()
    if not key:
        return "other"
    for role, pattern in _ROLE_PATTERNS:
        if pattern.search(key):
            return role
    words = key.split()
    while words and words[0] in _MODALITY_PREFIXES:
        words = words[1:]
    if words and all(word in _MODALITY_WORDS for word in words):
        return "modality"
    return "other"


def infer_roles(table: Table, overrides: Mapping[str, str] | None = None) -> list[ColumnRole]:
    """Roles for every column; a column of check marks is a modality column
    whatever its header says, and ``overrides`` (header → role, from
    configuration) wins over both."""
    assert table.header is not None
    roles: list[ColumnRole] = []
    for index, cell in enumerate(table.header.cells):
        header = cell.text.strip()
        role = infer_role(header)
        values = [row.cells[index].text.strip() for row in table.rows if index < len(row.cells)]
        values = [v for v in values if v]
        if values and role in ("other", "modality"):
            marks = sum(read_mark(v) is not None for v in values)
            role = "modality" if marks * 2 >= len(values) else role
        if overrides:
            forced = overrides.get(header) or overrides.get(header.lower())
            if forced:
                role = forced  # type: ignore[assignment]
        roles.append(role)
    if "title" not in roles and roles and roles[0] in ("other", "paper", "model"):
        roles[0] = "title"
    return roles


def heading_paths(document: Document) -> dict[int, list[str]]:
    """For each table (by start line), the headings of the sections it is in."""
    paths: dict[int, list[str]] = {}
    stack: list[tuple[int, str]] = []
    for block in document.blocks:
        if isinstance(block, Heading):
            while stack and stack[-1][0] >= block.level:
                stack.pop()
            stack.append((block.level, block.text.strip()))
        elif isinstance(block, Table):
            paths[block.start_line] = [text for _, text in stack]
    return paths


def extract_tables(document: Document, overrides: Mapping[str, str] | None = None) -> list[TableRecord]:
    paths = heading_paths(document)
    records: list[TableRecord] = []
    with gc_paused():  # thousands of small acyclic models; see gc_paused
        for number, block in enumerate(document.blocks):
            if isinstance(block, Table):
                records.append(extract_table(document, block, number, paths.get(block.start_line, []), overrides))
    return records


def extract_table(
    document: Document,
    table: Table,
    block_index: int,
    heading_path: list[str],
    overrides: Mapping[str, str] | None = None,
) -> TableRecord:
    assert table.header is not None
    headers = [cell.text.strip() for cell in table.header.cells]
    roles = infer_roles(table, overrides)
    record = TableRecord(
        line=table.start_line,
        end_line=table.end_line,
        heading_path=heading_path,
        headers=headers,
        alignments=list(table.alignments),
        roles=roles,
    )
    for row in table.rows:
        entry = Entry(line=row.line, missing_cells=0)
        columns = len(headers)
        entry.extra_cells = [cell.raw.strip(" \t") for cell in row.cells[columns:]]
        entry.missing_cells = max(columns - len(row.cells), 0)
        for cell in row.cells[:columns]:
            _read_cell(document, entry, cell, headers[cell.index], roles[cell.index], block_index)
        if entry.title is None:
            entry.title = _first_title(entry)
        records_year(entry)
        record.entries.append(entry)
    return record


def records_year(entry: Entry) -> None:
    if entry.year is None and entry.venue:
        m = _YEAR.search(entry.venue)
        if m:
            entry.year = int(m.group(1))


def _first_title(entry: Entry) -> str | None:
    for cell in entry.cells:
        if cell.text.strip():
            return cell.text.strip()
    return None


def _strong_text(inlines: Iterable[Inline]) -> str | None:
    for node in inlines:
        if node.kind == "strong":
            text = node.plain_text().strip()
            if text:
                return text
    return None


def _read_cell(document: Document, entry: Entry, cell: Cell, header: str, role: ColumnRole, block_index: int) -> None:
    text = cell.text.strip()
    entry.cells.append(
        CellRecord(
            column=cell.index,
            header=header,
            role=role,
            raw=cell.raw.strip(" \t"),
            content=cell.content,
            text=text,
            position=position(cell.span),
        )
    )
    if role == "title" and entry.title is None:
        plain = text_outside_links(cell.inlines).strip()
        entry.title = _strong_text(cell.inlines) or plain or text or None
    elif role == "modality":
        entry.modalities[header] = read_mark(text) if text else None
    elif role == "detail" and text:
        entry.notes.append(text)
    elif role == "venue" and text:
        entry.venue = entry.venue or text
        if entry.year is None:
            m = _YEAR.search(text)
            entry.year = int(m.group(1)) if m else None
    elif role == "time" and text and entry.year is None:
        m = _YEAR.search(text)
        if m:
            entry.year = int(m.group(1))
    status = read_status(text_outside_links(cell.inlines)) if role != "detail" else None
    if status:
        entry.status.append(status)
    if role in ("paper", "title"):
        outside = text_outside_links(cell.inlines)
        for _start, _end, aid in find_arxiv_ids(outside):
            entry.papers.append(
                PaperRecord(source="text", arxiv_id=aid.id, arxiv_version=aid.version, position=position(cell.span))
            )
    for link in cell_links(document, cell, block_index):
        _read_link(entry, link, role)


def _read_link(entry: Entry, link: Link, role: ColumnRole) -> None:
    where = position(link.span)
    entry.links.append(LinkRecord(kind=link.kind, url=link.url, text=link.text, position=where))
    if link.kind == "image":
        return  # the badge is read with the link that carries it (or below)
    badge = None
    if link.image is not None:
        badge = _badge(link.image, link.url)
        if badge is not None:
            entry.badges.append(badge)
            _read_badge(entry, badge, link.image)
    target = link.url.strip()
    if not target:
        return
    _classify_target(entry, target, link, role, badge, where)


def _badge(image: Link, target: str | None) -> BadgeRecord | None:
    parsed = parse_badge_url(image.url)
    if parsed is None:
        return None
    return BadgeRecord(
        image_url=image.url,
        alt=image.text,
        service=parsed.service,
        kind=parsed.kind,
        label=parsed.label,
        message=parsed.message,
        color=parsed.color,
        style=parsed.style,
        logo=parsed.logo,
        logo_color=parsed.logo_color,
        valid=parsed.valid,
        problem=parsed.problem,
        link=target,
        position=position(image.span),
    )


def _read_badge(entry: Entry, badge: BadgeRecord, image: Link) -> None:
    label = (badge.label or "").strip()
    message = (badge.message or "").strip()
    if label.lower() == "arxiv" or (not label and image.text.strip().lower() == "arxiv"):
        aid = parse_arxiv_id(message)
        if aid is not None:
            entry.papers.append(
                PaperRecord(
                    source="badge",
                    arxiv_id=aid.id,
                    arxiv_version=aid.version,
                    position=position(image.span),
                )
            )
            return
    venue = _VENUES.search(label) or _VENUES.search(message)
    if venue is not None and entry.venue is None:
        entry.venue = f"{label} {message}".strip() if label else message
        year = _YEAR.search(message) or _YEAR.search(label)
        if year:
            entry.year = int(year.group(1))
    status = read_status(message)
    if status and status not in entry.status:
        entry.status.append(status)


def _classify_target(
    entry: Entry, target: str, link: Link, role: ColumnRole, badge: BadgeRecord | None, where: Position
) -> None:
    arxiv = parse_arxiv_url(target)
    if arxiv is not None:
        entry.papers.append(
            PaperRecord(
                source="link",
                url=target,
                arxiv_id=arxiv.id.id,
                arxiv_version=arxiv.id.version,
                arxiv_form=arxiv.form,
                host=arxiv.host,
                position=where,
            )
        )
        return
    info = classify_url(target)
    kind = info.kind
    wording = " ".join(
        part for part in (link.text, badge.label if badge else None, badge.message if badge else None) if part
    ).lower()
    if kind == "paper":
        entry.papers.append(PaperRecord(source="link", url=target, host=info.host, position=where))
    elif kind == "github_repo" and info.owner and info.name:
        if role == "checkpoint" or "zoo" in wording or "checkpoint" in wording:
            entry.checkpoints.append(
                ArtifactRecord(
                    kind="model_zoo",
                    host="github",
                    owner=info.owner,
                    name=info.name,
                    url=target,
                    position=where,
                )
            )
        elif role in ("link", "dataset") and "dataset" in wording:
            entry.datasets.append(
                ArtifactRecord(
                    kind="dataset",
                    host="github",
                    owner=info.owner,
                    name=info.name,
                    url=target,
                    position=where,
                )
            )
        else:
            entry.code.append(
                RepoRecord(host="github.com", owner=info.owner, name=info.name, url=target, position=where)
            )
    elif kind in ("huggingface_model", "modelscope_model"):
        host: Literal["huggingface", "modelscope"] = "huggingface" if kind.startswith("hugging") else "modelscope"
        entry.checkpoints.append(
            ArtifactRecord(kind="checkpoint", host=host, owner=info.owner, name=info.name, url=target, position=where)
        )
    elif kind in ("huggingface_dataset", "modelscope_dataset"):
        dataset_host: Literal["huggingface", "modelscope"] = (
            "huggingface" if kind.startswith("hugging") else "modelscope"
        )
        entry.datasets.append(
            ArtifactRecord(
                kind="dataset", host=dataset_host, owner=info.owner, name=info.name, url=target, position=where
            )
        )
    elif kind in ("github_pages", "huggingface_space") or (kind == "other" and _PROJECT_WORDS.search(wording)):
        entry.project_pages.append(target)
