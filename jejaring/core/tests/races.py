"""Run one callable from many threads at the same instant, for the race tests on
PostgreSQL (quotas, seats): each thread has its own database connection."""

from __future__ import annotations

import threading
from collections.abc import Callable

from django.db import connection


def race(target: Callable[[int], object], n: int) -> list[object]:
    """Call `target(i)` for i in 0..n-1 in n threads released together by a barrier;
    return each outcome (its result or the exception it raised), in finishing order."""
    barrier = threading.Barrier(n)
    outcomes: list[object] = []
    lock = threading.Lock()

    def run(i: int) -> None:
        try:
            barrier.wait()
            result: object = target(i)
        except Exception as error:
            result = error
        finally:
            connection.close()
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes
