"""VR110: a row out of the order its table keeps.

Most paper tables are kept newest first (some oldest first, a few by name).
Where a table clearly does (see :mod:`vrlint.rows.order`: 90% of the adjacent
rows whose keys differ, and at least five of them), a row that breaks the
order is usually a paper added in the wrong place. Only the rows that must
move to restore the order are reported, one finding each; a table without a
clear order is never reported.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator
from typing import TYPE_CHECKING

from vrlint.diagnostics import Diagnostic, Edit
from vrlint.lazyre import lazy_pattern
from vrlint.rows.order import detect_order, keys, out_of_order, ranked
from vrlint.rules.base import Context, rule

if TYPE_CHECKING:
    from vrlint.records.models import Entry

#: months between a row's date and its own arXiv ID beyond which the date itself is suspect
_SUSPECT_GAP_MONTHS = 10
_NEW_ID = lazy_pattern(r"(\d{2})(\d{2})\.\d{4,5}")


def _date_contradicts_its_id(entry: Entry) -> bool:
    """The row's date is far from the month its one arXiv ID was issued: the sort key is a typo
    (``2015-12`` for ``2025-12``), so the row's place cannot be judged by it."""
    ids = {aid for aid in entry.arxiv_ids}
    if len(ids) != 1 or entry.year is None or entry.month is None:
        return False
    issued = _NEW_ID.fullmatch(next(iter(ids)))
    if issued is None:
        return False
    gap = (entry.year * 12 + entry.month) - ((2000 + int(issued.group(1))) * 12 + int(issued.group(2)))
    return abs(gap) >= _SUSPECT_GAP_MONTHS


def _example(months: list[int]) -> str:
    rows = "".join(f"| 2025-{m:02d} | [Paper {m}](https://arxiv.org/abs/25{m:02d}.{m:05d}) |\n" for m in months)
    return "| Date | Paper |\n|---|---|\n" + rows


@rule(
    code="VR110",
    name="row-out-of-order",
    severity="warning",
    summary="A row breaks the date (or name) order the rest of its table keeps.",
    why=(
        "Readers scan a newest-first table from the top and stop at the month they know; a paper "
        "added at the wrong place is missed, and the next one added by copying its neighbour goes "
        "wrong too. Only tables that clearly keep an order are checked (90% of adjacent rows)."
    ),
    bad=_example([12, 11, 10, 9, 8, 2, 7, 6, 5, 4, 3]),
    good=_example([12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2]),
    fix="unsafe",
)
def row_out_of_order(ctx: Context) -> Iterator[Diagnostic]:
    document = ctx.document
    for table, record in zip(document.tables, ctx.tables, strict=True):
        order = detect_order(record)
        if order is None:
            continue
        misplaced = out_of_order(record, order)
        if not misplaced:
            continue
        values = keys(record, order.by)
        misplaced_set = set(misplaced)
        kept = [i for i, v in enumerate(values) if v is not None and i not in misplaced_set]
        # the kept rows are in order, so the place of a misplaced row is a binary search
        kept_ranks = [ranked(values[k], order.direction) for k in kept]  # type: ignore[arg-type]
        for index in misplaced:
            if _date_contradicts_its_id(record.entries[index]):
                continue  # a typo in the date (2015 for 2025) is VR902's, not a misplaced row
            row = table.rows[index]
            value = values[index]
            assert value is not None
            rank = ranked(value, order.direction)
            place = bisect_left(kept_ranks, rank)
            before = kept[place] if place < len(kept) else None
            line = document.line(row.line)
            fix = None
            if line.ending:
                target = document.line(table.rows[before].line).start if before is not None else None
                if target is None:
                    last = document.line(table.rows[-1].line)
                    target = last.start + len(last.text) + len(last.ending) if last.ending else None
                if target is not None:
                    edits = [Edit(line.start, line.start + len(line.text) + len(line.ending), "")]
                    edits.append(Edit(target, target, line.text + line.ending))
                    edits.sort(key=lambda e: e.start)
                    fix = ctx.fix("unsafe", "move the row to its place in the table's order", edits)
            where = f"before line {table.rows[before].line}" if before is not None else "to the end of the table"
            dated = next((c.text for c in record.entries[index].cells if c.role == "time"), None)
            what = f"dated {dated!r}, " if order.by == "date" and dated else ""
            yield ctx.report(
                row.span,
                f"this row is out of the table's order ({what}the table is {order.describe()}): move it {where}",
                fix=fix,
            )
