"""The web page in a real browser (Debian's Chromium, driven by playwright): the paths a clerk
takes, from opening a report to the downloaded .docx, checked on what the page shows."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from reportgen.check.styles import check_docx
from reportgen.soffice import find_soffice
from reportgen.web.app import Settings
from support import EXAMPLES, GOOD, chromium
from webserver import NUMBERS, launch_chromium, running

pytestmark = pytest.mark.browser
TOKEN = "browser-token-123456"


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("clerk")
    (root / "越城区.yaml").write_text(GOOD, encoding="utf-8")
    spoiled = GOOD.replace("date: 2021-04-01", "date: 2021-13-45")
    assert spoiled != GOOD
    (root / "有错.yaml").write_text(spoiled, encoding="utf-8")
    (root / "数字.yaml").write_text(NUMBERS, encoding="utf-8")
    example = EXAMPLES / "rectification-yuecheng-2019.yaml"
    (root / "示例.yaml").write_text(example.read_text(encoding="utf-8"), encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def url(folder) -> str:
    with running(Settings(token=TOKEN, folder=folder)) as base:
        yield f"{base}/?token={TOKEN}"


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = launch_chromium(p, chromium())
        yield b
        b.close()


@pytest.fixture
def page(browser, url):
    context = browser.new_context(viewport={"width": 1400, "height": 900}, accept_downloads=True)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(url)
    page.wait_for_function("window.reportgenReady === true")
    yield page
    context.close()
    assert errors == []


def open_file(page, name: str) -> None:
    page.click(f"#file-list button:text-is('{name}')")
    page.wait_for_selector("#pane-form .group")
    page.wait_for_selector("#status.ok, #status.bad, #status.warn")


def test_see_and_fix_an_error(page, folder):
    open_file(page, "有错.yaml")
    expected = (
        "有错.yaml:5:7: date (成文日期): “2021-13-45”中的月份 13 不存在 — 月份应在 1 到 12 之间"
    )
    assert page.inner_text("#status").startswith("✗ 发现 1 处问题")
    assert expected in page.inner_text("#issue-list")
    field = page.locator('.field[data-path="date"]')
    assert "has-error" in field.get_attribute("class")
    assert "“2021-13-45”中的月份 13 不存在" in field.locator(".msg.error").inner_text()
    # the YAML view marks the line and says the same words
    page.click("button[data-tab=yaml]")
    page.click("#issue-list li")
    assert page.locator("#code-back > div").nth(4).get_attribute("class") == "error current"
    assert expected in page.inner_text("#line-note")
    # fixed in the form: the mark goes while the clerk types
    page.click("button[data-tab=form]")
    page.fill('input[data-path="date"]', "2021-12-31")
    page.wait_for_selector("#status.ok")
    assert page.locator(".field.has-error").count() == 0
    assert page.evaluate("doc.text").count("date: 2021-12-31") == 1
    assert page.evaluate("window.lastRoundTrip") < 1000
    # and saved back to the file it came from
    page.click("#b-save")
    page.wait_for_selector("#toast:not([hidden])")
    assert page.inner_text("#toast") == "已保存 有错.yaml"
    assert page.locator("#docname .dirty").count() == 0
    saved = (folder / "有错.yaml").read_text(encoding="utf-8")
    assert saved == GOOD.replace("date: 2021-04-01", "date: 2021-12-31")


def test_the_form_adds_reorders_and_removes_and_keeps_comments(page, folder):
    open_file(page, "示例.yaml")
    before = page.evaluate("doc.text")
    page.locator('.group[data-path="problems"] > .adders button').click()
    page.wait_for_selector('.group[data-path="problems[3]"]')
    # a new problem's empty title is a problem, shown at the field
    title = page.locator('.field[data-path="problems[3].title"]')
    assert "内容为空" in title.locator(".msg.error").inner_text() or "has-error" in (
        title.get_attribute("class")
    )
    page.fill('.field[data-path="problems[3].title"] textarea', "学校布局还不够合理")
    page.fill('.field[data-path="problems[3].measures[0].lead"] textarea', "编制学校布局规划。")
    page.wait_for_function("doc.text.includes('编制学校布局规划。') && !editing")
    page.wait_for_selector("#status.ok")
    page.locator('.group[data-path="problems[3]"] > .legend button[title="上移"]').click()
    page.wait_for_function("doc.data.problems[2].title === '学校布局还不够合理'")
    text = page.evaluate("doc.text")
    comments = [line for line in before.splitlines() if line.lstrip().startswith("#")]
    assert comments and all(c in text.splitlines() for c in comments)
    legend = page.locator('.group[data-path="problems[2]"] > .legend')
    assert legend.inner_text().startswith("问题 3"), legend.inner_text()
    assert page.locator('.field[data-path="problems[2].title"] textarea').input_value() == (
        "学校布局还不够合理"
    )
    legend.locator("button.del").click()
    page.wait_for_function("!doc.text.includes('学校布局还不够合理')")
    assert page.evaluate("doc.text") == before


def test_preview(page):
    open_file(page, "越城区.yaml")
    page.click("button[data-tab=preview]")
    if find_soffice():
        page.wait_for_selector("#preview img", timeout=120_000)
        assert page.locator("#preview img").count() >= 1
        assert page.evaluate("document.querySelector('#preview img').naturalWidth") > 500
        page.click("#preview-modes button:text-is('快速预览')")
    sheet = page.wait_for_selector("#preview .sheet")
    text = sheet.inner_text()
    assert "2019年度越城区履行教育职责问题整改报告" in text
    assert "一、基本情况" in text and "（一）关于“" in text


def test_download_a_docx_that_passes_check(page, tmp_path):
    open_file(page, "越城区.yaml")
    with page.expect_download() as info:
        page.click("#b-docx")
    download = info.value
    assert download.suggested_filename == "越城区.docx"
    target = tmp_path / "越城区.docx"
    download.save_as(target)
    findings = check_docx(target)
    assert findings and all(f.ok for f in findings), [str(f) for f in findings if not f.ok]
    import docx

    assert "整改报告" in docx.Document(str(target)).paragraphs[0].text + "".join(
        p.text for p in docx.Document(str(target)).paragraphs[:3]
    )


def test_batch_upload(page, tmp_path):
    page.click("#b-batch")
    other = GOOD.replace("越城区", "上城区")
    page.set_input_files(
        "input[name=files]",
        [
            {"name": "越城区.yaml", "mimeType": "text/yaml", "buffer": GOOD.encode()},
            {"name": "上城区.yaml", "mimeType": "text/yaml", "buffer": other.encode()},
        ],
    )
    page.click("#batch-form button[type=submit]")
    page.wait_for_selector("#batch-download", timeout=120_000)
    assert "已生成 2 份报告" in page.inner_text("#batch-result")
    with page.expect_download() as info:
        page.click("#batch-download")
    data = Path(info.value.path()).read_bytes()
    names = sorted(zipfile.ZipFile(io.BytesIO(data)).namelist())
    assert names == ["manifest.csv", "上城区.docx", "汇总.xlsx", "越城区.docx"]


def test_typing_in_the_yaml_view_checks_as_you_type(page):
    open_file(page, "越城区.yaml")
    page.click("button[data-tab=yaml]")
    area = page.locator("#yaml")
    area.click()
    page.keyboard.press("Control+Home")
    page.keyboard.type("regoin: x\n")
    page.wait_for_selector("#status.bad")
    assert (
        "越城区.yaml:1:1: regoin: 未知字段“regoin” — 是否应为 region（地区）？"
        in page.inner_text("#issue-list")
    )
    assert page.locator("#code-back > div").first.get_attribute("class").startswith("error")
    page.keyboard.press("Control+Home")
    page.keyboard.down("Shift")
    page.keyboard.press("ArrowDown")
    page.keyboard.up("Shift")
    page.keyboard.press("Backspace")
    page.wait_for_selector("#status.ok")
    assert page.evaluate("doc.text") == GOOD


def test_start_from_a_skeleton(page, tmp_path):
    page.click("#kinds button[data-kind=rectification]")
    page.wait_for_selector("#pane-form .group")
    page.wait_for_selector("#status.bad")
    assert page.inner_text("#docname").startswith("新整改报告.yaml")
    problems = page.inner_text("#issue-list")
    assert "新整改报告.yaml:14:9: region.name (地区名称): 待填写 — 把“待填”换成地区名称" in problems
    # a value to fill is an empty box that says so
    name = page.locator('.field[data-path="region.name"] textarea')
    assert name.input_value() == "" and name.get_attribute("placeholder") == "待填"
    name.fill("越城区")
    page.fill('input[data-path="year"]', "2023")
    page.fill('input[data-path="date"]', "2024-03-01")
    page.fill('.field[data-path="problems[0].title"] textarea', "教育决策机制还不够完善")
    page.fill('.field[data-path="problems[0].measures[0].lead"] textarea', "健全“常委议教”机制。")
    page.fill(
        '.field[data-path="problems[0].measures[0].text[0]"] textarea',
        "区委常委会每年至少研究一次教育工作。",
    )
    page.wait_for_selector("#status.ok")
    text = page.evaluate("doc.text")
    assert "# 地区名称（必填）\n  name: 越城区" in text and "year: 2023" in text
    with page.expect_download() as info:
        page.click("#b-docx")
    target = tmp_path / "新整改报告.docx"
    info.value.save_as(target)
    assert all(f.ok for f in check_docx(target))


def test_import_a_docx(page, tmp_path):
    from reportgen.pipeline import render_source

    source = tmp_path / "去年的报告.docx"
    source.write_bytes(render_source(EXAMPLES / "rectification-yuecheng-2019.yaml"))
    page.set_input_files("#upload-import", str(source))
    page.wait_for_selector("#pane-form .group", timeout=60_000)
    page.wait_for_selector("#status.ok, #status.bad, #status.warn")
    assert page.inner_text("#docname").startswith("去年的报告.yaml")
    assert page.evaluate("doc.data.kind") == "rectification"
    assert page.locator('.field[data-path="region.name"] textarea').input_value() == "越城区"
    assert len(page.evaluate("doc.data.problems")) == 3
    assert page.locator(".form-top .kind").inner_text() == "整改报告"


def test_a_number_warning_stands_beside_its_figure(page):
    open_file(page, "数字.yaml")
    assert page.inner_text("#status").startswith("✓ 格式正确，可以生成")
    assert "有 2 处提示" in page.inner_text("#status")
    value = page.locator('.field[data-path="body[0].body[1].figures[0].value"]')
    assert "has-warning" in value.get_attribute("class")
    assert value.locator(".msg.warning").inner_text() == (
        "数值：小学生 12000 + 初中生 5000 = 17000人，与“在校学生”的数值 15000人 不符"
        " — 各部分之和应等于合计，核对各项"
    )
    paragraph = page.locator('.field[data-path="body[0].body[0]"]')
    assert "12000 + 5000 = 17000" in paragraph.locator(".msg.warning").inner_text()


def test_next_years_file_from_last_years(page, folder):
    """The clerk's usual start: last year's file of the folder rolled to this year (as `reportgen
    new --from`), the 待填 filled in the form, saved beside it; then the year after from the
    editor's own button."""
    page.fill("#rollover-year", "2020")
    page.select_option("#rollover-pick", "越城区.yaml")
    page.click("#b-rollover")
    page.wait_for_selector("#pane-form .group")
    page.wait_for_selector("#status.bad")
    assert page.inner_text("#docname").startswith("越城区2020.yaml")
    notes = page.inner_text("#notes")
    assert notes.startswith("生成 2020 年的文件：需要更新（5 条）")
    assert "成文日期（date: 待填 2022-04-01" in notes
    problems = page.inner_text("#issue-list")
    assert "越城区2020.yaml:13:7: date (成文日期): 待填写（预填“2022-04-01”）" in problems
    assert page.locator('input[data-path="year"]').input_value() == "2020"
    page.fill('input[data-path="date"]', "2021-04-08")
    value = page.locator(
        '.field[data-path="basic.figures[0].value"] input, '
        '.field[data-path="basic.figures[0].value"] textarea'
    )
    value.first.fill("480000")
    page.wait_for_selector("#status.ok")
    page.once("dialog", lambda d: d.accept(d.default_value))
    page.click("#b-save")
    page.wait_for_selector("#toast:not([hidden])")
    assert page.inner_text("#toast") == "已保存 越城区2020.yaml"
    saved = (folder / "越城区2020.yaml").read_text(encoding="utf-8")
    assert "year: 2020\n" in saved and "date: 2021-04-08\n" in saved
    assert "{name: 教育支出, value: 480000, unit: 万元, previous: 473813.97}" in saved
    # the year after, from the open file
    page.once("dialog", lambda d: d.accept(d.default_value))
    page.click("#b-nextyear")
    page.wait_for_function("doc.name === '越城区2021.yaml'")
    assert "previous: 480000" in page.evaluate("doc.text")
    assert page.locator("#docname .dirty").count() == 1
