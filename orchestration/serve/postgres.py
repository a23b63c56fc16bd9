"""Serve the published marts from PostgreSQL, for BI tools that speak its protocol.

`publish_to_postgres(duckdb_file, dsn)` copies the schemas `marts` and `reporting` of the
published DuckDB file into a PostgreSQL database, in ONE transaction:

1. fresh staging schemas (`_communique_new_marts`, …) receive new tables, typed from the
   DuckDB columns, bulk-loaded with COPY (never row by row);
2. NOT NULL, PRIMARY KEY and FOREIGN KEY constraints are added as the dbt contract implies
   (so BI tools see the joins), with table and column comments from the dbt docs;
3. a read-only role gets USAGE and SELECT on the new schemas (and default privileges);
4. the old schemas are dropped and the staging schemas renamed over them.

Readers see either the old or the new marts, never a mix: a query that reaches a table
during the swap waits for the commit and then reads the new table. The swap needs an
exclusive lock on the old tables, so it waits for queries (and open transactions) that
read them; it asks for the lock in short attempts (`lock_timeout`), so new queries never
queue for long behind a publisher waiting on a slow one.

One PostgreSQL caveat: a REPEATABLE READ transaction that took its snapshot before a swap
but reads a mart table for the first time after it sees that table empty (the new rows
are newer than its snapshot). Transactions that read the marts before the swap hold it
off until they end, and READ COMMITTED readers (what BI tools use) are not affected.

The bottom of this module starts a throwaway local cluster (initdb + pg_ctl) for the tests
and the benchmarks.
"""
from __future__ import annotations

import getpass
import glob
import os
import re
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import psycopg
import yaml
from psycopg import errors, sql
from psycopg.conninfo import conninfo_to_dict, make_conninfo

PUBLISHED_SCHEMAS = ("marts", "reporting")
DEFAULT_READER_ROLE = "communique_reader"
STAGING_PREFIX = "_communique_new_"
# Serialises concurrent publishers on one database (pg_advisory_xact_lock key).
_PUBLISH_LOCK_KEY = 0x636F6D6D756E  # "commun"
_BATCH_ROWS = 10_000


# --------------------------------------------------------------------------------------
# DuckDB types → PostgreSQL types

_SCALAR_TYPES = {
    "VARCHAR": "text", "TEXT": "text", "STRING": "text", "CHAR": "text", "BPCHAR": "text", "ENUM": "text",
    "DOUBLE": "double precision", "FLOAT8": "double precision", "FLOAT": "real", "REAL": "real", "FLOAT4": "real",
    "TINYINT": "smallint", "UTINYINT": "smallint", "SMALLINT": "smallint", "USMALLINT": "integer",
    "INTEGER": "integer", "INT": "integer", "INT4": "integer", "UINTEGER": "bigint",
    "BIGINT": "bigint", "INT8": "bigint", "UBIGINT": "numeric", "HUGEINT": "numeric", "UHUGEINT": "numeric",
    "DATE": "date", "BOOLEAN": "boolean", "BOOL": "boolean",
    "TIMESTAMP": "timestamp", "DATETIME": "timestamp", "TIMESTAMP_S": "timestamp", "TIMESTAMP_MS": "timestamp",
    "TIMESTAMP_NS": "timestamp", "TIMESTAMP WITH TIME ZONE": "timestamptz", "TIMESTAMPTZ": "timestamptz",
    "TIME": "time", "INTERVAL": "interval", "BLOB": "bytea", "UUID": "uuid", "JSON": "jsonb",
}


@dataclass(frozen=True)
class ColumnType:
    pg_type: str
    select: str  # the DuckDB expression that reads the column for COPY ({col} is the quoted name)


def pg_type(duck_type: str) -> ColumnType:
    """The PostgreSQL type for a DuckDB column type, and how to read the column for COPY.

    Scalars map one to one (varchar → text, double → double precision, …); lists of
    scalars become arrays; structs, maps and nested lists become jsonb.
    """
    t = duck_type.strip().upper()
    if t in _SCALAR_TYPES:
        pg = _SCALAR_TYPES[t]
        if pg == "text":  # PostgreSQL text cannot hold NUL characters
            return ColumnType(pg, "replace({col}, chr(0), '')")
        if pg == "jsonb":
            return ColumnType(pg, "{col}::varchar")
        return ColumnType(pg, "{col}")
    m = re.fullmatch(r"(?:DECIMAL|NUMERIC)\s*\((\d+)\s*,\s*(\d+)\)", t)
    if m:
        return ColumnType(f"numeric({m.group(1)},{m.group(2)})", "{col}")
    if t.startswith(("VARCHAR(", "CHAR(")):
        return ColumnType("text", "replace({col}, chr(0), '')")
    m = re.fullmatch(r"(.+)\[\d*\]", t)
    if m and m.group(1) in _SCALAR_TYPES and _SCALAR_TYPES[m.group(1)] not in ("jsonb", "bytea"):
        return ColumnType(_SCALAR_TYPES[m.group(1)] + "[]", "{col}")
    # STRUCT(...), MAP(...), UNION(...), nested lists: JSON keeps their shape.
    return ColumnType("jsonb", "to_json({col})::varchar")


# --------------------------------------------------------------------------------------
# What the dbt project says about the public tables: docs and implied constraints


@dataclass
class ModelDocs:
    description: str | None = None
    columns: dict[str, str] = field(default_factory=dict)       # column → description
    not_null: set[str] = field(default_factory=set)
    unique: set[str] = field(default_factory=set)
    column_order: list[str] = field(default_factory=list)
    unique_combinations: list[list[str]] = field(default_factory=list)
    relationships: list[tuple[str, str, str]] = field(default_factory=list)  # (column, to model, field)


_REF = re.compile(r"""ref\(\s*['"]([^'"]+)['"]\s*\)""")


def _test_args(test) -> tuple[str, dict]:
    """A dbt data test entry as (name, arguments), whichever of its spellings is used."""
    if isinstance(test, str):
        return test, {}
    if isinstance(test, dict) and len(test) == 1:
        name, body = next(iter(test.items()))
        body = body or {}
        args = dict(body.get("arguments") or {})
        args.update({k: v for k, v in body.items() if k not in ("arguments", "config")})
        return name.split(".")[-1], args
    return "", {}


def read_dbt_docs(project_dir: Path) -> dict[str, ModelDocs]:
    """Descriptions, not-null/unique columns, unique combinations and relationships, per model."""
    docs: dict[str, ModelDocs] = {}
    for path in sorted(Path(project_dir, "models").rglob("*.yml")):
        try:
            content = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except yaml.YAMLError:
            continue
        for model in content.get("models") or []:
            if not isinstance(model, dict) or "name" not in model:
                continue
            md = docs.setdefault(model["name"], ModelDocs())
            md.description = model.get("description") or md.description
            for test in (model.get("data_tests") or model.get("tests") or []):
                name, args = _test_args(test)
                cols = args.get("columns") or args.get("combination_of_columns")
                if name in ("unique_combination", "unique_combination_of_columns") and cols:
                    md.unique_combinations.append([str(c) for c in cols])
            for col in model.get("columns") or []:
                cname = col.get("name")
                if not cname:
                    continue
                md.column_order.append(cname)
                if col.get("description"):
                    md.columns[cname] = str(col["description"]).strip()
                kinds = {c.get("type") for c in (col.get("constraints") or []) if isinstance(c, dict)}
                for test in (col.get("data_tests") or col.get("tests") or []):
                    name, args = _test_args(test)
                    kinds.add(name)
                    if name == "relationships":
                        ref = _REF.search(str(args.get("to", "")))
                        if ref and args.get("field"):
                            md.relationships.append((cname, ref.group(1), str(args["field"])))
                if "not_null" in kinds:
                    md.not_null.add(cname)
                if "unique" in kinds:
                    md.unique.add(cname)
    return docs


@dataclass(frozen=True)
class TableKeys:
    primary_key: tuple[str, ...] | None
    foreign_keys: tuple[tuple[str, str, str], ...]  # (column, referenced table, referenced column)


def implied_keys(tables: Iterable[str], columns: dict[str, list[str]],
                 docs: dict[str, ModelDocs]) -> dict[str, TableKeys]:
    """Primary and foreign keys of one schema's tables, as the dbt contract implies them.

    Primary key: the first column declared unique and not null, else a declared unique
    combination of not-null columns. Foreign key: a `relationships` test to another table
    of the same schema whose primary key is the referenced column.
    """
    tables = list(tables)
    pks: dict[str, tuple[str, ...] | None] = {}
    for t in tables:
        md = docs.get(t, ModelDocs())
        cols = columns.get(t, [])
        single = [c for c in md.column_order if c in md.unique and c in md.not_null and c in cols]
        combo = next((tuple(cs) for cs in md.unique_combinations
                      if all(c in cols and c in md.not_null for c in cs)), None)
        pks[t] = (single[0],) if single else combo
    keys = {}
    for t in tables:
        md = docs.get(t, ModelDocs())
        fks = tuple((c, to, f) for c, to, f in md.relationships
                    if to in pks and to != t and pks[to] == (f,) and c in columns.get(t, []))
        keys[t] = TableKeys(pks[t], fks)
    return keys


# --------------------------------------------------------------------------------------
# Publishing


def redact_dsn(dsn: str) -> str:
    """The connection string without its password (for logs and metadata)."""
    try:
        params = conninfo_to_dict(dsn)
    except psycopg.ProgrammingError:
        return "<unparseable DSN>"
    params.pop("password", None)
    return make_conninfo("", **params)


CONNECT_TIMEOUT_ENV = "COMMUNIQUE_POSTGRES_CONNECT_TIMEOUT"
STATEMENT_TIMEOUT_ENV = "COMMUNIQUE_POSTGRES_STATEMENT_TIMEOUT"
DEFAULT_CONNECT_TIMEOUT_S = 10
DEFAULT_STATEMENT_TIMEOUT_S = 300


def _timeout_env(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    try:
        seconds = int(value) if value else default
    except ValueError:
        raise ValueError(f"{name}={value!r} is not a whole number of seconds") from None
    if seconds <= 0:
        raise ValueError(f"{name} must be 1 or more seconds (0 would mean: wait forever)")
    return seconds


def bounded_dsn(dsn: str, connect_timeout_s: int | None = None, statement_timeout_s: int | None = None) -> str:
    """The DSN with a connect timeout, a statement timeout and TCP keepalives, unless it sets them.

    libpq waits forever by default: a server that accepts and never answers would hold
    `communique publish` (and the build's postgres step) for good.
    """
    params = conninfo_to_dict(dsn)
    connect = connect_timeout_s or _timeout_env(CONNECT_TIMEOUT_ENV, DEFAULT_CONNECT_TIMEOUT_S)
    statement = statement_timeout_s or _timeout_env(STATEMENT_TIMEOUT_ENV, DEFAULT_STATEMENT_TIMEOUT_S)
    params.setdefault("connect_timeout", str(connect))
    for key, value in (("keepalives", "1"), ("keepalives_idle", "10"), ("keepalives_interval", "5"),
                       ("keepalives_count", "3")):
        params.setdefault(key, value)
    if "statement_timeout" not in params.get("options", ""):
        params["options"] = f"{params.get('options', '')} -c statement_timeout={statement * 1000}".strip()
    return make_conninfo("", **params)


@dataclass
class _Table:
    schema: str
    name: str
    columns: list[tuple[str, ColumnType]]


def _duckdb_tables(con: duckdb.DuckDBPyConnection, schemas: Iterable[str]) -> dict[str, list[_Table]]:
    found: dict[str, list[_Table]] = {}
    present = {r[0] for r in con.execute("select schema_name from information_schema.schemata").fetchall()}
    for schema in schemas:
        if schema not in present:
            continue
        found[schema] = []
        names = [r[0] for r in con.execute(
            "select table_name from information_schema.tables where table_schema = ? "
            "and table_type = 'BASE TABLE' order by table_name", [schema]).fetchall()]
        for name in names:
            cols = con.execute(
                "select column_name, data_type from information_schema.columns "
                "where table_schema = ? and table_name = ? order by ordinal_position", [schema, name]).fetchall()
            found[schema].append(_Table(schema, name, [(c, pg_type(t)) for c, t in cols]))
    return found


def _ensure_reader_role(cur: psycopg.Cursor, role: str, password: str | None) -> None:
    exists = cur.execute("select 1 from pg_roles where rolname = %s", [role]).fetchone()
    ident = sql.Identifier(role)
    secret = None
    if password is not None:
        # Sent already hashed (SCRAM), so the password never appears in the server's logs.
        secret = cur.connection.pgconn.encrypt_password(password.encode(), role.encode()).decode()
    if not exists:
        if secret is None:
            cur.execute(sql.SQL("create role {} nologin").format(ident))
        else:
            cur.execute(sql.SQL("create role {} login password {}").format(ident, sql.Literal(secret)))
        # A second guard besides the privileges: sessions start read-only.
        cur.execute(sql.SQL("alter role {} set default_transaction_read_only = on").format(ident))
    elif secret is not None:
        cur.execute(sql.SQL("alter role {} login password {}").format(ident, sql.Literal(secret)))
    dbname = cur.execute("select current_database()").fetchone()[0]
    cur.execute(sql.SQL("grant connect on database {} to {}").format(sql.Identifier(dbname), ident))


def _load_table(cur: psycopg.Cursor, duck: duckdb.DuckDBPyConnection, table: _Table, target_schema: str) -> int:
    names = [c for c, _ in table.columns]
    exprs = ", ".join(ct.select.format(col=f'"{c}"') for c, ct in table.columns) or "1"
    copy_stmt = sql.SQL("copy {}.{} ({}) from stdin").format(
        sql.Identifier(target_schema), sql.Identifier(table.name), sql.SQL(", ").join(map(sql.Identifier, names)))
    result = duck.execute(f'select {exprs} from "{table.schema}"."{table.name}"')
    rows = 0
    with cur.copy(copy_stmt) as copy:
        while batch := result.fetchmany(_BATCH_ROWS):
            for row in batch:
                copy.write_row(row)
            rows += len(batch)
    return rows


def _comment(cur: psycopg.Cursor, kind: str, target: sql.Composable, text: str | None) -> None:
    if text:
        cur.execute(sql.SQL("comment on {} {} is {}").format(sql.SQL(kind), target, sql.Literal(text)))


def _stage_schema(cur: psycopg.Cursor, duck: duckdb.DuckDBPyConnection, schema: str, tables: list[_Table],
                  docs: dict[str, ModelDocs], reader_role: str, source_name: str,
                  log: Callable[[str], None]) -> dict[str, int]:
    """The new tables of one schema in its staging schema: loaded, keyed, commented, granted."""
    staging = STAGING_PREFIX + schema
    s, reader = sql.Identifier(staging), sql.Identifier(reader_role)
    counts = {}
    cur.execute(sql.SQL("drop schema if exists {} cascade").format(s))
    cur.execute(sql.SQL("create schema {}").format(s))
    for table in tables:
        md = docs.get(table.name, ModelDocs())
        cols = sql.SQL(", ").join(
            sql.SQL("{} {}{}").format(sql.Identifier(c), sql.SQL(ct.pg_type),
                                      sql.SQL(" not null" if c in md.not_null else ""))
            for c, ct in table.columns)
        cur.execute(sql.SQL("create table {}.{} ({})").format(s, sql.Identifier(table.name), cols))
        counts[f"{schema}.{table.name}"] = n = _load_table(cur, duck, table, staging)
        log(f"loaded {schema}.{table.name}: {n} rows")
        _comment(cur, "table", sql.Identifier(staging, table.name), md.description)
        for c, _ in table.columns:
            _comment(cur, "column", sql.Identifier(staging, table.name, c), md.columns.get(c))
    keys = implied_keys([t.name for t in tables], {t.name: [c for c, _ in t.columns] for t in tables}, docs)
    for name, k in keys.items():
        if k.primary_key:
            cur.execute(sql.SQL("alter table {}.{} add constraint {} primary key ({})").format(
                s, sql.Identifier(name), sql.Identifier(f"{name}_pkey"),
                sql.SQL(", ").join(map(sql.Identifier, k.primary_key))))
    for name, k in keys.items():
        for col, to, to_col in k.foreign_keys:
            cur.execute(sql.SQL("alter table {}.{} add constraint {} foreign key ({}) references {}.{} ({})").format(
                s, sql.Identifier(name), sql.Identifier(f"{name}_{col}_fkey"), sql.Identifier(col),
                s, sql.Identifier(to), sql.Identifier(to_col)))
            # Joins from the referencing side: index the column unless the primary key leads with it.
            if not (k.primary_key and k.primary_key[0] == col):
                cur.execute(sql.SQL("create index {} on {}.{} ({})").format(
                    sql.Identifier(f"{name}_{col}_idx"), s, sql.Identifier(name), sql.Identifier(col)))
    for table in tables:
        cur.execute(sql.SQL("analyze {}.{}").format(s, sql.Identifier(table.name)))
    cur.execute(sql.SQL("grant usage on schema {} to {}").format(s, reader))
    cur.execute(sql.SQL("grant select on all tables in schema {} to {}").format(s, reader))
    cur.execute(sql.SQL("alter default privileges in schema {} grant select on tables to {}").format(s, reader))
    _comment(cur, "schema", s, f"Communique {schema}, published from {source_name} "
                               f"at {time.strftime('%Y-%m-%d %H:%M:%S %z')}")
    return counts


def _swap(cur: psycopg.Cursor, schemas: list[str], *, attempt_timeout_ms: int, swap_timeout_s: float,
          log: Callable[[str], None]) -> None:
    """Drop the old schemas and rename the staging ones over them, waiting for readers in short attempts."""
    deadline = time.monotonic() + swap_timeout_s
    attempt = 0
    while True:
        attempt += 1
        cur.execute("savepoint communique_swap")
        try:
            cur.execute(sql.SQL("set local lock_timeout = {}").format(sql.Literal(f"{attempt_timeout_ms}ms")))
            old = cur.execute(
                "select n.nspname, c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace "
                "where n.nspname = any(%s) and c.relkind in ('r', 'p') order by 1, 2", [schemas]).fetchall()
            if old:
                targets = sql.SQL(", ").join(sql.Identifier(s, t) for s, t in old)
                cur.execute(sql.SQL("lock table {} in access exclusive mode").format(targets))
                cur.execute(sql.SQL("drop table {}").format(targets))
            for schema in schemas:
                cur.execute(sql.SQL("drop schema if exists {}").format(sql.Identifier(schema)))
                cur.execute(sql.SQL("alter schema {} rename to {}").format(
                    sql.Identifier(STAGING_PREFIX + schema), sql.Identifier(schema)))
            cur.execute("set local lock_timeout = 0")
            cur.execute("release savepoint communique_swap")
            return
        except errors.LockNotAvailable:
            cur.execute("rollback to savepoint communique_swap")
            if time.monotonic() > deadline:
                raise TimeoutError(
                    f"readers held the old tables for more than {swap_timeout_s:.0f} s; nothing was changed") from None
            if attempt == 1:
                log("waiting for open reader transactions to finish before swapping the new tables in")
            time.sleep(min(0.2 * attempt, 2.0))
        except errors.DependentObjectsStillExist as exc:
            raise RuntimeError(
                f"other database objects depend on the published tables, so they were not replaced "
                f"(nothing was changed): {exc.diag.message_primary}; {exc.diag.message_detail or ''} "
                "Drop or move those objects (views over the marts belong in another schema, "
                "created after each publish) and publish again.") from exc


def publish_to_postgres(duckdb_file: str | Path, dsn: str, reader_role: str = DEFAULT_READER_ROLE,
                        reader_password: str | None = None, *, schemas: tuple[str, ...] = PUBLISHED_SCHEMAS,
                        dbt_project_dir: Path | None = None, swap_timeout_s: float = 600.0,
                        lock_attempt_ms: int = 1000, log: Callable[[str], None] | None = None,
                        connect_timeout_s: int | None = None,
                        statement_timeout_s: int | None = None) -> dict[str, int]:
    """Copy the published schemas of `duckdb_file` into PostgreSQL and swap them in atomically.

    Returns the rows loaded per table ("marts.dim_actors": 46, …). `reader_role` is created
    if missing: LOGIN with `reader_password` when one is given (the password is then also
    updated on an existing role), else NOLOGIN, for BI logins to be granted membership of.
    It gets USAGE and SELECT on the schemas and nothing else. Connecting and each
    statement are bounded (`bounded_dsn`: 10 s and 300 s unless set).
    """
    log = log or (lambda message: None)
    dsn = bounded_dsn(dsn, connect_timeout_s, statement_timeout_s)
    if dbt_project_dir is None:
        from ..config import DBT_PROJECT_DIR
        dbt_project_dir = DBT_PROJECT_DIR
    docs = read_dbt_docs(dbt_project_dir)
    duckdb_file = Path(duckdb_file)
    if not duckdb_file.exists():
        raise FileNotFoundError(f"no published warehouse at {duckdb_file}")
    # read_only: the published file is never written in place; the pipeline renames a new one over it.
    duck = duckdb.connect(str(duckdb_file), read_only=True)
    counts: dict[str, int] = {}
    try:
        found = _duckdb_tables(duck, schemas)
        if not found:
            raise ValueError(f"{duckdb_file} has none of the schemas {', '.join(schemas)}")
        with psycopg.connect(dsn, autocommit=False, application_name="communique-publish") as conn:
            with conn.transaction(), conn.cursor() as cur:
                cur.execute("select pg_advisory_xact_lock(%s)", [_PUBLISH_LOCK_KEY])
                _ensure_reader_role(cur, reader_role, reader_password)
                for schema, tables in found.items():
                    counts.update(_stage_schema(cur, duck, schema, tables, docs, reader_role, duckdb_file.name, log))
                _swap(cur, list(found), attempt_timeout_ms=lock_attempt_ms, swap_timeout_s=swap_timeout_s, log=log)
    finally:
        duck.close()
    return counts


# --------------------------------------------------------------------------------------
# A throwaway local cluster, for the tests and the benchmarks


def find_pg_bindir() -> Path:
    """The directory of initdb/pg_ctl/postgres (Debian: /usr/lib/postgresql/<version>/bin)."""
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"),
                        key=lambda p: int(re.search(r"/(\d+)/bin/", p).group(1)) if re.search(r"/(\d+)/bin/", p) else 0)
    if candidates:
        return Path(candidates[-1]).parent
    found = shutil.which("initdb")
    if found and shutil.which("pg_ctl", path=str(Path(found).resolve().parent)):
        return Path(found).resolve().parent
    raise FileNotFoundError(
        "PostgreSQL server binaries (initdb, pg_ctl) not found under /usr/lib/postgresql/*/bin or on PATH: "
        "install Debian's package with `apt-get install -y postgresql` (.ci/run does this)")


def find_psql() -> Path:
    found = shutil.which("psql")
    if found:
        return Path(found)
    try:
        candidate = find_pg_bindir() / "psql"
    except FileNotFoundError:
        candidate = None
    if candidate and candidate.exists():
        return candidate
    raise FileNotFoundError("psql not found: install Debian's postgresql-client (or postgresql) package")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LocalCluster:
    """initdb + pg_ctl in a temporary directory, listening on 127.0.0.1 and a unix socket there.

    As root the server runs as the `postgres` user (or `nobody`), since PostgreSQL refuses
    to run as root. Local socket connections are trusted; TCP connections need a password
    (scram-sha-256). The superuser is `postgres`; the database `communique` is created.
    """

    def __init__(self, base_dir: str | Path | None = None, dbname: str = "communique"):
        self.bindir = find_pg_bindir()
        self.dbname = dbname
        self.base = Path(tempfile.mkdtemp(prefix="communique-pg-", dir=base_dir or "/tmp"))
        self.data = self.base / "data"
        self.socket_dir = self.base / "sock"
        self.log_file = self.base / "server.log"
        self.port = _free_port()
        self._run_as: list[str] = []
        self.socket_dir.mkdir(parents=True)
        if os.geteuid() == 0:
            user = _unprivileged_user()
            runuser = shutil.which("runuser")
            if not runuser:
                raise RuntimeError("running as root: runuser (util-linux) is needed to run PostgreSQL as another user")
            self._run_as = [runuser, "-u", user, "--"]
            for path in (self.base, self.socket_dir):
                shutil.chown(path, user=user)
        self.started = False

    def _cmd(self, args: list[str], timeout: float = 120) -> subprocess.CompletedProcess:
        return subprocess.run(self._run_as + args, capture_output=True, text=True, timeout=timeout)

    def start(self) -> LocalCluster:
        init = self._cmd([str(self.bindir / "initdb"), "-D", str(self.data), "-U", "postgres", "-E", "UTF8",
                          "--locale=C", "--auth-local=trust", "--auth-host=scram-sha-256", "--no-sync"])
        if init.returncode != 0:
            raise RuntimeError(f"initdb failed:\n{init.stdout}\n{init.stderr}")
        opts = (f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.socket_dir} -c fsync=off "
                "-c synchronous_commit=off -c full_page_writes=off -c max_connections=60 "
                "-c shared_buffers=32MB -c log_min_messages=warning")
        ctl = self._cmd([str(self.bindir / "pg_ctl"), "-D", str(self.data), "-l", str(self.log_file), "-w",
                         "-t", "60", "-o", opts, "start"])
        if ctl.returncode != 0:
            log = self.log_file.read_text() if self.log_file.exists() else ""
            raise RuntimeError(f"pg_ctl start failed:\n{ctl.stdout}\n{ctl.stderr}\n{log}")
        self.started = True
        self.create_database(self.dbname)
        return self

    def create_database(self, name: str, owner: str | None = None) -> str:
        """A new database (owned by `owner` if given); returns its name."""
        with psycopg.connect(self.dsn("postgres", dbname="postgres"), autocommit=True) as conn:
            stmt = sql.SQL("create database {}").format(sql.Identifier(name))
            if owner:
                stmt += sql.SQL(" owner {}").format(sql.Identifier(owner))
            conn.execute(stmt)
        return name

    def dsn(self, user: str = "postgres", password: str | None = None, dbname: str | None = None) -> str:
        """Over the unix socket (trusted) without a password, over TCP with one."""
        params = {"dbname": dbname or self.dbname, "user": user, "port": str(self.port)}
        if password is None:
            params["host"] = str(self.socket_dir)
        else:
            params.update(host="127.0.0.1", password=password)
        return make_conninfo("", **params)

    def stop(self) -> None:
        if self.started:
            self._cmd([str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop"])
            self.started = False
        shutil.rmtree(self.base, ignore_errors=True)

    def __enter__(self) -> LocalCluster:
        try:
            return self.start()
        except BaseException:
            self.stop()
            raise

    def __exit__(self, *exc) -> None:
        self.stop()


def _unprivileged_user() -> str:
    import pwd

    for name in ("postgres", "nobody"):
        try:
            pwd.getpwnam(name)
            return name
        except KeyError:
            continue
    raise RuntimeError(f"running as {getpass.getuser()}: no unprivileged user (postgres, nobody) to run PostgreSQL as")

