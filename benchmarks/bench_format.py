"""Median time of ``format_text`` on a real README and on 10x / 100x copies.

Run: ``/work/venv/bin/python benchmarks/bench_format.py [--repeat N] [--style S] [FILE]``
(``--style``: preserve, the default, or a canonical style: aligned, compact, auto).
The copies are the file concatenated with a blank line between copies, so
every table of every copy is formatted (and verified by re-parsing).
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from vrlint.config import Config
from vrlint.fixing import format_text
from vrlint.parsing.build import parse

DEFAULT = Path(__file__).resolve().parents[1] / "fixtures" / "corpus" / "LJungang__Awesome-Video-Reasoning-Landscape.md"


def read(path: Path) -> str:
    with path.open(encoding="utf-8", newline="") as handle:
        return handle.read()


def median_seconds(text: str, repeat: int, config: Config) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        format_text(text, config)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--repeat", type=int, default=5, help="runs per size (default 5; 100x runs 3)")
    parser.add_argument("--style", default="preserve", choices=("preserve", "aligned", "compact", "auto"))
    args = parser.parse_args()
    config = Config(format_style=args.style)
    base = read(args.file)
    if not base.endswith("\n"):
        base += "\n"
    print(f"{args.file.name}, style {args.style}")
    print(f"{'copies':>6}  {'lines':>8}  {'tables':>6}  {'KiB':>8}  {'median s':>9}  {'parse s':>8}  {'lines/s':>9}")
    for copies in (1, 10, 100):
        text = "\n".join([base] * copies)
        doc = parse(text)
        repeat = args.repeat if copies < 100 else min(args.repeat, 3)
        start = time.perf_counter()
        parse(text)
        parse_time = time.perf_counter() - start
        seconds = median_seconds(text, repeat, config)
        lines = len(doc.lines)
        print(
            f"{copies:>6}  {lines:>8}  {len(doc.tables):>6}  {len(text.encode()) / 1024:>8.0f}  "
            f"{seconds:>9.3f}  {parse_time:>8.3f}  {lines / seconds:>9.0f}"
        )


if __name__ == "__main__":
    main()
