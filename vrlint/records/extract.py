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
from functools import lru_cache
from typing import Literal

from vrlint.document import Cell, Document, Heading, Inline, Link, Span, Table, text_outside_links
from vrlint.lazyre import lazy_pattern
from vrlint.parsing.build import gc_paused
from vrlint.parsing.links import cell_links
from vrlint.records.arxiv import find_arxiv_ids, parse_arxiv_id, parse_arxiv_url
from vrlint.records.dates import is_date_cell, is_not_a_title, parse_date, split_venue
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

_NON_WORD = lazy_pattern(r"[^\w]+")
_ROLE_PATTERNS: list[tuple[ColumnRole, re.Pattern[str]]] = [
    ("time", lazy_pattern(r"^(?:time|date|year|month|release date|pub date|published|日期|年份|时间|发布时间)$")),
    (
        "venue",
        lazy_pattern(
            r"^(?:venue|venue year|conference|conference journal|conf|journal|pub|publication|publication venue|"
            r"published in|source|会议|期刊|发表)$"
        ),
    ),
    ("checkpoint", lazy_pattern(r"(?:checkpoint|ckpt|weights|hugging ?face|model ?zoo|hf)")),
    (
        "title",
        lazy_pattern(
            r"^(?:title|name|method|methods|model name|paper title|benchmark|work|dataset name|"
            r"dataset|datasets|benchmark name|approach|project|标题|名字|名称|题目|论文|论文标题)$"
        ),
    ),
    ("paper", lazy_pattern(r"(?:paper|arxiv|publication|pdf)")),
    (
        "code",
        lazy_pattern(
            r"^(?:code|codes|github|repo|repository|implementation|official code|code project|code proj|"
            r"project code|代码)$"
        ),
    ),
    ("model", lazy_pattern(r"^(?:model|models|backbone)$")),
    ("link", lazy_pattern(r"^(?:link|links|url|resource|resources|download|access|homepage)$")),
    (
        "detail",
        lazy_pattern(r"(?:detail|description|desc|note|remark|summary|highlight|comment|idea|contribution|tl ?dr)"),
    ),
    ("status", lazy_pattern(r"^(?:status|release|released|open source|availability)$")),
]
_MODALITY_WORDS = frozenset(
    "text image images audio video videos speech 3d point cloud depth music sound motion vision "
    "language lang img vid pc thermal event tactile".split()
)
_MODALITY_PREFIXES = frozenset("si so input output in out i o".split())
_VENUES = lazy_pattern(
    r"\b(NeurIPS|NIPS|ICML|ICLR|CVPR|ICCV|ECCV|ACL|EMNLP|NAACL|EACL|COLING|AAAI|IJCAI|ACM ?MM|MM|TPAMI|"
    r"T-PAMI|IJCV|TIP|TMM|TCSVT|WACV|BMVC|KDD|WWW|SIGIR|SIGGRAPH(?: Asia)?|Interspeech|ICASSP|3DV|RSS|"
    r"CoRL|IROS|ICRA|TMLR|JMLR|ICME|MICCAI|ACCV|TOG|Nature|Science|CHI|UIST|COLM|ICLR Workshop)\b",
    re.IGNORECASE,
)
_YEAR = lazy_pattern(r"(?<!\d)(19[89]\d|20[0-4]\d)(?!\d)")
_SHORT_YEAR = lazy_pattern(r"['’](\d{2})\b")
_PROJECT_WORDS = lazy_pattern(r"\b(?:project|page|website|homepage|demo|site)\b", re.IGNORECASE)


def position(span: Span) -> Position:
    line, column, end_line, end_column = span.positions()
    return Position(line=line, column=column, end_line=end_line, end_column=end_column)


@lru_cache(maxsize=4096)
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
        if values and role in ("other", "title") and sum(is_date_cell(v) for v in values) * 2 > len(values):
            role = "time"  # an ``ID`` or unnamed column of dates
        if overrides:
            forced = overrides.get(header) or overrides.get(header.lower())
            if forced:
                role = forced  # type: ignore[assignment]
        roles.append(role)
    if "title" not in roles:
        # the first column that holds names, after any leading date or ``#`` columns
        for index, role in enumerate(roles):
            values = [row.cells[index].text.strip() for row in table.rows if index < len(row.cells)]
            if all(is_not_a_title(v) for v in values) or role == "time":
                continue
            if role in ("other", "paper", "model"):
                roles[index] = "title"
            break
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
        entry.title = _inferred_title(document, entry, row.cells[:columns], block_index)
        records_year(entry)
        entry.id = stable_id(entry)
        record.entries.append(entry)
    return record


def records_year(entry: Entry) -> None:
    if entry.year is None and entry.venue:
        m = _YEAR.search(entry.venue)
        if m:
            entry.year = int(m.group(1))


_GENERIC_LINK_TEXT = lazy_pattern(
    r"^\W*(?:paper|papers|pdf|arxiv|abs|link|links|code|github|project|page|website|homepage|demo|blog|"
    r"model|models|dataset|data|hf|hugging ?face|openreview|doi|video|slides|here|论文|链接|代码)\W*$",
    re.IGNORECASE,
)


def _cell_title(document: Document, cell: Cell, block_index: int, *, linked_only: bool = False) -> str | None:
    """The paper's name in one cell: its bold text, else the longer of the text
    outside links and its longest link text that is not generic (``[Paper]``, ``📄``).
    ``linked_only`` ignores plain text (a ``Paper`` column that says ``arXiv 2025``)."""
    strong = _strong_text(cell.inlines)
    if strong and not is_not_a_title(strong):
        return strong
    candidates = []
    outside = text_outside_links(cell.inlines).strip()
    if outside and not is_not_a_title(outside) and not linked_only:
        candidates.append(outside)
    named = []
    for link in cell_links(document, cell, block_index):
        text = link.text.strip()
        if link.kind != "image" and link.image is None and text and not _GENERIC_LINK_TEXT.match(text):
            if not is_not_a_title(text):
                named.append(text)
    if linked_only and len(set(named)) > 1:
        return None  # a cell that lists several papers names none of them as the row's title
    candidates += named
    return max(candidates, key=len) if candidates else None


def _inferred_title(document: Document, entry: Entry, cells: list[Cell], block_index: int) -> str | None:
    """The row's title: the name in the first column whose header says it
    holds titles or papers (by position, so ``Year | Paper | ... | Method``
    reads the paper; a paper column counts only with a linked or bold name),
    else in a column promoted to title for want of one, else the longest name
    in a model or unnamed column, else in a detail column."""
    roles = [entry.cells[cell.index].role for cell in cells]
    named = [infer_role(entry.cells[cell.index].header) for cell in cells]
    for cell, role, header_role in zip(cells, roles, named, strict=True):
        if role == "title" and header_role == "title":
            found = _cell_title(document, cell, block_index)
            if found:
                return found
            if not is_not_a_title(cell.text):
                return cell.text.strip()
        elif role in ("title", "paper") and header_role == "paper":
            found = _cell_title(document, cell, block_index, linked_only=True)
            if found:
                return found
    for cell, role in zip(cells, roles, strict=True):
        if role == "title":
            found = _cell_title(document, cell, block_index)
            if found:
                return found
            if not is_not_a_title(cell.text):
                return cell.text.strip()
    for weak in (("model", "other", "paper"), ("detail",)):
        names = [
            name
            for cell, role in zip(cells, roles, strict=True)
            if role in weak and (name := _cell_title(document, cell, block_index)) is not None
        ]
        if names:
            return max(names, key=len)
    return None


_SLUG = lazy_pattern(r"[^\w]+")


def stable_id(entry: Entry) -> str | None:
    """``arXiv:ID`` of the row's paper (the link before the badge), else a
    slug of the title; ``None`` for a row with neither."""
    for source in ("link", "badge", "text"):
        for paper in entry.papers:
            if paper.source == source and paper.arxiv_id:
                return f"arXiv:{paper.arxiv_id}"
    if entry.title:
        slug = _SLUG.sub("-", entry.title.lower()).strip("-_")[:80].strip("-_")
        return slug or None
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
    raw = cell.raw.strip(" \t")
    if raw == cell.content:
        raw = cell.content  # the same text, kept once (most cells have no ``\|``)
    entry.cells.append(
        CellRecord(
            column=cell.index,
            header=header,
            role=role,
            raw=raw,
            content=cell.content,
            text=text,
            position=position(cell.span),
        )
    )
    if role == "modality":
        entry.modalities[header] = read_mark(text) if text else None
    elif role == "detail" and text:
        entry.notes.append(text)
    elif role == "venue" and text:
        name, venue_year = split_venue(text)
        if entry.venue is None and name is not None:
            entry.venue = name
        if entry.year is None and venue_year is not None:
            entry.year = venue_year
    elif role == "time" and text:
        dated = parse_date(text)
        if dated is not None and entry.month is None:  # the row's own date wins over its venue's year
            entry.year, entry.month = dated.year, dated.month
    elif role == "other" and text:
        key = header or f"column {cell.index + 1}"
        while key in entry.columns:
            key += "'"
        entry.columns[key] = text
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
        name, year = split_venue(f"{label} {message}".strip() if label else message)
        entry.venue = name
        if year is not None and entry.year is None:
            entry.year = year
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
