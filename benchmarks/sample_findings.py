"""Draw the judged sample of docs/recall-sample.md.

Usage: python benchmarks/sample_findings.py TOP.txt HISTORY.txt [N] [SEED]
where the two files are outputs of ``measure_rules.py VR9 DIR``. The pool is
every finding of TOP plus the findings of HISTORY de-duplicated by code and
message (a defect that persists through many versions counts once).
"""

from __future__ import annotations

import random
import sys


def main(top: str, history: str, size: int = 50, seed: int = 11) -> None:
    pool = [line.rstrip("\n") for line in open(top, encoding="utf-8") if line.startswith("/") and " VR9" in line]
    seen: set[str] = set()
    for line in open(history, encoding="utf-8"):
        if line.startswith("/") and " VR9" in line:
            rest = line.split(" ", 1)[1]
            if rest not in seen:
                seen.add(rest)
                pool.append(line.rstrip("\n"))
    print(len(pool))
    random.seed(seed)
    for number, finding in enumerate(sorted(random.sample(pool, size)), 1):
        print(number, finding)


if __name__ == "__main__":
    args = sys.argv[1:]
    main(args[0], args[1], *(int(a) for a in args[2:]))
