"""A progress bar on a terminal, nothing in CI but the summary line."""

from __future__ import annotations

import threading
import time
from typing import TextIO

__all__ = ["Progress"]

_WIDTH = 30


class Progress:
    """Counts finished items; draws ``label [=====     ] 12/40`` on a terminal.

    The bar is drawn only when the stream is a terminal, at most ten times
    a second, and only once a run has lasted half a second (short runs
    stay quiet); :meth:`close` erases it.
    """

    #: seconds before the bar first appears, and between redraws
    delay = 0.5
    interval = 0.1

    def __init__(self, stream: TextIO | None, label: str, total: int) -> None:
        self.stream = stream
        self.label = label
        self.total = total
        self.done = 0
        self._lock = threading.Lock()
        self._start = time.monotonic()
        self._last_draw = 0.0
        self._drawn = False
        try:
            self._tty = stream is not None and stream.isatty()
        except (AttributeError, ValueError):
            self._tty = False

    def advance(self, count: int = 1) -> None:
        with self._lock:
            self.done += count
            now = time.monotonic()
            if not self._tty or now - self._start < self.delay or now - self._last_draw < self.interval:
                return
            self._last_draw = now
            self._draw()

    def _draw(self) -> None:
        assert self.stream is not None
        filled = _WIDTH * self.done // max(self.total, 1)
        bar = "=" * filled + " " * (_WIDTH - filled)
        self.stream.write(f"\r{self.label} [{bar}] {self.done}/{self.total}")
        self.stream.flush()
        self._drawn = True

    def close(self) -> None:
        with self._lock:
            if self._drawn and self.stream is not None:
                self.stream.write("\r\x1b[K")
                self.stream.flush()
                self._drawn = False
