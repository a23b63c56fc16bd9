"""`communique …`: thin commands over the same Dagster assets the UI runs."""
from __future__ import annotations

import contextlib
import io
import os
import sys
import time
from pathlib import Path

import click


@click.group()
def main() -> None:
    """Communique: news articles about international relations, as a SQL warehouse."""


@main.command()
@click.option("--raw-dir", type=click.Path(file_okay=False), help="Landing folder (COMMUNIQUE_RAW_DIR; default raw/).")
@click.option("--warehouse", type=click.Path(dir_okay=False),
              help="Published DuckDB file (COMMUNIQUE_WAREHOUSE; default warehouse/communique.duckdb).")
@click.option("--verbose", is_flag=True,
              help="Show Dagster's and dbt's own logs (else kept in logs/build.log beside the warehouse).")
@click.option("--force", is_flag=True, help="Run every step (and dbt) even when nothing changed.")
def build(raw_dir: str | None, warehouse: str | None, verbose: bool, force: bool) -> None:
    """Ingest new articles, extract facts, run dbt (models and tests), publish the marts."""
    from .config import resolve_paths

    started = time.perf_counter()
    paths = resolve_paths(raw_dir, warehouse)
    if not paths.raw_dir.is_dir():
        raise click.ClickException(f"landing folder {paths.raw_dir} does not exist")
    os.environ["COMMUNIQUE_PROGRESS"] = "1"
    click.echo(f"raw folder:  {paths.raw_dir}\nwarehouse:   {paths.warehouse}", err=True)
    if force:
        os.environ["COMMUNIQUE_FORCE_BUILD"] = "1"
    else:
        from .buildstate import unchanged_since_published

        if unchanged_since_published(paths.work_db, paths.raw_dir, paths.warehouse) is not None:
            click.echo(unchanged_summary(paths))
            click.echo(f"took {time.perf_counter() - started:.1f} s", err=True)
            return

    import dagster as dg

    from .config import executor_name
    from .definitions import build_warehouse_job

    run_config = {} if verbose else {"loggers": {"console": {"config": {"log_level": "WARNING"}}}}
    # dbt's own lines (dagster-dbt echoes them on stdout) only with --verbose, or when it fails
    captured = io.StringIO()
    with contextlib.ExitStack() as stack:
        if executor_name() == "in_process":
            instance = stack.enter_context(dg.DagsterInstance.ephemeral())
            with contextlib.redirect_stdout(sys.stdout if verbose else captured):
                result = build_warehouse_job().execute_in_process(
                    instance=instance, run_config=run_config, raise_on_error=False)
        else:  # steps in other processes or on a Dask cluster: they rebuild the job from its module
            instance = stack.enter_context(dg.DagsterInstance.get() if os.environ.get("DAGSTER_HOME")
                                           else dg.DagsterInstance.local_temp())
            result = stack.enter_context(dg.execute_job(dg.reconstructable(build_warehouse_job), instance,
                                                        run_config=run_config))
        _report(result, paths, captured.getvalue(), started)


def _report(result, paths, captured: str, started: float) -> None:
    log_file = _keep_log(paths, captured)
    if not result.success and captured:
        click.echo(captured[-4000:], err=True)
        if log_file is not None:
            click.echo(f"the whole log: {log_file}", err=True)
    summary = build_summary(result, paths)
    click.echo(summary)
    click.echo(f"took {time.perf_counter() - started:.1f} s", err=True)
    if not result.success:
        failed = [e for e in result.all_events if e.is_step_failure]
        for event in failed:
            click.echo(f"step {event.step_key} failed: {event.event_specific_data.error.message.strip()}", err=True)
        raise SystemExit(1)


def _keep_log(paths, text: str) -> Path | None:
    """Dagster's and dbt's lines of the last build, in logs/build.log beside the warehouse."""
    if not text:
        return None
    log_file = paths.warehouse.parent / "logs" / "build.log"
    try:
        log_file.parent.mkdir(parents=True, exist_ok=True)
        log_file.write_text(text, encoding="utf-8")
    except OSError:
        return None
    return log_file


def _fact_counts(warehouse: Path) -> str:
    import duckdb

    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        counts = {t: con.execute(f"select count(*) from marts.{t}").fetchone()[0] for t in (
            "fct_meetings", "fct_statements", "fct_trade_figures", "dim_actors", "dim_documents")}
    finally:
        con.close()
    return (f"facts:       {counts['fct_meetings']} meetings, {counts['fct_statements']} statements, "
            f"{counts['fct_trade_figures']} trade figures, {counts['dim_actors']} actors "
            f"from {counts['dim_documents']} documents")


def unchanged_summary(paths) -> str:
    """What a build says when the folder, the extraction code and the dbt project are as last published."""
    n = sum(1 for p in paths.raw_dir.iterdir() if p.is_file() and not p.name.startswith("."))
    return "\n".join([
        f"files:       {n} in folder, none new, changed or removed since the last build",
        _fact_counts(paths.warehouse),
        "dbt:         not run (no file, extraction rule or dbt model changed; the published warehouse is current)",
        "build:       succeeded (nothing to do; `communique build --force` runs every step)"])


def build_summary(result, paths) -> str:
    """What a build did, in a few lines: files, documents, set-asides, facts, dbt tests."""
    import duckdb

    lines = []
    meta = {}
    for event in result.all_events:
        if event.is_step_materialization:
            mat = event.event_specific_data.materialization
            meta[mat.asset_key.to_user_string()] = {k: v.value for k, v in mat.metadata.items()}
    files = meta.get("raw/files", {})
    docs = meta.get("raw/documents", {})
    lines.append(f"files:       {files.get('files_seen', 0)} in folder, {files.get('files_read', 0)} read, "
                 f"{files.get('files_unchanged', 0)} unchanged, {files.get('files_removed', 0)} removed")
    lines.append(f"documents:   {docs.get('dagster/row_count', 0)} in warehouse "
                 f"({docs.get('documents_added', 0)} new, {docs.get('documents_removed', 0)} removed)")
    ext = meta.get("raw/extractions", {})
    lines.append(f"extracted:   {ext.get('documents_extracted', 0)} documents "
                 f"({ext.get('documents_off_topic', 0)} not about international relations, "
                 f"{ext.get('documents_failed', 0)} failed)")
    if paths.warehouse.exists():
        lines.append(_fact_counts(paths.warehouse))
    work = paths.work_db
    if work.exists():
        con = duckdb.connect(str(work), read_only=True)
        try:
            rejected = con.execute("select record_name, reason, outcome from raw.rejected_files "
                                   "order by record_name").fetchall()
        finally:
            con.close()
        aside = [r for r in rejected if r[2] == "set aside"]
        warned = [r for r in rejected if r[2] != "set aside"]
        lines.append(f"set aside:   {len(aside)} file(s) or record(s)")
        lines += [f"  - {name}: {reason}" for name, reason, _ in aside[:20]]
        if len(aside) > 20:
            lines.append(f"  … and {len(aside) - 20} more (table raw.rejected_files)")
        lines += [f"  ! {name}: {reason}" for name, reason, _ in warned[:20]]
    checks = result.get_asset_check_evaluations()
    passed = sum(1 for c in checks if c.passed)
    if result.success and not any(key.startswith("marts/") for key in meta):
        lines.append("dbt:         not run (no raw row and no dbt file changed since the published build)")
    else:
        lines.append(f"dbt tests:   {passed} passed, {len(checks) - passed} failed")
    published = any(e.is_step_success and e.step_key == "published_warehouse" for e in result.all_events)
    if result.success:
        lines.append("build:       succeeded")
    elif published:
        lines.append("build:       FAILED after publishing (the warehouse file is new; see the failed step)")
    else:
        lines.append("build:       FAILED (the published warehouse was left as it was)")
    return "\n".join(lines)


@main.command()
@click.option("--gold", "gold_dir", required=True, type=click.Path(exists=True, file_okay=False),
              help="Folder of gold JSON files (see the annotation guide).")
@click.option("--warehouse", type=click.Path(exists=True, dir_okay=False), help="Published DuckDB file.")
@click.option("--verbose", is_flag=True, help="List what was missed and what was wrong.")
def eval(gold_dir: str, warehouse: str | None, verbose: bool) -> None:  # noqa: A001 - the command's name
    """Score a built warehouse against gold annotations."""
    from .config import resolve_paths
    from .evaluation import evaluate, format_report

    paths = resolve_paths(None, warehouse)
    report = evaluate(paths.warehouse, Path(gold_dir))
    click.echo(format_report(report, verbose=verbose))


@main.command(context_settings={"ignore_unknown_options": True, "allow_extra_args": True})
@click.pass_context
def dev(ctx: click.Context) -> None:
    """The Dagster UI, its instance kept in .dagster/ (DAGSTER_HOME) so run history survives restarts."""
    import shutil

    from .config import PROJECT_ROOT

    home = Path(os.environ.get("DAGSTER_HOME") or PROJECT_ROOT / ".dagster")
    home.mkdir(parents=True, exist_ok=True)
    if not (home / "dagster.yaml").exists():
        shutil.copy(PROJECT_ROOT / "dagster.yaml", home / "dagster.yaml")
    os.environ["DAGSTER_HOME"] = str(home)
    here = str(Path(sys.executable).parent)  # this environment's scripts, activated or not
    dg_cli = shutil.which("dg", path=here) or shutil.which("dg")
    args = [dg_cli, "dev"] if dg_cli else [shutil.which("dagster", path=here) or "dagster", "dev"]
    click.echo(f"DAGSTER_HOME={home}", err=True)
    os.chdir(PROJECT_ROOT)
    os.execv(args[0], args + list(ctx.args))


@main.command()
def seeds() -> None:
    """Regenerate the reference seeds (countries, currencies) from their packages."""
    from .config import DBT_PROJECT_DIR
    from .extract.reference import write_seeds

    for path in write_seeds(DBT_PROJECT_DIR / "seeds"):
        click.echo(f"wrote {path}")


@main.command()
@click.option("--postgres", "dsn", required=True, envvar="COMMUNIQUE_POSTGRES_DSN",
              help="PostgreSQL connection string (libpq DSN or URL; COMMUNIQUE_POSTGRES_DSN).")
@click.option("--warehouse", type=click.Path(dir_okay=False),
              help="Published DuckDB file (COMMUNIQUE_WAREHOUSE; default warehouse/communique.duckdb).")
@click.option("--reader-role", default="communique_reader", show_default=True, envvar="COMMUNIQUE_POSTGRES_READER",
              help="Read-only role for BI tools, created if missing.")
@click.option("--reader-password", envvar="COMMUNIQUE_POSTGRES_READER_PASSWORD",
              help="Makes the role a LOGIN role with this password (else NOLOGIN, to grant to BI logins).")
def publish(dsn: str, warehouse: str | None, reader_role: str, reader_password: str | None) -> None:
    """Copy schemas marts and reporting of the published file into PostgreSQL, swapped in atomically."""
    import psycopg

    from .config import resolve_paths
    from .serve.postgres import publish_to_postgres, redact_dsn

    paths = resolve_paths(None, warehouse)
    try:
        # the tables are listed once, below; the log says only what is worth waiting for
        counts = publish_to_postgres(paths.warehouse, dsn, reader_role=reader_role, reader_password=reader_password,
                                     log=lambda m: None if m.startswith("loaded ") else click.echo(m, err=True))
    except (FileNotFoundError, TimeoutError, psycopg.OperationalError) as exc:
        raise click.ClickException(str(exc).strip()) from exc
    for table, n in counts.items():
        click.echo(f"{table:<45} {n:>9} rows")
    click.echo(f"published {len(counts)} tables from {paths.warehouse} to {redact_dsn(dsn)}; "
               f"read-only role: {reader_role}")


@main.command()
@click.option("--warehouse", type=click.Path(dir_okay=False),
              help="Published DuckDB file (COMMUNIQUE_WAREHOUSE; default warehouse/communique.duckdb).")
@click.option("--out", "out_dir", type=click.Path(file_okay=False),
              help="Folder for index.html (default: report/ beside the published file).")
def report(warehouse: str | None, out_dir: str | None) -> None:
    """Write the offline HTML report (charts) from the published warehouse; print its path."""
    from .config import resolve_paths
    from .serve.report import build_report

    paths = resolve_paths(None, warehouse)
    try:
        result = build_report(paths.warehouse, out_dir or paths.report_dir)
    except FileNotFoundError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"{result.charts} charts from {paths.warehouse}", err=True)
    click.echo(str(result.path))


@main.command()
@click.argument("name", required=False)
@click.option("--list", "list_only", is_flag=True, help="List the saved analyses with their descriptions.")
@click.option("--warehouse", type=click.Path(dir_okay=False),
              help="Published DuckDB file (COMMUNIQUE_WAREHOUSE; default warehouse/communique.duckdb).")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
@click.option("--search", help="Keep rows whose text contains WORD (case-insensitive; see --list).")
@click.option("--pair", help="Keep rows about two countries, ISO alpha-3 codes: CHN-RUS.")
@click.option("--limit", type=click.IntRange(min=0), help="At most N rows.")
def query(name: str | None, list_only: bool, warehouse: str | None, fmt: str, search: str | None,
          pair: str | None, limit: int | None) -> None:
    """Run a saved analysis on the published warehouse (read-only): `communique query --list`."""
    from .serve.analyses import FORMATS, AnalysisError, describe_catalog, run

    if list_only or not name:
        click.echo(describe_catalog())
        return
    import duckdb

    from .config import resolve_paths

    path = resolve_paths(None, warehouse).warehouse
    if not path.is_file():
        raise click.ClickException(f"no published warehouse at {path}; run `communique build` first")
    try:
        con = duckdb.connect(str(path), read_only=True)
        try:
            result = run(con, name, search=search, pair=pair, limit=limit)
        finally:
            con.close()
    except AnalysisError as exc:
        raise click.UsageError(str(exc)) from exc
    except duckdb.CatalogException as exc:
        raise click.ClickException(f"{path} has no reporting tables for {name} (built before they existed?): "
                                   f"run `communique build`.\n{exc}") from exc
    if fmt == "table" and sys.stdout.isatty():
        import shutil

        click.echo(FORMATS[fmt](result, total_width=shutil.get_terminal_size().columns))
    else:
        click.echo(FORMATS[fmt](result).rstrip("\n"))


if __name__ == "__main__":
    sys.exit(main())
