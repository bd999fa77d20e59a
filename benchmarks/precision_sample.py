"""Draw the judged sample of default findings (run by hand; see docs/precision-sample.md).

    .venv/bin/python benchmarks/precision_sample.py [CORPUS_DIR] [--size 100] [--seed 20261203]

Lints every ``*.md`` directly under the corpus directory (default ``fixtures/corpus``,
the vendored copy of ``../shared/corpus``) with the default configuration and draws a
uniform random sample of ``--size`` findings (every finding when there are fewer) with
``random.Random(seed)``. A grouped
finding (one cause, many places) is one finding. Prints one tab-separated line per
finding: file, line, column, code, count, message, and the source line.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

from vrlint.config import Config
from vrlint.engine import lint
from vrlint.parsing import parse

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("corpus", nargs="?", type=Path, default=ROOT / "fixtures" / "corpus")
    parser.add_argument("--size", type=int, default=100)
    parser.add_argument("--seed", type=int, default=20261203)
    args = parser.parse_args()
    population = []
    for path in sorted(args.corpus.glob("*.md")):
        text = path.read_text(encoding="utf-8")
        lines = text.splitlines()
        for d in lint(parse(text), path.name, Config()):
            population.append((path.name, d, lines[d.line - 1]))
    size = min(args.size, len(population))
    sample = random.Random(args.seed).sample(population, size)
    print(f"# {size} of {len(population)} default findings, seed {args.seed}")
    for name, d, line in sorted(sample, key=lambda item: (item[0], item[1].line, item[1].column)):
        print(f"{name}\t{d.line}\t{d.column}\t{d.code}\t{d.count}\t{d.message}\t{line.strip()[:300]}")


if __name__ == "__main__":
    main()
