"""Shared pieces of the browser tests: real headless Chromium (Debian's) driven by Playwright.

Skipped only when Chromium is missing outside CI; with ``CI`` set a missing
browser is a failure, so CI always runs these tests.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright import sync_api as playwright_api  # the dev extra installs it

CHROMIUM = os.environ.get("CLEANER_CHROMIUM", "/usr/bin/chromium")
SHOTS = Path(__file__).resolve().parents[2] / "test-output" / "browser"
"""Screenshots land here (ignored by git) so CI can keep them as artifacts."""


def _chromium_or_skip() -> str:
    path = shutil.which(CHROMIUM) or (CHROMIUM if Path(CHROMIUM).exists() else None)
    if path:
        return path
    if os.environ.get("CI"):
        pytest.fail(f"Chromium not found at {CHROMIUM}; CI must install Debian's chromium")
    pytest.skip(f"Chromium not found at {CHROMIUM} (install Debian's chromium)")


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    executable = _chromium_or_skip()
    SHOTS.mkdir(parents=True, exist_ok=True)
    with playwright_api.sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=executable,
            headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-dev-shm-usage"],
        )
        yield b
        b.close()


class Watched:
    """A page with every console error, page error and request recorded."""

    def __init__(self, browser: object, width: int = 1280, height: int = 900, touch: bool = False) -> None:
        self.page = browser.new_page(  # type: ignore[attr-defined]
            viewport={"width": width, "height": height}, has_touch=touch, is_mobile=touch
        )
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type in ("error", "warning") else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("dialog", self._dialog)

    def _dialog(self, dialog: Any) -> None:
        self.errors.append(f"dialog: {dialog.message}")
        dialog.dismiss()

    def check_quiet(self, allowed: set[str]) -> None:
        assert self.errors == []
        assert [u for u in self.requests if u not in allowed and not u.startswith("data:")] == []
