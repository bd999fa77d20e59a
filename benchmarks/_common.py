"""Shared helpers for the benchmark scripts (not tests: run them by hand)."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS_FILE = ROOT / "fixtures" / "corpus" / "LJungang__Awesome-Video-Reasoning-Landscape.md"


def corpus_text(copies: int = 1) -> str:
    text = CORPUS_FILE.read_text(encoding="utf-8")
    return "\n".join([text] * copies)


def median_seconds(function: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)
