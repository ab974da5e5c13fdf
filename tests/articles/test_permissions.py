"""Role × action matrix for the editorial workflow: admin URLs (GET and POST) and services.

Every refusal also checks that the article in the database did not change.
"""

import datetime
import re

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from articles import services
from articles.models import Article
from tests.articles.workflow_helpers import TRANSITIONS
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "writer", "other_writer", "reviewer", "editor", "clinic_staff", "superuser"]

OK, DENIED, MISSING, LOGIN = "ok", 403, 404, "login"


def article_in(state, people):
    """An article written by `writer`, moved to `state` by the right people."""
    article = ArticleFactory(created_by=people["writer"], title="Matrix article")
    if state == "draft":
        return article
    services.article_submit(article=article, user=people["writer"])
    if state == "in_review":
        return article
    services.article_approve(article=article, user=people["reviewer"])
    if state == "approved":
        return article
    services.article_publish(article=article, user=people["editor"])
    return article


def snapshot(article):
    row = Article.objects.get(pk=article.pk)
    return (row.status, row.title, row.publish_at, row.published_title, row.review_note)


def client_for(client, user):
    if user.is_authenticated:
        client.force_login(user)
    return client


# --- Workflow buttons (admin, POST only) -------------------------------------

WORKFLOW_MATRIX = {
    # action: (starting state, status after success, {role: expected})
    "submit": (
        "draft",
        "in_review",
        {"anonymous": LOGIN, "writer": OK, "other_writer": MISSING, "reviewer": DENIED,
         "editor": OK, "clinic_staff": MISSING, "superuser": OK},
    ),
    "approve": (
        "in_review",
        "approved",
        {"anonymous": LOGIN, "writer": DENIED, "other_writer": MISSING, "reviewer": OK,
         "editor": DENIED, "clinic_staff": MISSING, "superuser": OK},
    ),
    "send_back": (
        "in_review",
        "draft",
        {"anonymous": LOGIN, "writer": DENIED, "other_writer": MISSING, "reviewer": OK,
         "editor": DENIED, "clinic_staff": MISSING, "superuser": OK},
    ),
    "publish": (
        "approved",
        "published",
        {"anonymous": LOGIN, "writer": DENIED, "other_writer": MISSING, "reviewer": DENIED,
         "editor": OK, "clinic_staff": MISSING, "superuser": OK},
    ),
    "schedule": (
        "approved",
        "scheduled",
        {"anonymous": LOGIN, "writer": DENIED, "other_writer": MISSING, "reviewer": DENIED,
         "editor": OK, "clinic_staff": MISSING, "superuser": OK},
    ),
    "unpublish": (
        "published",
        "approved",
        {"anonymous": LOGIN, "writer": DENIED, "other_writer": MISSING, "reviewer": DENIED,
         "editor": OK, "clinic_staff": MISSING, "superuser": OK},
    ),
}  # fmt: skip

WORKFLOW_CASES = [
    (action, role, expected)
    for action, (_, _, expectations) in WORKFLOW_MATRIX.items()
    for role, expected in expectations.items()
]


@pytest.mark.parametrize(("action", "role", "expected"), WORKFLOW_CASES)
def test_workflow_button_post(client, people, action, role, expected):
    state, status_after, _ = WORKFLOW_MATRIX[action]
    article = article_in(state, people)
    before = snapshot(article)
    data = {
        "note": "Please cite a trial.",
        "publish_at": (timezone.localtime() + datetime.timedelta(days=2)).strftime(
            "%Y-%m-%dT%H:%M"
        ),
    }
    url = reverse("admin:articles_article_workflow", args=[article.pk, action])

    response = client_for(client, people[role]).post(url, data)

    if expected == OK:
        assert response.status_code == 302
        assert Article.objects.get(pk=article.pk).status == status_after
        return
    if expected == LOGIN:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login"))
    else:
        assert response.status_code == expected
    assert snapshot(article) == before


@pytest.mark.parametrize("role", ["writer", "reviewer", "editor", "superuser"])
def test_workflow_buttons_refuse_get(client, people, role):
    article = article_in("approved", people)
    before = snapshot(article)
    url = reverse("admin:articles_article_workflow", args=[article.pk, "publish"])
    response = client_for(client, people[role]).get(url)
    assert response.status_code in {404, 405}
    assert snapshot(article) == before


# --- Services called directly (same rules outside the admin) -------------------

SERVICE_CASES = [
    (action, role, expected) for action, role, expected in WORKFLOW_CASES if role != "anonymous"
]


@pytest.mark.parametrize(("action", "role", "expected"), SERVICE_CASES)
def test_workflow_service_call(people, action, role, expected):
    state, status_after, _ = WORKFLOW_MATRIX[action]
    article = article_in(state, people)
    before = snapshot(article)
    # The admin hides others' drafts from writers (404); the service itself refuses.
    if expected == OK:
        TRANSITIONS[action](article, people[role])
        assert Article.objects.get(pk=article.pk).status == status_after
    else:
        with pytest.raises(PermissionDenied):
            TRANSITIONS[action](article, people[role])
        assert snapshot(article) == before


def test_service_refuses_inactive_editor(people):
    article = article_in("approved", people)
    people["editor"].is_active = False
    people["editor"].save()
    with pytest.raises(PermissionDenied):
        services.article_publish(article=article, user=people["editor"])


# --- Admin add / change -----------------------------------------------------------


def article_form_data(article=None, **overrides):
    data = {
        "title": article.title if article else "A new explainer",
        "slug": article.slug if article else "a-new-explainer",
        "summary": "Changed summary.",
        "body": "## Changed\n\nChanged body.",
        "hero_alt": "",
        "language": "en",
        "references-TOTAL_FORMS": "0",
        "references-INITIAL_FORMS": "0",
        "references-MIN_NUM_FORMS": "0",
        "references-MAX_NUM_FORMS": "1000",
    }
    if article:
        # The version a form opened now would carry.
        data["loaded_version"] = Article.objects.values_list("version", flat=True).get(
            pk=article.pk
        )
    data.update(overrides)
    return data


ADD_EXPECTED = {
    "anonymous": LOGIN, "writer": OK, "other_writer": OK, "reviewer": DENIED,
    "editor": OK, "clinic_staff": DENIED, "superuser": OK,
}  # fmt: skip


@pytest.mark.parametrize(("role", "expected"), ADD_EXPECTED.items())
def test_admin_add_article(client, people, role, expected):
    client = client_for(client, people[role])
    url = reverse("admin:articles_article_add")
    get = client.get(url)
    post = client.post(url, article_form_data())
    created = Article.objects.filter(slug="a-new-explainer").first()
    if expected == OK:
        assert get.status_code == 200
        assert post.status_code == 302
        assert created.status == Article.Status.DRAFT
        assert created.created_by == people[role]
    elif expected == LOGIN:
        assert get.status_code == post.status_code == 302
        assert created is None
    else:
        assert get.status_code == post.status_code == 403
        assert created is None


CHANGE_MATRIX = {
    # (state, role): expected for POSTing a changed body
    "draft": {"anonymous": LOGIN, "writer": OK, "other_writer": "hidden", "reviewer": DENIED,
              "editor": OK, "clinic_staff": DENIED, "superuser": OK},
    "in_review": {"anonymous": LOGIN, "writer": DENIED, "other_writer": "hidden",
                  "reviewer": DENIED, "editor": DENIED, "clinic_staff": DENIED,
                  "superuser": DENIED},
    "published": {"anonymous": LOGIN, "writer": DENIED, "other_writer": "hidden",
                  "reviewer": DENIED, "editor": OK, "clinic_staff": DENIED, "superuser": OK},
}  # fmt: skip
CHANGE_CASES = [
    (state, role, expected)
    for state, expectations in CHANGE_MATRIX.items()
    for role, expected in expectations.items()
]


@pytest.mark.parametrize(("state", "role", "expected"), CHANGE_CASES)
def test_admin_change_article(client, people, state, role, expected):
    article = article_in(state, people)
    before = snapshot(article)
    client = client_for(client, people[role])
    url = reverse("admin:articles_article_change", args=[article.pk])

    response = client.post(url, article_form_data(article))

    article.refresh_from_db()
    if expected == OK:
        assert response.status_code == 302
        assert article.body == "## Changed\n\nChanged body."
        assert article.status == Article.Status.DRAFT
        if state == "published":  # still live with the reviewed text
            assert "Changed body" not in article.published_body_html
            assert Article.objects.published().filter(pk=article.pk).exists()
        return
    if expected == LOGIN:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login"))
    elif expected == "hidden":  # writers do not see others' articles at all
        assert response.status_code == 302
        assert response["Location"] == reverse("admin:index")
    else:
        assert response.status_code == expected
    assert snapshot(article) == before
    assert article.body != "## Changed\n\nChanged body."


@pytest.mark.parametrize(
    ("role", "expected"),
    [("writer", 200), ("reviewer", 200), ("editor", 200), ("clinic_staff", 403)],
)
def test_admin_change_page_get(client, people, role, expected):
    article = article_in("in_review", people)
    response = client_for(client, people[role]).get(
        reverse("admin:articles_article_change", args=[article.pk])
    )
    assert response.status_code == expected


def test_reviewer_sees_approve_and_send_back_buttons_on_article_in_review(client, people):
    article = article_in("in_review", people)
    client.force_login(people["reviewer"])
    response = client.get(reverse("admin:articles_article_change", args=[article.pk]))
    assert b"Approve (medically reviewed)" in response.content
    assert b"Send back to the writer" in response.content
    assert b"Publish now" not in response.content


def test_reviewer_without_a_profile_is_told_why_approve_is_unavailable(client, people):
    people["reviewer"].reviewer_profile.delete()
    article = article_in("in_review", people)
    client.force_login(people["reviewer"])
    response = client.get(reverse("admin:articles_article_change", args=[article.pk]))
    assert b"Approve (medically reviewed)" not in response.content
    assert (
        "Ask an editor to create your medical reviewer profile (name and credentials) "
        "before approving." in response.content.decode()
    )
    assert b"Send back to the writer" in response.content


def test_writer_list_shows_only_their_own_articles(client, people):
    ArticleFactory(created_by=people["writer"], title="Mine")
    ArticleFactory(created_by=people["other_writer"], title="Theirs")
    client.force_login(people["writer"])
    response = client.get(reverse("admin:articles_article_changelist"))
    assert b"Mine" in response.content
    assert b"Theirs" not in response.content


# --- Revisions and preview --------------------------------------------------------

RESTORE_EXPECTED = {
    "anonymous": LOGIN, "writer": DENIED, "other_writer": MISSING, "reviewer": DENIED,
    "editor": OK, "clinic_staff": MISSING, "superuser": OK,
}  # fmt: skip


@pytest.mark.parametrize(("role", "expected"), RESTORE_EXPECTED.items())
def test_admin_restore_revision(client, people, role, expected):
    article = article_in("draft", people)
    first = article.history.earliest("history_date")
    article.title = "Rewritten"
    article.save()
    before = snapshot(article)
    url = reverse("admin:articles_article_restore", args=[article.pk, first.history_id])

    assert client_for(client, people[role]).get(url).status_code in {302, 404, 405}
    response = client.post(url)

    if expected == OK:
        assert response.status_code == 302
        assert Article.objects.get(pk=article.pk).title == "Matrix article"
        return
    if expected == LOGIN:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login"))
    else:
        assert response.status_code == expected
    assert snapshot(article) == before


def test_editor_sees_revisions_page(client, people):
    article = article_in("draft", people)
    client.force_login(people["editor"])
    response = client.get(reverse("admin:articles_article_revisions", args=[article.pk]))
    assert response.status_code == 200
    assert b"Restore this text" not in response.content  # only one revision so far


def view_on_site_url(client, article):
    response = client.get(reverse("admin:articles_article_change", args=[article.pk]))
    return re.search(r'<a href="([^"]*)" class="viewsitelink">', response.content.decode())[1]


@pytest.mark.parametrize("state", ["draft", "in_review", "approved"])
def test_view_on_site_of_an_unpublished_article_is_the_private_preview(client, people, state):
    article = article_in(state, people)
    client.force_login(people["editor"])
    url = view_on_site_url(client, article)
    assert url == article.get_preview_url()
    assert client.get(url).status_code == 200
    client.logout()
    assert client.get(url).status_code == 302  # to the sign-in page, not the article


def test_view_on_site_of_a_scheduled_article_is_the_private_preview(client, people):
    article = article_in("approved", people)
    services.article_schedule(
        article=article, user=people["editor"], publish_at=timezone.now() + datetime.timedelta(1)
    )
    client.force_login(people["editor"])
    assert view_on_site_url(client, article) == article.get_preview_url()


def test_view_on_site_of_a_published_article_is_its_public_page(client, people):
    article = article_in("published", people)
    client.force_login(people["editor"])
    assert view_on_site_url(client, article) == article.get_absolute_url()


PREVIEW_EXPECTED = {
    "anonymous": LOGIN, "writer": 200, "other_writer": 200, "reviewer": 200,
    "editor": 200, "clinic_staff": 403, "superuser": 200,
}  # fmt: skip


@pytest.mark.parametrize(("role", "expected"), PREVIEW_EXPECTED.items())
def test_private_preview(client, people, role, expected):
    article = article_in("draft", people)
    response = client_for(client, people[role]).get(article.get_preview_url())
    if expected == LOGIN:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login"))
    else:
        assert response.status_code == expected
    if expected == 200:
        assert b"Staff preview" in response.content
        assert response["X-Robots-Tag"] == "noindex, nofollow"
