"""What ``vrlint --fix`` and ``vrlint format`` change on real READMEs (issue 12).

Run: ``.venv/bin/python benchmarks/measure_fix_layout.py [--tree DIR] [FILES...]``
(default: the 28 READMEs of ``../shared/corpus`` and the seed fixture).

``--tree`` is a source tree holding the ``vrlint`` package to measure (for
instance ``git archive main vrlint | tar -x -C /tmp/base``); the CLI runs
from it as ``python -m vrlint`` on copies of the files, so the files are
never written. Tables and their layout are read with this checkout's
parser. For every file it reports:

* changed lines: lines of the ``--fix`` diff (a replaced run of lines
  counts its longer side, an inserted line counts once);
* justified lines (and, of those, the lines on a finding): changed lines
  that carry a finding of the default
  ``check`` run (its line span or the span of its fix's edits), or belong
  to a table in which a line carrying a finding changed (re-alignment);
* whether a file without any finding got a diff;
* the lines ``vrlint format`` changes, in all tables and in the tables
  that are consistently aligned (every line on one pipe layout) or
  consistently compact (no cell padded with more than one space).
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from vrlint.document import Document, Table  # noqa: E402
from vrlint.fixing.layout import table_layout  # noqa: E402
from vrlint.parsing.build import parse  # noqa: E402

SHARED = ROOT.parent / "shared"


def default_files() -> list[Path]:
    return [*sorted((SHARED / "corpus").glob("*.md")), SHARED / "fixtures" / "seed-README.md"]


def read(path: Path) -> str:
    with path.open(encoding="utf-8", newline="") as handle:
        return handle.read()


def run(tree: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(tree), PYTHONDONTWRITEBYTECODE="1", NO_COLOR="1")
    return subprocess.run(
        [sys.executable, "-m", "vrlint", *args], env=env, capture_output=True, text=True, check=False, cwd=tree
    )


def finding_lines(tree: Path, path: Path) -> tuple[int, set[int]]:
    result = run(tree, "check", "--output-format", "json", "--exit-zero", str(path))
    findings = json.loads(result.stdout or "[]")
    lines: set[int] = set()
    for item in findings:
        lines.update(range(item["line"], item["end_line"] + 1))
        for edit in (item.get("fix") or {}).get("edits", []):
            if "line" in edit:
                lines.update(range(edit["line"], edit["end_line"] + 1))
    return len(findings), lines


def changed_runs(before: str, after: str) -> list[tuple[int, int, int]]:
    """(first original line, last original line, changed count) per run;
    an insertion has last = first - 1."""
    a, b = before.splitlines(), after.splitlines()
    runs = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            runs.append((i1 + 1, i2, max(i2 - i1, j2 - j1)))
    return runs


def table_of(document: Document) -> dict[int, Table]:
    return {n: t for t in document.tables for n in range(t.start_line, t.end_line + 1)}


def consistent(document: Document, table: Table) -> str | None:
    layout = table_layout(document, table)
    lines = len(table.rows) + 2
    if layout.aligned and len(layout.aligned_lines) == lines:
        return "aligned"
    for row in table.all_rows:
        for cell in row.cells:
            if cell.raw.startswith("  ") or cell.raw.endswith("  "):
                return None
    return "compact"


@dataclass
class FileResult:
    name: str
    findings: int
    changed: int
    justified: int
    on_findings: int
    format_changed: int
    format_consistent_changed: int
    consistent_tables: int


def measure(tree: Path, path: Path, work: Path) -> FileResult:
    text = read(path)
    document = parse(text)
    count, lines = finding_lines(tree, path)
    copy = work / path.name
    shutil.copyfile(path, copy)
    run(tree, "check", "--fix", "--exit-zero", str(copy))
    fixed = read(copy)
    tables = table_of(document)
    runs = changed_runs(text, fixed)
    touched_tables = {
        id(tables[n]) for first, last, _ in runs for n in range(first, last + 1) if n in tables and n in lines
    }
    changed = justified = on_findings = 0
    for first, last, size in runs:
        changed += size
        span = range(first, last + 1) if last >= first else range(max(first - 1, 1), first + 1)
        ok = all(n in lines or (n in tables and id(tables[n]) in touched_tables) for n in span)
        if last < first:
            ok = any(n in lines for n in span)
        justified += size if ok else 0
        on_findings += size if (all(n in lines for n in span) if last >= first else ok) else 0
    shutil.copyfile(path, copy)
    run(tree, "format", str(copy))
    formatted = read(copy)
    kinds = {id(t): consistent(document, t) for t in document.tables}
    format_changed = consistent_changed = 0
    for first, last, size in changed_runs(text, formatted):
        format_changed += size
        if any(n in tables and kinds[id(tables[n])] for n in range(first, max(last, first) + 1)):
            consistent_changed += size
    return FileResult(
        path.name,
        count,
        changed,
        justified,
        on_findings,
        format_changed,
        consistent_changed,
        sum(1 for k in kinds.values() if k),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tree", type=Path, default=ROOT, help="source tree holding the vrlint to measure")
    parser.add_argument("files", nargs="*", type=Path)
    args = parser.parse_args()
    files = [path.resolve() for path in args.files] or default_files()
    args.tree = args.tree.resolve()
    results = []
    with tempfile.TemporaryDirectory() as work:
        for path in files:
            result = measure(args.tree, path, Path(work))
            results.append(result)
            print(
                f"{result.name[:48]:<48} findings {result.findings:>5}  fix changed {result.changed:>5}  "
                f"justified {result.justified:>5}  format {result.format_changed:>5} "
                f"(consistent tables {result.format_consistent_changed})",
                flush=True,
            )
    changed = sum(r.changed for r in results)
    justified = sum(r.justified for r in results)
    clean_with_diff = [r.name for r in results if r.findings == 0 and r.changed]
    print()
    print(f"files: {len(results)}; tree: {args.tree}")
    print(f"--fix changed lines: {changed}; justified: {justified} ({100 * justified / max(changed, 1):.1f}%)")
    on_findings = sum(r.on_findings for r in results)
    print(f"  of which on a line with a finding: {on_findings}; re-aligned table lines: {justified - on_findings}")
    clean = sum(1 for r in results if r.findings == 0)
    print(f"files without findings: {clean}; with a --fix diff: {len(clean_with_diff)}")
    print(
        f"format changed lines: {sum(r.format_changed for r in results)}; on consistently aligned or compact "
        f"tables ({sum(r.consistent_tables for r in results)}): {sum(r.format_consistent_changed for r in results)}"
    )


if __name__ == "__main__":
    main()
