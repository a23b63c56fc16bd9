"""`communique …`: thin commands over the same Dagster assets the UI runs."""
from __future__ import annotations

import contextlib
import io
import os
import sys
import time
from pathlib import Path
from typing import NamedTuple

import click


# Exit codes, one per kind of failure, so a scheduler can tell them apart.
EXIT_FAILED = 1  # a step failed: dbt test, extraction stage, publish
EXIT_USAGE = 2  # click's own: a bad option or argument
EXIT_CONFIG = 3  # a path or setting that cannot work
EXIT_BUSY = 4  # another build holds the warehouse
EXIT_REMOVAL = 5  # the build would remove most documents; --allow-removal
EXIT_POSTGRES = 6  # PostgreSQL unreachable, timed out or refused
EXIT_INTERNAL = 70  # a bug: the traceback is shown with --debug

_KINDS = {"WarehouseBusy": EXIT_BUSY, "MassRemoval": EXIT_REMOVAL, "ConfigError": EXIT_CONFIG}


class Failure(click.ClickException):
    """One clear line naming what to fix, and its exit code."""

    def __init__(self, message: str, exit_code: int = EXIT_FAILED, detail: str | None = None):
        super().__init__(message)
        self.exit_code = exit_code
        self.detail = detail
        self.debug = _debug()  # read now: click shows the error after the context is gone

    def show(self, file=None) -> None:
        if self.detail and self.debug:
            click.echo(self.detail.rstrip(), err=True)
        click.echo(f"error: {self.format_message()}", err=True)


def _debug() -> bool:
    ctx = click.get_current_context(silent=True)
    return bool(ctx and ctx.find_root().params.get("debug")) or os.environ.get("COMMUNIQUE_DEBUG") == "1"


class _Main(click.Group):
    """Every failure as one line and a distinct exit code; the traceback only with --debug."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.Abort, SystemExit, KeyboardInterrupt):
            raise
        except Exception as exc:  # noqa: BLE001 - turned into one line and an exit code
            import traceback

            import duckdb

            detail = traceback.format_exc()
            where = _traceback_hint(_write_log(ctx.meta.get(_LOG_KEY), _log_entry(ctx, detail), append=True))
            code = _KINDS.get(type(exc).__name__, EXIT_INTERNAL)
            message = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            if isinstance(exc, duckdb.Error):  # a damaged or foreign database file
                code, message = EXIT_FAILED, f"DuckDB: {message} ({where})"
            elif code == EXIT_INTERNAL:
                message = f"{type(exc).__name__}: {message} (a bug; {where})"
            raise Failure(message, code, detail) from exc


_LOG_KEY = "communique.log_file"


def _keep_log_in(paths, command: str) -> None:
    """Name the log file a failure of this command writes its traceback to (logs/<command>.log
    beside the warehouse); click's `meta` is shared by every context of the invocation."""
    ctx = click.get_current_context(silent=True)
    if ctx is not None:
        ctx.meta[_LOG_KEY] = paths.warehouse.parent / "logs" / f"{command}.log"


def _command_paths(warehouse: str | None, command: str):
    """The warehouse's paths for a command that reads it, its failures logged beside it."""
    from .config import resolve_paths

    paths = resolve_paths(None, warehouse)
    _keep_log_in(paths, command)
    return paths


def _write_log(log_file: Path | None, text: str, append: bool = False) -> Path | None:
    """`text` in the log file; None when there is none or it cannot be written (a read-only
    folder must not turn one failure into two)."""
    if log_file is None or (append and not text):
        return None
    try:
        log_file.parent.mkdir(parents=True, exist_ok=True)
        with log_file.open("a" if append else "w", encoding="utf-8") as fh:
            fh.write(text if not text or text.endswith("\n") else text + "\n")
    except OSError:
        return None
    return log_file


def _log_entry(ctx: click.Context, detail: str) -> str:
    """A traceback headed by the command and the time, as appended to the log file."""
    stamp = time.strftime("%Y-%m-%d %H:%M:%S")
    return f"\n--- communique {ctx.invoked_subcommand or ''} failed at {stamp} (pid {os.getpid()}) ---\n{detail}"


def _traceback_hint(log_file: Path | None) -> str:
    """Where the full traceback is: the log file, and --debug to print it."""
    if log_file is None:
        return "run with --debug for the traceback"
    return f"traceback in {log_file}; --debug prints it"


@click.group(cls=_Main)
@click.option("--debug", is_flag=True, help="Show the full traceback of a failure.")
def main(debug: bool) -> None:
    """Communique: news articles about international relations, as a SQL warehouse."""


@main.command()
@click.option("--raw-dir", type=click.Path(file_okay=False), help="Landing folder (COMMUNIQUE_RAW_DIR; default raw/).")
@click.option("--warehouse", type=click.Path(dir_okay=False),
              help="Published DuckDB file (COMMUNIQUE_WAREHOUSE; default warehouse/communique.duckdb).")
@click.option("--wait", "wait_s", type=click.FloatRange(0, 10 ** 7), default=None,
              help="Wait up to SECONDS for a build that holds the warehouse (COMMUNIQUE_LOCK_WAIT; "
                   "default 0: refuse at once, exit code 4).")
@click.option("--allow-removal", is_flag=True,
              help="Let the build remove more than half of the documents (files gone from the folder).")
@click.option("--verbose", is_flag=True,
              help="Show Dagster's and dbt's own logs (else kept in logs/build.log beside the warehouse).")
@click.option("--force", is_flag=True, help="Run every step (and dbt) even when nothing changed.")
@click.option("--debug", is_flag=True, help="Show the full traceback of a failure (as `communique --debug build`).")
def build(raw_dir: str | None, warehouse: str | None, wait_s: float | None, allow_removal: bool,
          verbose: bool, force: bool, debug: bool) -> None:
    """Ingest new articles, extract facts, run dbt (models and tests), publish the marts."""
    if debug:
        os.environ["COMMUNIQUE_DEBUG"] = "1"
    from .config import ConfigError, check_paths, lock_wait_seconds, resolve_paths
    from .lock import WarehouseBusy, writer_lock

    started = time.perf_counter()
    paths = resolve_paths(raw_dir, warehouse)
    try:
        check_paths(paths)
        wait = lock_wait_seconds(0.0) if wait_s is None else wait_s
    except ConfigError as exc:
        raise Failure(str(exc), EXIT_CONFIG) from exc
    os.environ["COMMUNIQUE_PROGRESS"] = "1"
    if allow_removal:
        os.environ["COMMUNIQUE_ALLOW_REMOVAL"] = "1"
    click.echo(f"raw folder:  {paths.raw_dir}\nwarehouse:   {paths.warehouse}", err=True)
    if force:
        os.environ["COMMUNIQUE_FORCE_BUILD"] = "1"
    else:
        from .buildstate import unchanged_since_published

        if unchanged_since_published(paths.work_db, paths.raw_dir, paths.warehouse) is not None:
            click.echo(unchanged_summary(paths))
            click.echo(f"took {time.perf_counter() - started:.1f} s", err=True)
            return
    _keep_log_in(paths, "build")
    try:
        with writer_lock(paths.work_db, wait, on_wait=lambda m: click.echo(m, err=True)):
            result, captured = _run_build_job(verbose or _debug())
            failures = _failures(result)
            tracebacks = "".join(f"\n--- {f.what} ---\n{f.detail}" for f in failures)
            log_file = _write_log(click.get_current_context().meta[_LOG_KEY], (captured + tracebacks).lstrip("\n"))
            summary = build_summary(result, paths)
    except WarehouseBusy as exc:
        raise Failure(f"{exc}; try again later, or wait for it with --wait SECONDS", EXIT_BUSY) from exc
    click.echo(summary)
    click.echo(f"took {time.perf_counter() - started:.1f} s", err=True)
    if not result.success:
        _explain_failure(failures, captured, log_file)


def _run_build_job(verbose: bool):
    """The `build_warehouse` job in this process; dbt's lines captured unless verbose."""
    import dagster as dg

    from .config import executor_name
    from .definitions import build_warehouse_job

    # Dagster's console logger prints a failed step's whole traceback at ERROR: without
    # --verbose the summary and one line per failure say it instead; dbt's own lines
    # (dagster-dbt echoes them on stdout) go to the log file.
    run_config = {} if verbose else {"loggers": {"console": {"config": {"log_level": "CRITICAL"}}}}
    # the CLI holds the writer lock for the whole run (see build)
    run_config["resources"] = {"communique": {"config": {"lock_held_by_launcher": True}}}
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
                                                        run_config=run_config, raise_on_error=False))
    return result, captured.getvalue()


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


class _StepFailure(NamedTuple):
    what: str  # "step ingest_articles failed", or "the run failed" when no step did
    message: str  # the root cause's last line
    detail: str  # Dagster's whole error chain, for the log file
    code: int | None  # the exit code its kind asks for, if it has one


def _failures(result) -> list[_StepFailure]:
    """Each failed step's root cause; the run's own error when it failed outside any step."""
    out = [_failure(f"step {e.step_key} failed", e.event_specific_data.error)
           for e in result.all_events if e.is_step_failure and e.event_specific_data.error is not None]
    if not out and not result.success:
        errors = [e.event_specific_data.error for e in result.all_events if e.is_run_failure]
        out = [_failure("the run failed", error) for error in errors if error is not None]
    return out


def _failure(what: str, error) -> _StepFailure:
    root = error
    while root.cause is not None:
        root = root.cause
    lines = (root.message or error.message).strip().splitlines()
    code = _KINDS.get(root.cls_name) or _KINDS.get(error.cls_name)
    return _StepFailure(what, lines[-1] if lines else root.cls_name, error.to_string(), code)


def _explain_failure(failures: list[_StepFailure], captured: str, log_file: Path | None) -> None:
    """One line per failure naming where its traceback is (printed too under --debug); the
    exit code says which kind."""
    code = EXIT_FAILED
    for f in failures:
        code = f.code or code
        # a refusal of a known kind (busy, mass removal) names its fix; anything else, its traceback
        hint = "" if f.code else f" ({_traceback_hint(log_file)})"
        click.echo(f"{f.what}: {f.message}{hint}", err=True)
        if f.what == "step communique_dbt failed" and captured:
            click.echo(captured[-4000:], err=True)
    if not failures:
        click.echo(f"build failed ({_traceback_hint(log_file)})", err=True)
    if _debug():
        click.echo("\n".join(f.detail for f in failures), err=True)
    raise SystemExit(code)


def _section(label: str, read) -> list[str]:
    """A summary line, or what kept it from being read: the summary never crashes."""
    try:
        return read()
    except Exception as exc:  # noqa: BLE001 - the build's outcome matters more than one summary line
        first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        return [f"{label:<12} (not available: {first[:200]})"]


def build_summary(result, paths) -> str:
    """What a build did, in a few lines: files, documents, set-asides, facts, dbt tests."""
    meta: dict = {}
    for event in result.all_events:
        if event.is_step_materialization:
            mat = event.event_specific_data.materialization
            meta[mat.asset_key.to_user_string()] = {k: v.value for k, v in mat.metadata.items()}
    published = any(e.is_step_success and e.step_key == "published_warehouse" for e in result.all_events)
    lines = _section("files:", lambda: _files_lines(meta))
    lines += _section("facts:", lambda: [_fact_counts(paths.warehouse)] if paths.warehouse.is_file() else [])
    lines += _section("set aside:", lambda: _set_aside_lines(paths))
    lines += _section("dbt tests:", lambda: _checks_lines(result, meta))
    if result.success:
        lines.append("build:       succeeded")
    elif published:
        lines.append("build:       FAILED after publishing (the warehouse file is new; see the failed step)")
    else:
        lines.append("build:       FAILED (the published warehouse was left as it was)")
    return "\n".join(lines)


def _files_lines(meta: dict) -> list[str]:
    files, docs, ext = meta.get("raw/files", {}), meta.get("raw/documents", {}), meta.get("raw/extractions", {})
    line = (f"files:       {files.get('files_seen', 0)} in folder, {files.get('files_read', 0)} read, "
            f"{files.get('files_unchanged', 0)} unchanged, {files.get('files_removed', 0)} removed")
    if files.get("not_files"):
        line += f"; {files['not_files']} not files (folders, links, pipes: see set aside)"
    if files.get("hidden"):
        line += f"; {files['hidden']} hidden (not read)"
    return [line,
            f"documents:   {docs.get('dagster/row_count', 0)} in warehouse "
            f"({docs.get('documents_added', 0)} new, {docs.get('documents_removed', 0)} removed)",
            f"extracted:   {ext.get('documents_extracted', 0)} documents "
            f"({ext.get('documents_off_topic', 0)} not about international relations, "
            f"{ext.get('documents_failed', 0)} failed)"]


def _read(path: Path, sql: str) -> list[tuple]:
    """Rows of one query on a DuckDB file opened read-only (never a lock on the writer's file)."""
    import duckdb

    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def _set_aside_lines(paths) -> list[str]:
    if not paths.work_db.is_file():
        return []
    rejected = _read(paths.work_db, "select record_name, reason, outcome from raw.rejected_files order by record_name")
    aside = [r for r in rejected if r[2] != "ingested with warning"]
    warned = [r for r in rejected if r[2] == "ingested with warning"]
    lines = [f"set aside:   {len(aside)} file(s) or record(s)"]
    lines += [f"  - {name}: {reason}" for name, reason, _ in aside[:20]]
    if len(aside) > 20:
        lines.append(f"  … and {len(aside) - 20} more (table raw.rejected_files)")
    lines += [f"  ! {name}: {reason}" for name, reason, _ in warned[:20]]
    return lines


def _checks_lines(result, meta: dict) -> list[str]:
    if result.success and not any(key.startswith("marts/") for key in meta):
        return ["dbt:         not run (no raw row and no dbt file changed since the published build)"]
    checks = result.get_asset_check_evaluations()
    passed = sum(1 for c in checks if c.passed)
    return [f"dbt tests:   {passed} passed, {len(checks) - passed} failed"]


@main.command()
@click.option("--gold", "gold_dir", required=True, type=click.Path(exists=True, file_okay=False),
              help="Folder of gold JSON files (see the annotation guide).")
@click.option("--warehouse", type=click.Path(exists=True, dir_okay=False), help="Published DuckDB file.")
@click.option("--verbose", is_flag=True, help="List what was missed and what was wrong.")
def eval(gold_dir: str, warehouse: str | None, verbose: bool) -> None:  # noqa: A001 - the command's name
    """Score a built warehouse against gold annotations."""
    from .evaluation import evaluate, format_report

    paths = _command_paths(warehouse, "eval")
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

    from .serve.postgres import publish_to_postgres, redact_dsn

    paths = _command_paths(warehouse, "publish")
    try:
        counts = publish_to_postgres(paths.warehouse, dsn, reader_role=reader_role,
                                     reader_password=reader_password, log=lambda m: None if m.startswith("loaded ") else click.echo(m, err=True))
    except FileNotFoundError as exc:
        raise Failure(f"{exc}; run `communique build` first", EXIT_CONFIG) from exc
    except (ValueError, psycopg.ProgrammingError) as exc:  # a bad DSN or timeout setting
        raise Failure(str(exc).strip().splitlines()[0], EXIT_CONFIG) from exc
    except (TimeoutError, psycopg.OperationalError) as exc:
        first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        raise Failure(f"PostgreSQL: {first} ({redact_dsn(dsn)})", EXIT_POSTGRES) from exc
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
    from .serve.report import build_report

    paths = _command_paths(warehouse, "report")
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
@click.option("--limit", type=click.IntRange(min=0, max=2 ** 62), help="At most N rows.")
def query(name: str | None, list_only: bool, warehouse: str | None, fmt: str, search: str | None,
          pair: str | None, limit: int | None) -> None:
    """Run a saved analysis on the published warehouse (read-only): `communique query --list`."""
    from .serve.analyses import FORMATS, AnalysisError, describe_catalog, run

    if list_only or not name:
        click.echo(describe_catalog())
        return
    import duckdb

    path = _command_paths(warehouse, "query").warehouse
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
