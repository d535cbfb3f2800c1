"""Screenshots of the web page's main screens for docs/ and the README, taken from the real page.

    uv run python tools/screenshots.py

Serves the page (in this process) over a folder holding copies of the examples, drives Debian's
Chromium (playwright, headless) through what a clerk does, and writes docs/screenshots/*.png:
home.png (the start), form.png (the form), errors.png (a problem at its field), yaml.png (the YAML
view with the line marked), warnings.png (a number check beside its figure), preview.png (the
rendered pages) and batch.png (a batch done).
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests"))

from reportgen.web.app import Settings  # noqa: E402
from webserver import NUMBERS, launch_chromium, running  # noqa: E402

OUT = ROOT / "docs" / "screenshots"
SIZE = {"width": 1360, "height": 860}


def main() -> None:
    from playwright.sync_api import sync_playwright

    folder = Path(tempfile.mkdtemp(prefix="reportgen-shots-"))
    (folder / "我的报告").mkdir()
    for example in sorted((ROOT / "examples").glob("*.yaml")):
        shutil.copy(example, folder / "我的报告" / example.name)
    (folder / "数字.yaml").write_text(NUMBERS, encoding="utf-8")
    OUT.mkdir(parents=True, exist_ok=True)
    with running(Settings(token="shots", folder=folder)) as base, sync_playwright() as p:
        browser = launch_chromium(p, shutil.which("chromium") or "/usr/bin/chromium")
        page = browser.new_page(viewport=SIZE, device_scale_factor=1)
        page.goto(f"{base}/?token=shots")
        page.wait_for_function("window.reportgenReady === true")
        page.screenshot(path=OUT / "home.png")

        page.click("#file-list button:text-is('我的报告/rectification-yuecheng-2019.yaml')")
        page.wait_for_selector("#pane-form .group")
        page.wait_for_function("doc.checked === doc.text")
        page.locator('.group[data-path="problems"]').scroll_into_view_if_needed()
        page.evaluate("document.querySelector('#pane-form').scrollTop -= 120")
        page.screenshot(path=OUT / "form.png")

        page.fill('input[data-path="date"]', "2021-13-45")
        page.wait_for_selector('.field.has-error[data-path="date"]')
        page.evaluate(
            "document.querySelector('.field[data-path=\"date\"]').scrollIntoView({block: 'center'})"
        )
        page.screenshot(path=OUT / "errors.png")

        page.click("button[data-tab=yaml]")
        page.click("#issue-list li")
        page.wait_for_timeout(300)
        page.screenshot(path=OUT / "yaml.png")

        page.click("button[data-tab=form]")
        page.fill('input[data-path="date"]', "2021-04-01")
        page.wait_for_selector("#status.ok")
        page.click("button[data-tab=preview]")
        page.wait_for_selector("#preview img, #preview .sheet", timeout=120_000)
        page.wait_for_timeout(500)
        page.screenshot(path=OUT / "preview.png")

        page.evaluate("doc.dirty = false")
        page.click("#b-home")
        page.click("#file-list button:text-is('数字.yaml')")
        page.wait_for_selector("#status.warn")
        page.evaluate(
            "document.querySelector('.field[data-path=\"body[0].body[1].figures[0].value\"]')"
            ".scrollIntoView({block: 'center'})"
        )
        page.screenshot(path=OUT / "warnings.png")
        page.click("#b-home")
        page.click("#b-batch")
        examples = sorted((ROOT / "examples").glob("*.yaml"))
        page.set_input_files("input[name=files]", [str(p) for p in examples])
        page.evaluate("showPicked(document.querySelector('input[name=files]'))")
        page.click("#batch-form button[type=submit]")
        page.wait_for_selector("#batch-download", timeout=180_000)
        page.screenshot(path=OUT / "batch.png")
        browser.close()
    shutil.rmtree(folder, ignore_errors=True)
    for shot in sorted(OUT.glob("*.png")):
        print(shot.relative_to(ROOT))


if __name__ == "__main__":
    main()
