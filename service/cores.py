"""How many cores this process may run on: what its thread pools and worker processes
are sized by."""

from __future__ import annotations

import os


def usable_cores() -> int:
    """The cores this process' affinity allows (all of them where it cannot be asked)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1
