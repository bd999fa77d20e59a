"""The order a table keeps its rows in, as a convention of that table.

A table is ordered by date (newest first or oldest first) when the dates of
its date column go one way between at least 90% of the adjacent rows whose
dates differ, and at least five such pairs do (the shared test of
:mod:`vrlint.conventions`); a table without dates may be ordered
alphabetically by title on the same terms. Rows without a key (no date, or
a date coarser than the table's: a year among days) are not compared. A row is out
of order when it is not in the longest run of rows (in table order, gaps
allowed) that keeps the order: moving those rows, and only those, sorts the
table.
"""

from __future__ import annotations

from bisect import bisect_right
from itertools import pairwise
from typing import TYPE_CHECKING, Literal, NamedTuple

from vrlint.conventions import Convention, convention
from vrlint.lazyre import lazy_pattern
from vrlint.rows.dateformat import read_date

if TYPE_CHECKING:
    from vrlint.records.models import Entry, TableRecord

Direction = Literal["descending", "ascending"]
SortKey = tuple[int, int, int] | str


class Order(NamedTuple):
    by: Literal["date", "title"]
    direction: Direction
    convention: Convention[str]

    def describe(self) -> str:
        what = {
            ("date", "descending"): "newest first",
            ("date", "ascending"): "oldest first",
            ("title", "ascending"): "by title A-Z",
            ("title", "descending"): "by title Z-A",
        }[(self.by, self.direction)]
        if not self.convention.total:
            return what
        return f"{what} ({self.convention.describe('adjacent rows with different keys')})"


_NON_WORD = lazy_pattern(r"[\W_]+")


def title_key(title: str) -> str:
    """A title compared loosely: case, punctuation and spacing ignored."""
    return _NON_WORD.sub(" ", title.casefold()).strip()


def date_key(entry: Entry) -> tuple[int, int, int] | None:
    """The date of the row's date column (year, month, day; 0 where not written)."""
    for cell in entry.cells:
        if cell.role == "time":
            found = read_date(cell.text)
            if found is not None:
                return found.key()
    return None


def _precision(key: tuple[int, int, int]) -> int:
    return 1 + bool(key[1]) + bool(key[2])


def keys(record: TableRecord, by: Literal["date", "title"]) -> list[SortKey | None]:
    """Each row's key; ``None`` where it has none, or a date coarser than most
    of the table's (``2025`` cannot be placed among ``2025-06-07`` dates)."""
    if by == "title":
        return [title_key(entry.title) if entry.title else None for entry in record.entries]
    dates = [date_key(entry) for entry in record.entries]
    known = [_precision(d) for d in dates if d is not None]
    if not known:
        return list(dates)
    usual = max(set(known), key=known.count)
    return [d if d is not None and _precision(d) >= usual else None for d in dates]


def _directions(values: list[SortKey | None]) -> list[str]:
    known = [v for v in values if v is not None]
    forms = []
    for before, after in pairwise(known):
        if before != after:
            forms.append("descending" if before > after else "ascending")  # type: ignore[operator]
    return forms


def detect_order(record: TableRecord) -> Order | None:
    """The table's order, or None where it has no clear one. A table with dates
    is never taken to be ordered by title (its rows are grouped by year)."""
    dated = any(date_key(entry) is not None for entry in record.entries)
    candidates: tuple[Literal["date", "title"], ...] = ("date",) if dated else ("date", "title")
    for by in candidates:
        found = convention(_directions(keys(record, by)))
        if found is not None:
            return Order(by, found.form, found)  # type: ignore[arg-type]
    return None


def ranked(value: SortKey, direction: Direction) -> tuple[int, ...] | tuple[str, ...]:
    """A value that sorts ascending in the table's direction."""
    if isinstance(value, str):
        return (value,) if direction == "ascending" else (*(chr(0x10FFFF - ord(c)) for c in value), "\U0010ffff")
    return value if direction == "ascending" else tuple(-part for part in value)


def out_of_order(record: TableRecord, order: Order) -> list[int]:
    """Indices of the rows to move so that the table follows ``order``."""
    values = keys(record, order.by)
    indexed = [(i, ranked(v, order.direction)) for i, v in enumerate(values) if v is not None]
    # longest non-decreasing subsequence (patience sorting), remembering the members
    tails: list[tuple[int, ...] | tuple[str, ...]] = []
    tail_index: list[int] = []
    parent: dict[int, int | None] = {}
    for position, (_, rank) in enumerate(indexed):
        at = bisect_right(tails, rank)
        parent[position] = tail_index[at - 1] if at > 0 else None
        if at == len(tails):
            tails.append(rank)
            tail_index.append(position)
        else:
            tails[at] = rank
            tail_index[at] = position
    keep: set[int] = set()
    cursor: int | None = tail_index[-1] if tail_index else None
    while cursor is not None:
        keep.add(indexed[cursor][0])
        cursor = parent[cursor]
    return [i for i, _ in indexed if i not in keep]


def insertion_index(record: TableRecord, order: Order | None, value: SortKey | None) -> int:
    """Where a row with ``value`` goes: before the first row it precedes in the
    table's order (at the top of rows with the same date), else at the end."""
    if order is None or value is None:
        return len(record.entries)
    new = ranked(value, order.direction)
    for index, current in enumerate(keys(record, order.by)):
        if current is None:
            continue
        rank = ranked(current, order.direction)
        if (new <= rank) if order.by == "date" else (new < rank):  # type: ignore[operator]
            return index
    return len(record.entries)


def sorted_indices(record: TableRecord, order: Order) -> list[int]:
    """The rows' indices in ``order``, ties (and rows without a key, which follow
    the row above them) kept in their order."""
    values = keys(record, order.by)
    ranks: list[tuple[int, ...] | tuple[str, ...]] = []
    previous: tuple[int, ...] | tuple[str, ...] | None = None
    for value in values:
        if value is not None:
            previous = ranked(value, order.direction)
        ranks.append(previous if previous is not None else ())
    # rows before the first keyed row stay first
    return sorted(range(len(values)), key=lambda i: (ranks[i] != (), ranks[i]))
