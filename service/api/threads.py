"""How many requests one server process works on at once.

FastAPI runs every plain (`def`) endpoint in anyio's thread pool, 40 threads by default.
The work of those endpoints is mostly Python and numpy on a few cores: 40 threads taking
turns at the interpreter lock answer no more requests than a few, and each answers later
(bench/README.md, stop 26: on two cores at 16 clients, pair compare 151-163 req/s with
40 threads, 197-205 with 2; queue pages p99 110-150 ms with 40, 34-44 ms with 2). A few
threads per core still leave room for a request that waits on the database.

Compare calls are the exception: the relation scorer relates those made at once as one
batch (claims/relate/combining.py), cheaper per pair the more it holds, so they run on
threads of their own, more of them, and while they wait hold none of the pool's.
"""

from __future__ import annotations

import anyio.to_thread
from anyio import CapacityLimiter
from anyio.lowlevel import RunVar

from service.cores import usable_cores

THREADS_PER_CORE = 2
# Compare calls a server process takes at once. Pair compare at 16 clients on two cores
# (bench/bench_load.py, stop 27): 4 threads 194 req/s, 8 219, 16 262.
COMPARE_CALLS_PER_CORE = 8

_compare_limiter: RunVar[CapacityLimiter] = RunVar("compare_limiter")


def limit_worker_threads(threads: int | None) -> None:
    """Set the running event loop's thread pool to `threads` (None: THREADS_PER_CORE a
    core). Called once the loop runs (the app's lifespan)."""
    size = threads or THREADS_PER_CORE * usable_cores()
    anyio.to_thread.current_default_thread_limiter().total_tokens = size


def compare_limiter() -> CapacityLimiter:
    """The running event loop's limiter for compare calls (COMPARE_CALLS_PER_CORE a core)."""
    try:
        return _compare_limiter.get()
    except LookupError:
        limiter = CapacityLimiter(COMPARE_CALLS_PER_CORE * usable_cores())
        _compare_limiter.set(limiter)
        return limiter
