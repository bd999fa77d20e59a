"""A hang detector for adversarial inputs, not a speed test.

Catastrophic regex backtracking on a 100,000-character string takes hours;
a linear scan takes milliseconds. The budget is therefore far above any
normal run: a failure means "this never finishes", never "this got a bit
slower". It counts this process's CPU time, not wall time, so a machine
busy with other work (other test workers, other jobs) does not move it.
Speed itself is measured in ``benchmarks/``.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

BUDGET_SECONDS = 30.0


def assert_finishes(function: Callable[[], object], budget: float = BUDGET_SECONDS) -> None:
    start = time.process_time()
    function()
    elapsed = time.process_time() - start
    assert elapsed < budget, f"took {elapsed:.1f}s: looks like super-linear behaviour"


@contextmanager
def finishes(budget: float = BUDGET_SECONDS) -> Iterator[None]:
    """The block form of :func:`assert_finishes`."""
    start = time.process_time()
    yield
    elapsed = time.process_time() - start
    assert elapsed < budget, f"took {elapsed:.1f}s: looks like super-linear behaviour"
