"""Coverage-guided fuzzing of vrlint with atheris (not part of CI).

Every input is decoded as UTF-8 (inputs that are not valid UTF-8 are
skipped and counted: the CLI rejects them before parsing) and checked by
:func:`invariants.check`: lossless parse, no exception in ``lint``,
idempotent ``format_text``, and formatting that keeps cmark-gfm's HTML. A
``FormatError`` (the formatter refusing to write) is counted, not a crash.

By default any failure raises, so libFuzzer stops and writes the input to
``-artifact_prefix``. With ``VRLINT_FUZZ_KEEP_GOING=1`` a failure is
written to ``$VRLINT_FUZZ_FINDINGS`` (one file per distinct failure
signature) and fuzzing continues; ``fuzz/run.sh`` uses that mode. Stats go
to ``$VRLINT_FUZZ_STATS`` (one JSON file per process) every 500 inputs.

Run: see ``fuzz/README.md``.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import time
import traceback
from pathlib import Path

import atheris

# Third-party modules first, outside the instrumentation block: coverage
# feedback should come from vrlint, not from pydantic or cmark internals.
import cmarkgfm  # noqa: F401
import pydantic  # noqa: F401

sys.path.insert(0, str(Path(__file__).resolve().parent))

with atheris.instrument_imports(include=["vrlint"]):
    import vrlint  # noqa: F401
    from vrlint.rules.base import all_rules

    all_rules()  # import every rule module inside the block: instrumented too

from invariants import check

KEEP_GOING = os.environ.get("VRLINT_FUZZ_KEEP_GOING") == "1"
FINDINGS = Path(os.environ.get("VRLINT_FUZZ_FINDINGS", "/tmp/fuzz-artifacts/findings"))
STATS = Path(os.environ.get("VRLINT_FUZZ_STATS", "/tmp/fuzz-artifacts/stats.json"))
STATS_EVERY = 500

stats: dict[str, int] = {
    "executions": 0,
    "not_utf8": 0,
    "format_error": 0,
    "format_changed": 0,
    "failures": 0,
}
seen: set[str] = set()
started = time.time()


def run_checks(text: str) -> None:
    outcome = check(text)
    if outcome == "format_error":
        stats["format_error"] += 1
    elif outcome == "formatted":
        stats["format_changed"] += 1


def signature(error: BaseException) -> str:
    """What makes two failures the same bug: the message of a broken
    promise, else the exception type and the innermost vrlint frame."""
    frames = traceback.extract_tb(error.__traceback__)
    where = next((f for f in reversed(frames) if "vrlint" in f.filename), frames[-1] if frames else None)
    location = f"{Path(where.filename).name}:{where.lineno}" if where else "?"
    if type(error).__name__ == "FuzzFailure":
        return f"FuzzFailure: {str(error).splitlines()[0]}"
    return f"{type(error).__name__} at {location}"


def record(data: bytes, error: BaseException) -> None:
    stats["failures"] += 1
    name_of_bug = signature(error)
    if name_of_bug in seen:
        return
    seen.add(name_of_bug)
    FINDINGS.mkdir(parents=True, exist_ok=True)
    name = f"finding-{len(seen):03d}-{hashlib.sha1(data).hexdigest()[:12]}"
    (FINDINGS / f"{name}.md").write_bytes(data)
    report = name_of_bug + "\n\n" + "".join(traceback.format_exception(error))
    (FINDINGS / f"{name}.txt").write_text(report, encoding="utf-8")
    print(f"\n[vrlint-fuzz] NEW FINDING {name}: {name_of_bug}", file=sys.stderr, flush=True)


def write_stats() -> None:
    STATS.parent.mkdir(parents=True, exist_ok=True)
    payload = dict(stats, seconds=int(time.time() - started), signatures=len(seen))
    # run.sh restarts the fuzzer after a timeout or an out-of-memory stop:
    # one file per process, so the totals of all runs can be summed.
    path = STATS.with_name(f"{STATS.stem}-{os.getpid()}.json")
    path.write_text(json.dumps(payload, indent=1), encoding="utf-8")


def test_one_input(data: bytes) -> None:
    stats["executions"] += 1
    if stats["executions"] % STATS_EVERY == 0:
        write_stats()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        stats["not_utf8"] += 1
        return
    if not KEEP_GOING:
        run_checks(text)
        return
    try:
        run_checks(text)
    except Exception as error:  # every exception is a finding
        record(data, error)


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
