"""Count the findings of a rule selection over a directory of READMEs.

Usage: python benchmarks/measure_rules.py SELECT DIR [DIR...]
(each DIR is searched recursively for ``*.md``). Prints per-code counts,
then every finding as ``path:line:col CODE message`` on stderr-free stdout.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import vrlint
from vrlint.config import Config
from vrlint.rules.base import all_rules, run_rules


def main(select: str, roots: list[str]) -> None:
    prefixes = select.split(",")
    rules = [r for r in all_rules() if any(r.code.startswith(p) for p in prefixes)]
    counts: Counter[str] = Counter()
    lines = []
    for root in roots:
        for path in sorted(Path(root).rglob("*.md")):
            document = vrlint.parse(path.read_text(encoding="utf-8"))
            for d in run_rules(document, rules, str(path), Config()):
                counts[d.code] += 1
                lines.append(f"{path}:{d.span.line}:{d.span.column} {d.code} {d.message}")
    for code in sorted(counts):
        print(f"{code} {counts[code]}")
    print("total", sum(counts.values()))
    for line in lines:
        print(line)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
