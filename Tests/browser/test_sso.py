"""Agents sign in through a real OpenID provider (issue 22): django-oidc-provider from PyPI, run by
the `oidc_provider` fixture on loopback, configured on the shared demo with `assetsync sso set`.

These tests run last (marker `last`) and turn single sign-on off again at the end, so the other
browser tests see the demo as it starts. Password sign-in stays on throughout.
"""
import re
import subprocess

import pytest
from conftest import BINARY_PATH, wait
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC

pytestmark = pytest.mark.last

PROVIDER_NAME = "Test IdP"
NOT_AN_AGENT = re.compile(r"\bnot an (AssetSync )?agent\b")



def assetsync(*arguments, stdin=None):
    result = subprocess.run([BINARY_PATH, *arguments], input=stdin, text=True, capture_output=True, timeout=60)
    assert result.returncode == 0, f"assetsync {' '.join(arguments)} failed: {result.stderr or result.stdout}"
    return result.stdout


@pytest.fixture(scope="module")
def sso(demo, oidc_provider):
    """Single sign-on through the provider on the demo's database (read per sign-in, so at once)."""
    assetsync("sso", "set", "--database", demo["database"], "--issuer", oidc_provider["issuer"],
              "--client-id", oidc_provider["client_id"], "--client-secret-stdin", "--name", PROVIDER_NAME,
              "--password-sign-in", "on", "--allow-insecure-issuer",
              stdin=oidc_provider["client_secret"] + "\n")
    # A disabled agent whose provider account is fine: SSO must refuse them too.
    assetsync("agents", "create", "--database", demo["database"], "--email", oidc_provider["users"]["former"]["email"],
              "--name", "Fran Former", "--role", "agent", "--password-stdin", stdin="a long enough password\n")
    assetsync("agents", "disable", "--database", demo["database"], "--email", oidc_provider["users"]["former"]["email"])
    yield oidc_provider
    assetsync("sso", "disable", "--database", demo["database"])


def signed_out(browser, demo):
    # AssetSync and the provider share the host 127.0.0.1 (cookies ignore ports): clearing its
    # cookies signs the browser out of both, so each test signs in at the provider afresh.
    browser.get(demo["url"] + "/login")
    browser.delete_all_cookies()


def sso_button(browser):
    """The sign-in page's "Sign in with Test IdP" (a link or a form's button)."""
    return wait(browser, lambda b: b.find_element(
        By.XPATH, f"//a[contains(., 'Sign in with {PROVIDER_NAME}')] | //button[contains(., 'Sign in with {PROVIDER_NAME}')]"))


def sign_in_at_provider(browser, demo, provider, username):
    """From AssetSync's sign-in page through the provider's form; returns once back at AssetSync."""
    signed_out(browser, demo)
    browser.get(demo["url"] + "/assets")
    wait(browser, EC.url_contains("/login"))
    sso_button(browser).click()
    # The provider's own sign-in form (Django's), reached through its authorization endpoint.
    wait(browser, EC.url_contains(provider["url"] + "/accounts/login/"))
    assert "/openid/authorize" in browser.current_url  # the `next` the provider returns to
    browser.find_element(By.ID, "id_username").send_keys(username)
    browser.find_element(By.ID, "id_password").send_keys(provider["password"])
    browser.find_element(By.ID, "idp-sign-in").click()
    wait(browser, lambda b: b.current_url.startswith(demo["url"] + "/"))


def refusal(browser, demo, shoot=None, name=None):
    """The error on AssetSync's sign-in page, after checking that nobody is signed in."""
    wait(browser, EC.url_contains(demo["url"] + "/login"))
    message = wait(browser, EC.presence_of_element_located((By.ID, "login-error"))).text
    assert not browser.find_elements(By.CSS_SELECTOR, "form.signout")
    if shoot:
        shoot(name)
    browser.get(demo["url"] + "/assets")
    wait(browser, EC.url_contains("/login"))
    return message


def test_an_agent_signs_in_through_the_provider(browser, demo, sso, shoot):
    signed_out(browser, demo)
    browser.get(demo["url"] + "/login")
    assert sso_button(browser).is_displayed()
    # Password sign-in stays on beside it.
    assert browser.find_element(By.ID, "password").is_displayed()
    shoot("sign-in-sso")
    sign_in_at_provider(browser, demo, sso, "agent")
    who = wait(browser, EC.presence_of_element_located((By.CSS_SELECTOR, "form.signout .who")))
    assert who.text == "Demo Admin"
    assert who.get_attribute("title") == demo["email"]
    assert "/login" not in browser.current_url
    # The session works like a password session: the next page is served, not the sign-in page.
    browser.get(demo["url"] + "/tickets")
    wait(browser, EC.presence_of_element_located((By.CSS_SELECTOR, "form.signout")))
    assert "/login" not in browser.current_url


def test_signing_out_also_signs_out_at_the_provider(browser, demo, sso):
    sign_in_at_provider(browser, demo, sso, "agent")
    wait(browser, EC.presence_of_element_located((By.CSS_SELECTOR, "form.signout")))
    browser.get(sso["url"] + "/")
    assert browser.find_element(By.ID, "who").text == "Signed in as agent."
    browser.get(demo["url"] + "/assets")
    wait(browser, EC.element_to_be_clickable((By.CSS_SELECTOR, "form.signout button"))).click()
    # RP-initiated logout: through the provider's end_session_endpoint, back to the sign-in page.
    wait(browser, lambda b: b.current_url.startswith(demo["url"] + "/login"))
    browser.get(sso["url"] + "/")
    assert browser.find_element(By.ID, "who").text == "Signed in as nobody."
    browser.get(demo["url"] + "/assets")
    wait(browser, EC.url_contains("/login"))
    assert not browser.find_elements(By.CSS_SELECTOR, "form.signout")


def test_an_email_that_is_no_agent_is_refused(browser, demo, sso, shoot):
    sign_in_at_provider(browser, demo, sso, "outsider")
    message = refusal(browser, demo, shoot, "sign-in-sso-refused")
    assert NOT_AN_AGENT.search(message), message


def test_an_unverified_email_is_refused_even_when_it_is_an_agents(browser, demo, sso):
    # Same address as the agent who signs in above: only email_verified=false tells them apart.
    assert sso["users"]["unverified"]["email"] == demo["email"]
    sign_in_at_provider(browser, demo, sso, "unverified")
    message = refusal(browser, demo)
    assert "verified" in message.lower(), message
    assert not NOT_AN_AGENT.search(message), message


def test_a_disabled_agent_is_refused(browser, demo, sso):
    sign_in_at_provider(browser, demo, sso, "former")
    message = refusal(browser, demo)
    assert "disabled" in message.lower(), message
