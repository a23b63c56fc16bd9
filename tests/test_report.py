"""The HTML report from the seeds' warehouse: offline, explorable, and what Chromium shows of it."""
from __future__ import annotations

import html
import json
import re
import subprocess
import sys
from urllib.parse import quote

import duckdb
import pytest

from browser import dump_dom, screenshot, visible_text
from conftest import ROOT

from orchestration.serve.report import build_report

CHARTS = {
    "timeline": "Source: marts.fct_meetings",
    "map": "Source: marts.fct_meetings (location, latitude, longitude)",
    "figures": "Source: marts.fct_trade_figures",
    "network": "Source: marts.bridge_meeting_participants",
    "speakers": "Source: marts.fct_statements",
}
DRAWN_IN_PAGE = ("timeline", "map", "figures")  # by the page's script, from the data it carries


@pytest.fixture(scope="session")  # not torn down when xdist runs another module's test in between
def seeds_report(seeds_build, tmp_path_factory):
    out = tmp_path_factory.mktemp("report")
    report = build_report(seeds_build, out)
    return report, report.path.read_text(encoding="utf-8")


def test_report_holds_every_section_with_its_source(seeds_report):
    report, page = seeds_report
    assert report.charts == 5 and report.sections == list(CHARTS)
    for key, caption in CHARTS.items():
        section = re.search(rf'<section id="{key}" class="chart">(.*?)</section>', page, re.S)
        assert section, key
        assert caption in section.group(1), f"{key}: no source caption"
        if key not in DRAWN_IN_PAGE:
            assert f'id="chart-{key}"' in section.group(1), f"{key}: no plot"
    assert report.counts["dim_documents"] == 5
    assert re.search(r'data-table="marts.dim_documents"><b>5</b>', page)
    assert 'id="built-at"' in page


def test_report_carries_the_facts_with_their_sentences(seeds_report):
    _, page = seeds_report
    data = json.loads(re.search(r'<script type="application/json" id="report-data">(.*?)</script>', page, re.S)
                      .group(1).replace("<\\/", "</"))
    assert data["meetings"] and data["figures"] and len(data["outlines"]) > 150
    assert all(m["evidence"] and m["evidence"][0]["sentence"] for m in data["meetings"])
    placed = [m for m in data["meetings"] if m["lat"] is not None]
    assert placed and all(-90 <= m["lat"] <= 90 and -180 <= m["lon"] <= 180 for m in placed)
    figure = next(f for f in data["figures"] if f["raw"] == "$240 billion")
    assert figure["pair"] == "CHN-RUS" and figure["kind"] == "reported" and figure["category"] == "trade"
    assert "$240 billion" in figure["evidence"][0]["sentence"]


def test_report_needs_no_network(seeds_report):
    _, page = seeds_report
    external = re.findall(r'<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)\s*=\s*["\']?(?:https?:)?//',
                          page, re.I)
    assert external == []
    assert re.search(r"@import\s+url\(\s*['\"]?(?:https?:)?//", page) is None
    assert page.count("<script type=\"text/javascript\">") == 2  # plotly.js inlined once, and the page's script
    assert "Plotly.newPlot" in page and "Plotly.react" in page
    assert "topojson" not in page.split("</style>", 1)[1].split("<script", 1)[0]


def test_empty_warehouse_gives_a_page_not_an_error(tmp_path):
    empty = tmp_path / "empty.duckdb"
    duckdb.connect(str(empty)).close()
    report = build_report(empty, tmp_path / "out")
    page = report.path.read_text(encoding="utf-8")
    assert report.charts == 0
    assert "No meetings yet." in page and "No trade figures yet." in page and "No statements yet." in page
    for caption in CHARTS.values():
        assert caption in page
    assert 'data-ready="1"' in dump_dom(report.path.as_uri())  # the script runs on an empty page too


def test_report_command_prints_the_path(seeds_build, tmp_path):
    proc = subprocess.run([sys.executable, "-m", "orchestration.cli", "report", "--warehouse", str(seeds_build),
                           "--out", str(tmp_path / "r")], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == str(tmp_path / "r" / "index.html")
    assert (tmp_path / "r" / "index.html").stat().st_size > 1_000_000


def _shown(dom: str) -> dict[str, int]:
    return {k: int(re.search(rf'id="shown-{k}">(\d+)<', dom).group(1)) for k in ("timeline", "undated", "map", "figures")}


def test_chromium_renders_the_charts(seeds_report, tmp_path):
    report, _ = seeds_report
    url = report.path.as_uri()
    dom = dump_dom(url)
    assert 'data-ready="1"' in dom, "the page's script did not finish"
    for key in ("timeline", "map", "network", "speakers"):
        div = re.search(rf'<div id="chart-{key}"[^>]*class="[^"]*js-plotly-plot', dom)
        assert div, f"plotly did not draw chart {key}"
    assert re.search(r'<div id="chart-figures-0"[^>]*class="[^"]*js-plotly-plot', dom)
    shown = _shown(dom)
    assert shown["timeline"] > 0 and shown["map"] > 0 and shown["figures"] > 0
    text = visible_text(dom)
    for words in ("Meetings over time", "Where they met", "Who meets whom", "Top speakers", "Vladimir Putin",
                  "Xi Jinping", "trade · USD", "Undated and year-only meetings"):
        assert words in text, words
    png = tmp_path / "report.png"
    width, height = screenshot(url, png, window=(1280, 3200))
    assert (width, height) == (1280, 3200)
    assert png.stat().st_size > 60_000  # charts, not a blank page


def test_filters_change_what_is_drawn(seeds_report):
    """The filters live in the URL's fragment: opening the page with them is applying them."""
    report, page = seeds_report
    url = report.path.as_uri()
    everything = _shown(dump_dom(url))
    data = json.loads(re.search(r'id="report-data">(.*?)</script>', page, re.S).group(1).replace("<\\/", "</"))
    dated = [m for m in data["meetings"] if m["date"]]
    actor = min({a for m in dated for a in m["actors"]}, key=lambda a: (sum(a in m["actors"] for m in dated), a))
    expected = sum(actor in m["actors"] for m in dated)
    filtered = _shown(dump_dom(f"{url}#actor={quote(actor)}"))
    assert 0 < filtered["timeline"] == expected < everything["timeline"], actor
    kind = dated[0]["type"]
    assert _shown(dump_dom(f"{url}#type={kind}"))["timeline"] == sum(m["type"] == kind for m in dated)
    late = _shown(dump_dom(f"{url}#from=2099-01-01"))
    assert late["timeline"] == late["map"] == late["figures"] == 0


def test_drill_down_shows_the_sentence_and_the_article(seeds_report):
    report, page = seeds_report
    data = json.loads(re.search(r'id="report-data">(.*?)</script>', page, re.S).group(1).replace("<\\/", "</"))
    meeting = next(m for m in data["meetings"] if m["date"] and m["evidence"])
    dom = dump_dom(f"{report.path.as_uri()}#drill=m:{meeting['id']}")
    panel = re.search(r'<aside id="drill">(.*?)</aside>', dom, re.S)
    assert panel, "the drill-down panel did not open"
    text = html.unescape(visible_text(panel.group(1)))
    assert " ".join(meeting["evidence"][0]["sentence"].split()) in text
    assert meeting["evidence"][0]["file"] in text
    figure = next(f for f in data["figures"] if f["raw"] == "$240 billion")
    panel = re.search(r'<aside id="drill">(.*?)</aside>', dump_dom(f"{report.path.as_uri()}#drill=f:{figure['id']}"), re.S)
    assert panel and "$240 billion" in visible_text(panel.group(1)) and "reported" in panel.group(1)


def test_a_large_warehouse_gives_a_page_of_its_best_attested_facts_and_says_so(seeds_build, tmp_path, monkeypatch):
    """At 100,000 articles a page with every fact weighed 154 MB; the page carries a few
    thousand of each kind and names the table that holds them all."""
    from orchestration.serve import explorer

    con = duckdb.connect(str(seeds_build), read_only=True)
    total, best = con.execute("select count(*), max(source_count) from marts.fct_meetings").fetchone()
    figures = con.execute("select count(*) from reporting.rpt_trade_figures").fetchone()[0]
    con.close()
    assert total > 1 and figures > 1
    monkeypatch.setattr(explorer, "EXPLORER_LIMIT", 1)
    report = build_report(seeds_build, tmp_path)
    page = report.path.read_text(encoding="utf-8")
    data = json.loads(re.search(r'<script type="application/json" id="report-data">(.*?)</script>', page,
                                re.S).group(1).replace("<\\/", "</"))
    assert len(data["meetings"]) == 1 and data["meetings"][0]["sources"] == best
    assert len(data["figures"]) == 1
    assert f"This page carries 1 of the {total:,} meetings" in html.unescape(page)
    assert "marts.fct_meetings holds them all" in page
    assert f"1 of the {figures:,} trade figures" in html.unescape(page)
