"""``vrlint add`` and ``vrlint sort``: read the file, change it, write it atomically.

Exit codes: 0 done, 1 refused (the paper is listed already; with ``--diff``,
``sort`` found rows to move), 2 usage, input, network or write problem.
The file is written with :func:`vrlint.io.write_if_changed` (the ``--fix``
write: temporary file, fsync, rename; refused if the file changed meanwhile).
"""

from __future__ import annotations

import argparse
import difflib
import sys
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from vrlint.io import DEFAULT_MAX_BYTES, InputError, read_source, write_if_changed
from vrlint.records.arxiv import parse_arxiv_id, parse_arxiv_url
from vrlint.rows.add import AddError, add_row, paper_from
from vrlint.rows.style import Paper

if TYPE_CHECKING:
    from vrlint.online.arxiv_api import ArxivRecord


def unified_diff(path: Path, before: str, after: str) -> str:
    name = path.as_posix().lstrip("/")
    return "".join(
        line if line.endswith(("\n", "\r")) else line + "\n\\ No newline at end of file\n"
        for line in difflib.unified_diff(
            before.splitlines(keepends=True), after.splitlines(keepends=True), f"a/{name}", f"b/{name}"
        )
    )


def _arxiv_id(text: str) -> str:
    parsed_url = parse_arxiv_url(text.strip())
    if parsed_url is not None:
        return parsed_url.id.id
    parsed = parse_arxiv_id(text.strip().removeprefix("arXiv:").removeprefix("arxiv:"))
    if parsed is None:
        raise AddError(f"{text!r} is not an arXiv ID or URL")
    return parsed.id


def _lookup(ids: list[str], api_url: str | None, timeout: float | None) -> dict[str, ArxivRecord]:
    from vrlint.online.arxiv_api import ArxivClient
    from vrlint.online.cache import Cache
    from vrlint.online.options import OnlineOptions

    settings: dict[str, object] = {"links": False, "use_cache": False, "arxiv_interval": 0.0}
    if api_url:
        settings["arxiv_api_url"] = api_url
    if timeout is not None:
        settings["timeout"] = timeout
    options = OnlineOptions(**settings)  # type: ignore[arg-type]
    client = ArxivClient(options, Cache(None, "arxiv", 1.0))
    found = client.lookup(ids)
    missing = [i for i in ids if i not in found]
    if missing:
        raise AddError(f"could not look up {', '.join(missing)}: {client.problem or 'no answer'} (give --title)")
    return found


def run_add(args: argparse.Namespace, out: TextIO, max_bytes: int = DEFAULT_MAX_BYTES) -> int:
    path: Path = args.to
    try:
        ids = [_arxiv_id(i) for i in args.ids]
        if not ids and not args.title:
            raise AddError("give an arXiv ID, or --title for a paper without one")
        if len(ids) > 1 and (args.title or args.date or args.code or args.venue):
            raise AddError("--title, --date, --code and --venue describe one paper: give one ID with them")
        source = read_source(path, max_bytes)
        records: dict[str, ArxivRecord] = {}
        if ids and not (args.title and args.date):
            records = _lookup(ids, args.arxiv_api_url, args.timeout)
        text = source.text
        wanted: list[str | None] = list(ids) or [None]
        for aid in wanted:
            paper = _paper(args, aid, records.get(aid) if aid else None)
            added = add_row(
                text,
                paper,
                section=args.section,
                table_line=args.table,
                allow_duplicate=args.allow_duplicate,
            )
            text = added.text
            where = " > ".join(added.table.heading_path) or f"the table at line {added.table.line}"
            placed = f"in its order, {added.order.describe()}" if added.order else "at the end (the table has no order)"
            what = paper.arxiv_id or repr(paper.title)
            print(f"vrlint: {path}:{added.line}: added {what} to {where}, {placed}", file=sys.stderr)
        if args.diff:
            out.write(unified_diff(path, source.text, text))
        else:
            write_if_changed(source, text)
    except AddError as error:
        print(f"vrlint: {path}: {error}", file=sys.stderr)
        return error.exit_code
    except InputError as error:
        print(f"vrlint: {error}", file=sys.stderr)
        return 2
    return 0


def _paper(args: argparse.Namespace, aid: str | None, record: ArxivRecord | None) -> Paper:
    title = args.title
    date = args.date
    code = args.code
    venue = args.venue
    if record is not None:
        if not record.found:
            raise AddError(f"arXiv has no paper {aid}")
        title = title or record.title
        date = date or record.published
        code = code or record.code
        venue = venue or _venue_in(record.comment)
    return paper_from(title, aid, date, code, venue)


def _venue_in(comment: str | None) -> str | None:
    """``CVPR 2025`` from an arXiv comment such as ``Accepted to CVPR 2025 (Highlight)``."""
    if not comment:
        return None
    from vrlint.records.extract import _VENUES

    found = _VENUES.search(comment)
    if found is None:
        return None
    from vrlint.records.dates import venue_year

    year = venue_year(comment[found.end() : found.end() + 12])
    return f"{found.group(0)} {year}" if year else found.group(0)


def run_sort(args: argparse.Namespace, out: TextIO, max_bytes: int = DEFAULT_MAX_BYTES) -> int:
    from vrlint.rows.sort import SortError, sort_tables

    path: Path = args.path
    try:
        source = read_source(path, max_bytes)
        result = sort_tables(source.text, table_line=args.table, by=args.by, direction=args.direction)
        for message in result.messages:
            print(f"vrlint: {path}:{message}", file=sys.stderr)
        if result.text == source.text:
            return 0
        if args.diff:
            out.write(unified_diff(path, source.text, result.text))
            return 1
        write_if_changed(source, result.text)
    except SortError as error:
        print(f"vrlint: {path}: {error}", file=sys.stderr)
        return 2
    except InputError as error:
        print(f"vrlint: {error}", file=sys.stderr)
        return 2
    return 0
