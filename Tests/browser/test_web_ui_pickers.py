"""Issue 20's pickers through a real browser: they search the server as the agent types and show a
few matches in a listbox (keyboard and mouse), and choosing one fills the field the form posts.
Sets up what it needs itself (signs in, connects and syncs Kandji), so it also runs alone."""
import json
import time

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC

from conftest import wait
from test_web_ui_dead_ends import find, synced, synced_asset_urls  # noqa: F401 (synced is a fixture)


def options(browser, picker_id):
    return browser.find_elements(By.CSS_SELECTOR, f"#{picker_id}-listbox [role=option]")


def listbox_open(browser, picker_id):
    return find(browser, f"#{picker_id}").get_attribute("aria-expanded") == "true" and options(browser, picker_id)


def test_the_contact_picker_finds_a_contact_by_part_of_its_email(browser, demo, synced):  # noqa: F811
    # A contact of our own, so the match is known (the demo's contacts are Kandji users).
    stamp = str(int(time.time() * 1000))[-7:]
    email = f"picker.person.{stamp}@example.com"
    browser.get(demo["url"] + "/contacts")
    find(browser, "#name").send_keys(f"Pia Picker {stamp}")
    find(browser, "#email").send_keys(email)
    find(browser, "#add-contact").click()
    wait(browser, lambda b: email in b.page_source)

    browser.get(synced_asset_urls(browser, demo)[4])
    wait(browser, EC.presence_of_element_located((By.ID, "contacts")))
    picker = find(browser, "#contact")
    # The page lists no contacts to choose from; the script made the field a combobox.
    assert not browser.find_elements(By.CSS_SELECTOR, "#contacts select")
    assert picker.get_attribute("role") == "combobox"
    assert picker.get_attribute("aria-expanded") == "false"
    assert picker.get_attribute("aria-controls") == "contact-listbox"

    picker.send_keys(f"PERSON.{stamp}")
    wait(browser, lambda b: listbox_open(b, "contact"))
    matches = options(browser, "contact")
    assert 1 <= len(matches) <= 8
    assert email in matches[0].text and f"Pia Picker {stamp}" in matches[0].text
    # Escape closes the list; arrow down searches again and moves to the first match; Enter chooses it.
    picker.send_keys(Keys.ESCAPE)
    wait(browser, lambda b: find(b, "#contact").get_attribute("aria-expanded") == "false")
    picker.send_keys(Keys.ARROW_DOWN)
    wait(browser, lambda b: listbox_open(b, "contact"))
    picker.send_keys(Keys.ARROW_DOWN)
    wait(browser, lambda b: options(b, "contact")[0].get_attribute("aria-selected") == "true")
    assert picker.get_attribute("aria-activedescendant") == options(browser, "contact")[0].get_attribute("id")
    picker.send_keys(Keys.ENTER)
    wait(browser, lambda b: find(b, "#contact").get_attribute("value") == email)
    assert picker.get_attribute("aria-expanded") == "false"
    assert find(browser, "#contact_id").get_attribute("value").isdigit()
    assert "Chosen" in find(browser, "#contact-status").get_attribute("textContent")

    find(browser, "#add-contact").click()
    wait(browser, lambda b: f"Pia Picker {stamp}" in find(b, "#contacts ul.plain").text)
    assert email in find(browser, "#contacts ul.plain").text
    assert "added" in find(browser, ".flash.notice").text


def test_the_asset_picker_on_a_ticket_finds_a_display_id_typed_in_lower_case(browser, demo, synced):  # noqa: F811
    browser.get(synced_asset_urls(browser, demo)[5])
    display_id = wait(browser, EC.presence_of_element_located((By.ID, "display-id"))).text
    browser.get(demo["url"] + "/tickets")
    find(browser, "#subject").send_keys("Picker: the trackpad clicks by itself")
    find(browser, "#create-ticket").click()
    wait(browser, EC.presence_of_element_located((By.ID, "linked-assets")))
    assert display_id not in find(browser, "#linked-assets").text

    picker = find(browser, "#display_id")
    assert picker.get_attribute("role") == "combobox"
    picker.send_keys(display_id[:8].lower())
    wait(browser, lambda b: any(display_id in o.text for o in options(b, "display_id")))
    assert len(options(browser, "display_id")) <= 8
    # The listbox passes axe-core while open too. axe 3.1 predates ARIA 1.2's combobox, which
    # names its listbox with aria-controls, not aria-owns, so that one check is left out here.
    from axe_selenium_python import Axe
    axe = Axe(browser)
    axe.inject()
    browser.execute_script("axe.configure({checks: [{id: 'hidden-explicit-label', enabled: false}]})")
    results = axe.run(options=json.dumps({
        "resultTypes": ["violations"], "rules": {"aria-required-children": {"enabled": False}}}))
    serious = [f"{v['id']}: {v['nodes'][0]['target']}" for v in results["violations"]
               if v["impact"] in ("serious", "critical")]
    assert not serious, serious
    # A click chooses (the field keeps focus, the list closes).
    next(o for o in options(browser, "display_id") if display_id in o.text).click()
    wait(browser, lambda b: find(b, "#display_id").get_attribute("value") == display_id)
    assert picker.get_attribute("aria-expanded") == "false"
    find(browser, "#link-asset").click()
    wait(browser, lambda b: display_id in find(b, "#linked-assets").text)
    assert "linked" in find(browser, ".flash.notice").text


def test_a_ticket_number_typed_without_choosing_links_it(browser, demo, synced):  # noqa: F811
    """Without choosing a match (as without JavaScript) the typed number is resolved by the server;
    an unknown one comes back beside the field with the text kept."""
    browser.get(demo["url"] + "/tickets")
    find(browser, "#subject").send_keys("Picker: battery drains overnight")
    find(browser, "#create-ticket").click()
    wait(browser, EC.presence_of_element_located((By.ID, "linked-assets")))
    number = find(browser, "#ticket-subject .mono").text
    browser.get(synced_asset_urls(browser, demo)[6])
    wait(browser, EC.presence_of_element_located((By.ID, "recent-tickets")))
    find(browser, "#ticket").send_keys("#NOPE1" + Keys.ENTER)
    error = wait(browser, EC.presence_of_element_located((By.ID, "ticket-error"))).text
    assert "#NOPE1" in error
    assert find(browser, "#ticket").get_attribute("value") == "#NOPE1"
    assert find(browser, "#ticket").get_attribute("aria-invalid") == "true"
    box = find(browser, "#ticket")
    box.clear()
    box.send_keys(number.lower())
    wait(browser, lambda b: listbox_open(b, "ticket"))
    find(browser, "#link-ticket").click()
    wait(browser, lambda b: "battery drains overnight" in find(b, "#recent-tickets").text)
