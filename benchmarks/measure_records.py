"""Measure how well the records read the corpus tables (issue 11).

Usage: python benchmarks/measure_records.py CORPUS_DIR

Shares over every entry of every ``*.md`` file directly in CORPUS_DIR:
- entries whose title is not empty and not a date / year / number,
- entries with a year,
- entries with a venue, among tables that have a venue column.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import vrlint

_NOT_A_TITLE = re.compile(r"^\s*(?:[#\d\W_]*|\d{2,4}[-./]\d{1,2}(?:[-./]\d{1,4})?|[A-Za-z]{3,9}\.? \d{4}|\d{4})\s*$")


def main(root: str) -> None:
    entries = good_title = with_year = venue_rows = with_venue = dated_rows = dated_with_year = 0
    bad_examples: list[str] = []
    for path in sorted(Path(root).glob("*.md")):
        for table in vrlint.tables(vrlint.parse(path.read_text(encoding="utf-8"))):
            has_venue = "venue" in table.roles
            for entry in table.entries:
                if not any(c.text.strip() for c in entry.cells):
                    continue
                entries += 1
                title = entry.title or ""
                if title and not _NOT_A_TITLE.match(title):
                    good_title += 1
                elif len(bad_examples) < 15:
                    bad_examples.append(f"{path.name}:{entry.line}: {title!r}")
                with_year += entry.year is not None
                if "time" in table.roles or has_venue:
                    dated_rows += 1
                    dated_with_year += entry.year is not None
                if has_venue:
                    venue_rows += 1
                    with_venue += bool(entry.venue)
    print(f"entries {entries}")
    print(f"title ok {good_title} ({good_title / entries:.1%})")
    print(f"year {with_year} ({with_year / entries:.1%})")
    print(
        f"year {dated_with_year} of {dated_rows} rows in tables with a date or venue column "
        f"({dated_with_year / max(dated_rows, 1):.1%})"
    )
    share = with_venue / max(venue_rows, 1)
    print(f"venue {with_venue} of {venue_rows} rows in tables with a venue column ({share:.1%})")
    for example in bad_examples:
        print("  bad title:", example)


if __name__ == "__main__":
    main(sys.argv[1])
