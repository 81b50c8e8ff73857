"""Issue 20 through a real browser: find a device by its user's email in the top search box,
follow its history after "Refresh from Kandji", and link the requester's Mac to a ticket in one
click. Runs after test_web_ui.py (file order), whose walk-through has synced the demo."""
import urllib.request

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC

from test_web_ui import kandji_fields, text_of, wait


def test_search_by_email_history_and_the_requesters_mac(browser, demo, shoot):
    # A contact the demo made for a Kandji user (the sync linked their devices to them).
    browser.get(demo["url"] + "/contacts")
    emails = [e.text for e in browser.find_elements(By.CSS_SELECTOR, "#contacts-table tbody td")
              if "@" in e.text and "frontdesk@" not in e.text]
    assert emails, "the demo has contacts for Kandji users"
    email = emails[0]

    # The search box in the header finds the device by its user's email.
    box = browser.find_element(By.ID, "top-search")
    box.send_keys(email.upper())
    box.send_keys(Keys.ENTER)
    wait(browser, EC.presence_of_element_located((By.ID, "results-assets")))
    assert email in text_of(browser, "#results-assets")
    shoot("search-results")
    browser.find_element(By.CSS_SELECTOR, "#results-assets a.result-link").click()
    wait(browser, EC.presence_of_element_located((By.ID, "kandji-freshness")))
    name = text_of(browser, "#asset-name")
    display_id = text_of(browser, "#display-id")
    device_id = kandji_fields(browser)["Device ID"]
    old_os = kandji_fields(browser)["OS Version"]
    new_os = "27.4.1" if old_os != "27.4.1" else "27.4.2"

    # The device changes in Kandji (the simulator's control API), then "Refresh from Kandji".
    request = urllib.request.Request(
        demo["kandji_url"] + f"/_simulator/devices/{device_id}/os-version?version={new_os}", method="POST",
        headers={"Authorization": "Bearer " + demo["kandji_token"]})
    with urllib.request.urlopen(request) as response:
        assert response.status == 200
    browser.find_element(By.ID, "refresh-from-kandji").click()
    wait(browser, lambda b: kandji_fields(b).get("OS Version") == new_os, timeout=10)
    # The history shows the change, old and new value, and who asked.
    entry = browser.find_element(By.CSS_SELECTOR, "#history-entries li.history-entry")
    assert "OS Version" in entry.text
    assert entry.find_element(By.CSS_SELECTOR, ".old-value").text == old_os
    assert entry.find_element(By.CSS_SELECTOR, ".new-value").text == new_os
    assert "Refresh from Kandji" in entry.text
    shoot("asset-history")

    # A ticket from that contact shows their Mac; one click links it.
    contact_href = browser.find_element(By.CSS_SELECTOR, "#contacts a[href^='/contacts/']").get_attribute("href")
    contact_id = contact_href.rstrip("/").split("/")[-1]
    browser.get(demo["url"] + "/tickets")
    browser.find_element(By.ID, "subject").send_keys("Screen flickers after the update")
    # The contact picker (issue 20): the email typed, the match chosen by keyboard.
    picker = browser.find_element(By.ID, "contact")
    picker.send_keys(email)
    wait(browser, lambda b: b.find_elements(By.CSS_SELECTOR, "#contact-listbox [role=option]")
         and picker.get_attribute("aria-expanded") == "true")
    picker.send_keys(Keys.ARROW_DOWN, Keys.ENTER)
    wait(browser, lambda b: b.find_element(By.ID, "contact_id").get_attribute("value") == contact_id)
    browser.find_element(By.ID, "create-ticket").click()
    devices = wait(browser, EC.presence_of_element_located((By.ID, "requester-devices")))
    assert name in devices.text
    assert new_os in devices.text
    assert "Kandji data as of" in devices.text
    row = next(li for li in browser.find_elements(By.CSS_SELECTOR, "#requester-devices li.requester-device")
               if display_id in li.text)
    row.find_element(By.CSS_SELECTOR, "button.link-device").click()
    wait(browser, lambda b: display_id in b.find_element(By.ID, "linked-assets").text)
    assert "Linked" in text_of(browser, "#requester-devices")
    shoot("ticket-requester-devices")
