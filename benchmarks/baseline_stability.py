"""How stable are baseline fingerprints across a README's real history?

For each pair of consecutive versions (default: the 127 versions under
../shared/corpus/history), the findings of the newer version are compared
with those of the older one three ways: by fingerprint (what --new-since and
the baseline do), by (code, line) and by (code, line, message). A finding on
a line the commit did not touch (difflib) that is still "new" is counted
separately: those are the ones to audit by hand.

    python benchmarks/baseline_stability.py [HISTORY_DIR] [--show N]
    python benchmarks/baseline_stability.py --format [CORPUS_DIR]

``--format`` instead re-aligns each corpus README (``vrlint format``) and
counts the findings of the formatted file that are "new" by fingerprint.
"""

from __future__ import annotations

import difflib
import sys
from collections import Counter
from pathlib import Path

import vrlint
from vrlint.baseline import subtract
from vrlint.engine import lint
from vrlint.fingerprint import Known


def changed_lines(old: str, new: str) -> set[int]:
    changed: set[int] = set()
    matcher = difflib.SequenceMatcher(a=old.splitlines(), b=new.splitlines(), autojunk=False)
    for tag, _i1, _i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            changed.update(range(j1 + 1, j2 + 1))
    return changed


def after_format(root: Path) -> None:
    from vrlint.config import Config
    from vrlint.fixing import format_text

    totals: Counter[str] = Counter()
    for path in sorted(root.glob("*.md")):
        text = path.read_text(encoding="utf-8")
        formatted = format_text(text, Config())
        old_document, new_document = vrlint.parse(text), vrlint.parse(formatted)
        found = lint(new_document, "README.md")
        new, _ = subtract(found, new_document, Known.of(lint(old_document, "README.md"), old_document))
        totals["files"] += 1
        totals["findings_after_format"] += len(found)
        totals["new_fingerprint"] += len(new)
        for d in new:
            print(f"   {path.name}:{d.line}: {d.code} {d.message[:100]}")
    for key, value in totals.items():
        print(f"{key:38} {value}")


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    if "--format" in sys.argv:
        after_format(Path(args[0]) if args else Path(__file__).resolve().parents[2] / "shared" / "corpus")
        return
    show = int(sys.argv[sys.argv.index("--show") + 1]) if "--show" in sys.argv else 0
    root = Path(args[0]) if args else Path(__file__).resolve().parents[2] / "shared" / "corpus" / "history"
    files = sorted(root.rglob("*.md"))
    totals: Counter[str] = Counter()
    samples: list[str] = []
    previous = None
    for path in files:
        text = path.read_text(encoding="utf-8")
        document = vrlint.parse(text)
        found = lint(document, "README.md")
        if previous is not None:
            old_text, old_document, old_found = previous
            totals["pairs"] += 1
            totals["findings"] += len(found)
            new, _ = subtract(found, document, Known.of(old_found, old_document))
            totals["new_fingerprint"] += len(new)
            by_line = Counter((d.code, d.line) for d in old_found)
            by_message = Counter((d.code, d.line, d.message) for d in old_found)
            totals["new_code_line"] += sum(1 for d in found if not by_line[(d.code, d.line)])
            totals["new_code_line_message"] += sum(1 for d in found if not by_message[(d.code, d.line, d.message)])
            touched = changed_lines(old_text, text)
            untouched = [d for d in new if d.line not in touched]
            totals["new_fingerprint_on_untouched_lines"] += len(untouched)
            for d in untouched:
                if len(samples) < show:
                    samples.append(f"{path.name}:{d.line}: {d.code} {d.message[:110]}")
        previous = (text, document, found)
    for key, value in totals.items():
        print(f"{key:38} {value}")
    for sample in samples:
        print("  ", sample)


if __name__ == "__main__":
    main()
