"""Speed and memory of whole vrlint commands as ratios against mistune, in one run.

    python benchmarks/bench_ratios.py [--repeat N]

Each command runs as its own process; CPU time (user + system) and peak RSS come
from ``wait4``. Commands are interleaved round by round so that a busy machine
slows them alike, and each row reports the median CPU time over the rounds and
its ratio against the reference measured in the same rounds:

* big: the 150 KB corpus README (``fixtures/corpus/LJungang__...``);
* huge: 35 copies of it (5.3 MB);
* corpus: the 28 corpus READMEs concatenated (2.1 MB of distinct content);
* the reference for a file is mistune's full parse and HTML render of it
  (``mistune.create_markdown(plugins=["table"])(text)``); for start-up it is
  ``python -c "import mistune"``.

The targets of the speed issue are printed beside each ratio.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from _common import CORPUS_FILE, ROOT

MISTUNE = (
    "import sys, mistune; md = mistune.create_markdown(plugins=['table']); "
    "md(open(sys.argv[1], encoding='utf-8').read())"
)


def run(command: list[str]) -> tuple[float, float]:
    """(CPU seconds, peak RSS in MiB) of one run of ``command``."""
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, _, usage = os.wait4(process.pid, 0)
    process.returncode = 0
    return usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    python = sys.executable
    vrlint = [python, "-m", "vrlint"]
    with tempfile.TemporaryDirectory() as tmp:
        big = CORPUS_FILE
        huge = Path(tmp) / "huge.md"
        huge.write_text("\n".join([big.read_text(encoding="utf-8")] * 35), encoding="utf-8")
        corpus = Path(tmp) / "corpus.md"
        readmes = sorted((ROOT / "fixtures" / "corpus").glob("*.md"))
        corpus.write_text("\n".join(p.read_text(encoding="utf-8") for p in readmes), encoding="utf-8")
        one_line = Path(tmp) / "one.md"
        one_line.write_text("# Title\n", encoding="utf-8")
        commands = {
            "mistune big": [python, "-c", MISTUNE, str(big)],
            "mistune huge": [python, "-c", MISTUNE, str(huge)],
            "mistune corpus": [python, "-c", MISTUNE, str(corpus)],
            "import mistune": [python, "-c", "import mistune"],
            "check big": [*vrlint, "check", str(big)],
            "check huge": [*vrlint, "check", str(huge)],
            "check corpus": [*vrlint, "check", str(corpus)],
            "check --select VR805 big": [*vrlint, "check", "--select", "VR805", str(big)],
            "--fix --diff big": [*vrlint, "--fix", "--diff", str(big)],
            "check one-line file": [*vrlint, "check", str(one_line)],
        }
        cpu: dict[str, list[float]] = {name: [] for name in commands}
        peak: dict[str, float] = {name: 0.0 for name in commands}
        for _ in range(args.repeat):
            for name, command in commands.items():
                seconds, rss = run(command)
                cpu[name].append(seconds)
                peak[name] = max(peak[name], rss)
    median = {name: statistics.median(times) for name, times in cpu.items()}
    rows = [
        ("check big", "mistune big", 1.0),
        ("check huge", "mistune huge", 1.0),
        ("check corpus", "mistune corpus", 1.0),
        ("--fix --diff big", "check big", 1.5),
        ("check --select VR805 big", "check big", 0.35),
        ("check one-line file", "import mistune", 2.0),
    ]
    print(f"{'command':<26} {'CPU ms':>8} {'peak MiB':>9}   ratio against            target")
    for name, reference, target in rows:
        ratio = median[name] / median[reference]
        print(
            f"{name:<26} {median[name] * 1e3:>8.0f} {peak[name]:>9.0f}   "
            f"{ratio:>5.2f}x {reference:<18} <= {target}x"
        )
    for name in ("mistune big", "mistune huge", "mistune corpus", "import mistune"):
        print(f"{name:<26} {median[name] * 1e3:>8.0f} {peak[name]:>9.0f}")
    print(f"peak RSS of check huge: {peak['check huge']:.0f} MiB (target <= 150)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
