"""Typed records of the tables in a README (pydantic v2).

These are what ``vrlint export`` writes and ``vrlint schema`` describes.
Every record carries its source position; nothing in a cell is lost: the
raw cell text is kept on :class:`CellRecord` even where vrlint understood
its parts.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

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


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=False)


class Position(_Record):
    """1-based line and columns in Unicode code points; ``end_column`` is
    exclusive."""

    line: int
    column: int
    end_line: int
    end_column: int


class LinkRecord(_Record):
    kind: Literal["link", "image", "autolink", "html"]
    url: str
    text: str
    position: Position


class BadgeRecord(_Record):
    """A badge image (usually inside a link). Static shields.io badges are
    parsed into label/message/color; other services keep only their URL."""

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


class PaperRecord(_Record):
    """A paper reference. ``source`` says where it was read: the text of an
    arXiv badge, a link target, or plain text. The badge and the link of
    one row are separate records, so a disagreement stays visible."""

    source: Literal["badge", "link", "text"]
    url: str | None = None
    arxiv_id: str | None = None
    arxiv_version: int | None = None
    arxiv_form: Literal["abs", "pdf", "html", "other"] | None = None
    host: str | None = None
    position: Position


class RepoRecord(_Record):
    host: str
    owner: str
    name: str
    url: str
    position: Position


class ArtifactRecord(_Record):
    """A checkpoint, dataset or model zoo link."""

    kind: Literal["checkpoint", "dataset", "model_zoo"]
    host: Literal["huggingface", "modelscope", "github", "other"]
    owner: str | None = None
    name: str | None = None
    url: str
    position: Position


class CellRecord(_Record):
    """``raw`` is the cell's source without its padding (escapes such as
    ``\\|`` kept); ``content`` is what GitHub parses; ``text`` what it shows."""

    column: int
    header: str
    role: ColumnRole
    raw: str
    content: str
    text: str
    position: Position


class Entry(_Record):
    """One body row of a table, read into typed fields."""

    line: int
    title: str | None = None
    papers: list[PaperRecord] = Field(default_factory=list)
    venue: str | None = None
    year: int | None = None
    code: list[RepoRecord] = Field(default_factory=list)
    checkpoints: list[ArtifactRecord] = Field(default_factory=list)
    datasets: list[ArtifactRecord] = Field(default_factory=list)
    project_pages: list[str] = Field(default_factory=list)
    badges: list[BadgeRecord] = Field(default_factory=list)
    modalities: dict[str, bool | None] = Field(default_factory=dict)
    status: list[str] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)
    links: list[LinkRecord] = Field(default_factory=list)
    cells: list[CellRecord] = Field(default_factory=list)
    extra_cells: list[str] = Field(
        default_factory=list, description="raw cells beyond the header's count (GitHub drops them)"
    )
    missing_cells: int = Field(0, description="cells GitHub pads because the row is short")

    @property
    def arxiv_ids(self) -> list[str]:
        return [p.arxiv_id for p in self.papers if p.arxiv_id]


class TableRecord(_Record):
    line: int
    end_line: int
    heading_path: list[str]
    headers: list[str]
    alignments: list[Literal["left", "center", "right"] | None]
    roles: list[ColumnRole]
    entries: list[Entry] = Field(default_factory=list)


class Export(_Record):
    """The document ``vrlint export --format json`` writes."""

    path: str
    vrlint_version: str
    tables: list[TableRecord]
