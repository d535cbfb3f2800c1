"""Time the web page: its load, and the validation round trip while a clerk types.

    uv run python bench/web.py [--repeat 20]

Serves the page (reportgen.web, in this process) on a free port of 127.0.0.1 and drives Debian's
Chromium (playwright, headless). The report is examples/self-inspection-district-2022.yaml, which
renders to 12 pages. It times:

- page load: from navigation to the page being ready (the schema and the folder's files loaded);
- opening the report: from the click in the file list to the form shown and checked;
- the validation round trip: one keystroke in the YAML view → the request the page sends
  (debounced) → the server's check → the answer shown. Counted from the request's start to the
  problems list redrawn (the debounce itself, 250 ms after the last keystroke, is not counted),
  with the server's own part (``server_ms``) alongside;
- an edit in the form: the field's edit applied to the YAML text, checked and answered.

Medians are reported, since a shared virtual CPU drifts.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests"))

from reportgen.web.app import Settings  # noqa: E402
from webserver import launch_chromium, running  # noqa: E402

REPORT = ROOT / "examples" / "self-inspection-district-2022.yaml"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    folder = Path(tempfile.mkdtemp(prefix="reportgen-bench-web-"))
    shutil.copy(REPORT, folder / "report.yaml")
    loads, opens, trips, servers, edits = [], [], [], [], []
    with running(Settings(token="bench-token", folder=folder)) as base, sync_playwright() as p:
        browser = launch_chromium(p, shutil.which("chromium") or "/usr/bin/chromium")
        for _ in range(5):
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            start = time.perf_counter()
            page.goto(f"{base}/?token=bench-token")
            page.wait_for_function("window.reportgenReady === true")
            loads.append(time.perf_counter() - start)
            start = time.perf_counter()
            page.click("#file-list button:text-is('report.yaml')")
            page.wait_for_selector("#pane-form .group")
            page.wait_for_function("doc.checked === doc.text")
            opens.append(time.perf_counter() - start)
            page.close()
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        page.goto(f"{base}/?token=bench-token")
        page.wait_for_function("window.reportgenReady === true")
        page.click("#file-list button:text-is('report.yaml')")
        page.wait_for_function("doc.checked === doc.text")
        page.click("button[data-tab=yaml]")
        page.click("#yaml")
        page.keyboard.press("Control+End")
        for i in range(args.repeat):
            page.evaluate("window.lastRoundTrip = null")
            if i % 2 == 0:
                page.keyboard.type("#")
            else:
                page.keyboard.press("Backspace")
            page.wait_for_function("window.lastRoundTrip !== null && doc.checked === doc.text")
            trips.append(page.evaluate("window.lastRoundTrip") / 1000)
            servers.append(float(page.inner_text("#timing").split("服务器 ")[1].split(" ")[0]))
        page.click("button[data-tab=form]")
        field = page.locator("textarea").first
        for i in range(args.repeat):
            page.evaluate("window.lastRoundTrip = null")
            field.fill(f"天津市某区 {i}")
            page.wait_for_function("window.lastRoundTrip !== null && !editing")
            edits.append(page.evaluate("window.lastRoundTrip") / 1000)
        browser.close()
    shutil.rmtree(folder, ignore_errors=True)

    def ms(values: list[float]) -> str:
        return f"{statistics.median(values) * 1000:6.0f} ms (min {min(values) * 1000:.0f})"

    print(f"report: {REPORT.name} ({REPORT.stat().st_size // 1024} KB, 12 pages)")
    print(f"page load (navigation → ready):        {ms(loads)}")
    print(f"open the report (form shown, checked): {ms(opens)}")
    print(f"validation round trip (YAML view):     {ms(trips)}")
    print(f"  of which the server's check:         {statistics.median(servers):6.1f} ms")
    print(f"form edit round trip (edit + check):   {ms(edits)}")


if __name__ == "__main__":
    main()
