"""Dagster resources, configured from the environment (see config.py)."""
from __future__ import annotations

import os
from contextlib import ExitStack, contextmanager

import dagster as dg
import duckdb
from pydantic import PrivateAttr

from . import warehouse
from .config import Paths, lock_wait_seconds, resolve_paths
from .lock import writer_lock


class CommuniqueWarehouse(dg.ConfigurableResource):
    """Where articles land and where the warehouse lives; empty means "from the environment".

    A run holds the warehouse's writer lock from its start to its end (see lock.py), so a
    Dagster run, a sensor's run and `communique build` never write at the same time.
    """

    raw_dir: str = ""
    warehouse: str = ""
    allow_removal: bool = False  # a build may remove more than half of the documents
    # `communique build` holds the lock for the whole run; its steps in other processes or on
    # Dask workers (which cannot share one file lock anyway) must not wait for it
    lock_held_by_launcher: bool = False
    _stack: ExitStack | None = PrivateAttr(default=None)

    def paths(self) -> Paths:
        return resolve_paths(self.raw_dir or None, self.warehouse or None)

    def removal_allowed(self) -> bool:
        return self.allow_removal or os.environ.get("COMMUNIQUE_ALLOW_REMOVAL") == "1"

    def setup_for_execution(self, context: dg.InitResourceContext) -> None:
        paths = self.paths()
        stack = ExitStack()
        log = context.log.warning if context.log else None
        if not self.lock_held_by_launcher:
            stack.enter_context(writer_lock(paths.work_db, lock_wait_seconds(default=600.0), on_wait=log))
        self._stack = stack
        warehouse.remove_stale_temp(paths.warehouse)

    def teardown_after_execution(self, context: dg.InitResourceContext) -> None:
        if self._stack is not None:
            self._stack.close()
            self._stack = None

    @contextmanager
    def connect(self) -> duckdb.DuckDBPyConnection:
        """The working database: only assets in the duckdb_writer pool open it, under the writer lock."""
        con = warehouse.connect(self.paths().work_db)
        try:
            yield con
        finally:
            con.close()
