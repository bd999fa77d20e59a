"""Whole-process wall time of the command line (what a pre-commit hook pays).

    python benchmarks/bench_cli.py [--repeat N]

Reports the median of N runs of: `vrlint --version`, `vrlint check` on the
150 KB corpus README, `vrlint --fix --diff` on it (writes nothing), and the
fix at 10x and 100x size.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import corpus_text


def wall(command: list[str], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(command, capture_output=True, check=False)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=11)
    args = parser.parse_args()
    vrlint = [sys.executable, "-m", "vrlint"]
    with tempfile.TemporaryDirectory() as tmp:
        files = {}
        for copies in (1, 10, 100):
            path = Path(tmp) / f"README-{copies}x.md"
            path.write_text(corpus_text(copies), encoding="utf-8")
            files[copies] = str(path)
        rows = [
            ("vrlint --version", [*vrlint, "--version"], args.repeat),
            ("python -c pass (floor)", [sys.executable, "-c", "pass"], args.repeat),
            ("check 150KB", [*vrlint, "check", files[1]], args.repeat),
            ("check 1.5MB", [*vrlint, "check", files[10]], max(3, args.repeat // 3)),
            ("check 15MB", [*vrlint, "check", files[100]], 3),
            ("--fix --diff 150KB", [*vrlint, "--fix", "--diff", files[1]], args.repeat),
            ("--fix --diff 1.5MB", [*vrlint, "--fix", "--diff", files[10]], max(3, args.repeat // 3)),
            ("--fix --diff 15MB", [*vrlint, "--fix", "--diff", files[100]], 3),
            ("format --check 150KB", [*vrlint, "format", "--check", files[1]], args.repeat),
        ]
        print(f"{'command':<24} {'median ms':>10}")
        for label, command, repeat in rows:
            print(f"{label:<24} {wall(command, repeat) * 1e3:>10.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
