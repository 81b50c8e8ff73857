"""Fixtures for the browser suite: a real `assetsync demo` and headless Chromium."""
import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BINARY = ROOT / ".build" / "debug" / "assetsync"
BINARY_PATH = str(BINARY)
SCREENSHOTS = ROOT / "docs" / "screenshots"


def pytest_addoption(parser):
    parser.addoption("--screenshots", action="store_true", help="save screenshots of the main pages to docs/screenshots/")


def _chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


@pytest.fixture(scope="session")
def demo():
    """`assetsync demo` on free ports with the Kandji app not yet set up."""
    if not BINARY.exists():
        pytest.fail(f"{BINARY} is missing: run `swift build` first")
    workdir = tempfile.mkdtemp(prefix="assetsync-browser-")
    process = subprocess.Popen(
        [str(BINARY), "demo", "--port", "0", "--devices", "150", "--skip-kandji-setup", "--json",
         "--database", os.path.join(workdir, "demo.sqlite")],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    line = process.stdout.readline()
    if not line:
        process.kill()
        pytest.fail("the demo did not start: " + process.stderr.read())
    info = json.loads(line)
    info["database"] = os.path.join(workdir, "demo.sqlite")
    yield info
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
    shutil.rmtree(workdir, ignore_errors=True)


@pytest.fixture(scope="session")
def second_kandji():
    """A second Kandji tenant: its own simulator with other devices (issue 11)."""
    process = subprocess.Popen(
        [str(BINARY), "simulate-kandji", "--port", "0", "--devices", "20", "--seed", "7", "--json"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    line = process.stdout.readline()
    if not line:
        process.kill()
        pytest.fail("the second simulator did not start: " + process.stderr.read())
    yield json.loads(line)
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()


@pytest.fixture(scope="session")
def browser(request):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    chromium = _chromium()
    driver_path = shutil.which("chromedriver")
    if not chromium or not driver_path:
        message = "Chromium and chromedriver are needed (Debian: apt-get install chromium chromium-driver)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,960"):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(driver_path), options=options)
    driver.implicitly_wait(0)
    yield driver
    driver.quit()


@pytest.fixture(scope="session")
def shoot(request, browser):
    """Saves a full-page screenshot when the suite runs with --screenshots."""
    enabled = request.config.getoption("--screenshots")

    def save(name):
        if not enabled:
            return
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        size = browser.get_window_size()
        height = browser.execute_script("return document.documentElement.scrollHeight")
        browser.set_window_size(size["width"], max(size["height"], min(height, 2400)))
        browser.save_screenshot(str(SCREENSHOTS / f"{name}.png"))
        browser.set_window_size(size["width"], size["height"])

    return save
