"""Measure `vrlint add` on real rows (issue 16): delete a row, add its ID back, compare.

Usage: python benchmarks/measure_add.py CORPUS_DIR [--seed N] [--tables 10] [--rows 2] [--with-extras]

From the ``*.md`` files directly in CORPUS_DIR, picks (with the seed) one table from
each of ``--tables`` different files, among tables of papers with at least 5 rows that
carry an arXiv ID, and ``--rows`` of those rows from each. For each row: the row's line
is deleted, a local fake arXiv API (127.0.0.1) is fed the row's own title (its record's
title) and date (its date column, else the month of its arXiv ID), and
``vrlint add ID --table LINE`` runs against it. With ``--with-extras`` the fake API's
abstract also carries the row's GitHub link and its comment the row's venue, as real
abstracts and comments often do. Reported: rows back byte-identical, rows back at
their old line, rows whose new line has a vrlint finding (default rules) that the
deleted row did not have, and for the others the cells that differ.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import random
import sys
import tempfile
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))  # the fake web server

from fakeweb import FakeWeb

import vrlint
from vrlint.cli import main as cli_main
from vrlint.engine import lint
from vrlint.online.arxiv_api import CANARY_ID
from vrlint.records.dates import split_venue
from vrlint.records.extract import extract_tables
from vrlint.records.models import Entry, TableRecord
from vrlint.rows.add import paper_tables
from vrlint.rows.dateformat import read_date
from vrlint.rows.style import is_preprint, paper_title

#: columns whose cells a row's facts (title, ID, date, code, venue, links) can fill
FACT_ROLES = frozenset({"title", "paper", "time", "venue", "code", "link", "checkpoint"})


def row_date(entry: Entry) -> str:
    for cell in entry.cells:
        if cell.role == "time":
            found = read_date(cell.text)
            if found is not None:
                return f"{found.year:04d}-{found.month or 1:02d}-{found.day or 1:02d}"
    aid = (entry.id or "").removeprefix("arXiv:")
    return f"20{aid[:2]}-{aid[2:4]}-01"


def row_venue(entry: Entry) -> str | None:
    for cell in entry.cells:
        if cell.role == "venue":
            name, year = split_venue(cell.text)
            if name and not is_preprint(name):
                return f"Accepted to {name} {year}" if year else f"Accepted to {name}"
    return None


def findings_on(text: str, line: int) -> list[str]:
    return sorted(f"{d.code}" for d in lint(vrlint.parse(text), "README.md") if d.span.line == line)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument("--tables", type=int, default=10)
    parser.add_argument("--rows", type=int, default=2)
    parser.add_argument("--with-extras", action="store_true")
    parser.add_argument(
        "--fact-tables",
        action="store_true",
        help="only tables whose every column holds facts vrlint can know (no description, affiliation...)",
    )
    options = parser.parse_args()
    rng = random.Random(options.seed)
    files = sorted(options.corpus.glob("*.md"))
    rng.shuffle(files)
    picked: list[tuple[Path, str, TableRecord, list[Entry]]] = []
    for path in files:
        text = path.read_text(encoding="utf-8")
        tables = [
            record
            for _, record in paper_tables(vrlint.parse(text))
            if len(record.entries) >= 5
            and sum(bool(e.id and e.id.startswith("arXiv:") and e.title) for e in record.entries) >= options.rows
        ]
        if options.fact_tables:
            tables = [r for r in tables if set(r.roles) <= FACT_ROLES]
        if not tables:
            continue
        record = rng.choice(tables)
        rows = [e for e in record.entries if e.id and e.id.startswith("arXiv:") and e.title]
        picked.append((path, text, record, rng.sample(rows, options.rows)))
        if len(picked) == options.tables:
            break
    identical = same_line = new_findings = total = duplicates = refused = any_findings = 0
    codes: Counter[str] = Counter()
    with FakeWeb() as web, tempfile.TemporaryDirectory() as tmp:
        web.papers[CANARY_ID] = {"id": f"{CANARY_ID}v7", "title": "Attention Is All You Need"}
        for path, text, record, entries in picked:
            lines = text.splitlines(keepends=True)
            document = vrlint.parse(text)
            all_records = extract_tables(document)
            table = next(t for t in document.tables if t.start_line == record.line)
            for entry in entries:
                total += 1
                aid = (entry.id or "").removeprefix("arXiv:")
                title = paper_title(document, table, table.rows[record.entries.index(entry)], entry) or ""
                paper = {"id": f"{aid}v1", "title": title, "published": row_date(entry)}
                if options.with_extras:
                    if entry.code:
                        paper["summary"] = f"An abstract. Code: {entry.code[0].url}"
                    venue = row_venue(entry)
                    if venue:
                        paper["comment"] = venue
                web.papers[aid] = paper
                original = lines[entry.line - 1]
                without = "".join(lines[: entry.line - 1] + lines[entry.line :])
                target = Path(tmp) / "README.md"
                target.write_text(without, encoding="utf-8")
                elsewhere = sum(aid in e.arxiv_ids for r in all_records for e in r.entries) > 1
                duplicates += elsewhere
                err = io.StringIO()
                with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
                    code = cli_main(
                        [
                            "add",
                            aid,
                            "--to",
                            str(target),
                            "--table",
                            str(record.line),
                            "--arxiv-api-url",
                            web.url("/api/query"),
                            *(["--allow-duplicate"] if elsewhere else []),
                        ]
                    )
                after = target.read_text(encoding="utf-8")
                if code != 0:
                    refused += 1
                    print(f"FAILED {path.name}:{entry.line} exit {code}: {err.getvalue().strip()}")
                    continue
                new_lines = after.splitlines(keepends=True)
                added_at = (
                    next(
                        i
                        for i, (a, b) in enumerate(
                            zip(new_lines, [*lines[: entry.line - 1], *lines[entry.line :], ""], strict=False)
                        )
                        if a != b
                    )
                    + 1
                )
                added = new_lines[added_at - 1]
                same = added == original
                identical += same
                same_line += added_at == entry.line
                before_findings = findings_on(text, entry.line)
                after_findings = findings_on(after, added_at)
                extra = [c for c in after_findings if c not in before_findings]
                new_findings += bool(extra)
                any_findings += bool(after_findings)
                codes.update(after_findings)
                status = "IDENTICAL" if same else "DIFFERS"
                print(
                    f"{status} {path.name}:{entry.line} (table {record.line}) -> line {added_at}; new findings {extra}"
                )
                if not same:
                    print(f"   was: {original.rstrip()[:400]}")
                    print(f"   now: {added.rstrip()[:400]}")
    print(
        f"\n{identical} of {total} rows back byte-identical ({refused} refused); {same_line} at their old line; "
        f"{new_findings} with a finding the deleted row did not have (seed {options.seed}, "
        f"{'with' if options.with_extras else 'without'} code/venue in the fake abstract); "
        f"{'fact-only tables; ' if options.fact_tables else ''}{duplicates} listed elsewhere in the file too "
        "(added with --allow-duplicate)"
    )
    print(f"{any_findings} new rows with any finding at all: {dict(codes)}")


if __name__ == "__main__":
    main()
