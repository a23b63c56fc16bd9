"""One writer across processes: an OS lock beside the working database.

DuckDB refuses a second writing process only when it opens the file, after a
second build has already read the landing folder; a `flock` taken before
ingest makes the second build wait or refuse cleanly instead. The CLI, Dagster
runs and the sensor's runs all take it (the Dagster resource does, per run).
The kernel drops the lock when its process dies, so a killed build never
leaves it behind. Within one process it is re-entrant: the CLI holds it and
the Dagster run it starts takes it again.
"""
from __future__ import annotations

import fcntl
import os
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

_held: dict[Path, list] = {}  # lock path -> [file descriptor, depth]
_guard = threading.Lock()


class WarehouseBusy(Exception):
    """Another process holds the warehouse's writer lock."""


def lock_path(work_db: Path) -> Path:
    return work_db.with_name(work_db.name + ".lock")


def holder(path: Path) -> str:
    """Who holds the lock, as its holder wrote it: 'pid N, since T'."""
    try:
        text = path.read_text(encoding="utf-8").strip()
    except OSError:
        return "unknown"
    parts = text.split(maxsplit=1)
    return f"pid {parts[0]}, since {parts[1]}" if len(parts) == 2 else "unknown"


def _try_lock(fd: int) -> bool:
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except BlockingIOError:
        return False


@contextmanager
def writer_lock(work_db: Path, wait_s: float = 0.0,
                on_wait: Callable[[str], None] | None = None) -> Iterator[Path]:
    """Hold the writer lock of `work_db`, waiting up to `wait_s` seconds; else raise WarehouseBusy."""
    path = lock_path(Path(work_db))
    with _guard:
        if path in _held:
            _held[path][1] += 1
            reentered = True
        else:
            reentered = False
    if reentered:
        try:
            yield path
        finally:
            _release(path)
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        deadline = time.monotonic() + max(wait_s, 0.0)
        told = False
        while not _try_lock(fd):
            if time.monotonic() >= deadline:
                raise WarehouseBusy(f"another build ({holder(path)}) holds the warehouse ({path})")
            if not told and on_wait:
                on_wait(f"waiting up to {wait_s:.0f} s for another build ({holder(path)}) to finish")
                told = True
            time.sleep(min(0.5, max(deadline - time.monotonic(), 0.01)))
        stamp = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()} {stamp}\n".encode(), 0)
    except BaseException:
        os.close(fd)
        raise
    with _guard:
        _held[path] = [fd, 1]
    try:
        yield path
    finally:
        _release(path)


def _release(path: Path) -> None:
    with _guard:
        entry = _held[path]
        entry[1] -= 1
        if entry[1] > 0:
            return
        del _held[path]
    os.ftruncate(entry[0], 0)
    os.close(entry[0])  # closing the descriptor releases the flock
