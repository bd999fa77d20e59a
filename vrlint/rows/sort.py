"""Sort a table's rows by the order the table mostly keeps (``vrlint sort``).

Only body-row lines move; each keeps its text, every other line and every
line ending stays where it was, and ties keep their order (a stable sort).
A table without a clear order is left alone unless ``by`` names the key.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from vrlint.conventions import Convention
from vrlint.parsing import parse
from vrlint.records.extract import extract_tables
from vrlint.rows.order import Direction, Order, detect_order, sorted_indices


class SortError(Exception):
    """A table that cannot be sorted as asked."""


@dataclass
class Sorted:
    text: str
    messages: list[str] = field(default_factory=list)


def sort_tables(
    text: str,
    *,
    table_line: int | None = None,
    by: Literal["date", "title"] | None = None,
    direction: Direction | None = None,
) -> Sorted:
    """``text`` with each table (or the one at ``table_line``) in its order."""
    document = parse(text)
    records = extract_tables(document)
    lines = [line.text for line in document.lines]
    messages: list[str] = []
    chosen = list(zip(document.tables, records, strict=True))
    if table_line is not None:
        chosen = [(t, r) for t, r in chosen if t.start_line <= table_line <= t.end_line]
        if not chosen:
            raise SortError(f"no table at line {table_line}")
    for table, record in chosen:
        order = detect_order(record)
        if by is not None:
            if order is None or order.by != by or (direction and order.direction != direction):
                order = Order(by, direction or "descending", Convention("given", 0, 0))
        elif direction is not None and order is not None and order.direction != direction:
            order = Order(order.by, direction, order.convention)
        if order is None:
            if table_line is not None:
                raise SortError(f"the table at line {table.start_line} has no clear order; give --by")
            continue
        permutation = sorted_indices(record, order)
        if permutation == list(range(len(permutation))):
            continue
        moved = sum(1 for i, j in enumerate(permutation) if i != j)
        originals = [lines[row.line - 1] for row in table.rows]
        prefixes = [table.prefixes[row.line - table.start_line] if table.prefixes else "" for row in table.rows]
        for position, row in enumerate(table.rows):
            source = permutation[position]
            # a row keeps its text; the line keeps its container prefix
            lines[row.line - 1] = prefixes[position] + originals[source][len(prefixes[source]) :]
        messages.append(f"{table.start_line}: sorted {moved} of {len(table.rows)} rows, {order.describe()}")
    out = "".join(line + original.ending for line, original in zip(lines, document.lines, strict=True))
    result = document.bom + out
    if result != text:
        check = parse(result)
        if [len(t.rows) for t in check.tables] != [len(t.rows) for t in document.tables]:
            raise SortError("not sorted: the tables would not keep their rows")
    return Sorted(result, messages)
