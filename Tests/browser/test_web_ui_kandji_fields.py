"""Issue 19 through a real browser: an admin ticks Kandji fields on the connection's page (the
mapping preview shows them at once), and an agent sees them, typed, on a Mac's page; the 13
default fields come back afterwards. Runs after test_web_ui.py (file order), whose walk-through
has synced the demo into the "Headquarters" connection."""
import urllib.request

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC

from test_web_ui import kandji_fields, open_connection, wait

DEFAULTS = ["device_id", "serial_number", "device_name", "platform", "model", "os_version", "asset_tag",
            "last_check_in", "blueprint", "enrollment_state", "supervised", "udid", "user"]


def choose_fields(browser, keys):
    """Ticks exactly `keys` in the chooser, numbered in that order, and saves."""
    for row in browser.find_elements(By.CSS_SELECTOR, "#fields-table tr.field-row"):
        key = row.get_attribute("data-key")
        box = row.find_element(By.CSS_SELECTOR, "input.field-check")
        order = row.find_element(By.CSS_SELECTOR, "input.field-order")
        if box.is_selected() != (key in keys):
            box.click()
        order.clear()
        if key in keys:
            order.send_keys(str(keys.index(key) + 1))
    browser.find_element(By.ID, "save-fields").click()
    wait(browser, lambda b: "Fields saved" in b.find_element(By.TAG_NAME, "body").text)


def control(demo, path):
    request = urllib.request.Request(
        demo["kandji_url"] + "/_simulator/" + path, method="POST",
        headers={"Authorization": "Bearer " + demo["kandji_token"]})
    with urllib.request.urlopen(request) as response:
        assert response.status == 200


def test_chosen_fields_show_on_a_macs_page(browser, demo, shoot):
    # A Mac the other walk-throughs leave alone: the last row of the Mac tab's first page.
    browser.get(demo["url"] + "/assets")
    rows = browser.find_elements(By.CSS_SELECTOR, "#assets-table tbody tr td a[href^='/assets/']")
    assert rows, "the demo has synced Macs"
    asset_url = rows[-1].get_attribute("href")
    browser.get(asset_url)
    wait(browser, EC.presence_of_element_located((By.ID, "kandji-fields")))
    device_id = kandji_fields(browser)["Device ID"]

    # The device gets tags and FileVault in Kandji; "Refresh from Kandji" reads them.
    control(demo, f"devices/{device_id}/tags?tags=Finance,Remote")
    control(demo, f"devices/{device_id}/filevault?enabled=true&escrowed=true")
    button = browser.find_element(By.ID, "refresh-from-kandji")
    button.click()
    wait(browser, EC.staleness_of(button))
    flash = wait(browser, EC.presence_of_element_located((By.CSS_SELECTOR, ".flash")))
    assert "error" not in flash.get_attribute("class"), flash.text

    # The admin ticks four fields; the mapping preview shows their rows before saving.
    open_connection(browser, demo, "Headquarters")
    wait(browser, EC.presence_of_element_located((By.ID, "preview-table")))
    tags_box = browser.find_element(By.ID, "field-tags")
    if not tags_box.is_selected():
        tags_box.click()
    wait(browser, lambda b: "Tags" in [th.text for th in b.find_elements(By.CSS_SELECTOR, "#preview-fields th")])
    choose_fields(browser, ["tags", "filevault_enabled", "storage_free", "device_id"])
    shoot("kandji-fields")

    browser.get(asset_url)
    wait(browser, EC.presence_of_element_located((By.ID, "kandji-fields")))
    labels = [e.text for e in browser.find_elements(By.CSS_SELECTOR, "#kandji-fields dt")]
    assert labels == ["Tags", "FileVault", "Storage Free (GB)", "Device ID"]
    fields = kandji_fields(browser)
    assert fields["Tags"] == "Finance, Remote"
    assert fields["FileVault"] == "Yes"
    assert fields["Device ID"] == device_id
    float(fields["Storage Free (GB)"])  # a number, as Kandji's "228.27 GB" reads
    shoot("asset-kandji-fields")

    # The list filters by the tag.
    browser.get(demo["url"] + "/assets?tags=Finance&filevault_enabled=true")
    links = [a.get_attribute("href") for a in
             browser.find_elements(By.CSS_SELECTOR, "#assets-table tbody tr td a[href^='/assets/']")]
    assert asset_url in links

    # Back to the 13 defaults: every value is still there.
    open_connection(browser, demo, "Headquarters")
    choose_fields(browser, DEFAULTS)
    browser.get(asset_url)
    wait(browser, EC.presence_of_element_located((By.ID, "kandji-fields")))
    assert kandji_fields(browser)["Device ID"] == device_id
    assert "Tags" not in kandji_fields(browser)
    assert len(kandji_fields(browser)) == 13
