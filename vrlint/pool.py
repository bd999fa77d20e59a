"""Lint many files on every core.

``vrlint check`` on a directory of lists (or a repository's history) is
CPU-bound and embarrassingly parallel: each file is parsed and linted on its
own. Below :data:`MIN_FILES` files, or with one worker, everything runs in
this process (a pool costs more than it saves); above, a process pool does
the parse and the rules and sends back the findings, in the order the files
were given, so the report is the same either way.

A parsed document is seven times the size of its text once pickled, and
unpickling it in this process would undo half of the gain: from a pool comes a
document of **lines only** (:func:`vrlint.parsing.build.lines_only`), which is all that placing and
showing findings needs, unless the caller asks for ``parsed`` documents (SARIF's
fingerprints read the tables): those are parsed lazily like any other, so a
worker whose rules never read the blocks sends the text and lines, and the blocks
are built here when the tables are read. Callers that need more (the online
checks, a baseline) run with one worker.
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Generator, Sequence
from typing import TYPE_CHECKING

from vrlint.config import Config
from vrlint.diagnostics import Diagnostic
from vrlint.document import Document

if TYPE_CHECKING:
    from concurrent.futures import Executor

__all__ = ["MIN_FILES", "Job", "default_workers", "lint_all"]

#: fewer files than this are linted in this process
MIN_FILES = 4

#: (text, name shown in findings, configuration)
Job = tuple[str, str, Config]


def default_workers() -> int:
    """The CPUs this process may run on (its affinity: a cpuset limits it, a CFS quota
    such as ``docker --cpus`` does not; use ``--jobs`` there)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _lint_one(job: Job) -> tuple[Document, list[Diagnostic]]:
    from vrlint.engine import lint
    from vrlint.parsing import parse

    text, name, config = job
    document = parse(text, lazy=True)
    return document, lint(document, name, config)


#: Linux's prctl option: a signal the kernel sends this process when its parent dies
_PR_SET_PDEATHSIG = 1


def _start_worker(parent: int) -> None:
    """Workers leave Ctrl-C to the parent (which stops the pool and says so once),
    and die with it: a killed ``vrlint`` must not leave workers holding its pipes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
        except (OSError, AttributeError):
            _watch_parent(parent)
    else:
        _watch_parent(parent)
    if os.getppid() != parent:  # the parent died before the line above
        os._exit(1)


def _watch_parent(parent: int) -> None:
    import threading
    import time

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(1)

    threading.Thread(target=watch, name="vrlint-parent-watch", daemon=True).start()


Results = Generator[tuple[Document, list[Diagnostic]], None, None]


def lint_all(jobs: Sequence[Job], workers: int, parsed: bool = False) -> Results:
    """Each job's document and findings, in the jobs' order (from a pool, the
    document holds its lines only unless ``parsed``: see the module's docstring)."""
    workers = min(workers, len(jobs))
    pool = _pool(workers) if workers > 1 and len(jobs) >= MIN_FILES else None
    if pool is None:
        yield from map(_lint_one, jobs)
        return
    from vrlint.parsing.build import lines_only

    with pool:
        if parsed:
            yield from pool.map(_lint_one, jobs, chunksize=1)
            return
        for job, found in zip(jobs, pool.map(_findings, jobs, chunksize=1), strict=True):
            yield lines_only(job[0]), found  # see the module's docstring


def _pool(workers: int) -> Executor | None:
    """A process pool, or None where none can be made (no working POSIX semaphores:
    a read-only /dev/shm, some sandboxes): then the files are linted here."""
    try:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        # fork shares the imported rules with the workers; elsewhere each worker imports them
        method = "fork" if sys.platform.startswith("linux") else None
        context = multiprocessing.get_context(method)
        return ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker, initargs=(os.getpid(),))
    except (OSError, NotImplementedError, ImportError):
        return None


def _findings(job: Job) -> list[Diagnostic]:
    return _lint_one(job)[1]
