"""The HTML report: four charts from the seeds' warehouse, offline, and what Chromium shows of it."""
from __future__ import annotations

import re
import subprocess
import sys

import duckdb
import pytest

from browser import dump_dom, screenshot, visible_text
from conftest import ROOT

from orchestration.serve.report import build_report

CHARTS = {
    "meetings": "Source: marts.fct_meetings",
    "figures": "Source: marts.fct_trade_figures",
    "network": "Source: marts.bridge_meeting_participants",
    "speakers": "Source: marts.fct_statements",
}


@pytest.fixture(scope="module")
def seeds_report(seeds_build, tmp_path_factory):
    out = tmp_path_factory.mktemp("report")
    report = build_report(seeds_build, out)
    return report, report.path.read_text(encoding="utf-8")


def test_report_holds_four_charts_with_their_sources(seeds_report):
    report, page = seeds_report
    assert report.charts == 4 and report.sections == list(CHARTS)
    for key, caption in CHARTS.items():
        section = re.search(rf'<section id="{key}" class="chart">(.*?)</section>', page, re.S)
        assert section, key
        assert f'id="chart-{key}"' in section.group(1), f"{key}: no plot"
        assert caption in section.group(1), f"{key}: no source caption"
    assert report.counts["dim_documents"] == 5
    assert re.search(r'data-table="marts.dim_documents"><b>5</b>', page)
    assert 'id="built-at"' in page


def test_report_needs_no_network(seeds_report):
    _, page = seeds_report
    external = re.findall(r'<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)\s*=\s*["\']?(?:https?:)?//',
                          page, re.I)
    assert external == []
    assert re.search(r"@import\s+url\(\s*['\"]?(?:https?:)?//", page) is None
    assert page.count("<script type=\"text/javascript\">") == 1  # plotly.js inlined once
    assert "Plotly.newPlot" in page


def test_report_hover_shows_source_and_raw_text(seeds_report):
    _, page = seeds_report
    # The seeds' $240 billion figure: its raw text and its source line are in the hover text.
    assert "$240" in page and "source: " in page


def test_empty_warehouse_gives_a_page_not_an_error(tmp_path):
    empty = tmp_path / "empty.duckdb"
    duckdb.connect(str(empty)).close()
    report = build_report(empty, tmp_path / "out")
    page = report.path.read_text(encoding="utf-8")
    assert report.charts == 0
    assert "No meetings yet." in page and "No trade figures yet." in page and "No statements yet." in page
    for caption in CHARTS.values():
        assert caption in page


def test_report_command_prints_the_path(seeds_build, tmp_path):
    proc = subprocess.run([sys.executable, "-m", "orchestration.cli", "report", "--warehouse", str(seeds_build),
                           "--out", str(tmp_path / "r")], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == str(tmp_path / "r" / "index.html")
    assert (tmp_path / "r" / "index.html").stat().st_size > 1_000_000


def test_chromium_renders_the_charts(seeds_report, tmp_path):
    report, _ = seeds_report
    url = report.path.as_uri()
    dom = dump_dom(url)
    for key in CHARTS:
        div = re.search(rf'<div id="chart-{key}"[^>]*class="[^"]*js-plotly-plot', dom)
        assert div, f"plotly did not draw chart {key}"
    assert dom.count('class="main-svg"') >= 8  # two SVG layers per plot
    text = visible_text(dom)
    for words in ("Meetings over time", "Who meets whom", "Top speakers", "Vladimir Putin", "Xi Jinping",
                  "USD (billion)", "statements"):
        assert words in text, words
    png = tmp_path / "report.png"
    width, height = screenshot(url, png, window=(1280, 3200))
    assert (width, height) == (1280, 3200)
    assert png.stat().st_size > 60_000  # charts, not a blank page
