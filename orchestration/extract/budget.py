"""A time budget per document: one pathological input costs seconds, never the build's hour."""
from __future__ import annotations

import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager


class DocumentTimeout(Exception):
    """A document took longer than its time budget; the build goes on without it."""


@contextmanager
def time_budget(seconds: float | None) -> Iterator[float]:
    """Raise DocumentTimeout after `seconds`; yields the deadline for checks between chunks.

    In the main thread a timer interrupts even one long rule; elsewhere (no signals)
    the deadline is checked between chunks.
    """
    if not seconds:
        yield float("inf")
        return
    deadline = time.monotonic() + seconds
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield deadline
        return

    def expire(signum, frame):
        raise DocumentTimeout(f"over the time budget of {seconds:g} s (COMMUNIQUE_DOC_SECONDS)")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield deadline
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
