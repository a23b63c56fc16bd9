"""PostgreSQL serving: the marts in a throwaway cluster, read by psql and psycopg as BI tools would.

The cluster is Debian's PostgreSQL (initdb + pg_ctl) in a temporary directory, on 127.0.0.1
and a unix socket there; a missing server or psql is a failure, never a skip.
"""
from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import dagster as dg
import duckdb
import psycopg
import pytest
from psycopg import errors, sql

from orchestration.serve import analyses
from orchestration.serve.postgres import (
    STAGING_PREFIX,
    LocalCluster,
    find_psql,
    implied_keys,
    pg_type,
    publish_to_postgres,
    read_dbt_docs,
    redact_dsn,
)

# its module-scoped fixture is built once, on one worker
pytestmark = pytest.mark.xdist_group("postgres")

ROOT = Path(__file__).resolve().parent.parent
READER = "communique_reader"
READER_PW = "reader-secret"

EXPECTED_PKS = {
    "dim_documents": ("document_id",),
    "dim_actors": ("actor_id",),
    "fct_meetings": ("meeting_id",),
    "fct_statements": ("statement_id",),
    "fct_trade_figures": ("figure_id",),
    "bridge_meeting_participants": ("meeting_id", "actor_id"),
    "bridge_meeting_documents": ("meeting_id", "document_id"),
}
EXPECTED_FKS = {
    ("bridge_meeting_participants", "meeting_id", "fct_meetings", "meeting_id"),
    ("bridge_meeting_participants", "actor_id", "dim_actors", "actor_id"),
    ("bridge_meeting_documents", "meeting_id", "fct_meetings", "meeting_id"),
    ("bridge_meeting_documents", "document_id", "dim_documents", "document_id"),
    ("fct_statements", "document_id", "dim_documents", "document_id"),
    ("fct_statements", "speaker_actor_id", "dim_actors", "actor_id"),
    ("fct_trade_figures", "document_id", "dim_documents", "document_id"),
}
# Parameters that make each saved analysis return rows on the seeds (the others run bare).
ANALYSIS_PARAMS = {"relationship_timeline": {"pair": "CHN-RUS"}}


@pytest.fixture(scope="session")
def pg():
    """A running throwaway cluster; fails loudly when PostgreSQL is not installed."""
    try:
        cluster = LocalCluster()
    except FileNotFoundError as exc:
        pytest.fail(f"PostgreSQL is required for these tests: {exc}")
    try:
        cluster.start()
    except BaseException:
        cluster.stop()
        raise
    yield cluster
    cluster.stop()


@pytest.fixture(scope="session")
def psql() -> str:
    try:
        return str(find_psql())
    except FileNotFoundError as exc:
        pytest.fail(f"the psql client is required for these tests: {exc}")


@pytest.fixture(scope="session")
def published(pg, seeds_build) -> dict[str, int]:
    """The seeds warehouse published to the cluster's `communique` database."""
    return publish_to_postgres(seeds_build, pg.dsn(), reader_role=READER, reader_password=READER_PW)


def reader_dsn(pg, dbname: str | None = None) -> str:
    return pg.dsn(READER, password=READER_PW, dbname=dbname)


def run_psql(psql: str, dsn: str, script: str) -> list[list[str]]:
    """psql --csv, as a user runs it; rows including the header line."""
    proc = subprocess.run([psql, "-X", "-q", "--csv", "-v", "ON_ERROR_STOP=1", "-d", dsn],
                          input=script, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, f"psql failed ({proc.returncode}): {proc.stderr}"
    return list(csv.reader(io.StringIO(proc.stdout)))


def duck_counts(warehouse: Path) -> dict[str, int]:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        tables = con.execute("select table_schema, table_name from information_schema.tables "
                             "where table_schema in ('marts', 'reporting') and table_type = 'BASE TABLE'").fetchall()
        return {f"{s}.{t}": con.execute(f'select count(*) from "{s}"."{t}"').fetchone()[0] for s, t in tables}
    finally:
        con.close()


def pg_counts(dsn: str) -> dict[str, int]:
    with psycopg.connect(dsn) as conn:
        tables = conn.execute("select table_schema, table_name from information_schema.tables "
                              "where table_schema in ('marts', 'reporting')").fetchall()
        return {f"{s}.{t}": conn.execute(sql.SQL("select count(*) from {}").format(sql.Identifier(s, t))).fetchone()[0]
                for s, t in tables}


# --- without a server ------------------------------------------------------------------


def test_duckdb_types_map_to_postgres_types():
    assert pg_type("VARCHAR").pg_type == "text"
    assert pg_type("DOUBLE").pg_type == "double precision"
    assert pg_type("INTEGER").pg_type == "integer"
    assert pg_type("BIGINT").pg_type == "bigint"
    assert pg_type("DATE").pg_type == "date"
    assert pg_type("BOOLEAN").pg_type == "boolean"
    assert pg_type("TIMESTAMP").pg_type == "timestamp"
    assert pg_type("TIMESTAMP WITH TIME ZONE").pg_type == "timestamptz"
    assert pg_type("DECIMAL(18,3)").pg_type == "numeric(18,3)"
    assert pg_type("VARCHAR[]").pg_type == "text[]"
    assert pg_type("STRUCT(a INTEGER, b VARCHAR)").pg_type == "jsonb"


def test_keys_come_from_the_dbt_contract():
    docs = read_dbt_docs(ROOT / "dbt_project")
    tables = list(EXPECTED_PKS)
    columns = {t: [c for c in docs[t].column_order] for t in tables}
    keys = implied_keys(tables, columns, docs)
    assert {t: k.primary_key for t, k in keys.items()} == EXPECTED_PKS
    assert {(t, c, to, f) for t, k in keys.items() for c, to, f in k.foreign_keys} == EXPECTED_FKS


def test_dsn_shown_without_password():
    shown = redact_dsn("postgresql://bi:s3cret@db.example:5433/communique")
    assert "s3cret" not in shown and "db.example" in shown and "5433" in shown


# --- against the throwaway cluster -----------------------------------------------------


def test_publish_copies_every_table_and_row(pg, published, seeds_build):
    expected = duck_counts(seeds_build)
    assert published == expected
    assert {t for t in expected if t.startswith("marts.")} == {f"marts.{t}" for t in EXPECTED_PKS}
    assert pg_counts(reader_dsn(pg)) == expected


def test_catalog_shows_keys_types_and_comments_to_bi_tools(pg, published, psql):
    """What a BI tool's schema browser reads: information_schema and pg_constraint, through psql.

    information_schema shows constraints only to roles with more than SELECT on the table, so
    it is read as the owner; the JDBC and SQLAlchemy drivers of BI tools read pg_constraint,
    which the read-only role sees.
    """
    rows = run_psql(psql, pg.dsn(), """
        select tc.table_name, tc.constraint_type, kcu.column_name, kcu.ordinal_position
        from information_schema.table_constraints tc
        join information_schema.key_column_usage kcu
          on kcu.constraint_schema = tc.constraint_schema and kcu.constraint_name = tc.constraint_name
        where tc.table_schema = 'marts' and tc.constraint_type = 'PRIMARY KEY'
        order by 1, 4;
    """)
    pks: dict[str, tuple[str, ...]] = {}
    for table, _, column, _ in rows[1:]:
        pks[table] = pks.get(table, ()) + (column,)
    assert pks == EXPECTED_PKS
    rows = run_psql(psql, reader_dsn(pg), """
        select c.conrelid::regclass::text, a.attname
        from pg_constraint c cross join unnest(c.conkey) with ordinality k(attnum, n)
        join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.attnum
        where c.contype = 'p' and c.connamespace = 'marts'::regnamespace order by 1, k.n;
    """)
    pks = {}
    for table, column in rows[1:]:
        pks[table.removeprefix("marts.")] = pks.get(table.removeprefix("marts."), ()) + (column,)
    assert pks == EXPECTED_PKS

    rows = run_psql(psql, reader_dsn(pg), """
        select c.conrelid::regclass::text, a.attname, c.confrelid::regclass::text, af.attname
        from pg_constraint c
        join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
        join pg_attribute af on af.attrelid = c.confrelid and af.attnum = c.confkey[1]
        where c.contype = 'f' and c.connamespace = 'marts'::regnamespace;
    """)
    fks = {(t.removeprefix("marts."), c, to.removeprefix("marts."), f) for t, c, to, f in rows[1:]}
    assert fks == EXPECTED_FKS

    rows = run_psql(psql, reader_dsn(pg), """
        select table_name, column_name, data_type, is_nullable,
               col_description(format('%I.%I', table_schema, table_name)::regclass, ordinal_position)
        from information_schema.columns where table_schema = 'marts';
    """)
    cols = {(t, c): (ty, nullable, comment) for t, c, ty, nullable, comment in rows[1:]}
    assert cols["fct_trade_figures", "value"][:2] == ("double precision", "NO")
    assert cols["fct_trade_figures", "value"][2].startswith("In base units")
    assert cols["dim_documents", "published_date"][0] == "date"
    assert cols["fct_meetings", "source_count"][0] == "integer"
    assert cols["dim_actors", "name"][0] == "text"
    rows = run_psql(psql, reader_dsn(pg), "select obj_description('marts.fct_meetings'::regclass, 'pg_class');")
    assert rows[1][0] == "One row per real meeting, however many articles report it."


def test_psql_runs_every_saved_analysis_as_the_reader(pg, published, psql, seeds_build):
    """Each saved analysis, in psql, as a prepared statement with its parameters; rows as in DuckDB."""
    con = duckdb.connect(str(seeds_build), read_only=True)
    try:
        for analysis in analyses.list_analyses():
            params = ANALYSIS_PARAMS.get(analysis.name, {})
            expected = analyses.run(con, analysis.name, **params)
            query, values = analyses.build_query(analysis.name, style="numeric", **params)
            args = ", ".join(str(v) if isinstance(v, int) else "'" + str(v).replace("'", "''") + "'"
                             for v in values)
            script = f"prepare q as {query};\nexecute q{f'({args})' if values else ''};\n"
            rows = run_psql(psql, reader_dsn(pg), script)
            assert rows[0] == list(analysis.columns), analysis.name
            assert len(rows) - 1 == len(expected.rows), analysis.name
        assert len(analyses.run(con, "relationship_timeline", pair="CHN-RUS").rows) > 0
    finally:
        con.close()


def test_psycopg_reader_gets_the_same_rows_as_duckdb(pg, published, seeds_build):
    con = duckdb.connect(str(seeds_build), read_only=True)
    try:
        with psycopg.connect(reader_dsn(pg)) as conn:
            for analysis in analyses.list_analyses():
                for params in (ANALYSIS_PARAMS.get(analysis.name, {}),
                               {**ANALYSIS_PARAMS.get(analysis.name, {}), "limit": 3}):
                    got = analyses.run(conn, analysis.name, **params)
                    want = analyses.run(con, analysis.name, **params)
                    assert got.columns == want.columns, analysis.name
                    if "limit" in params:  # ties may order differently; the count is what LIMIT fixes
                        assert len(got.rows) == len(want.rows), analysis.name
                    else:
                        assert sorted(map(repr, got.rows)) == sorted(map(repr, want.rows)), analysis.name
            hits = analyses.run(conn, "statements", search="Putin")
            assert hits.rows and all("putin" in r[hits.columns.index("quote_text")].lower() for r in hits.rows)
    finally:
        con.close()


WRITES = [
    "insert into marts.dim_actors (actor_id, name) values ('x', 'x')",
    "update marts.dim_actors set name = 'x'",
    "delete from marts.fct_statements",
    "truncate marts.fct_trade_figures",
    "create table marts.mine (x int)",
    "create table public.mine (x int)",
    "create schema mine",
    "drop table marts.fct_meetings",
    "alter table marts.dim_actors add column x int",
    "create view reporting.v as select 1",
]


@pytest.mark.parametrize("statement", WRITES, ids=lambda s: " ".join(s.split()[:2]))
def test_the_read_only_role_can_select_but_not_write(pg, published, statement):
    with psycopg.connect(reader_dsn(pg), autocommit=True) as conn:
        assert conn.execute("select count(*) from marts.dim_actors").fetchone()[0] > 0
        assert conn.execute("select count(*) from marts.fct_statements").fetchone()[0] > 0
        # Sessions start read-only ...
        with pytest.raises(errors.ReadOnlySqlTransaction):
            conn.execute(statement)
        # ... and asking for a read-write transaction is refused by the privileges.
        with pytest.raises(errors.InsufficientPrivilege):
            with conn.transaction():
                conn.execute("set transaction read write")
                conn.execute(statement)
    assert pg_counts(reader_dsn(pg)) == published


def test_the_read_only_role_has_nothing_but_select(pg, published):
    with psycopg.connect(pg.dsn()) as conn:
        attrs = conn.execute("select rolsuper, rolcreatedb, rolcreaterole, rolbypassrls, rolcanlogin "
                             "from pg_roles where rolname = %s", [READER]).fetchone()
        assert attrs == (False, False, False, False, True)
        privileges = conn.execute("""
            select distinct p.privilege_type
            from information_schema.role_table_grants p
            where p.grantee = %s""", [READER]).fetchall()
        assert {p for (p,) in privileges} == {"SELECT"}
        for schema in ("marts", "reporting"):
            assert conn.execute("select has_schema_privilege(%s, %s, 'USAGE'), has_schema_privilege(%s, %s, 'CREATE')",
                                [READER, schema, READER, schema]).fetchone() == (True, False)


def test_publishing_twice_is_idempotent_and_swaps_atomically(pg, seeds_build, tmp_path):
    """A second publish replaces the marts whole; a REPEATABLE READ reader keeps its view meanwhile."""
    db = pg.create_database("swap_test")
    dsn, rdsn = pg.dsn(dbname=db), reader_dsn(pg, db)
    first = publish_to_postgres(seeds_build, dsn, reader_role=READER, reader_password=READER_PW)
    again = publish_to_postgres(seeds_build, dsn, reader_role=READER, reader_password=READER_PW)
    assert again == first == pg_counts(rdsn)
    with psycopg.connect(dsn) as conn:
        assert conn.execute("select count(*) from pg_constraint where connamespace = 'marts'::regnamespace "
                            "and contype in ('p', 'f')").fetchone()[0] == len(EXPECTED_PKS) + len(EXPECTED_FKS)
        assert conn.execute("select nspname from pg_namespace where nspname like %s",
                            [STAGING_PREFIX + "%"]).fetchall() == []

    # A changed warehouse: one statement and one trade figure fewer.
    changed = tmp_path / "changed.duckdb"
    shutil.copy(seeds_build, changed)
    con = duckdb.connect(str(changed))
    con.execute("delete from marts.fct_statements where statement_id = (select min(statement_id) from marts.fct_statements)")
    con.execute("delete from marts.fct_trade_figures where figure_id = (select min(figure_id) from marts.fct_trade_figures)")
    con.close()

    def snapshot(conn) -> dict[str, int]:
        return {t: conn.execute(sql.SQL("select count(*) from {}").format(sql.Identifier("marts", t))).fetchone()[0]
                for t in EXPECTED_PKS}

    waiting = threading.Event()
    outcome: dict = {}

    def second_publish():
        try:
            outcome["counts"] = publish_to_postgres(
                changed, dsn, reader_role=READER, reader_password=READER_PW, lock_attempt_ms=200,
                swap_timeout_s=120, log=lambda m: waiting.set() if m.startswith("waiting") else None)
        except BaseException as exc:  # noqa: BLE001 - reported below
            outcome["error"] = exc

    with psycopg.connect(rdsn) as reader:
        reader.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
        with reader.transaction():
            before = snapshot(reader)
            publisher = threading.Thread(target=second_publish, daemon=True)
            publisher.start()
            assert waiting.wait(120), f"the publisher never waited for the reader: {outcome}"
            # The new tables are loaded; this transaction still sees the old ones, all of them.
            assert snapshot(reader) == before
            with psycopg.connect(rdsn) as other:  # a reader that starts now sees the old marts too
                assert snapshot(other) == before
        publisher.join(120)
    assert not publisher.is_alive() and "error" not in outcome, outcome
    with psycopg.connect(rdsn) as reader:
        after = snapshot(reader)
    assert after["fct_statements"] == before["fct_statements"] - 1
    assert after["fct_trade_figures"] == before["fct_trade_figures"] - 1
    assert {k: v for k, v in after.items() if k not in ("fct_statements", "fct_trade_figures")} == \
        {k: v for k, v in before.items() if k not in ("fct_statements", "fct_trade_figures")}


def test_cli_publish(pg, seeds_build):
    db = pg.create_database("cli_test")
    env = {k: v for k, v in os.environ.items() if not k.startswith("COMMUNIQUE_")}
    proc = subprocess.run(
        [sys.executable, "-m", "orchestration.cli", "publish", "--postgres", pg.dsn(dbname=db),
         "--warehouse", str(seeds_build), "--reader-role", "cli_reader", "--reader-password", "pw2"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert "marts.fct_meetings" in proc.stdout and "cli_reader" in proc.stdout
    with psycopg.connect(pg.dsn("cli_reader", password="pw2", dbname=db)) as conn:
        assert conn.execute("select count(*) from marts.fct_meetings").fetchone()[0] == \
            duck_counts(seeds_build)["marts.fct_meetings"]


def test_dagster_asset_publishes_when_the_dsn_is_set(pg, seeds_build, monkeypatch):
    from orchestration.defs.postgres import postgres_marts
    from orchestration.definitions import defs
    from orchestration.resources import CommuniqueWarehouse

    node = defs.resolve_asset_graph().get(dg.AssetKey("postgres_marts"))
    assert node.group_name == "publish" and dg.AssetKey("published_warehouse") in node.parent_keys

    # A publisher that is not a superuser: it owns the database and may create roles.
    with psycopg.connect(pg.dsn(), autocommit=True) as conn:
        conn.execute("create role publisher login createrole password 'pub-secret'")
    db = pg.create_database("asset_test", owner="publisher")
    resources = {"communique": CommuniqueWarehouse(warehouse=str(seeds_build))}
    for name in ("COMMUNIQUE_WAREHOUSE", "COMMUNIQUE_WORK_DB", "COMMUNIQUE_RAW_DIR"):
        monkeypatch.setenv(name, os.environ.get(name, ""))  # the resource exports paths; restored after

    monkeypatch.delenv("COMMUNIQUE_POSTGRES_DSN", raising=False)
    with dg.DagsterInstance.ephemeral() as instance:
        result = dg.materialize([postgres_marts], resources=resources, instance=instance)
        assert result.success
        assert result.asset_materializations_for_node("postgres_marts") == []
        observed = [e.event_specific_data.asset_observation for e in result.all_events
                    if e.event_type_value == "ASSET_OBSERVATION"]
        assert observed[0].metadata["status"].value == "skipped: COMMUNIQUE_POSTGRES_DSN not set"

        monkeypatch.setenv("COMMUNIQUE_POSTGRES_DSN", pg.dsn("publisher", password="pub-secret", dbname=db))
        monkeypatch.setenv("COMMUNIQUE_POSTGRES_READER", "asset_reader")
        monkeypatch.setenv("COMMUNIQUE_POSTGRES_READER_PASSWORD", "pw3")
        result = dg.materialize([postgres_marts], resources=resources, instance=instance)
        assert result.success
        meta = {k: v.value for k, v in result.asset_materializations_for_node("postgres_marts")[0].metadata.items()}
    expected = duck_counts(seeds_build)
    assert {k.removeprefix("rows/"): v for k, v in meta.items() if k.startswith("rows/")} == expected
    assert "pub-secret" not in meta["dsn"] and "asset_test" in meta["dsn"]
    with psycopg.connect(pg.dsn("asset_reader", password="pw3", dbname=db)) as conn:
        assert conn.execute("select count(*) from marts.dim_actors").fetchone()[0] == expected["marts.dim_actors"]


def test_group_role_without_password_and_dependent_objects_stop_a_publish(pg, seeds_build):
    """Without a password the reader role is a NOLOGIN group for BI logins; a view over the marts
    blocks the swap with a clear error and leaves the published marts as they were."""
    db = pg.create_database("group_test")
    dsn = pg.dsn(dbname=db)
    counts = publish_to_postgres(seeds_build, dsn, reader_role="bi_group")
    with psycopg.connect(dsn, autocommit=True) as conn:
        assert conn.execute("select rolcanlogin from pg_roles where rolname = 'bi_group'").fetchone() == (False,)
        conn.execute("create role metabase_login login password 'mb' in role bi_group")
        conn.execute("create schema analyst")
        conn.execute("create view analyst.meetings as select * from marts.fct_meetings")
    with psycopg.connect(pg.dsn("metabase_login", password="mb", dbname=db)) as conn:
        assert conn.execute("select count(*) from marts.fct_meetings").fetchone()[0] == counts["marts.fct_meetings"]
    with pytest.raises(RuntimeError, match="depend on the published tables"):
        publish_to_postgres(seeds_build, dsn, reader_role="bi_group")
    with psycopg.connect(dsn) as conn:
        assert conn.execute("select count(*) from analyst.meetings").fetchone()[0] == counts["marts.fct_meetings"]
        assert conn.execute("select nspname from pg_namespace where nspname like %s",
                            [STAGING_PREFIX + "%"]).fetchall() == []
