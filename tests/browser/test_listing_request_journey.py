"""A clinic joins the directory: the office manager asks to list it, a directory admin
approves the request from the admin home page's queue, and the manager chooses a password
from the emailed link, signs in and can edit that clinic and no other. axe-core checks
every page visited."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from clinics.models import Clinic, ListingRequest
from tests.browser.axe import assert_accessible
from tests.factories import ClinicFactory, directory_admin_user

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

ADMIN_PASSWORD = "correct-horse-battery-9"
NEW_PASSWORD = "Willow-Grove-infusion-2031"


def sign_in(page, username: str, password: str) -> None:
    page.goto("/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/admin/")


def test_a_manager_lists_a_clinic_and_edits_it_after_approval(browser, page, live_server):
    other = ClinicFactory(name="Somebody Else's Clinic")
    directory_admin_user(username="dir-admin", email="dir-admin@example.org")
    mail.outbox.clear()

    # The manager asks for the clinic to be listed, and fixes a mistake first.
    page.goto("/clinics/list-your-clinic/")
    expect(page.get_by_role("heading", level=1)).to_have_text("List your clinic")
    assert_accessible(page)
    page.get_by_label("Clinic name").fill("Willow Grove Ketamine Care")
    page.get_by_label("Street address").fill("12 Example Lane")
    page.get_by_label("City or town").fill("Sacramento")
    page.get_by_label("Clinic phone").fill("(916) 555-0142")
    page.get_by_label("IV infusion").check()
    page.get_by_label("Your name").fill("Jordan Example")
    page.get_by_label("Your role at the clinic").fill("Practice manager")
    page.get_by_label("Your work email").fill("jordan@willow.example.org")
    page.get_by_label("Your work phone").fill("(916) 555-0143")
    page.get_by_role("button", name="Send request").click()
    expect(page.get_by_role("alert")).to_contain_text("Enter the clinic's five-digit ZIP code.")
    expect(page.get_by_label("Clinic name")).to_have_value("Willow Grove Ketamine Care")
    assert_accessible(page)
    page.get_by_label("ZIP code").fill("95816")
    page.get_by_role("button", name="Send request").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you for your request")
    assert_accessible(page)
    assert ListingRequest.objects.get().status == ListingRequest.Status.NEW

    # A directory admin finds it waiting on the admin home page and approves it.
    admin_context = browser.new_context(base_url=live_server.url)
    admin_page = admin_context.new_page()
    sign_in(admin_page, "dir-admin", ADMIN_PASSWORD)
    queue = admin_page.get_by_role("region", name="Waiting for you")
    expect(queue).to_contain_text("Requests to list or claim a clinic")
    assert_accessible(admin_page)
    queue.get_by_role("link", name="Willow Grove Ketamine Care").click()
    expect(admin_page.get_by_text("jordan@willow.example.org")).to_be_visible()
    assert_accessible(admin_page)
    admin_page.get_by_role(
        "button", name="Approve: create the account and email the invitation"
    ).click()
    expect(admin_page.get_by_text("Approved: the invitation is emailed.")).to_be_visible()
    assert_accessible(admin_page)
    admin_context.close()
    clinic = Clinic.objects.get(name="Willow Grove Ketamine Care")
    assert clinic.status == Clinic.Status.DRAFT

    # The manager chooses a password from the emailed link.
    [invitation] = [m for m in mail.outbox if m.to == ["jordan@willow.example.org"]]
    link = re.search(r"https?://\S+(/welcome/\S+/\S+/)", invitation.body).group(1)
    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_have_text("Choose your password")
    assert_accessible(page)
    page.get_by_label("New password", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("New password confirmation").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Save my password").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your password is saved")
    assert_accessible(page)

    # Signed in, the new listing waits for them, and only their own clinic opens.
    page.get_by_role("link", name="Sign in").click()
    page.get_by_label("Username").fill("jordan")
    page.get_by_label("Password").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/admin/")
    queue = page.get_by_role("region", name="Waiting for you")
    expect(queue).to_contain_text("Your new listing, not public yet")
    assert_accessible(page)
    queue.get_by_role("link", name="Willow Grove Ketamine Care").click()
    expect(page.get_by_label("Street address")).to_have_value("12 Example Lane")
    assert_accessible(page)
    response = page.goto(f"/admin/clinics/clinic/{other.pk}/change/")
    assert response.status == 404
    assert_accessible(page)
