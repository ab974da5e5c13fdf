"""The public "Report a problem with this listing" form, its spam defences and thank-you page."""

import datetime
import hashlib
import hmac

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from clinics.forms import ProblemReportForm
from clinics.models import Clinic, ProblemReport
from clinics.services import problem_report_fingerprint
from tests.factories import ClinicFactory

pytestmark = pytest.mark.django_db

VISITOR_IP = "198.51.100.23"
OTHER_IP = "203.0.113.77"
RATE_LIMIT_MESSAGE = "You&#x27;ve sent several reports in the last hour. Please try again later."
A_MOMENT = datetime.datetime(2026, 3, 4, 10, 0, tzinfo=datetime.UTC)


@pytest.fixture
def clinic():
    return ClinicFactory(name="Riverbend Test Clinic", street_address="100 Example Street")


def report_url(clinic):
    return reverse("clinics:problem_report_create", args=[clinic.slug])


def thanks_url(clinic):
    return reverse("clinics:problem_report_thanks", args=[clinic.slug])


def send(client, clinic, ip=VISITOR_IP, **overrides):
    data = {"category": "phone", "details": "It rings a bakery.", "reply_email": "", "website": ""}
    data.update(overrides)
    return client.post(report_url(clinic), data, REMOTE_ADDR=ip)


# --- The page -------------------------------------------------------------------


def test_report_page_names_the_clinic_and_its_address(client, clinic):
    response = client.get(report_url(clinic))

    assert response.status_code == 200
    assert "<title>Report a problem with Riverbend Test Clinic" in response.content.decode()
    assert "<h1>Report a problem with Riverbend Test Clinic</h1>" in response.content.decode()
    assert "100 Example Street" in response.content.decode()
    assert "Sacramento, CA 95816" in response.content.decode()


def test_report_page_is_kept_out_of_search_engines(client, clinic):
    response = client.get(report_url(clinic))

    assert '<meta name="robots" content="noindex">' in response.content.decode()


def test_report_page_asks_people_not_to_share_health_information(client, clinic):
    response = client.get(report_url(clinic))

    assert "Please don&#x27;t include health information about yourself or anyone else." in (
        response.content.decode()
    )


def test_report_page_labels_every_control(client, clinic):
    response = client.get(report_url(clinic))

    for text in (
        "<legend>What is wrong?</legend>",
        '<label for="id_details">Details</label>',
        '<label for="id_reply_email">Email for a reply (optional)</label>',
        '<label for="id_website">Leave this field empty</label>',
    ):
        assert text in response.content.decode()
    for choice in ProblemReport.Category:
        assert f'value="{choice.value}"' in response.content.decode()
        assert str(choice.label) in response.content.decode()


def test_honeypot_is_hidden_from_people_and_keyboards(client, clinic):
    response = client.get(report_url(clinic))

    html = response.content.decode()
    assert '<div class="visually-hidden" aria-hidden="true">' in html
    assert 'name="website"' in html
    assert 'tabindex="-1"' in html


def test_form_asks_for_nothing_about_health():
    assert set(ProblemReportForm.base_fields) == {"category", "details", "reply_email", "website"}


def test_report_page_for_unknown_clinic_is_404(client):
    response = client.get("/clinics/no-such-clinic/report/")

    assert response.status_code == 404


def test_closed_clinic_can_still_be_reported(client):
    closed = ClinicFactory(status=Clinic.Status.CLOSED)

    response = send(client, closed, category="other", details="It has reopened in May.")

    assert response.status_code == 302
    assert ProblemReport.objects.get().clinic == closed


def test_report_page_for_closed_clinic_says_so(client):
    closed = ClinicFactory(status=Clinic.Status.CLOSED)

    response = client.get(report_url(closed))

    assert response.status_code == 200
    assert "Listed as closed" in response.content.decode()


def test_report_page_rejects_other_methods(client, clinic):
    response = client.put(report_url(clinic))

    assert response.status_code == 405


# --- A valid report ---------------------------------------------------------------


def test_valid_report_redirects_to_thank_you_page(client, clinic):
    response = send(client, clinic)

    assert response.status_code == 302
    assert response["Location"] == thanks_url(clinic)


def test_valid_report_is_stored_with_what_was_typed(client, clinic):
    send(
        client,
        clinic,
        category="hours",
        details="Closed on Fridays now.",
        reply_email="visitor@example.org",
    )

    report = ProblemReport.objects.get()
    assert report.clinic == clinic
    assert report.category == "hours"
    assert report.details == "Closed on Fridays now."
    assert report.reply_email == "visitor@example.org"
    assert report.status == ProblemReport.Status.NEW


def test_stored_report_keeps_a_keyed_hash_of_the_ip_not_the_ip(client, clinic, settings):
    send(client, clinic)

    report = ProblemReport.objects.get()
    expected = hmac.new(
        settings.SECRET_KEY.encode(), VISITOR_IP.encode(), hashlib.sha256
    ).hexdigest()
    assert report.sender_fingerprint == expected
    stored_values = " ".join(str(value) for value in ProblemReport.objects.values().get().values())
    assert VISITOR_IP not in stored_values


def test_details_and_email_are_optional_for_most_categories(client, clinic):
    response = send(client, clinic, category="address", details="", reply_email="")

    assert response.status_code == 302
    assert ProblemReport.objects.get().details == ""


# --- Invalid input is shown back ----------------------------------------------------


def test_invalid_category_is_explained_next_to_the_question(client, clinic):
    response = send(client, clinic, category="diagnosis", details="Kept text")

    assert response.status_code == 200
    html = response.content.decode()
    assert '<ul class="errorlist" id="id_category_error">' in html
    assert "Choose one of the options listed under" in html
    assert 'aria-describedby="id_category_error"' in html
    assert "\nKept text</textarea>" in html
    assert not ProblemReport.objects.exists()


def test_missing_category_is_explained(client, clinic):
    response = send(client, clinic, category="")

    assert response.status_code == 200
    assert "Choose what is wrong with this listing." in response.content.decode()


def test_too_long_details_are_refused_and_kept(client, clinic):
    long_text = "x" * 2001

    response = send(client, clinic, details=long_text)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Keep the details to 2,000 characters or fewer (you have written 2001)." in html
    assert f"\n{long_text}</textarea>" in html
    assert not ProblemReport.objects.exists()


def test_bad_email_is_explained_and_kept(client, clinic):
    response = send(client, clinic, reply_email="not-an-address", details="Wrong suite number")

    assert response.status_code == 200
    html = response.content.decode()
    assert '<ul class="errorlist" id="id_reply_email_error">' in html
    assert "Enter an email address like name@example.org, or leave this empty." in html
    assert 'value="not-an-address"' in html
    assert 'aria-invalid="true"' in html
    assert "\nWrong suite number</textarea>" in html
    assert not ProblemReport.objects.exists()


def test_other_without_details_asks_for_details(client, clinic):
    response = send(client, clinic, category="other", details="", reply_email="me@example.org")

    assert response.status_code == 200
    html = response.content.decode()
    assert '<ul class="errorlist" id="id_details_error">' in html
    assert "Tell us what is wrong, because you chose “Something else”." in html
    assert 'aria-describedby="id_details_helptext id_details_error"' in html
    assert (
        '<input type="radio" name="category" value="other" id="id_category_5" required checked>'
        in html
    )
    assert 'value="me@example.org"' in html
    assert not ProblemReport.objects.exists()


def test_error_summary_links_to_each_field_with_an_error(client, clinic):
    response = send(client, clinic, category="", reply_email="nope")

    html = response.content.decode()
    assert "<title>Error: Report a problem with" in html
    assert '<h2 id="error-summary-title">There is a problem</h2>' in html
    assert '<a href="#id_category_0">Choose what is wrong with this listing.</a>' in html
    assert '<a href="#id_reply_email">Enter an email address like' in html


# --- Spam defences ----------------------------------------------------------------------


def test_honeypot_filled_gets_the_thank_you_redirect(client, clinic):
    response = send(client, clinic, website="https://spam.example.org/")

    assert response.status_code == 302
    assert response["Location"] == thanks_url(clinic)


def test_honeypot_filled_stores_nothing(client, clinic):
    send(client, clinic, website="https://spam.example.org/")

    assert not ProblemReport.objects.exists()


def test_five_reports_in_an_hour_are_accepted(client, clinic):
    for _ in range(5):
        assert send(client, clinic).status_code == 302

    assert ProblemReport.objects.count() == 5


def test_sixth_report_in_an_hour_is_refused_with_429_and_kept(client, clinic):
    for _ in range(5):
        send(client, clinic)

    response = send(client, clinic, details="The sixth report text")

    assert response.status_code == 429
    html = response.content.decode()
    assert RATE_LIMIT_MESSAGE in html
    assert "\nThe sixth report text</textarea>" in html
    assert ProblemReport.objects.count() == 5


def test_rate_limit_does_not_affect_another_ip(client, clinic):
    for _ in range(5):
        send(client, clinic)

    response = send(client, clinic, ip=OTHER_IP)

    assert response.status_code == 302
    assert ProblemReport.objects.count() == 6


def test_rate_limit_counts_across_clinics(client, clinic):
    for _ in range(5):
        send(client, clinic)

    response = send(client, ClinicFactory())

    assert response.status_code == 429


def test_reports_are_accepted_again_after_an_hour(client, clinic):
    with time_machine.travel(A_MOMENT, tick=False) as traveller:
        for _ in range(5):
            send(client, clinic)
        traveller.shift(datetime.timedelta(minutes=59))
        assert send(client, clinic).status_code == 429

        traveller.shift(datetime.timedelta(minutes=1, seconds=1))
        response = send(client, clinic)

    assert response.status_code == 302
    assert ProblemReport.objects.count() == 6


def test_fingerprint_is_stable_for_one_ip_and_differs_between_ips():
    assert problem_report_fingerprint(VISITOR_IP) == problem_report_fingerprint(VISITOR_IP)
    assert problem_report_fingerprint(VISITOR_IP) != problem_report_fingerprint(OTHER_IP)


def test_post_without_csrf_token_is_refused(clinic):
    strict_client = Client(enforce_csrf_checks=True)

    response = strict_client.post(
        report_url(clinic), {"category": "phone", "details": "x"}, REMOTE_ADDR=VISITOR_IP
    )

    assert response.status_code == 403
    assert not ProblemReport.objects.exists()


# --- Thank-you page ------------------------------------------------------------------


def test_thank_you_page_explains_what_happens_next(client, clinic):
    response = client.get(thanks_url(clinic))

    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Thank you for your report</h1>" in html
    assert "Our directory team checks every report" in html
    assert (
        f'<a href="{clinic.get_absolute_url()}">Back to the Riverbend Test Clinic page</a>' in html
    )
    assert '<meta name="robots" content="noindex">' in html


def test_thank_you_page_for_unknown_clinic_is_404(client):
    response = client.get("/clinics/no-such-clinic/report/thanks/")

    assert response.status_code == 404


# --- Bounded queries ----------------------------------------------------------------


def test_report_page_runs_one_query(client, clinic, django_assert_num_queries):
    with django_assert_num_queries(1):
        response = client.get(report_url(clinic))

    assert response.status_code == 200


def test_accepted_report_runs_a_fixed_number_of_queries(client, clinic, django_assert_num_queries):
    for _ in range(3):
        send(client, clinic)

    # clinic, savepoint, advisory lock, count, insert, release savepoint
    with django_assert_num_queries(6):
        response = send(client, clinic)

    assert response.status_code == 302


def test_refused_report_runs_a_fixed_number_of_queries(client, clinic, django_assert_num_queries):
    for _ in range(5):
        send(client, clinic)

    # clinic, savepoint, advisory lock, count, rollback to and release the savepoint
    with django_assert_num_queries(6):
        response = send(client, clinic)

    assert response.status_code == 429
