"""Editorial journey through the admin, with each mail it sends: a writer drafts and
submits an article (the medical reviewers are told), a reviewer finds it in the
"Waiting for you" queue and approves it or sends it back (the writer is told), an editor
publishes it (the writer and the reviewer are told) and the public page shows it.
axe-core checks every admin page they visit at phone (375 px) and desktop (1280 px) width."""

import pytest
from django.apps import apps as django_apps
from playwright.sync_api import expect

from articles import services
from articles.models import Article
from articles.roles import EDITORS, MEDICAL_REVIEWERS, WRITERS, sync_workflow_groups
from tests.browser.axe import assert_accessible
from tests.factories import (
    ArticleFactory,
    ContentReviewFactory,
    ReviewerFactory,
    TopicFactory,
    role_user,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

WIDTHS = (375, 1280)

TITLE = "Getting ready for a first ketamine visit"
SUMMARY = "What to bring and how to plan the ride home."
# Words that stand in for health information: they must stay in the admin, out of mail.
BODY = "## Before\n\nTell the clinician about your blood pressure medicine.\n\n## After\n\nRest."
PRIVATE_WORDS = ["blood pressure", "What to bring", "Rest."]


def assert_accessible_at_both_widths(page) -> None:
    """axe on the page in view at phone and at desktop width (which it is left at)."""
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        assert_accessible(page)


def assert_one_mail_each(outbox, recipients, subject) -> None:
    """One copy per recipient, with this subject, naming the article and nothing private."""
    assert sorted(address for message in outbox for address in message.to) == sorted(recipients)
    for message in outbox:
        assert message.subject == subject
        texts = [message.body, *(content for content, _mimetype in message.alternatives)]
        for text in texts:
            assert TITLE in text
            for words in PRIVATE_WORDS:
                assert words not in text


def test_writer_reviewer_and_editor_are_each_told_and_every_admin_page_is_accessible(
    page, signed_in_page, mailoutbox
):
    sync_workflow_groups(django_apps)
    writer = role_user(WRITERS, username="mail-writer")
    reviewer = role_user(MEDICAL_REVIEWERS, username="mail-reviewer")
    ReviewerFactory(user=reviewer, display_name="Dr. Mail Reviewer", credentials="MD")
    editor = role_user(EDITORS, username="mail-editor")
    TopicFactory(name="Preparing for treatment", slug="preparing")
    review = ContentReviewFactory()

    # The writer signs in: the admin home, the article list and the add form.
    writer_page = signed_in_page(writer.username)
    expect(writer_page.get_by_role("heading", name="Waiting for you")).to_be_visible()
    assert_accessible_at_both_widths(writer_page)
    writer_page.goto("/admin/articles/article/")
    expect(writer_page.get_by_role("link", name="Add article")).to_be_visible()
    assert_accessible_at_both_widths(writer_page)
    writer_page.get_by_role("link", name="Add article").click()
    writer_page.wait_for_url("**/admin/articles/article/add/")
    assert_accessible_at_both_widths(writer_page)

    # Slug first: the admin's slug-from-title script leaves a typed slug alone.
    writer_page.get_by_label("Slug:").fill("first-ketamine-visit")
    writer_page.get_by_label("Title:").fill(TITLE)
    writer_page.get_by_label("Summary:").fill(SUMMARY)
    writer_page.get_by_label("Body:").fill(BODY)
    writer_page.get_by_label("Preparing for treatment").check()
    writer_page.get_by_role("button", name="Save and continue editing").click()
    expect(writer_page.get_by_role("button", name="Submit for medical review")).to_be_visible()
    article = Article.objects.get(slug="first-ketamine-visit")
    assert list(article.topics.values_list("slug", flat=True)) == ["preparing"]
    assert_accessible_at_both_widths(writer_page)

    # Submitting tells the medical reviewers, and nobody else.
    writer_page.get_by_role("button", name="Submit for medical review").click()
    expect(writer_page.get_by_text("Submitted for medical review.")).to_be_visible()
    assert_accessible_at_both_widths(writer_page)
    assert_one_mail_each(mailoutbox, [reviewer.email], f"Article to review: {TITLE}")

    writer_page.get_by_role("link", name="Revisions").click()
    expect(writer_page.get_by_role("heading", name=f"Revisions of “{TITLE}”")).to_be_visible()
    assert_accessible_at_both_widths(writer_page)
    writer_page.goto("/admin/password_change/")
    expect(writer_page.get_by_label("New password:", exact=True)).to_be_visible()
    assert_accessible_at_both_widths(writer_page)

    # Not public yet.
    page.goto("/articles/first-ketamine-visit/")
    expect(page.get_by_role("heading", level=1)).to_have_text("We can't find that page")

    # The reviewer finds it waiting on the admin home, opens it and approves it.
    mailoutbox.clear()
    reviewer_page = signed_in_page(reviewer.username)
    queue = reviewer_page.get_by_role("region", name="Waiting for you")
    expect(queue.get_by_role("heading", name="Articles to review")).to_be_visible()
    assert_accessible_at_both_widths(reviewer_page)
    queue.get_by_role("link", name=TITLE).click()
    reviewer_page.wait_for_url(f"**/admin/articles/article/{article.pk}/change/")
    expect(reviewer_page.get_by_role("button", name="Approve (medically reviewed)")).to_be_visible()
    assert_accessible_at_both_widths(reviewer_page)
    reviewer_page.get_by_role("button", name="Approve (medically reviewed)").click()
    expect(reviewer_page.get_by_text("Approved.")).to_be_visible()
    assert_accessible_at_both_widths(reviewer_page)
    assert_one_mail_each(mailoutbox, [writer.email], f"Approved: {TITLE}")

    # The reviewer's other pages: condition and treatment page reviews.
    reviewer_page.goto("/admin/articles/contentreview/")
    expect(reviewer_page.get_by_role("link", name=str(review))).to_be_visible()
    assert_accessible_at_both_widths(reviewer_page)
    reviewer_page.get_by_role("link", name=str(review)).click()
    expect(reviewer_page.get_by_role("heading", name="Medical review", exact=True)).to_be_visible()
    assert_accessible_at_both_widths(reviewer_page)

    # The editor finds it waiting to publish and publishes it: writer and reviewer are told.
    mailoutbox.clear()
    editor_page = signed_in_page(editor.username)
    queue = editor_page.get_by_role("region", name="Waiting for you")
    expect(queue.get_by_role("heading", name="Approved articles to publish")).to_be_visible()
    assert_accessible_at_both_widths(editor_page)
    queue.get_by_role("link", name=TITLE).click()
    editor_page.wait_for_url(f"**/admin/articles/article/{article.pk}/change/")
    expect(editor_page.get_by_role("button", name="Publish now")).to_be_visible()
    assert_accessible_at_both_widths(editor_page)
    editor_page.get_by_role("button", name="Publish now").click()
    expect(editor_page.get_by_text("Published: the approved version is live now.")).to_be_visible()
    assert_accessible_at_both_widths(editor_page)
    assert_one_mail_each(mailoutbox, [writer.email, reviewer.email], f"Published: {TITLE}")

    # The editor's other pages: lists with rows and filters, add and change forms, history.
    for path, heading in [
        ("/admin/articles/article/", "Select article to change"),
        (f"/admin/articles/article/{article.pk}/history/", f"Change history: {TITLE}"),
        ("/admin/articles/contentreview/", "Select condition or treatment review to change"),
        ("/admin/articles/contentreview/add/", "Add condition or treatment review"),
        (f"/admin/articles/contentreview/{review.pk}/change/", "Medical review"),
        ("/admin/articles/topic/", "Select topic to change"),
        ("/admin/articles/topic/add/", "Add topic"),
        ("/admin/articles/author/", "Select author to change"),
        ("/admin/articles/author/add/", "Add author"),
        ("/admin/articles/reviewer/", "Select medical reviewer to change"),
        ("/admin/articles/reviewer/add/", "Add medical reviewer"),
    ]:
        editor_page.goto(path)
        expect(editor_page.get_by_role("heading", name=heading, exact=True)).to_be_visible()
        assert_accessible_at_both_widths(editor_page)

    # The public sees it, with its reviewer.
    page.goto("/articles/first-ketamine-visit/")
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page.get_by_text("Medically reviewed by Dr. Mail Reviewer, MD")).to_be_visible()
    assert_accessible(page)


def test_a_draft_sent_back_tells_the_writer_without_the_note_and_waits_in_their_queue(
    signed_in_page, mailoutbox
):
    sync_workflow_groups(django_apps)
    writer = role_user(WRITERS, username="note-writer")
    reviewer = role_user(MEDICAL_REVIEWERS, username="note-reviewer")
    ReviewerFactory(user=reviewer)
    article = ArticleFactory(title=TITLE, summary=SUMMARY, body=BODY, created_by=writer)
    services.article_submit(article=article, user=writer)
    mailoutbox.clear()

    # The reviewer sends it back with a note about the medicine.
    reviewer_page = signed_in_page(reviewer.username)
    reviewer_page.goto(f"/admin/articles/article/{article.pk}/change/")
    reviewer_page.get_by_label("What needs to change").fill(
        "Name the blood pressure medicine plainly."
    )
    reviewer_page.get_by_role("button", name="Send back to the writer").click()
    expect(reviewer_page.get_by_text("Sent back to the writer with your note.")).to_be_visible()
    assert_accessible_at_both_widths(reviewer_page)
    # The note stays in the admin: the mail only says where to read it.
    assert_one_mail_each(mailoutbox, [writer.email], f"Sent back with a note: {TITLE}")

    # The writer finds the draft, with the start of the note, on the admin home.
    writer_page = signed_in_page(writer.username)
    queue = writer_page.get_by_role("region", name="Waiting for you")
    expect(queue.get_by_role("heading", name="Your drafts sent back with a note")).to_be_visible()
    expect(queue.get_by_text("Name the blood pressure medicine plainly.")).to_be_visible()
    assert_accessible_at_both_widths(writer_page)
    queue.get_by_role("link", name=TITLE).click()
    workflow = writer_page.get_by_role("region", name="Editorial workflow")
    expect(workflow).to_contain_text("Note: Name the blood pressure medicine plainly.")
    expect(workflow.get_by_role("button", name="Submit for medical review")).to_be_visible()
    assert_accessible_at_both_widths(writer_page)
