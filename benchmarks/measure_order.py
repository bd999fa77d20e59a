"""Measure table order detection over the corpus (issue 16).

Usage: python benchmarks/measure_order.py CORPUS_DIR [--seed N] [--sample 20]

For every table of every ``*.md`` file directly in CORPUS_DIR: its detected order
(by date or title, direction) or none, and the rows VR110 would report. Prints the
totals and a seeded random sample of reported rows with the keys of their neighbours,
for judging by hand.
"""

from __future__ import annotations

import argparse
import random
from collections import Counter
from pathlib import Path

import vrlint
from vrlint.records.extract import extract_tables
from vrlint.rows.order import detect_order, keys, out_of_order


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument("--sample", type=int, default=20)
    options = parser.parse_args()
    tables = ordered = rows = rows_in_ordered = 0
    kinds: Counter[str] = Counter()
    reported: list[str] = []
    flagged_tables = 0
    for path in sorted(options.corpus.glob("*.md")):
        document = vrlint.parse(path.read_text(encoding="utf-8"))
        for record in extract_tables(document):
            if not record.entries:
                continue
            tables += 1
            rows += len(record.entries)
            order = detect_order(record)
            if order is None:
                continue
            ordered += 1
            rows_in_ordered += len(record.entries)
            kinds[f"{order.by} {order.direction}"] += 1
            values = keys(record, order.by)
            misplaced = out_of_order(record, order)
            flagged_tables += bool(misplaced)
            for index in misplaced:
                around = [values[i] for i in range(max(0, index - 2), min(len(values), index + 3))]
                reported.append(
                    f"{path.name}:{record.entries[index].line} ({order.by} {order.direction}, "
                    f"table {record.line}): {values[index]!r} among {around!r}"
                )
    print(f"{ordered} of {tables} tables with rows have an order ({dict(kinds)}); {rows_in_ordered} of {rows} rows")
    print(f"{len(reported)} rows out of order, in {flagged_tables} tables")
    for line in random.Random(options.seed).sample(reported, min(options.sample, len(reported))):
        print("  " + line)


if __name__ == "__main__":
    main()
