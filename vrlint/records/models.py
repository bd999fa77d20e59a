"""Typed records of the tables in a README.

These are what ``vrlint export`` writes and ``vrlint schema`` describes.
Every record carries its source position; nothing in a cell is lost: the
raw cell text is kept on :class:`CellRecord` even where vrlint understood
its parts.

The records are slotted standard-library dataclasses, so ``vrlint check``
builds them without importing pydantic (about 300 ms of start-up and a
validation pass per record). pydantic stays the schema and export engine:
``vrlint.export`` validates and serialises these same classes through a
``TypeAdapter`` (``__pydantic_config__`` forbids unknown keys there), and a
field's ``metadata={"description": ...}`` reaches the JSON Schema.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar, Literal

#: pydantic's configuration of every record when export validates it
_STRICT: dict[str, str] = {"extra": "forbid"}

ColumnRole = Literal[
    "title",
    "paper",
    "model",
    "code",
    "checkpoint",
    "dataset",
    "link",
    "detail",
    "venue",
    "time",
    "modality",
    "status",
    "other",
]


@dataclass(slots=True, kw_only=True)  # slotted; keyword-only so defaults may come first
class Position:
    """1-based line and columns in Unicode code points; ``end_column`` is
    exclusive."""

    __pydantic_config__: ClassVar[dict[str, str]] = _STRICT

    line: int
    column: int
    end_line: int
    end_column: int


@dataclass(slots=True, kw_only=True)
class LinkRecord:
    __pydantic_config__: ClassVar[dict[str, str]] = _STRICT

    kind: Literal["link", "image", "autolink", "html"]
    url: str
    text: str
    position: Position


@dataclass(slots=True, kw_only=True)
class BadgeRecord:
    """A badge image (usually inside a link). Static shields.io badges are
    parsed into label/message/color; other services keep only their URL."""

    __pydantic_config__: ClassVar[dict[str, str]] = _STRICT

    image_url: str
    alt: str
    service: str
    kind: Literal["static", "dynamic", "other"]
    label: str | None = None
    message: str | None = None
    color: str | None = None
    style: str | None = None
    logo: str | None = None
    logo_color: str | None = None
    valid: bool = True
    problem: str | None = None
    link: str | None = None
    position: Position


@dataclass(slots=True, kw_only=True)
class PaperRecord:
    """A paper reference. ``source`` says where it was read: the text of an
    arXiv badge, a link target, or plain text. The badge and the link of
    one row are separate records, so a disagreement stays visible."""

    __pydantic_config__: ClassVar[dict[str, str]] = _STRICT

    source: Literal["badge", "link", "text"]
    url: str | None = None
    arxiv_id: str | None = None
    arxiv_version: int | None = None
    arxiv_form: Literal["abs", "pdf", "html", "other"] | None = None
    host: str | None = None
    position: Position


@dataclass(slots=True, kw_only=True)
class RepoRecord:
    __pydantic_config__: ClassVar[dict[str, str]] = _STRICT

    host: str
    owner: str
    name: str
    url: str
    position: Position


@dataclass(slots=True, kw_only=True)
class ArtifactRecord:
    """A checkpoint, dataset or model zoo link."""

    __pydantic_config__: ClassVar[dict[str, str]] = _STRICT

    kind: Literal["checkpoint", "dataset", "model_zoo"]
    host: Literal["huggingface", "modelscope", "github", "other"]
    owner: str | None = None
    name: str | None = None
    url: str
    position: Position


@dataclass(slots=True, kw_only=True)
class CellRecord:
    """``raw`` is the cell's source without its padding (escapes such as
    ``\\|`` kept); ``content`` is what GitHub parses; ``text`` what it shows."""

    __pydantic_config__: ClassVar[dict[str, str]] = _STRICT

    column: int
    header: str
    role: ColumnRole
    raw: str
    content: str
    text: str
    position: Position


@dataclass(slots=True, kw_only=True)
class Entry:
    """One body row of a table, read into typed fields."""

    __pydantic_config__: ClassVar[dict[str, str]] = _STRICT

    line: int
    id: str | None = field(
        default=None, metadata={"description": "stable ID: 'arXiv:<id>' of the row's paper, else a slug of the title"}
    )
    title: str | None = None
    papers: list[PaperRecord] = field(default_factory=list)
    venue: str | None = field(
        default=None, metadata={"description": "the venue's name without its year ('CVPR', 'Findings of ACL')"}
    )
    year: int | None = field(default=None, metadata={"description": "the row's date column, else the venue's year"})
    month: int | None = field(
        default=None, metadata={"description": "the month of the row's date column, where it gives one"}
    )
    code: list[RepoRecord] = field(default_factory=list)
    checkpoints: list[ArtifactRecord] = field(default_factory=list)
    datasets: list[ArtifactRecord] = field(default_factory=list)
    project_pages: list[str] = field(default_factory=list)
    badges: list[BadgeRecord] = field(default_factory=list)
    modalities: dict[str, bool | None] = field(default_factory=dict)
    status: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    links: list[LinkRecord] = field(default_factory=list)
    columns: dict[str, str] = field(
        default_factory=dict,
        metadata={"description": "the list's own columns (SFT, Task...) by header: the cell's text"},
    )
    cells: list[CellRecord] = field(default_factory=list)
    extra_cells: list[str] = field(
        default_factory=list, metadata={"description": "raw cells beyond the header's count (GitHub drops them)"}
    )
    missing_cells: int = field(default=0, metadata={"description": "cells GitHub pads because the row is short"})

    @property
    def arxiv_ids(self) -> list[str]:
        return [p.arxiv_id for p in self.papers if p.arxiv_id]


@dataclass(slots=True, kw_only=True)
class TableRecord:
    __pydantic_config__: ClassVar[dict[str, str]] = _STRICT

    line: int
    end_line: int
    heading_path: list[str]
    headers: list[str]
    alignments: list[Literal["left", "center", "right"] | None]
    roles: list[ColumnRole]
    entries: list[Entry] = field(default_factory=list)


@dataclass(slots=True, kw_only=True)
class Export:
    """The document ``vrlint export --format json`` writes."""

    __pydantic_config__: ClassVar[dict[str, str]] = _STRICT

    path: str
    vrlint_version: str
    tables: list[TableRecord]
