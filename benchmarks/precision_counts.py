"""Per-code counts of default findings over the corpus READMEs (run by hand).

    .venv/bin/python benchmarks/precision_counts.py [CORPUS_DIR] [--per-file] [--json OUT]

Lints every ``*.md`` directly under the corpus directory (default ``fixtures/corpus``,
the vendored copy of ``../shared/corpus``) with the default configuration, as
``vrlint FILE`` would,
and prints the count of findings per code (and, with ``--per-file``, the
largest count one code reaches in one file).
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from vrlint.config import Config
from vrlint.engine import lint
from vrlint.parsing import parse

ROOT = Path(__file__).resolve().parents[1]


def findings(corpus: Path) -> list[dict[str, object]]:
    out: list[dict[str, object]] = []
    for path in sorted(corpus.glob("*.md")):
        text = path.read_text(encoding="utf-8")
        for d in lint(parse(text), path.name, Config()):
            related = getattr(d, "related", ())
            out.append(
                {
                    "file": path.name,
                    "line": d.line,
                    "column": d.column,
                    "code": d.code,
                    "severity": d.severity,
                    "message": d.message,
                    "count": 1 + len(related),
                }
            )
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("corpus", nargs="?", type=Path, default=ROOT / "fixtures" / "corpus")
    parser.add_argument("--per-file", action="store_true")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    found = findings(args.corpus)
    by_code = Counter(str(f["code"]) for f in found)
    locations = Counter()
    for f in found:
        locations[str(f["code"])] += int(f["count"])  # type: ignore[call-overload]
    print(f"{len(found)} findings ({sum(locations.values())} locations) in {args.corpus}")
    for code, n in sorted(by_code.items()):
        print(f"{code}\t{n}\t{locations[code]}")
    if args.per_file:
        per = Counter((str(f["file"]), str(f["code"])) for f in found)
        print("\nlargest per file and code:")
        for (file, code), n in per.most_common(15):
            print(f"{n}\t{code}\t{file}")
    if args.json:
        args.json.write_text(json.dumps(found, indent=1, ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    main()
