"""Fixtures for the browser suite: a real `assetsync demo` and headless Chromium."""
import importlib.util
import json
import os
import select
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BINARY = ROOT / ".build" / "debug" / "assetsync"
BINARY_PATH = str(BINARY)
SCREENSHOTS = ROOT / "docs" / "screenshots"
OIDC_PROVIDER = ROOT / "Tests" / "oidc-provider"


def pytest_addoption(parser):
    parser.addoption("--screenshots", action="store_true", help="save screenshots of the main pages to docs/screenshots/")


def pytest_configure(config):
    config.addinivalue_line("markers", "last: run after every other test (it changes the shared demo's sign-in)")


def pytest_collection_modifyitems(config, items):
    # The tests share one demo and one browser: those that turn single sign-on on run at the end,
    # whatever their file's name, so the others see the demo as it starts.
    items.sort(key=lambda item: item.get_closest_marker("last") is not None)


def _in_ci():
    return bool(os.environ.get("CI") or os.environ.get("ASSETSYNC_CI"))


def _stop(process, timeout=15):
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


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
def oidc_provider(demo):
    """A real OpenID provider (issue 22): django-oidc-provider in Tests/oidc-provider on a free
    loopback port, with the demo registered as its confidential client and these users (one
    password): agent (the demo admin's email), unverified (same email, email_verified false),
    outsider (no agent) and former (former@example.com, for a disabled agent)."""
    missing = [name for name in ("django", "oidc_provider") if importlib.util.find_spec(name) is None]
    if missing:
        message = f"the OpenID provider needs {', '.join(missing)}: pip install -r Tests/oidc-provider/requirements.txt"
        if _in_ci():
            pytest.fail(message)
        pytest.skip(message)
    workdir = tempfile.mkdtemp(prefix="assetsync-oidc-")
    log_path = os.path.join(workdir, "provider.log")
    log = open(log_path, "w")
    process = subprocess.Popen(
        [sys.executable, str(OIDC_PROVIDER / "serve.py"), "--port", "0",
         "--redirect-uri", demo["url"] + "/login/oidc/callback",
         "--post-logout-redirect-uri", demo["url"] + "/login",
         "--agent-email", demo["email"], "--user", "former=former@example.com",
         # Bounded: it ends when this process ends (its standard input closes) or after 30 minutes.
         "--exit-on-stdin-eof", "--max-seconds", "1800"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=log, text=True,
        env={**os.environ, "OIDC_PROVIDER_STATE": os.path.join(workdir, "state")})
    try:
        ready, _, _ = select.select([process.stdout], [], [], 90)
        line = process.stdout.readline() if ready else ""
        if not line:
            raise RuntimeError("no JSON line within 90 s")
        info = json.loads(line)
    except (RuntimeError, ValueError) as error:
        _stop(process)
        log.close()
        pytest.fail(f"the OpenID provider did not start ({error}): " + Path(log_path).read_text()[-4000:])
    info["log"] = log_path
    yield info
    process.stdin.close()
    _stop(process)
    log.close()
    shutil.rmtree(workdir, ignore_errors=True)


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
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1366,900"):
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
        browser.execute_script("window.scrollTo(0, 0)")
        browser.save_screenshot(str(SCREENSHOTS / f"{name}.png"))
        browser.set_window_size(size["width"], size["height"])

    return save


WAIT = 60


def wait(browser, condition, timeout=WAIT):
    """Waits until `condition(browser)` is true. Pages reload after each form, so elements found a
    moment ago may be gone: a missing or stale element means "not yet", and so does Chromium's
    generic inspector error for an element of a page that has just been replaced."""
    from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException, WebDriverException
    from selenium.webdriver.support.ui import WebDriverWait

    def check(driver):
        try:
            return condition(driver)
        except WebDriverException as error:
            if "does not belong to the document" in str(error):
                return False
            raise

    ignored = (NoSuchElementException, StaleElementReferenceException)
    return WebDriverWait(browser, timeout, ignored_exceptions=ignored).until(check)
