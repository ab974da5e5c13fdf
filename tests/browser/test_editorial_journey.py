"""Browser journey: a writer drafts and submits, a reviewer approves, an editor
schedules, and the article appears publicly once its time has come."""

import datetime

import pytest
import time_machine
from django.utils import timezone
from playwright.sync_api import expect

from articles.models import Article
from articles.roles import EDITORS, MEDICAL_REVIEWERS, WRITERS
from tests.browser.axe import assert_accessible
from tests.factories import ReviewerFactory, role_user

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_article_goes_from_draft_to_scheduled_to_public(page, signed_in_page):
    role_user(WRITERS, username="journey-writer")
    reviewer = role_user(MEDICAL_REVIEWERS, username="journey-reviewer")
    ReviewerFactory(user=reviewer, display_name="Dr. Journey Reviewer", credentials="MD")
    role_user(EDITORS, username="journey-editor")

    # The writer drafts the article in the admin and submits it.
    writer_page = signed_in_page("journey-writer")
    writer_page.goto("/admin/articles/article/add/")
    # Slug first: the admin's slug-from-title script leaves a typed slug alone.
    writer_page.get_by_label("Slug:").fill("first-infusion-visit")
    writer_page.get_by_label("Title:").fill("What a first infusion visit is like")
    writer_page.get_by_label("Summary:").fill("What happens before, during and after.")
    writer_page.get_by_label("Body:").fill(
        "## Before\n\nYou meet the clinician.\n\n## During\n\nYou rest.\n\n## After\n\nA ride home."
    )
    writer_page.get_by_role("button", name="Save and continue editing").click()
    writer_page.get_by_role("button", name="Submit for medical review").click()
    expect(writer_page.get_by_text("Submitted for medical review.")).to_be_visible()
    article = Article.objects.get(slug="first-infusion-visit")
    assert article.status == Article.Status.IN_REVIEW
    change_url = f"/admin/articles/article/{article.pk}/change/"

    # Not public yet.
    page.goto("/articles/first-infusion-visit/")
    expect(page.get_by_role("heading", level=1)).to_have_text("We can't find that page")
    assert_accessible(page)

    # The reviewer approves.
    reviewer_page = signed_in_page("journey-reviewer")
    reviewer_page.goto(change_url)
    reviewer_page.get_by_role("button", name="Approve (medically reviewed)").click()
    expect(reviewer_page.get_by_text("Approved.")).to_be_visible()

    # The editor schedules it a few minutes ahead (Pacific time, as the form says).
    go_live = (timezone.localtime() + datetime.timedelta(minutes=3)).replace(
        second=0, microsecond=0
    )
    editor_page = signed_in_page("journey-editor")
    editor_page.goto(change_url)
    editor_page.get_by_label("Publish at").fill(go_live.strftime("%Y-%m-%dT%H:%M"))
    editor_page.get_by_role("button", name="Schedule", exact=True).click()
    expect(editor_page.get_by_text("Scheduled.")).to_be_visible()
    article.refresh_from_db()
    assert article.status == Article.Status.SCHEDULED
    assert article.publish_at == go_live

    page.goto("/articles/first-infusion-visit/")
    expect(page.get_by_role("heading", level=1)).to_have_text("We can't find that page")

    # Once its time has come (the live server runs in this process, so moving
    # the clock moves it for the server too) the public sees it.
    with time_machine.travel(go_live + datetime.timedelta(seconds=1), tick=True):
        page.goto("/articles/first-infusion-visit/")
        expect(page.get_by_role("heading", level=1)).to_have_text(
            "What a first infusion visit is like"
        )
        expect(page.get_by_text("Medically reviewed by Dr. Journey Reviewer, MD")).to_be_visible()
        assert_accessible(page)

        page.goto("/articles/")
        expect(page.get_by_role("link", name="What a first infusion visit is like")).to_be_visible()
        assert_accessible(page)

        page.goto("/articles/?q=clinicians")
        expect(page.locator("mark").first).to_be_visible()
        assert_accessible(page)


def test_demo_articles_list_and_a_long_article_are_accessible(page):
    from articles.demo import seed_articles

    if not seed_articles():
        pytest.skip("articles/demo_articles/ is not there yet")
    page.goto("/articles/")
    assert_accessible(page)
    page.goto("/articles/?topic=no-such-topic&q=ketamine")
    expect(page.get_by_text("We don't have that topic; showing all topics.")).to_be_visible()
    assert_accessible(page)
    longest = max(Article.objects.published().in_language("en"), key=lambda a: len(a.body))
    page.goto(longest.get_absolute_url())
    expect(page.get_by_role("navigation", name="On this page")).to_be_visible()
    expect(page.get_by_role("heading", name="References")).to_be_visible()
    assert_accessible(page)
