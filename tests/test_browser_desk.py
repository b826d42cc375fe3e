"""A real browser desk: `hoinghi serve` on 127.0.0.1 in headless Chromium (Debian's chromium
and chromium-driver, installed by .ci/run), the PIN typed, a badge scanned, the check-in
found in the journal; a screenshot is kept in test-artifacts/.

Skipped where Chromium is not installed, unless HOINGHI_REQUIRE_BROWSER=1 (CI sets it).
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

from console.event import Event
from console.door.tokens import make_token

from .conftest import start_serve

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")

if not (CHROMIUM and DRIVER):
    if os.environ.get("HOINGHI_REQUIRE_BROWSER") == "1":
        raise RuntimeError("HOINGHI_REQUIRE_BROWSER=1 but chromium/chromedriver are not installed")
    pytest.skip("chromium and chromedriver not installed (apt-get install chromium chromium-driver)",
                allow_module_level=True)


def _browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage", "--window-size=1366,768"):
        opts.add_argument(flag)
    return webdriver.Chrome(service=Service(DRIVER), options=opts)


def _type(driver, text: str) -> None:
    from selenium.webdriver.common.action_chains import ActionChains

    ActionChains(driver).send_keys(text).perform()


def _wait(pred, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if pred():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


def test_browser_desk_pin_then_scan(demo_dir):
    ev = Event(demo_dir)
    target = sorted(ev.imported)[10]
    token = make_token(ev.secret, target)
    server, port = start_serve(demo_dir, "--desk", "ban-trinh-duyet")
    driver = None
    try:
        assert f"127.0.0.1:{port}" in server.stdout.readline()
        driver = _browser()
        driver.get(f"http://127.0.0.1:{port}/")
        from selenium.webdriver.common.by import By

        _wait(lambda: driver.find_elements(By.CSS_SELECTOR, ".textual-terminal canvas, .textual-terminal .xterm"),
              30, "the terminal in the page")
        time.sleep(3)  # the app process starts behind the websocket and draws the PIN prompt
        driver.find_element(By.CSS_SELECTOR, ".textual-terminal").click()
        _type(driver, "4321\n")
        time.sleep(2)
        _type(driver, token + "\n")  # a keyboard-wedge scanner is a keyboard
        _wait(lambda: target in Event(demo_dir).day.present, 20, "the check-in in the journal")
        time.sleep(0.5)
        ARTIFACTS.mkdir(exist_ok=True)
        driver.save_screenshot(str(ARTIFACTS / "browser-desk.png"))
        after = Event(demo_dir)
        visit = after.day.present[target]
        assert visit.desk == "ban-trinh-duyet" and visit.via == "scan"
    finally:
        if driver is not None:
            driver.quit()
        server.terminate()
        server.wait(timeout=10)
