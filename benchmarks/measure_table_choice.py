"""Could `vrlint add` pick the table for a paper from its title? (run by hand)

    .venv/bin/python benchmarks/measure_table_choice.py

Issue 16 asks `vrlint add` without ``--section``/``--table`` to pick the table
whose section and neighbours fit best, and to refuse when that is ambiguous.
This measures the best title-only choice we could think of on the corpus
before building it: every titled row of every corpus README with two or more
paper tables is taken out (leave one out) and the tables are ranked for its
title by a multinomial naive Bayes over the words of the other rows' titles and
of the table's own heading. A choice is only made when the best table's
log-likelihood beats the second's by a margin; the script prints how often the
right table comes first, and for each margin how many rows would be placed and
how many of those correctly.

On the 28 corpus READMEs (6,568 rows in multi-table files) the right table
comes first for 41% of the rows (66% in the first three), and even at a margin
that places only one row in six, 28% of the placements are wrong. A wrong table
is worse than a question, so `vrlint add` asks for ``--section``/``--table``
when a file has several paper tables, and lists them.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence

from _common import ROOT

import vrlint
from vrlint.document import Table
from vrlint.records.models import Entry, TableRecord
from vrlint.rows.add import paper_tables

_WORD = re.compile(r"[^\W_]{2,}")
_STOP = frozenset(
    "a an the of for and in on with to via from by is are as at or its it be we our towards toward "
    "using based through into beyond over under than not do does can all one".split()
)


def words(text: str) -> set[str]:
    found = (m.group().casefold() for m in _WORD.finditer(text))
    return {w for w in found if w not in _STOP and not w.isdigit()}


def scores(
    tables: Sequence[tuple[Table, TableRecord]], title: str, left_out: Entry, heading_weight: int = 3
) -> list[float]:
    """Log-likelihood of ``title`` under each table (add-one-half smoothing, size prior)."""
    bags: list[Counter[str]] = []
    for _, record in tables:
        bag: Counter[str] = Counter()
        for entry in record.entries:
            if entry is not left_out and entry.title:
                bag.update(words(entry.title))
        for word in words(record.heading_path[-1]) if record.heading_path else ():
            bag[word] += heading_weight
        bags.append(bag)
    asked = words(title)
    vocabulary = len(set().union(*bags) | asked) + 1
    total = sum(len(record.entries) for _, record in tables)
    out = []
    for (_, record), bag in zip(tables, bags, strict=True):
        size = sum(bag.values())
        likelihood = sum(math.log((bag[w] + 0.5) / (size + 0.5 * vocabulary)) for w in asked)
        out.append(likelihood + math.log(max(len(record.entries), 1) / total))
    return out


def main() -> None:
    results: list[tuple[bool, bool, float]] = []  # (first right, in top 3, margin)
    for path in sorted((ROOT / "fixtures" / "corpus").glob("*.md")):
        tables = paper_tables(vrlint.parse(path.read_text(encoding="utf-8")))
        if len(tables) < 2:
            continue
        for own, (_, record) in enumerate(tables):
            for entry in record.entries:
                if not entry.title:
                    continue
                ranked = scores(tables, entry.title, entry)
                order = sorted(range(len(ranked)), key=lambda k: -ranked[k])
                margin = ranked[order[0]] - ranked[order[1]]
                results.append((order[0] == own, own in order[:3], margin))
    count = len(results)
    print(f"{count} rows in files with two or more paper tables")
    print(
        f"right table first: {sum(r[0] for r in results) / count:.1%}; in the first three: "
        f"{sum(r[1] for r in results) / count:.1%}"
    )
    for margin in (1.0, 2.0, 3.0, 4.0):
        placed = [r for r in results if r[2] >= margin]
        if placed:
            right = sum(r[0] for r in placed) / len(placed)
            print(f"margin {margin}: places {len(placed) / count:.1%} of the rows, {right:.1%} of them right")


if __name__ == "__main__":
    main()
