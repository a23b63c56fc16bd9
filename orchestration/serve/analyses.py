"""Saved analyses: named, documented queries over the `reporting` tables.

Each analysis is a plain SELECT (WHERE / ORDER BY / LIMIT, bound parameters) that runs
unchanged on DuckDB (the published file) and on PostgreSQL (the schema the `postgres`
publisher copies there). The SQL is written once with `?` markers; `render()` turns them
into the placeholder style of the driver:

    qmark    ?        DuckDB (Python)
    numeric  $1, $2   DuckDB, PostgreSQL prepared statements, psql's \\bind
    format   %s       psycopg (a literal % in the SQL is doubled)

    >>> sql, values = build_query("relationship_timeline", pair="RUS-CHN", limit=5, style="format")
    >>> result = run(con, "statements", search="multipolar")   # DuckDB or psycopg connection
    >>> result.columns, result.rows

No Dagster here, and no driver import at module level: this module is shared by the CLI,
the tests, the PostgreSQL soak and the HTML report.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

PLACEHOLDER_STYLES = ("qmark", "numeric", "format")
PARAMETERS = ("search", "pair", "limit")


@dataclass(frozen=True)
class Analysis:
    name: str
    description: str
    table: str                      # the reporting table it reads (schema-qualified)
    columns: tuple[str, ...]        # the columns it returns, in order
    order_by: str                   # ORDER BY clause body
    search_columns: tuple[str, ...] = ()   # --search: case-insensitive substring in any of these
    search_help: str = ""
    # --pair: "columns" (country_a = ? and country_b = ?), "countries" (a comma-separated code list
    # holds both) or "actor_countries" (an actor-network edge between the two countries)
    pair_filter: str | None = None
    requires: tuple[str, ...] = ()  # parameters that must be given
    params: tuple[str, ...] = field(init=False)

    def __post_init__(self) -> None:
        names = []
        if self.search_columns:
            names.append("search")
        if self.pair_filter:
            names.append("pair")
        names.append("limit")
        object.__setattr__(self, "params", tuple(names))


ANALYSES: dict[str, Analysis] = {a.name: a for a in (
    Analysis(
        name="meetings_per_month_by_pair",
        description="Meetings per month by country pair (a meeting among A, B and C counts for each pair; "
                    "'undated' and year-only meetings have their own rows).",
        table="reporting.rpt_meetings_per_month_by_pair",
        columns=("pair", "country_a_name", "country_b_name", "period_label", "meetings", "meetings_held",
                 "meetings_planned", "reports", "meeting_types"),
        order_by="pair, meeting_year nulls last, meeting_month nulls last, period_label",
        pair_filter="columns",
    ),
    Analysis(
        name="actor_network",
        description="Who meets whom most: actor pairs that took part in the same meetings, with counts and "
                    "first and last meeting.",
        table="reporting.rpt_actor_network",
        columns=("actor_a_name", "actor_a_country", "actor_b_name", "actor_b_country", "meetings",
                 "first_meeting_date", "last_meeting_date", "last_meeting_location"),
        order_by="meetings desc, last_meeting_date desc nulls last, actor_a_name, actor_b_name, "
                 "actor_a_id, actor_b_id",
        search_columns=("actor_a_name", "actor_b_name"),
        search_help="actor name contains WORD",
        pair_filter="actor_countries",
    ),
    Analysis(
        name="statements_by_speaker",
        description="Statements by speaker over time: speaker, month (of the statement, else of the article), "
                    "direct or indirect, how many.",
        table="reporting.rpt_statements_by_speaker",
        columns=("speaker_name", "speaker_country", "period_label", "statement_kind", "statements", "documents"),
        order_by="statements desc, speaker_name nulls last, speaker_actor_id nulls last, statement_month nulls last, "
                 "statement_kind",
        search_columns=("speaker_name",),
        search_help="speaker name contains WORD",
    ),
    Analysis(
        name="statements",
        description="Statements one by one, for keyword search on the quote text (--search WORD): who said it, "
                    "when, direct or reported, and the article.",
        table="reporting.rpt_statements",
        columns=("statement_date", "published_date", "speaker_name", "statement_kind", "quote_text",
                 "document_title", "document_url", "file_name"),
        order_by="coalesce(statement_date, published_date) nulls last, file_name, char_start, statement_id",
        search_columns=("quote_text",),
        search_help="quote text contains WORD",
        pair_filter="countries",
    ),
    Analysis(
        name="trade_figures_by_measure_period",
        description="Trade figures by measure category, countries, kind (reported, target, forecast, estimate) "
                    "and period, with the spread where sources report different numbers for the same thing; "
                    "sources_disagree when they differ by more than 2%.",
        table="reporting.rpt_trade_figures_by_measure_period",
        columns=("measure_category", "from_country_code", "to_country_code", "figure_kind", "unit", "period",
                 "reports", "distinct_values", "min_value", "max_value", "spread_pct", "sources_disagree",
                 "values_by_source"),
        order_by="sources_disagree desc, period desc nulls last, measure_category, countries nulls last, "
                 "figure_kind, unit",
        search_columns=("measure_category", "measures_list"),
        search_help="category or measure contains WORD",
        pair_filter="countries",
    ),
    Analysis(
        name="relationship_timeline",
        description="A timeline of one relationship (--pair AAA-BBB): every meeting, statement and trade figure "
                    "involving both countries, with its date and article.",
        table="reporting.rpt_relationship_timeline",
        columns=("timeline_date", "period_label", "event_kind", "summary", "document_title", "file_name"),
        order_by="timeline_date nulls last, event_kind, event_id",
        search_columns=("summary", "detail"),
        search_help="summary or detail contains WORD",
        pair_filter="columns",
        requires=("pair",),
    ),
)}


@dataclass
class Result:
    columns: list[str]
    rows: list[tuple]


class AnalysisError(ValueError):
    """A wrong analysis name or parameter (the CLI shows it as a usage error)."""


def list_analyses() -> list[Analysis]:
    return list(ANALYSES.values())


def parse_pair(pair: str) -> tuple[str, str]:
    """'RUS-CHN', 'chn,rus', 'CHN RUS' → ('CHN', 'RUS'): two ISO alpha-3 codes, alphabetical."""
    codes = [c for c in re.split(r"[^A-Za-z]+", pair.strip()) if c]
    if len(codes) != 2 or not all(len(c) == 3 for c in codes) or codes[0].upper() == codes[1].upper():
        raise AnalysisError(f"--pair wants two different ISO alpha-3 country codes like CHN-RUS, not {pair!r}")
    a, b = sorted(c.upper() for c in codes)
    return a, b


def render(sql: str, style: str) -> str:
    """SQL written with `?` markers in the placeholder style of a driver (see PLACEHOLDER_STYLES).

    The catalog's SQL holds no `?` inside string literals, so every `?` is a parameter.
    """
    if style == "qmark":
        return sql
    if style == "numeric":
        counter = iter(range(1, sql.count("?") + 1))
        return re.sub(r"\?", lambda _: f"${next(counter)}", sql)
    if style == "format":
        return sql.replace("%", "%%").replace("?", "%s")
    raise AnalysisError(f"unknown placeholder style {style!r}; one of {', '.join(PLACEHOLDER_STYLES)}")


def build_query(name: str, *, search: str | None = None, pair: str | None = None,
                limit: int | None = None, style: str = "qmark") -> tuple[str, list[Any]]:
    """The SQL of one analysis with its parameters bound, as (sql, values) for the given style."""
    analysis = ANALYSES.get(name.replace("-", "_"))
    if analysis is None:
        raise AnalysisError(f"no analysis {name!r}; `communique query --list` shows them")
    given = {"search": search, "pair": pair, "limit": limit}
    for param, value in given.items():
        if value is not None and param not in analysis.params:
            raise AnalysisError(f"{analysis.name} takes no --{param} (it takes: "
                                f"{', '.join('--' + p for p in analysis.params)})")
    for param in analysis.requires:
        if given[param] in (None, ""):
            raise AnalysisError(f"{analysis.name} needs --{param}")

    where: list[str] = []
    values: list[Any] = []
    if search not in (None, ""):
        word = str(search).strip().lower()
        where.append("(" + " or ".join(
            f"strpos(lower(coalesce({c}, '')), cast(? as varchar)) > 0" for c in analysis.search_columns) + ")")
        values += [word] * len(analysis.search_columns)
    if pair not in (None, ""):
        a, b = parse_pair(pair)
        if analysis.pair_filter == "columns":
            where.append("country_a = cast(? as varchar) and country_b = cast(? as varchar)")
            values += [a, b]
        elif analysis.pair_filter == "countries":
            # `countries` is a sorted comma-separated list of codes ("CHN,RUS,USA").
            where.append("strpos(',' || coalesce(countries, '') || ',', cast(? as varchar)) > 0 "
                         "and strpos(',' || coalesce(countries, '') || ',', cast(? as varchar)) > 0")
            values += [f",{a},", f",{b},"]
        elif analysis.pair_filter == "actor_countries":
            where.append("((actor_a_country = cast(? as varchar) and actor_b_country = cast(? as varchar)) "
                         "or (actor_a_country = cast(? as varchar) and actor_b_country = cast(? as varchar)))")
            values += [a, b, b, a]
    sql = f"select {', '.join(analysis.columns)}\nfrom {analysis.table}"
    if where:
        sql += "\nwhere " + "\n  and ".join(where)
    sql += f"\norder by {analysis.order_by}"
    if limit is not None:
        if int(limit) < 0:
            raise AnalysisError("--limit must be 0 or more")
        sql += "\nlimit ?"
        values.append(int(limit))
    return render(sql, style), values


def style_for(con: Any) -> str:
    """The placeholder style of a connection: psycopg wants %s, DuckDB takes ?."""
    module = type(con).__module__
    return "format" if module.startswith("psycopg") else "qmark"


def run(con: Any, name: str, **params: Any) -> Result:
    """Run one analysis on a DuckDB or psycopg connection: column names and rows."""
    sql, values = build_query(name, style=style_for(con), **params)
    if style_for(con) == "format":
        with con.cursor() as cur:
            cur.execute(sql, values)
            columns = [d.name for d in cur.description]
            rows = cur.fetchall()
        return Result(columns, [tuple(r) for r in rows])
    cur = con.execute(sql, values)
    columns = [d[0] for d in cur.description]
    return Result(columns, cur.fetchall())


# --- output: a terminal table, CSV, JSON ---------------------------------------------------

def _plain(value: Any) -> Any:
    """A cell as JSON/CSV wants it: dates as ISO text, whole floats without '.0'."""
    import datetime as dt
    from decimal import Decimal

    if isinstance(value, Decimal):
        value = float(value)
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e18:
        return int(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def format_table(result: Result, max_width: int = 60, total_width: int | None = None) -> str:
    """Aligned columns for a terminal; long text cut with '…', numbers right-aligned.

    No cell is wider than max_width; with total_width (the terminal's), the widest columns
    are narrowed further (down to 12 characters) until a row fits.
    """
    texts = [[_cell_text(v) for v in row] for row in result.rows]
    numeric = [any(r[i] is not None for r in result.rows)
               and all(isinstance(r[i], (int, float)) or r[i] is None for r in result.rows)
               for i in range(len(result.columns))]
    widths = [min(max_width, max([len(c)] + [len(r[i]) for r in texts])) for i, c in enumerate(result.columns)]
    if total_width:
        while sum(widths) + 2 * (len(widths) - 1) > total_width:
            widest = max(range(len(widths)), key=lambda i: widths[i])
            if widths[widest] <= 12:
                break
            widths[widest] -= 1

    def cut(text: str, width: int) -> str:
        return text if len(text) <= width else text[: max(width - 1, 0)] + "…"

    def line(cells: list[str]) -> str:
        return "  ".join(cut(c, w).rjust(w) if num else cut(c, w).ljust(w)
                         for c, w, num in zip(cells, widths, numeric)).rstrip()

    out = [line(list(result.columns)), "  ".join("-" * w for w in widths)]
    out += [line(r) for r in texts]
    out.append(f"({len(texts)} row{'s' if len(texts) != 1 else ''})")
    return "\n".join(out)


def _cell_text(value: Any) -> str:
    value = _plain(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return " ".join(str(value).split())


def format_csv(result: Result) -> str:
    import csv
    import io

    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(result.columns)
    for row in result.rows:
        writer.writerow(["" if v is None else _plain(v) for v in row])
    return buf.getvalue()


def format_json(result: Result) -> str:
    import json

    return json.dumps([{c: _plain(v) for c, v in zip(result.columns, row)} for row in result.rows],
                      ensure_ascii=False, indent=2)


FORMATS = {"table": format_table, "csv": format_csv, "json": format_json}


def describe_catalog() -> str:
    """`communique query --list`: each analysis, its options and what it answers."""
    lines = []
    for a in list_analyses():
        options = " ".join(f"[--{p}{' AAA-BBB' if p == 'pair' else ' WORD' if p == 'search' else ' N'}]"
                           if p not in a.requires else f"--{p} AAA-BBB" for p in a.params)
        lines.append(f"{a.name}  {options}")
        lines.append(f"    {a.description}")
        if a.search_help:
            lines.append(f"    --search: {a.search_help}")
        lines.append(f"    table: {a.table}")
    return "\n".join(lines)
