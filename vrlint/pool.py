"""Lint many files on every core.

``vrlint check`` on a directory of lists (or a repository's history) is
CPU-bound and embarrassingly parallel: each file is parsed and linted on its
own. Below :data:`MIN_FILES` files, or with one worker, everything runs in
this process (a pool costs more than it saves); above, a process pool does
the parse and the rules and sends back the findings, in the order the files
were given, so the report is the same either way.

A parsed document is seven times the size of its text once pickled, and
unpickling it in this process would undo half of the gain: from a pool comes a
document of **lines only** (:func:`lines_only`), which is all that placing and
showing findings needs, unless the caller asks for ``parsed`` documents (SARIF's
fingerprints read the tables). Callers that need more (the online checks, a
baseline) run with one worker.
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Iterator, Sequence

from vrlint.config import Config
from vrlint.diagnostics import Diagnostic
from vrlint.document import Document

__all__ = ["MIN_FILES", "Job", "default_workers", "lines_only", "lint_all"]

#: fewer files than this are linted in this process
MIN_FILES = 4

#: (text, name shown in findings, configuration)
Job = tuple[str, str, Config]


def default_workers() -> int:
    """The CPUs this process may run on (a container's limit, not the host's count)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def lines_only(text: str) -> Document:
    """``text`` split into lines, without blocks: enough for reports."""
    from vrlint.parsing.build import split_lines

    bom = "\ufeff" if text.startswith("\ufeff") else ""
    return Document(text=text, lines=split_lines(text[len(bom) :], len(bom)), blocks=[], bom=bom)


def _lint_one(job: Job) -> tuple[Document, list[Diagnostic]]:
    from vrlint.engine import lint
    from vrlint.parsing import parse

    text, name, config = job
    document = parse(text)
    return document, lint(document, name, config)


def _quiet_interrupts() -> None:
    """Workers leave Ctrl-C to the parent, which stops the pool and says so once."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def lint_all(jobs: Sequence[Job], workers: int, parsed: bool = False) -> Iterator[tuple[Document, list[Diagnostic]]]:
    """Each job's document and findings, in the jobs' order (from a pool, the
    document holds its lines only unless ``parsed``: see the module's docstring)."""
    workers = min(workers, len(jobs))
    if workers <= 1 or len(jobs) < MIN_FILES:
        yield from map(_lint_one, jobs)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # fork shares the imported rules with the workers; elsewhere each worker imports them
    method = "fork" if sys.platform.startswith("linux") else None
    context = multiprocessing.get_context(method)
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_quiet_interrupts) as pool:
        if parsed:
            yield from pool.map(_lint_one, jobs, chunksize=1)
            return
        for job, found in zip(jobs, pool.map(_findings, jobs, chunksize=1), strict=True):
            yield lines_only(job[0]), found


def _findings(job: Job) -> list[Diagnostic]:
    return _lint_one(job)[1]
