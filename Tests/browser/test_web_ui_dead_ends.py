"""Issue 21: the web UI without dead ends, each point at 1366 px and on a 390 px phone.

Runs after test_web_ui.py (file order) on the same `demo`, but sets up what it needs itself
(signs in, connects and syncs Kandji) so it also runs alone."""
import http.cookiejar
import json
import re
import subprocess
import urllib.error
import urllib.parse
import urllib.request

import pytest
from conftest import BINARY_PATH, wait
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select

WIDTHS = [1366, 390]



def find(browser, css):
    return browser.find_element(By.CSS_SELECTOR, css)


def active_id(browser):
    return browser.execute_script("return document.activeElement && document.activeElement.id")


@pytest.fixture(params=WIDTHS, ids=lambda w: f"{w}px")
def width(request, browser):
    browser.set_window_size(request.param, 900)
    yield request.param
    browser.set_window_size(1366, 900)


def sign_in(browser, demo):
    browser.get(demo["url"] + "/assets")
    if "/login" in browser.current_url:
        find(browser, "#email").clear()
        find(browser, "#email").send_keys(demo["email"])
        find(browser, "#password").send_keys(demo["password"] + Keys.ENTER)
        wait(browser, lambda b: "/login" not in b.current_url)


@pytest.fixture(scope="module")
def synced(browser, demo):
    """A signed-in admin and a synced Kandji connection; returns the URL of its page."""
    sign_in(browser, demo)
    browser.get(demo["url"] + "/admin/apps/kandji")
    if browser.find_elements(By.ID, "install"):
        find(browser, "#install").click()
        wait(browser, EC.presence_of_element_located((By.ID, "api_url")))
    if not browser.find_elements(By.CSS_SELECTOR, "#connections-table a"):
        find(browser, "#api_url").send_keys(demo["kandji_url"])
        find(browser, "#api_token").send_keys(demo["kandji_token"])
        find(browser, "#authorize").click()
        wait(browser, EC.presence_of_element_located((By.ID, "preview-table")))
        find(browser, "#save-mapping").click()
        wait(browser, EC.presence_of_element_located((By.ID, "last-run")), timeout=120)
        browser.get(demo["url"] + "/admin/apps/kandji")
    link = find(browser, "#connections-table tbody tr a")
    return link.get_attribute("href")


def synced_asset_urls(browser, demo):
    browser.get(demo["url"] + "/assets")
    rows = browser.find_elements(By.CSS_SELECTOR, "#assets-table tbody tr")
    return [r.find_element(By.CSS_SELECTOR, "a").get_attribute("href") for r in rows
            if r.find_elements(By.CSS_SELECTOR, "img[alt='Synced from Kandji']") and "Retired" not in r.text]


# --- Forms keep every value, mark the fields in error and focus the first --------------------


def test_a_refused_ticket_keeps_contact_category_priority_and_focuses_the_error(browser, demo, synced, width):
    browser.get(demo["url"] + "/contacts")
    email = next(e.text for e in browser.find_elements(By.CSS_SELECTOR, "#contacts-table tbody td") if "@" in e.text)
    browser.get(demo["url"] + "/tickets")
    # The contact through its picker (issue 20): typed, then the first match chosen.
    find(browser, "#contact").send_keys(email)
    wait(browser, lambda b: b.find_elements(By.CSS_SELECTOR, "#contact-listbox [role=option]"))
    find(browser, "#contact").send_keys(Keys.ARROW_DOWN, Keys.ENTER)
    wait(browser, lambda b: find(b, "#contact_id").get_attribute("value"))
    contact_id = find(browser, "#contact_id").get_attribute("value")
    email = find(browser, "#contact").get_attribute("value")
    category, priority = (Select(find(browser, f"#{i}")) for i in ("category_id", "priority_id"))
    category.select_by_index(len(category.options) - 1)
    priority.select_by_index(0 if priority.first_selected_option.get_attribute("value") != priority.options[0].get_attribute("value") else 1)
    chosen = {i: Select(find(browser, f"#{i}")).first_selected_option.get_attribute("value")
              for i in ("category_id", "priority_id")}
    find(browser, "#message").send_keys("The dock drops the display.")
    find(browser, "#asset_display_id").send_keys("NO-SUCH-ASSET")
    find(browser, "#create-ticket").click()
    wait(browser, EC.presence_of_element_located((By.ID, "subject-error")))
    # Everything typed and chosen is still there; the errors sit beside their fields.
    for i, value in chosen.items():
        assert Select(find(browser, f"#{i}")).first_selected_option.get_attribute("value") == value, i
    assert find(browser, "#contact").get_attribute("value") == email
    assert find(browser, "#contact_id").get_attribute("value") == contact_id
    assert find(browser, "#message").get_attribute("value") == "The dock drops the display."
    assert find(browser, "#asset_display_id").get_attribute("aria-invalid") == "true"
    assert "NO-SUCH-ASSET" in find(browser, "#asset-display-id-error").text
    # Focus is on the first field in error; the error is an alert, not a green notice.
    assert active_id(browser) == "subject"
    assert find(browser, ".flash.error").get_attribute("role") == "alert"
    assert not browser.find_elements(By.CSS_SELECTOR, ".flash.notice")
    color = find(browser, "#subject").value_of_css_property("border-top-color")
    assert color.startswith("rgba(180, 35, 24") or color.startswith("rgb(180, 35, 24"), color


def test_a_bad_time_zone_or_pacing_comes_back_on_the_kandji_page(browser, demo, synced, width):
    browser.get(synced)
    name = find(browser, "h1").text
    zone = find(browser, "#time_zone")
    zone.clear()
    zone.send_keys("Mars/Olympus_Mons")
    zone.submit()
    error = wait(browser, EC.presence_of_element_located((By.ID, "time-zone-error"))).text
    assert "Mars/Olympus_Mons" in error
    assert find(browser, "h1").text == name, "the connection's page, not an error page"
    assert find(browser, "#time_zone").get_attribute("value") == "Mars/Olympus_Mons"
    assert active_id(browser) == "time_zone"
    assert browser.find_elements(By.CSS_SELECTOR, ".flash.error[role=alert]")
    per_second = find(browser, "#requests_per_second")
    per_second.clear()
    per_second.send_keys("500")
    find(browser, "#save-pacing").click()
    wait(browser, EC.presence_of_element_located((By.ID, "requests-per-second-error")))
    assert find(browser, "#requests_per_second").get_attribute("value") == "500"
    assert active_id(browser) == "requests_per_second"
    assert find(browser, "h1").text == name


def test_a_refused_manual_asset_type_keeps_its_values(browser, demo, synced, width):
    browser.get(demo["url"] + "/admin/asset-types")
    find(browser, "#type-description").send_keys("Kept after the error")
    find(browser, "#create-type").click()
    wait(browser, EC.presence_of_element_located((By.ID, "type-name-error")))
    assert find(browser, "#type-description").get_attribute("value") == "Kept after the error"
    assert active_id(browser) == "type-name"
    assert not browser.find_elements(By.CSS_SELECTOR, ".flash.notice")


# --- Agents in the browser ---------------------------------------------------------------------


def can_sign_in(demo, email, password):
    """Signs in over plain HTTP (its own cookie jar): whether the password works."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(demo["url"] + "/login").read().decode()
    csrf = re.search(r'name="_csrf" value="([^"]+)"', page).group(1)
    body = urllib.parse.urlencode({"_csrf": csrf, "email": email, "password": password, "next": "/assets"}).encode()
    try:
        answer = opener.open(demo["url"] + "/login", body)
    except urllib.error.HTTPError:
        return False
    return "/login" not in answer.geturl()


def test_an_admin_creates_an_agent_changes_the_role_and_disables_after_confirming(browser, demo, synced, width):
    email = f"new.agent.{width}@example.com"
    browser.get(demo["url"] + "/admin/agents")
    find(browser, "#agent-name").send_keys(f"Nia New {width}")
    find(browser, "#agent-email").send_keys("not an email")
    find(browser, "#create-agent").click()
    wait(browser, EC.presence_of_element_located((By.ID, "agent-email-error")))
    assert find(browser, "#agent-name").get_attribute("value") == f"Nia New {width}"
    assert active_id(browser) == "agent-email"
    field = find(browser, "#agent-email")
    field.clear()
    field.send_keys(email)
    find(browser, "#create-agent").click()
    password = wait(browser, EC.presence_of_element_located((By.ID, "new-agent-password"))).text
    assert browser.current_url.split("#")[0].endswith("/admin/agents")
    assert can_sign_in(demo, email, password)
    # Shown once: a reload shows it no more.
    browser.refresh()
    wait(browser, EC.presence_of_element_located((By.ID, "agents-table")))
    assert not browser.find_elements(By.ID, "new-agent-password")
    assert password not in browser.page_source
    row = [r for r in browser.find_elements(By.CSS_SELECTOR, "#agents-table tbody tr") if email in r.text][0]
    agent_id = row.get_attribute("id").split("-")[1]
    # Role: agent → admin → agent.
    find(browser, f"#role-{agent_id}").click()
    wait(browser, lambda b: "Admin" in find(b, f"#agent-{agent_id}").text and "Make agent" in find(b, f"#agent-{agent_id}").text)
    find(browser, f"#role-{agent_id}").click()
    wait(browser, lambda b: "Make admin" in find(b, f"#agent-{agent_id}").text)
    # Disabling asks first, on a page that works without JavaScript; Cancel changes nothing.
    find(browser, f"#disable-{agent_id}").click()
    assert email in wait(browser, EC.presence_of_element_located((By.ID, "confirm-heading"))).text
    find(browser, "#cancel-action").click()
    wait(browser, lambda b: "Active" in find(b, f"#agent-{agent_id}").text)
    find(browser, f"#disable-{agent_id}").click()
    wait(browser, EC.element_to_be_clickable((By.ID, "confirm-action"))).click()
    wait(browser, lambda b: "Disabled" in find(b, f"#agent-{agent_id}").text)
    assert not can_sign_in(demo, email, password)
    find(browser, f"#enable-{agent_id}").click()
    wait(browser, lambda b: "Active" in find(b, f"#agent-{agent_id}").text)


def test_a_new_api_key_is_post_redirect_get_and_revoking_asks_first(browser, demo, synced, width):
    browser.get(demo["url"] + "/admin/agents")
    before = len(browser.find_elements(By.CSS_SELECTOR, "#keys-table tbody tr[id^=key-]"))
    find(browser, "#create-key").click()
    key = wait(browser, EC.presence_of_element_located((By.ID, "new-key-value"))).text
    code = find(browser, "#new-key-code").text
    assert browser.current_url.split("#")[0].endswith("/admin/agents"), "the answer to the POST is a redirect"
    # A reload creates nothing and shows the code no more.
    browser.refresh()
    wait(browser, EC.presence_of_element_located((By.ID, "keys-table")))
    assert len(browser.find_elements(By.CSS_SELECTOR, "#keys-table tbody tr[id^=key-]")) == before + 1
    assert not browser.find_elements(By.ID, "new-key-code")
    assert code not in browser.page_source
    # Revoking asks first.
    find(browser, f"#revoke-{key}").click()
    assert key in wait(browser, EC.presence_of_element_located((By.ID, "confirm-heading"))).text
    find(browser, "#confirm-action").click()
    wait(browser, lambda b: "Revoked" in find(b, f"#key-{key}").text)


# --- Assets of a removed connection -----------------------------------------------------------


@pytest.fixture(scope="module")
def removed_asset(browser, demo, synced, second_kandji):
    """An asset of a Kandji connection that was disabled, then removed (with confirmations)."""
    browser.get(demo["url"] + "/admin/apps/kandji")
    names = [a.text for a in browser.find_elements(By.CSS_SELECTOR, "#connections-table tbody a")]
    if len(names) > 1:
        # test_web_ui.py's second tenant (same simulator): remove it.
        browser.find_element(By.LINK_TEXT, names[-1]).click()
    else:
        find(browser, "#tenant_name").send_keys("Leaving tenant")
        find(browser, "#api_url").send_keys(second_kandji["url"])
        find(browser, "#api_token").send_keys(second_kandji["token"])
        find(browser, "#authorize").click()
        wait(browser, EC.presence_of_element_located((By.ID, "preview-table")))
        find(browser, "#save-mapping").click()
        wait(browser, EC.presence_of_element_located((By.ID, "last-run")), timeout=120)
    name = find(browser, "h1").text.strip()
    connection = browser.current_url.split("#")[0]
    browser.get(demo["url"] + "/assets?tenant=" + connection.rstrip("/").split("/")[-1])
    asset = find(browser, "#assets-table tbody a").get_attribute("href")
    browser.get(connection)
    find(browser, "#disable").click()
    find(browser, "#confirm-disable").click()
    wait(browser, lambda b: "Disabled" in find(b, "#app-state").text)
    browser.get(asset)
    disabled_text = find(browser, "#sync-stopped").text
    browser.get(connection)
    find(browser, "#remove").click()
    wait(browser, EC.presence_of_element_located((By.ID, "confirm-action"))).click()
    wait(browser, lambda b: "removed" in find(b, ".flash.notice").text)
    return asset, disabled_text, name


def test_an_asset_of_a_removed_connection_says_so_and_offers_no_refresh(browser, demo, removed_asset, width):
    asset, disabled_text, name = removed_asset
    assert name in disabled_text and "disabled" in disabled_text
    browser.get(asset)
    note = wait(browser, EC.presence_of_element_located((By.ID, "sync-stopped"))).text
    assert f"Kandji connection “{name}” was removed; this asset is no longer synced." in note
    assert not browser.find_elements(By.ID, "refresh-from-kandji")
    assert "Kandji no longer lists this device" not in find(browser, "main").text


# --- Refresh from Kandji: new "as of" times, fields by label ----------------------------------


def test_refresh_from_kandji_moves_the_as_of_time_and_names_fields_by_label(browser, demo, synced, width):
    asset = synced_asset_urls(browser, demo)[5 + WIDTHS.index(width)]
    browser.get(asset)
    before = find(browser, "#list-as-of").get_attribute("datetime")
    device_id = dict(zip([e.text for e in browser.find_elements(By.CSS_SELECTOR, "#kandji-fields dt")],
                         [e.text for e in browser.find_elements(By.CSS_SELECTOR, "#kandji-fields dd")]))["Device ID"]
    request = urllib.request.Request(
        demo["kandji_url"] + f"/_simulator/devices/{device_id}/os-version?version=28.{width}", method="POST",
        headers={"Authorization": "Bearer " + demo["kandji_token"]})
    urllib.request.urlopen(request).close()
    find(browser, "#refresh-from-kandji").click()
    notice = wait(browser, EC.presence_of_element_located((By.CSS_SELECTOR, ".flash.notice"))).text
    assert "OS Version" in notice and "os_version" not in notice, notice
    after = find(browser, "#list-as-of").get_attribute("datetime")
    assert after > before, (before, after)
    assert find(browser, "#details-as-of").get_attribute("datetime") >= after


# --- Every page fits; consistent controls ------------------------------------------------------


def main_pages(browser, demo):
    urls = ["/assets", "/tickets", "/contacts", "/admin/apps/kandji", "/admin/agents", "/admin/asset-types"]
    browser.get(demo["url"] + "/admin/apps/kandji")
    urls += [a.get_attribute("href") for a in browser.find_elements(By.CSS_SELECTOR, "#connections-table tbody a")][:1]
    urls.append(synced_asset_urls(browser, demo)[1])
    browser.get(demo["url"] + "/tickets")
    urls += [a.get_attribute("href") for a in browser.find_elements(By.CSS_SELECTOR, "#tickets-table tbody a")][:1]
    browser.get(demo["url"] + "/admin/asset-types")
    urls += [a.get_attribute("href") for a in browser.find_elements(By.CSS_SELECTOR, "#types-table tbody a")][-1:]
    return [u if u.startswith("http") else demo["url"] + u for u in urls]


def test_every_page_fits_without_clipping_and_controls_are_consistent(browser, demo, synced, width):
    for url in main_pages(browser, demo):
        browser.get(url)
        clipped = browser.execute_script("""
            const out = [];
            if (document.documentElement.scrollWidth > window.innerWidth + 1)
              out.push('page ' + document.documentElement.scrollWidth + ' > ' + window.innerWidth + ': ' +
                [...document.querySelectorAll('main *')].filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
                  .slice(-3).map(e => e.tagName + '#' + e.id + '.' + e.className).join(', '));
            for (const wrap of document.querySelectorAll('.table-wrap'))
              if (wrap.scrollWidth > wrap.clientWidth + 1)
                out.push((wrap.querySelector('table') || {}).id + ' ' + wrap.scrollWidth + ' > ' + wrap.clientWidth);
            return out;""")
        assert not clipped, f"{url} at {width}px: {clipped}"
        sizes = {tuple(map(round, (c.size["width"], c.size["height"])))
                 for c in browser.find_elements(By.CSS_SELECTOR, "input[type=checkbox]") if c.is_displayed()}
        assert len(sizes) <= 1, f"{url}: checkboxes of different sizes {sizes}"
        text = find(browser, "main").text
        assert "()" not in text, f"{url} shows an empty ()"
        # One ticket-number form: HappyFox's #GEN00000006, never a bare #6.
        assert not re.search(r"Ticket #\d{1,7}\b", text), f"{url}: a bare ticket number"
        numbers = [e.text.split(" ")[0] for e in browser.find_elements(
            By.CSS_SELECTOR, "main a[href*='/tickets/'], main option") if e.text.startswith("#")]
        assert all(re.fullmatch(r"#[A-Z]*\d{8}", n) for n in numbers), f"{url}: {numbers}"


def test_sync_help_keeps_paragraphs_whole():
    text = subprocess.run([BINARY_PATH, "sync", "--help"], capture_output=True, text=True,
                          env={"COLUMNS": "100", "PATH": "/usr/bin:/bin"}).stdout
    discussion = text.split("USAGE:")[0].splitlines()[2:]
    lines = [line for line in discussion]
    for line, following in zip(lines, lines[1:]):
        if line.strip() and following.strip():
            assert len(line) >= 60, f"a line breaks mid-sentence: {line!r}"


# --- Accessibility -----------------------------------------------------------------------------


def test_axe_finds_no_serious_or_critical_violations(browser, demo, synced, width):
    from axe_selenium_python import Axe
    problems = []
    for url in main_pages(browser, demo) + [demo["url"] + "/login"]:
        if url.endswith("/login"):
            browser.delete_all_cookies()
        browser.get(url)
        axe = Axe(browser)
        axe.inject()
        # axe-core 3.1 (bundled with axe-selenium-python 2.1.6) takes a visually hidden label
        # (`.sr-only`) for a hidden one; axe 4 does not. The label rule's other checks still run.
        browser.execute_script("axe.configure({checks: [{id: 'hidden-explicit-label', enabled: false}]})")
        results = axe.run(options=json.dumps({"resultTypes": ["violations"]}))
        for violation in results["violations"]:
            if violation["impact"] in ("serious", "critical"):
                problems.append(f"{url}: {violation['id']} ({violation['impact']}): "
                                + "; ".join(n["target"][0] for n in violation["nodes"][:3]) + " — "
                                + violation["nodes"][0].get("failureSummary", "").replace("\n", " "))
    sign_in(browser, demo)
    assert not problems, "\n".join(problems)


def press(browser, *keys):
    browser.switch_to.active_element.send_keys(*keys)


def tab_to(browser, matches, limit=80):
    """Tabs until the focused element satisfies `matches`; returns it."""
    for _ in range(limit):
        press(browser, Keys.TAB)
        element = browser.switch_to.active_element
        if matches(element):
            return element
    raise AssertionError("Tab never reached the element")


def test_sign_in_search_asset_ticket_by_keyboard_only(browser, demo, synced, width):
    # A ticket on an asset to walk to.
    target = synced_asset_urls(browser, demo)[3]
    browser.get(target)
    display_id = find(browser, "#display-id").text
    if not browser.find_elements(By.CSS_SELECTOR, "#recent-tickets ul a"):
        find(browser, "#subject").send_keys("Walked to by keyboard" + Keys.ENTER)
        wait(browser, EC.presence_of_element_located((By.CSS_SELECTOR, "#recent-tickets ul a")))
    browser.delete_all_cookies()
    browser.get(demo["url"] + "/assets")
    wait(browser, EC.url_contains("/login"))
    # Sign in: the email field has focus; Tab to the password; Enter submits.
    assert active_id(browser) == "email"
    press(browser, demo["email"])
    press(browser, Keys.TAB)
    assert active_id(browser) == "password"
    press(browser, demo["password"], Keys.ENTER)
    wait(browser, lambda b: "/assets" in b.current_url and "/login" not in b.current_url)
    # Search: the page header's search box (issue 20) when there is one, else the asset list's.
    tab_to(browser, lambda e: e.get_attribute("type") == "search")
    press(browser, display_id, Keys.ENTER)
    wait(browser, lambda b: display_id in find(b, "main").text and "/login" not in b.current_url)
    link = tab_to(browser, lambda e: e.tag_name == "a" and (e.get_attribute("href") or "").endswith(target.split(demo["url"])[1]))
    link.send_keys(Keys.ENTER)
    wait(browser, lambda b: b.current_url.split("#")[0] == target)
    ticket = tab_to(browser, lambda e: e.tag_name == "a" and "/tickets/" in (e.get_attribute("href") or ""))
    href = ticket.get_attribute("href")
    press(browser, Keys.ENTER)
    wait(browser, lambda b: b.current_url.split("#")[0] == href)
    assert browser.find_elements(By.ID, "ticket-subject")
