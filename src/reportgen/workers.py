"""Worker processes: how many cores this process may use, and one function run over many jobs in a
pool whose workers each start with the run's shared state (batch renders districts with it, the
roll-up reads them). Below every stage; imports nothing of reportgen.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar

__all__ = ["cpu_count", "run_jobs"]

Job = TypeVar("Job")
Done = TypeVar("Done")


def cpu_count() -> int:
    """The cores this process may run on (its affinity, where the system tells it)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def run_jobs(
    work: Callable[[Job], Done],
    jobs: Sequence[Job],
    *,
    init: Callable[[Any], None],
    state: Any,
    workers: int,
    max_chunk: int,
) -> Iterator[Done]:
    """``work(job)`` for every job, as each finishes (in no fixed order where there are several
    workers). Each worker first calls ``init(state)``; with one worker, this process does, and
    runs the jobs itself. Workers are forked where the system can (they start at once, sharing
    what is loaded), spawned elsewhere; jobs go out in chunks of at most ``max_chunk``."""
    if workers <= 1:
        init(state)
        yield from map(work, jobs)
        return
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    ctx = multiprocessing.get_context(method)
    chunk = max(1, min(max_chunk, len(jobs) // (workers * 8)))
    with ctx.Pool(workers, initializer=init, initargs=(state,)) as pool:
        yield from pool.imap_unordered(work, jobs, chunksize=chunk)
