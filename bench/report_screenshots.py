"""Screenshots of the report for issue 13's acceptance: a filter applied, and a drill-down open.

    uv run python bench/report_screenshots.py --warehouse warehouse/communique.duckdb --out docs/screenshots

Writes the report of the warehouse (as `communique report` does) to a temporary folder and
opens it in headless Chromium twice, through the URL fragment the page reads its filters
from (tests/test_report.py drives it the same way, so no clicking is scripted):

  report-filter.png     the filter bar set to a country pair and an actor (--pair, --actor;
                        by default the pair with the most dated meetings and its most
                        frequent actor)
  report-drilldown.png  the same filters, with the drill-down of their best-reported dated
                        meeting open: the evidence sentences and their articles

Before saving, the drill-down's text is checked to hold the meeting's sentence, so a
picture of an empty panel is never taken for evidence. Chromium is driven by
tests/browser.py, the helper the report's tests use.
"""
from __future__ import annotations

import argparse
import html
import importlib.util
import json
import re
import tempfile
from collections import Counter
from pathlib import Path
from urllib.parse import urlencode

from orchestration.serve.report import build_report

ROOT = Path(__file__).resolve().parent.parent
WINDOW = (1400, 1400)


def _browser():
    """tests/browser.py, loaded by path: one Chromium driver for the tests and this script."""
    spec = importlib.util.spec_from_file_location("browser", ROOT / "tests" / "browser.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def page_data(page: str) -> dict:
    """The meetings and figures the page carries (its report-data script element)."""
    raw = re.search(r'id="report-data">(.*?)</script>', page, re.S).group(1)
    return json.loads(raw.replace("<\\/", "</"))


def choose_filter(meetings: list[dict], pair: str | None, actor: str | None) -> dict[str, str]:
    """The filters asked for; by default the country pair with the most dated meetings and the
    actor in most of that pair's meetings (two filters at once narrow the seeds' page visibly)."""
    if pair or actor:
        return {k: v for k, v in (("pair", pair), ("actor", actor)) if v}
    dated = [m for m in meetings if m["date"]]
    pairs = Counter(p for m in dated for p in m["pairs"])
    if not pairs:
        raise SystemExit("no dated meeting between two countries in this warehouse: pass --actor")
    top = min(pairs, key=lambda p: (-pairs[p], p))
    actors = Counter(a for m in meetings if top in m["pairs"] for a in m["actors"])
    return {"pair": top, "actor": min(actors, key=lambda a: (-actors[a], a))}


def choose_meeting(meetings: list[dict], chosen: dict[str, str]) -> dict:
    """The filter's dated meeting with the most reports (evidence sentences), for the drill-down."""
    kept = [m for m in meetings if m["date"] and m["evidence"]
            and chosen.get("pair", "") in m["pairs"] + [""] and chosen.get("actor", "") in m["actors"] + [""]]
    if not kept:
        raise SystemExit(f"no dated meeting with evidence matches {chosen}")
    return min(kept, key=lambda m: (-len(m["evidence"]), m["date"], m["id"]))


def drill_text(browser, url: str) -> str:
    """The visible text of the open drill-down panel ('' when it did not open)."""
    panel = re.search(r'<aside id="drill">(.*?)</aside>', browser.dump_dom(url, window=WINDOW), re.S)
    return html.unescape(browser.visible_text(panel.group(1))) if panel else ""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--warehouse", type=Path, default=ROOT / "warehouse" / "communique.duckdb")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--pair", help="country pair to filter on, as the page names it (CHN-RUS)")
    parser.add_argument("--actor", help="actor to filter on (Vladimir Putin)")
    args = parser.parse_args(argv)
    browser = _browser()
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="communique-report-") as tmp:
        report = build_report(args.warehouse, tmp)
        meetings = page_data(report.path.read_text(encoding="utf-8"))["meetings"]
        chosen = choose_filter(meetings, args.pair, args.actor)
        meeting = choose_meeting(meetings, chosen)
        base = report.path.as_uri()
        drill = f"{base}#{urlencode({**chosen, 'drill': 'm:' + meeting['id']})}"
        sentence = " ".join(meeting["evidence"][0]["sentence"].split())
        if sentence not in drill_text(browser, drill):
            raise SystemExit(f"the drill-down of meeting {meeting['id']} does not show its sentence")
        shots = {"report-filter.png": f"{base}#{urlencode(chosen)}", "report-drilldown.png": drill}
        for name, url in shots.items():
            browser.screenshot(url, args.out / name, window=WINDOW)
    print(f"filter: {chosen}; drill-down: meeting {meeting['id']} ({meeting['date']}), "
          f"{len(meeting['evidence'])} sentence(s): {sentence[:100]}")
    for name in shots:
        print(args.out / name)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
