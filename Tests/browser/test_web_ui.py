"""The whole product through a real browser, as an admin and agent would use it (issue 5)."""
import base64
import subprocess
import urllib.error
import urllib.request

from conftest import BINARY_PATH, wait
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select




def text_of(browser, css):
    return browser.find_element(By.CSS_SELECTOR, css).text


def test_sign_in_with_a_wrong_password_then_the_right_one(browser, demo, shoot):
    browser.get(demo["url"] + "/assets")
    wait(browser, EC.url_contains("/login"))
    shoot("sign-in")
    browser.find_element(By.ID, "email").send_keys(demo["email"])
    browser.find_element(By.ID, "password").send_keys("not the password")
    browser.find_element(By.ID, "sign-in").click()
    assert "Email or password is incorrect." in wait(browser, EC.presence_of_element_located((By.ID, "login-error"))).text
    browser.find_element(By.ID, "password").send_keys(demo["password"])
    browser.find_element(By.ID, "sign-in").click()
    wait(browser, EC.url_contains("/assets"))
    assert "Assets" in browser.find_element(By.TAG_NAME, "h1").text


def test_install_authorize_map_and_sync(browser, demo, shoot):
    browser.get(demo["url"] + "/admin/apps/kandji")
    browser.find_element(By.ID, "install").click()
    wait(browser, EC.presence_of_element_located((By.ID, "api_url")))
    shoot("kandji-connect")
    # A bad token: the error says what is wrong, and nothing is saved.
    browser.find_element(By.ID, "api_url").send_keys(demo["kandji_url"])
    browser.find_element(By.ID, "api_token").send_keys("11111111-2222-4333-8444-555555555555")
    browser.find_element(By.ID, "authorize").click()
    error = wait(browser, EC.presence_of_element_located((By.CSS_SELECTOR, ".flash.error"))).text
    assert "did not accept" in error and "rejected the API token" in error
    assert not browser.find_elements(By.ID, "connections-table")
    # The good token, under a name of our choosing: the connection's page opens at the mapping.
    browser.find_element(By.ID, "tenant_name").send_keys("Headquarters")
    url_field = browser.find_element(By.ID, "api_url")
    url_field.clear()
    url_field.send_keys(demo["kandji_url"])
    browser.find_element(By.ID, "api_token").send_keys(demo["kandji_token"])
    browser.find_element(By.ID, "authorize").click()
    wait(browser, EC.presence_of_element_located((By.ID, "mapping")))
    assert "Headquarters" in browser.find_element(By.TAG_NAME, "h1").text
    assert "can list devices and read device details" in text_of(browser, "#diagnosis")
    # The mapping dropdowns are pre-populated, and a preview shows three real devices.
    assert Select(browser.find_element(By.ID, "display_id_source")).first_selected_option.get_attribute("value") == "serial_number"
    wait(browser, EC.presence_of_element_located((By.ID, "preview-table")))
    assert len(browser.find_elements(By.CSS_SELECTOR, "#preview-table tbody tr")) == 3
    Select(browser.find_element(By.ID, "name_source")).select_by_value("model")
    # With the model as name, the preview's names are models, not people's device names (the
    # chosen Kandji fields' columns after the first three still show the device names).
    def preview_names(b):
        return [c.text for c in b.find_elements(By.CSS_SELECTOR, "#preview-table tbody tr td:first-child")]
    wait(browser, lambda b: preview_names(b) and not any("’s" in n or "'s" in n for n in preview_names(b)))
    Select(browser.find_element(By.ID, "name_source")).select_by_value("device_name")
    shoot("kandji-mapping")
    browser.find_element(By.ID, "save-mapping").click()
    # The initial sync runs with live progress and completes on screen.
    wait(browser, EC.presence_of_element_located((By.ID, "last-run")), timeout=120)
    last_run = text_of(browser, "#last-run")
    assert "completed" in last_run and "150 created" in last_run
    assert browser.find_elements(By.CSS_SELECTOR, "#runs-table a[download]")
    assert "calls used in the last hour" in text_of(browser, "#budget-used")
    shoot("kandji-synced")


def test_a_synced_mac_is_read_only_and_links_to_kandji(browser, demo, shoot):
    browser.get(demo["url"] + "/assets")
    shoot("assets")
    browser.find_element(By.CSS_SELECTOR, "#assets-table tbody a").click()
    wait(browser, EC.presence_of_element_located((By.ID, "kandji-fields")))
    fields = dict(zip(
        [e.text for e in browser.find_elements(By.CSS_SELECTOR, "#kandji-fields dt")],
        [e.text for e in browser.find_elements(By.CSS_SELECTOR, "#kandji-fields dd")]))
    assert len(fields) == 13
    assert fields["Platform"] == "Mac"
    link = browser.find_element(By.ID, "kandji-link")
    assert link.get_attribute("href") == demo["kandji_url"] + "/devices/" + fields["Device ID"]
    assert link.get_attribute("target") == "_blank"
    assert not browser.find_elements(By.ID, "edit-asset")
    assert not browser.find_elements(By.ID, "delete-asset")
    assert "Managed by Kandji" in text_of(browser, "#managed-note")
    shoot("asset-synced")


def kandji_fields(browser):
    return dict(zip(
        [e.text for e in browser.find_elements(By.CSS_SELECTOR, "#kandji-fields dt")],
        [e.text for e in browser.find_elements(By.CSS_SELECTOR, "#kandji-fields dd")]))


def test_refresh_from_kandji_shows_a_new_os_version(browser, demo, shoot):
    """Issue 13: a device updated in Kandji shows its new OS version on "Refresh from Kandji"."""
    browser.get(demo["url"] + "/assets")
    browser.find_element(By.CSS_SELECTOR, "#assets-table tbody a").click()
    wait(browser, EC.presence_of_element_located((By.ID, "kandji-freshness")))
    device_id = kandji_fields(browser)["Device ID"]
    assert kandji_fields(browser)["OS Version"] != "27.1.2"
    # The device is updated in Kandji (the simulator's control API, with the tenant's token).
    request = urllib.request.Request(
        demo["kandji_url"] + f"/_simulator/devices/{device_id}/os-version?version=27.1.2", method="POST",
        headers={"Authorization": "Bearer " + demo["kandji_token"]})
    with urllib.request.urlopen(request) as response:
        assert response.status == 200
    browser.find_element(By.ID, "refresh-from-kandji").click()
    wait(browser, lambda b: kandji_fields(b).get("OS Version") == "27.1.2", timeout=10)
    assert "Refreshed from Kandji" in text_of(browser, ".flash")
    assert text_of(browser, "#list-as-of") != "—"
    shoot("asset-refreshed")


def test_manual_asset_create_edit_delete_in_the_mac_type(browser, demo, shoot):
    browser.get(demo["url"] + "/assets")
    taken = browser.find_elements(By.CSS_SELECTOR, "#assets-table tbody td.mono")[0].text
    browser.find_element(By.ID, "new-asset").click()
    browser.find_element(By.ID, "name").send_keys("Loaner MacBook")
    browser.find_element(By.ID, "display_id").send_keys(taken)
    browser.find_element(By.ID, "save-asset").click()
    error = wait(browser, EC.presence_of_element_located((By.ID, "display-id-error"))).text
    assert "already used" in error
    shoot("asset-form-error")
    display = browser.find_element(By.ID, "display_id")
    display.clear()
    display.send_keys("LOANER-001")
    browser.find_element(By.ID, "save-asset").click()
    wait(browser, EC.presence_of_element_located((By.ID, "edit-asset")))
    assert "Loaner MacBook" in text_of(browser, "#asset-name")
    browser.find_element(By.ID, "edit-asset").click()
    name = browser.find_element(By.ID, "name")
    name.clear()
    name.send_keys("Loaner MacBook (spare)")
    browser.find_element(By.ID, "save-asset").click()
    wait(browser, lambda b: "(spare)" in b.find_element(By.ID, "asset-name").text)
    browser.find_element(By.ID, "delete-asset").click()
    # Deleting asks first, on a page of its own (works without JavaScript).
    wait(browser, EC.presence_of_element_located((By.ID, "confirm-action"))).click()
    wait(browser, EC.url_contains("/assets?type="))
    assert "deleted" in text_of(browser, ".flash.notice")


def test_a_linked_ticket_shows_under_recent_tickets(browser, demo, shoot):
    browser.get(demo["url"] + "/assets")
    browser.find_elements(By.CSS_SELECTOR, "#assets-table tbody a")[1].click()
    wait(browser, EC.presence_of_element_located((By.ID, "recent-tickets")))
    browser.find_element(By.ID, "subject").send_keys("Keyboard sticks")
    browser.find_element(By.CSS_SELECTOR, "#recent-tickets form:last-of-type button").click()
    wait(browser, lambda b: "Keyboard sticks" in b.find_element(By.ID, "recent-tickets").text)
    # Linking an existing ticket goes through the ticket picker (issue 20): test_web_ui_pickers.py.
    shoot("asset-tickets")
    browser.get(demo["url"] + "/tickets")
    assert "Keyboard sticks" in text_of(browser, "#tickets-table")
    shoot("tickets")


def test_a_manual_type_with_fields_an_asset_and_a_ticket_thread_on_a_synced_asset(browser, demo, shoot):
    """Issue 12's walk-through: an admin creates a manual asset type with fields, an agent adds an
    asset using them, then opens a ticket on a synced Mac, adds a private note that changes the
    status, and finds the ticket under the Mac's Recent Tickets."""
    # A manual type with a dropdown and a number field.
    browser.get(demo["url"] + "/admin/asset-types")
    browser.find_element(By.ID, "type-name").send_keys("Docking stations")
    browser.find_element(By.ID, "type-description").send_keys("USB-C docks on the desks")
    browser.find_element(By.ID, "create-type").click()
    wait(browser, lambda b: "Docking stations" in b.find_element(By.ID, "type-name-heading").text)
    type_id = browser.current_url.rstrip("/").split("/")[-1]
    browser.find_element(By.ID, "field-name").send_keys("Vendor")
    Select(browser.find_element(By.ID, "field-type")).select_by_value("dropdown")
    browser.find_element(By.ID, "field-choices").send_keys("Dell\nLenovo")
    browser.find_element(By.ID, "add-field").click()
    wait(browser, lambda b: "Dell, Lenovo" in b.find_element(By.ID, "field-list").text)
    browser.find_element(By.ID, "field-name").send_keys("Ports")
    Select(browser.find_element(By.ID, "field-type")).select_by_value("number")
    browser.find_element(By.ID, "add-field").click()
    wait(browser, lambda b: "Ports" in b.find_element(By.ID, "field-list").text)
    shoot("asset-type-fields")
    # A manual asset using them.
    browser.get(demo["url"] + "/assets?type=" + type_id)
    browser.find_element(By.ID, "new-asset").click()
    browser.find_element(By.ID, "name").send_keys("Desk 4 dock")
    browser.find_element(By.ID, "display_id").send_keys("DOCK-004")
    Select(browser.find_element(By.CSS_SELECTOR, "select[id^=cf_]")).select_by_visible_text("Lenovo")
    browser.find_element(By.CSS_SELECTOR, "input[inputmode=numeric]").send_keys("3")
    browser.find_element(By.ID, "save-asset").click()
    wait(browser, EC.presence_of_element_located((By.ID, "edit-asset")))
    details = browser.find_element(By.CSS_SELECTOR, "dl.fields").text
    assert "Lenovo" in details and "3" in details
    # A ticket on a synced Mac, with a private note that changes its status.
    browser.get(demo["url"] + "/assets")
    browser.find_elements(By.CSS_SELECTOR, "#assets-table tbody a")[2].click()
    wait(browser, EC.presence_of_element_located((By.ID, "kandji-fields")))
    mac_url = browser.current_url
    display_id = text_of(browser, "#display-id")
    browser.get(demo["url"] + "/tickets")
    browser.find_element(By.ID, "subject").send_keys("Dock drops the external display")
    browser.find_element(By.ID, "message").send_keys("Every morning the screen stays black.")
    browser.find_element(By.ID, "asset_display_id").send_keys(display_id)
    browser.find_element(By.ID, "create-ticket").click()
    wait(browser, lambda b: "Dock drops the external display" in b.find_element(By.ID, "ticket-subject").text)
    assert display_id in text_of(browser, "#linked-assets")
    browser.find_element(By.ID, "reply-message").send_keys("Firmware 1.2 fixes this; scheduling the update.")
    browser.find_element(By.ID, "reply-private").click()
    Select(browser.find_element(By.ID, "reply-status")).select_by_visible_text("Open")
    browser.find_element(By.ID, "send-reply").click()
    wait(browser, lambda b: "Private note" in b.find_element(By.ID, "thread").text)
    thread = text_of(browser, "#thread")
    assert "Every morning the screen stays black." in thread
    assert "Firmware 1.2 fixes this" in thread and "Status: New → Open" in thread
    assert "Demo Admin" in thread
    assert "Open" in text_of(browser, "#ticket-status")
    shoot("ticket-thread")
    # The ticket shows under the Mac's Recent Tickets.
    browser.get(mac_url)
    assert "Dock drops the external display" in text_of(browser, "#recent-tickets")
    # The ticket list filters by status.
    browser.get(demo["url"] + "/tickets")
    Select(browser.find_element(By.ID, "filter-status")).select_by_visible_text("Open")
    browser.find_element(By.ID, "apply-filters").click()
    wait(browser, lambda b: "status=" in b.current_url)
    assert "Dock drops the external display" in text_of(browser, "#tickets-table")


def open_connection(browser, demo, name):
    browser.get(demo["url"] + "/admin/apps/kandji")
    browser.find_element(By.LINK_TEXT, name).click()
    wait(browser, lambda b: name in b.find_element(By.TAG_NAME, "h1").text)


def test_a_second_tenant_syncs_beside_the_first(browser, demo, second_kandji, shoot):
    browser.get(demo["url"] + "/admin/apps/kandji")
    assert "Add another Kandji tenant" in text_of(browser, "#connect h2")
    browser.find_element(By.ID, "tenant_name").send_keys("Europe")
    browser.find_element(By.ID, "api_url").send_keys(second_kandji["url"])
    browser.find_element(By.ID, "api_token").send_keys(second_kandji["token"])
    browser.find_element(By.ID, "authorize").click()
    wait(browser, EC.presence_of_element_located((By.ID, "mapping")))
    wait(browser, EC.presence_of_element_located((By.ID, "preview-table")))
    browser.find_element(By.ID, "save-mapping").click()
    wait(browser, EC.presence_of_element_located((By.ID, "last-run")), timeout=120)
    assert "20 created" in text_of(browser, "#last-run")
    # Both connections are listed, each with its own host, state and budget.
    browser.get(demo["url"] + "/admin/apps/kandji")
    rows = browser.find_elements(By.CSS_SELECTOR, "#connections-table tbody tr")
    assert [r.find_element(By.TAG_NAME, "a").text for r in rows] == ["Headquarters", "Europe"]
    assert all("Enabled" in r.text and "completed" in r.text for r in rows)
    shoot("kandji-tenants")
    # The asset list labels and filters by tenant; the console link goes to the tenant's own host.
    browser.get(demo["url"] + "/assets")
    Select(browser.find_element(By.ID, "tenant")).select_by_visible_text("Europe")
    browser.find_element(By.CSS_SELECTOR, "form.filters button").click()
    wait(browser, EC.url_contains("tenant="))
    tenants = {e.text for e in browser.find_elements(By.CSS_SELECTOR, "#assets-table tbody td.tenant")}
    assert tenants == {"Europe"}
    shoot("assets-by-tenant")
    browser.find_element(By.CSS_SELECTOR, "#assets-table tbody a").click()
    wait(browser, EC.presence_of_element_located((By.ID, "kandji-link")))
    assert text_of(browser, "#asset-tenant") == "Europe"
    assert browser.find_element(By.ID, "kandji-link").get_attribute("href").startswith(second_kandji["url"] + "/devices/")


def test_disable_stops_syncs_and_keeps_assets(browser, demo, shoot):
    open_connection(browser, demo, "Headquarters")
    browser.find_element(By.ID, "disable").click()
    explanation = text_of(browser, "details.confirm")
    assert "does not delete anything" in explanation.replace("\n", " ") or "not delete" in explanation
    browser.find_element(By.ID, "confirm-disable").click()
    wait(browser, lambda b: "Disabled" in b.find_element(By.ID, "app-state").text)
    assert not browser.find_elements(By.ID, "sync-now")
    browser.get(demo["url"] + "/assets")
    count = int(browser.find_element(By.CSS_SELECTOR, ".tab[aria-current] .count").text)
    assert count > 0
    assert len(browser.find_elements(By.CSS_SELECTOR, "#assets-table tbody tr")) > 0
    # The other connection is untouched.
    browser.get(demo["url"] + "/admin/apps/kandji")
    states = [r.text for r in browser.find_elements(By.CSS_SELECTOR, "#connections-table tbody tr")]
    assert "Disabled" in states[0] and "Enabled" in states[1]
    open_connection(browser, demo, "Headquarters")
    browser.find_element(By.ID, "enable").click()
    wait(browser, lambda b: "Enabled" in b.find_element(By.ID, "app-state").text)


def test_the_layout_works_on_a_phone(browser, demo, shoot):
    browser.set_window_size(390, 844)
    try:
        browser.get(demo["url"] + "/assets")
        width = browser.execute_script("return document.documentElement.scrollWidth")
        assert width <= 400, f"the page scrolls sideways on a phone ({width}px)"
        shoot("assets-phone")
    finally:
        browser.set_window_size(1366, 900)


def api_status(demo, key, code):
    request = urllib.request.Request(demo["url"] + "/api/1.1/json/asset_types/", headers={
        "Authorization": "Basic " + base64.b64encode(f"{key}:{code}".encode()).decode()})
    try:
        with urllib.request.urlopen(request) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_an_admin_revokes_a_key_and_disables_an_agent(browser, demo, shoot):
    subprocess.run(
        [BINARY_PATH, "agents", "create", "--database", demo["database"], "--email", "leaver@example.com",
         "--name", "Lee Leaver", "--role", "agent", "--password-stdin"],
        input="a long enough password\n", text=True, check=True, capture_output=True)
    browser.get(demo["url"] + "/admin/agents")
    row = wait(browser, lambda b: [r for r in b.find_elements(By.CSS_SELECTOR, "#agents tbody tr")
                                   if "leaver@example.com" in r.text])[0]
    agent_id = row.get_attribute("id").split("-")[1]
    # Yourself: no Disable button.
    you = [r for r in browser.find_elements(By.CSS_SELECTOR, "#agents tbody tr") if "(you)" in r.text][0]
    assert not you.find_elements(By.CSS_SELECTOR, "button[id^=disable]")
    # A key for the leaver, shown once, works at once.
    Select(browser.find_element(By.ID, "key-agent")).select_by_visible_text("leaver@example.com")
    browser.find_element(By.ID, "create-key").click()
    key = wait(browser, EC.presence_of_element_located((By.ID, "new-key-value"))).text
    code = text_of(browser, "#new-key-code")
    assert api_status(demo, key, code) == 200
    shoot("agents-new-key")
    # Disabling the agent refuses the key from the next request on.
    browser.get(demo["url"] + "/admin/agents")
    browser.find_element(By.ID, f"disable-{agent_id}").click()
    wait(browser, EC.presence_of_element_located((By.ID, "confirm-action"))).click()
    wait(browser, lambda b: "is disabled" in b.find_element(By.CSS_SELECTOR, ".flash.notice").text)
    assert "Disabled" in text_of(browser, f"#agent-{agent_id}")
    assert api_status(demo, key, code) == 401
    browser.find_element(By.ID, f"enable-{agent_id}").click()
    wait(browser, lambda b: "enabled again" in b.find_element(By.CSS_SELECTOR, ".flash.notice").text)
    assert api_status(demo, key, code) == 200
    # Revoking the key is for good.
    browser.find_element(By.ID, f"revoke-{key}").click()
    wait(browser, EC.presence_of_element_located((By.ID, "confirm-action"))).click()
    wait(browser, lambda b: "Revoked" in b.find_element(By.ID, f"key-{key}").text)
    assert api_status(demo, key, code) == 401
    assert code not in browser.page_source
    shoot("agents")
