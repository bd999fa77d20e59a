"""Parse + records, in process: median on the 150 KB corpus README and on
10x / 100x concatenations (cost must grow linearly).

    python benchmarks/bench_parse.py [--repeat N]
"""

from __future__ import annotations

import argparse
import sys

from _common import corpus_text, median_seconds

import vrlint


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=21)
    args = parser.parse_args()
    print(f"{'input':>10} {'size':>10} {'parse ms':>10} {'+records ms':>12} {'ms per 150KB':>13}")
    base = None
    for copies in (1, 10, 100):
        text = corpus_text(copies)
        repeat = max(3, args.repeat // copies) if copies > 1 else args.repeat
        parse_s = median_seconds(lambda t=text: vrlint.parse(t), repeat)
        both_s = median_seconds(lambda t=text: vrlint.tables(vrlint.parse(t)), repeat)
        base = base or both_s
        print(
            f"{copies:>9}x {len(text.encode()) / 1e6:>8.2f}MB {parse_s * 1e3:>10.1f} {both_s * 1e3:>12.1f}"
            f" {both_s * 1e3 / copies:>13.1f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
