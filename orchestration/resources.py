"""Dagster resources, configured from the environment (see config.py)."""
from __future__ import annotations

from contextlib import contextmanager

import dagster as dg
import duckdb

from . import warehouse
from .config import Paths, resolve_paths


class CommuniqueWarehouse(dg.ConfigurableResource):
    """Where articles land and where the warehouse lives; empty means "from the environment"."""

    raw_dir: str = ""
    warehouse: str = ""

    def paths(self) -> Paths:
        return resolve_paths(self.raw_dir or None, self.warehouse or None)

    @contextmanager
    def connect(self) -> duckdb.DuckDBPyConnection:
        """The working database: only assets in the duckdb_writer pool open it."""
        con = warehouse.connect(self.paths().work_db)
        try:
            yield con
        finally:
            con.close()
