"""The HTML report in real headless Chromium, opened from file:// (Playwright, Debian's chromium).

Skipped only when Chromium is missing outside CI; with ``CI`` set a missing
browser is a failure, so CI always runs it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cleaner.checks.registry import Mode
from cleaner.checks.rules.settings import RuleSettings
from cleaner.commands.report import run_report
from cleaner.config.settings import Settings
from cleaner.errors import ExitCode
from tests.browser.conftest import SHOTS, Watched, playwright_api
from tests.support.cmd_fixtures import RULES

pytestmark = [pytest.mark.browser, pytest.mark.timeout(180)]

ARTICLE = (
    "China and the United States accepted more pricing talks, said Trump.\n"
    "\n"
    "It is hard to conclude an agreement, according to the census office.\n"
    "\n"
    'A hostile line: <script>alert(1)</script> "><img src=x onerror=alert(2)> {{ 7*7 }}.\n'
    + "".join(f"\nFiller paragraph {n} about the economy, the markets and the weather in spring.\n" for n in range(8))
    + "\nAt the very end, more pricing talks were announced.\n"
)
PARAGRAPHS = 12


@pytest.fixture(scope="module")
def report_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("browser")
    rules = base / "rules.yaml"
    rules.write_text(RULES)
    article = base / "trade.txt"
    article.write_text(ARTICLE)
    settings = Settings(
        rules=RuleSettings((rules,), builtin=False, use_cache=False),
        modes={"languagetool": Mode.OFF, "fluency": Mode.OFF},
    )
    out = base / "reports"
    code = run_report([str(article)], settings, out, out=lambda s: None, err=lambda s: None)
    assert code == ExitCode.FINDINGS
    return out


def test_redline_details_and_view_toggle(browser: object, report_dir: Path) -> None:
    html = (report_dir / "trade.html").as_uri()
    w = Watched(browser)
    page = w.page
    page.goto(html)

    # the redline renders: deletions, insertions and a suggestion
    expect = playwright_api.expect
    expect(page.locator("#redline del").first).to_have_text("pricing")
    expect(page.locator("#redline ins").first).to_have_text("trade")
    expect(page.locator("#redline mark").first).to_have_text("conclude an agreement")
    expect(page.locator("#redline")).to_be_visible()
    expect(page.locator("#side")).to_be_hidden()
    expect(page.locator("#details")).to_be_hidden()
    assert "<script>alert(1)</script>" in page.locator("#redline").inner_text()
    assert page.locator("img").count() == 0

    # clicking a change shows its details
    change = page.locator('#redline .chg[data-ref="1"]')
    change.click()
    details = page.locator("#details")
    expect(details).to_be_visible()
    expect(details.locator(".d-rule")).to_have_text("T_PRICING_TALKS")
    expect(details.locator(".d-engine")).to_have_text("rules")
    expect(details.locator(".d-category")).to_have_text("mistranslation")
    expect(details.locator(".d-confidence")).to_have_text("90%")
    expect(details.locator(".d-message")).to_have_text("French 'tarif' means tariff.")
    expect(details.locator("#details-title")).to_have_text("Applied change 1")
    assert change.get_attribute("aria-expanded") == "true"
    page.screenshot(path=str(SHOTS / "report-details.png"))

    # Escape closes; the keyboard opens a suggestion with its reason
    page.keyboard.press("Escape")
    expect(details).to_be_hidden()
    suggestion = page.locator('#redline .chg.suggested[data-ref="2"]')
    suggestion.focus()
    page.keyboard.press("Enter")
    expect(details).to_be_visible()
    expect(details.locator("#details-title")).to_have_text("Suggestion 2 (not applied)")
    expect(details.locator(".d-reason")).to_contain_text("below threshold")
    expect(details.locator(".d-rule")).to_have_text("T_CONCLUDE")
    page.keyboard.press("Escape")

    # hovering previews a change
    page.locator('#redline .chg[data-ref="3"]').hover()
    expect(details).to_be_visible()
    expect(details.locator(".d-rule")).to_have_text("T_CENSUS")
    page.mouse.move(0, 0)
    expect(details).to_be_hidden()

    # the findings table jumps to a change
    page.locator('button[data-jump="1"]').click()
    expect(details.locator(".d-rule")).to_have_text("T_PRICING_TALKS")
    page.keyboard.press("Escape")

    # the view toggle
    page.get_by_role("button", name="Side by side").click()
    expect(page.locator("#side")).to_be_visible()
    expect(page.locator("#redline")).to_be_hidden()
    assert page.get_by_role("button", name="Side by side").get_attribute("aria-pressed") == "true"
    rows = page.locator("#side .row")
    expect(rows).to_have_count(PARAGRAPHS)
    expect(rows.nth(0).locator(".orig del")).to_have_text("pricing")
    expect(rows.nth(0).locator(".corr ins")).to_have_text("trade")
    rows.nth(0).locator(".corr .chg").click()
    expect(details.locator(".d-rule")).to_have_text("T_PRICING_TALKS")
    page.screenshot(path=str(SHOTS / "report-side-by-side.png"), full_page=True)
    page.get_by_role("button", name="Redline").click()
    expect(page.locator("#redline")).to_be_visible()
    expect(page.locator("#side")).to_be_hidden()

    page.screenshot(path=str(SHOTS / "report.png"), full_page=True)
    assert (SHOTS / "report.png").stat().st_size > 10_000
    w.check_quiet({html})


def test_phone_width_tap_and_print(browser: object, report_dir: Path) -> None:
    html = (report_dir / "trade.html").as_uri()
    w = Watched(browser, width=375, height=740, touch=True)
    page = w.page
    page.goto(html)
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    details = page.locator("#details")
    for ref, rule in (("1", "T_PRICING_TALKS"), ("4", "T_PRICING_TALKS"), ("3", "T_CENSUS")):
        change = page.locator(f'#redline .chg[data-ref="{ref}"]')
        change.tap()
        playwright_api.expect(details).to_be_visible()
        playwright_api.expect(details.locator(".d-rule")).to_have_text(rule)
        panel, box = details.bounding_box(), change.bounding_box()
        assert panel is not None and box is not None and panel["width"] <= 375
        assert box["y"] + box["height"] <= panel["y"] or box["y"] >= panel["y"] + panel["height"], "panel covers it"
        page.screenshot(path=str(SHOTS / f"report-phone-{ref}.png"))
        details.locator(".close").tap()
        playwright_api.expect(details).to_be_hidden()
    page.screenshot(path=str(SHOTS / "report-phone.png"), full_page=True)
    page.emulate_media(media="print")
    assert not page.locator(".toolbar").is_visible()
    assert page.locator("#redline del").first.is_visible()
    w.check_quiet({html})


def test_index_links_to_reports(browser: object, report_dir: Path) -> None:
    index = (report_dir / "index.html").as_uri()
    w = Watched(browser)
    page = w.page
    page.goto(index)
    link = page.get_by_role("link", name="trade.txt")
    playwright_api.expect(link).to_be_visible()
    page.screenshot(path=str(SHOTS / "index.png"), full_page=True)
    link.click()
    playwright_api.expect(page.locator("h1")).to_have_text("trade.txt")
    w.check_quiet({index, (report_dir / "trade.html").as_uri()})
