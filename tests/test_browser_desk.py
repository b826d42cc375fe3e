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

from console.door.tokens import make_token
from console.event import Event

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


OFFLINE = "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1"  # no outside host resolves


def _offline_browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage", "--window-size=1366,768", OFFLINE):
        opts.add_argument(flag)
    return webdriver.Chrome(service=Service(DRIVER), options=opts)


def _open_tab(driver, url: str) -> None:
    from selenium.webdriver.common.by import By

    driver.get(url)
    _wait(lambda: driver.find_elements(By.CSS_SELECTOR, ".textual-terminal canvas, .textual-terminal .xterm"),
          30, "the terminal in the page")
    _wait(lambda: driver.execute_script("return document.body.classList.contains('-first-byte')"), 30,
          "the app's first screen")
    driver.find_element(By.CSS_SELECTOR, ".textual-terminal").click()


GLYPH_CHECK = """
const font = '32px "Roboto Mono"';
const c = document.createElement('canvas'); c.width = 400; c.height = 100;
const g = c.getContext('2d'); g.font = font;
const out = {loaded: document.fonts.check(font, 'ệữặỖ'), cell: g.measureText('e').width, letters: {}};
for (const ch of ['ệ', 'ữ', 'ặ', 'Ỗ', 'ô']) {
  const m = g.measureText(ch);
  out.letters[ch] = {width: m.width, left: m.actualBoundingBoxLeft, right: m.actualBoundingBoxRight};
}
out.faces = [...document.fonts].map(f => f.family + ':' + f.status);
out.resources = performance.getEntriesByType('resource').map(r => r.name);
return out;
"""


def test_the_page_asks_no_outside_host_and_draws_stacked_marks_in_one_cell(demo_dir):
    server, port = start_serve(demo_dir, "--desk", "ban-font")
    driver = None
    try:
        assert f"127.0.0.1:{port}" in server.stdout.readline()
        driver = _offline_browser()
        _open_tab(driver, f"http://127.0.0.1:{port}/")
        got = driver.execute_script(GLYPH_CHECK)
        assert all(u.startswith(f"http://127.0.0.1:{port}/") for u in got["resources"]), got["resources"]
        assert any(u.endswith("/hoinghi-fonts/NotoSansMono-Regular.ttf") for u in got["resources"])
        assert got["loaded"] and "Roboto Mono:loaded" in got["faces"]
        cell = got["cell"]
        for ch, m in got["letters"].items():
            # one cell wide, and the ink (the marks included) inside that cell: a fallback font put the
            # tone one cell to the right ("sô´")
            assert abs(m["width"] - cell) < 0.5 and m["right"] <= cell + 1 and m["left"] <= 1, (ch, m, cell)
        # and on the desk's own screen, drawn by the terminal: a name with those letters, looked at
        _type(driver, "4321\n")
        time.sleep(2)
        _type(driver, "Nguyễn Thị Ệ Ữ Ặ Ỗ")
        time.sleep(1.5)
        ARTIFACTS.mkdir(exist_ok=True)
        driver.save_screenshot(str(ARTIFACTS / "browser-desk-vietnamese.png"))
    finally:
        if driver is not None:
            driver.quit()
        server.terminate()
        server.wait(timeout=10)


def test_two_tabs_journal_under_two_desk_names(demo_dir):
    ev = Event(demo_dir)
    a, b = sorted(ev.imported)[20:22]
    server, port = start_serve(demo_dir)  # no --desk: each tab names itself
    driver = None
    try:
        assert f"127.0.0.1:{port}" in server.stdout.readline()
        driver = _offline_browser()
        _open_tab(driver, f"http://127.0.0.1:{port}/?desk=ban-3")
        _type(driver, "4321\n")
        time.sleep(2)
        _type(driver, make_token(ev.secret, a) + "\n")
        _wait(lambda: a in Event(demo_dir).day.present, 20, "the first tab's check-in")
        driver.switch_to.new_window("tab")
        _open_tab(driver, f"http://127.0.0.1:{port}/")  # no name in the URL: asked after the PIN
        _type(driver, "4321\n")
        time.sleep(2)
        _type(driver, "ban-cong-2\n")
        time.sleep(2)
        _type(driver, make_token(ev.secret, b) + "\n")
        _wait(lambda: b in Event(demo_dir).day.present, 20, "the second tab's check-in")
        day = Event(demo_dir).day
        assert day.present[a].desk == "ban-3" and day.present[b].desk == "ban-cong-2"
    finally:
        if driver is not None:
            driver.quit()
        server.terminate()
        server.wait(timeout=10)
