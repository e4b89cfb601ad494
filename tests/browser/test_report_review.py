"""The editor's side of the report in real headless Chromium: accept/reject, export, notes, index filters.

Clicks go through the page as a reader's would; the corrected text the page
builds is compared with what cleaner itself computes (the JSON twin).
"""

from __future__ import annotations

import json
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
    "China and the United States accepted more pricing talks, said Trump 🇺🇸.\n"
    "\n"
    "It is hard to conclude an agreement, according to the census office.\n"
    "\n"
    "At the end, more pricing talks were announced.\n"
)
OTHERS = {
    "clean.txt": "Nothing here is garbled at all, the editor said on Monday.\n",
    "many.txt": "Pricing talks. More pricing talks. Pricing talks again, and we conclude an agreement.\n",
}
expect = playwright_api.expect


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("review")
    rules = base / "rules.yaml"
    rules.write_text(RULES)
    for name, text in {"trade.txt": ARTICLE, **OTHERS}.items():
        (base / name).write_text(text, encoding="utf-8")
    settings = Settings(
        rules=RuleSettings((rules,), builtin=False, use_cache=False),
        modes={"languagetool": Mode.OFF, "fluency": Mode.OFF},
    )
    out = base / "reports"
    paths = [str(base / n) for n in ("trade.txt", *OTHERS)]
    assert run_report(paths, settings, out, out=lambda s: None, err=lambda s: None) == ExitCode.FINDINGS
    return out


def _twin(reports: Path) -> dict[str, object]:
    return json.loads((reports / "trade.json").read_text(encoding="utf-8"))


def test_accept_reject_rebuilds_the_corrected_text(browser: object, reports: Path) -> None:
    html = (reports / "trade.html").as_uri()
    w = Watched(browser)
    page = w.page
    page.goto(html)
    box = page.locator("#corrected-text")
    twin = _twin(reports)
    assert box.input_value() == twin["corrected_text"]
    expect(page.locator(".decide-count")).to_have_text("2 of 3 changes accepted")

    # reject the first applied change from the table: the original words come back, the mark goes
    page.locator('.decide-btn[data-decide="1"]').click()
    expect(page.locator('.decide-btn[data-decide="1"]')).to_have_text("Rejected")
    assert box.input_value().startswith("China and the United States accepted more pricing talks, said Trump 🇺🇸.")
    assert "more trade talks were announced" in box.input_value()
    assert "rejected" in (page.locator('#redline .chg[data-ref="1"]').get_attribute("class") or "")
    expect(page.locator('#redline .chg[data-ref="1"] ins')).to_be_hidden()

    # accept the suggestion from its details panel: its replacement lands after the emoji (code points, not UTF-16)
    page.locator('#redline .chg.suggested[data-ref="2"]').click()
    panel = page.locator("#details")
    expect(panel.locator(".d-decide")).to_be_visible()
    panel.get_by_role("button", name="Accept").click()
    expect(panel.get_by_role("button", name="Accept")).to_have_attribute("aria-pressed", "true")
    assert "It is hard to reach an agreement, according to the census office." in box.input_value()
    expect(page.locator(".decide-count")).to_have_text("2 of 3 changes accepted")
    page.keyboard.press("Escape")
    page.screenshot(path=str(SHOTS / "review-decided.png"), full_page=True)

    # download gives exactly the text shown
    with page.expect_download() as info:
        page.get_by_role("button", name="Download corrected text").click()
    download = info.value
    assert download.suggested_filename == "trade.corrected.txt"
    saved = Path(download.path()).read_text(encoding="utf-8")
    assert saved == box.input_value()

    # copy puts it on the clipboard (or, without clipboard access, selects it for the reader)
    page.get_by_role("button", name="Copy corrected text").click()
    expect(page.locator(".export-status")).to_contain_text("copied")

    # accept all, then reset to the plan
    page.get_by_role("button", name="Accept all").click()
    expect(page.locator(".decide-count")).to_have_text("3 of 3 changes accepted")
    page.get_by_role("button", name="Reject all").click()
    expect(page.locator(".decide-count")).to_have_text("0 of 3 changes accepted")
    assert box.input_value() == ARTICLE
    page.get_by_role("button", name="Reset").click()
    assert box.input_value() == twin["corrected_text"]
    w.check_quiet({html})


def test_reasons_sit_next_to_changes_on_screen_and_in_print(browser: object, reports: Path) -> None:
    html = (reports / "trade.html").as_uri()
    w = Watched(browser)
    page = w.page
    page.goto(html)
    first_block_notes = page.locator("#redline .block + .notes").first
    expect(first_block_notes.locator('[data-note="1"]')).to_contain_text("French 'tarif' means tariff.")
    page.emulate_media(media="print")
    expect(first_block_notes).to_be_visible()
    expect(page.locator(".decide")).to_be_hidden()
    w.check_quiet({html})


def test_without_javascript_the_report_is_a_static_redline(browser: object, reports: Path) -> None:
    html = (reports / "trade.html").as_uri()
    context = browser.new_context(java_script_enabled=False)  # type: ignore[attr-defined]
    page = context.new_page()
    page.goto(html)
    expect(page.locator("#redline del").first).to_have_text("pricing")
    expect(page.locator("#redline ins").first).to_have_text("trade")
    expect(page.locator(".notes").first).to_be_visible()
    expect(page.locator("table.cards tbody tr")).to_have_count(len(_twin(reports)["findings"]))  # type: ignore[arg-type]
    expect(page.locator(".decide")).to_be_hidden()
    expect(page.locator(".decide-btn").first).to_be_hidden()
    assert page.locator("#corrected-text").input_value() == _twin(reports)["corrected_text"]
    page.screenshot(path=str(SHOTS / "review-nojs.png"), full_page=True)
    context.close()


@pytest.mark.parametrize("width", [1280, 400])
def test_index_sorts_filters_and_fits(browser: object, reports: Path, width: int) -> None:
    index = (reports / "index.html").as_uri()
    w = Watched(browser, width=width)
    page = w.page
    page.goto(index)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    rows = page.locator(".index tbody tr")
    expect(rows).to_have_count(3)
    visible = "rs => rs.filter(r => !r.hidden).map(r => r.dataset.name)"
    names = lambda: [n.split()[0] for n in rows.evaluate_all(visible)]  # noqa: E731
    assert names()[-1] == "clean.txt"  # worst first as rendered

    page.select_option("#f-sort", "name ascending")
    assert names() == ["clean.txt", "many.txt", "trade.txt"]
    page.select_option("#f-severity", "major")
    assert sorted(names()) == ["many.txt", "trade.txt"]
    expect(page.locator(".f-count")).to_have_text("2 of 3 articles")
    page.fill("#f-score", "1000")
    expect(page.locator(".filtered-out")).to_be_visible()
    page.fill("#f-score", "0")
    page.select_option("#f-severity", "")
    page.fill("#f-text", "many")
    assert names() == ["many.txt"]
    page.fill("#f-text", "")
    if width >= 720:
        page.locator("th[data-sort='words'] button").click()
        assert page.locator("th[data-sort='words']").get_attribute("aria-sort") == "descending"
        words = rows.evaluate_all("rs => rs.map(r => Number(r.dataset.words))")
        assert words == sorted(words, reverse=True)
    page.screenshot(path=str(SHOTS / f"index-{width}.png"), full_page=True)
    w.check_quiet({index})
