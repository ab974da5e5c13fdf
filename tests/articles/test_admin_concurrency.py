"""No lost updates on articles: a save or workflow step since the form opened refuses the save,
which names who saved and keeps what was typed."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles import services
from articles.models import Article
from articles.roles import EDITORS
from tests.factories import ArticleFactory, role_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def article(writer):
    return ArticleFactory(created_by=writer, title="Shared article", body="## Original\n\nText.")


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


def url(article) -> str:
    return reverse("admin:articles_article_change", args=[article.pk])


def open_form(client, article) -> dict:
    """What the change form posts back when saved unchanged, as opened now."""
    form = client.get(url(article)).context["adminform"].form
    return {
        "title": form["title"].value(),
        "slug": form["slug"].value(),
        "summary": form["summary"].value(),
        "body": form["body"].value(),
        "hero_alt": "",
        "language": form["language"].value(),
        "loaded_version": form["loaded_version"].value(),
        "references-TOTAL_FORMS": "0",
        "references-INITIAL_FORMS": "0",
        "references-MIN_NUM_FORMS": "0",
        "references-MAX_NUM_FORMS": "1000",
    }


def current_version(article) -> int:
    return Article.objects.values_list("version", flat=True).get(pk=article.pk)


def test_change_form_carries_the_loaded_version(editor_client, article):
    response = editor_client.get(url(article))

    assert response.context["adminform"].form["loaded_version"].value() == 1
    assert b'name="loaded_version"' in response.content


def test_successful_save_moves_the_version_on(editor_client, article):
    data = {**open_form(editor_client, article), "body": "## New\n\nText."}

    response = editor_client.post(url(article), data)

    assert response.status_code == 302
    article.refresh_from_db()
    assert (article.body, article.version) == ("## New\n\nText.", 2)


def test_second_overlapping_save_is_refused_naming_who_saved(editor_client, article):
    stale = {**open_form(editor_client, article), "body": "## Second\n\nCareful wording."}
    first_client = Client()
    first_client.force_login(role_user(EDITORS, username="first-editor"))
    first = first_client.post(
        url(article), {**open_form(first_client, article), "body": "## First\n\nSaved first."}
    )
    assert first.status_code == 302

    response = editor_client.post(url(article), stale)

    assert response.status_code == 200
    errors = " ".join(response.context["adminform"].form.non_field_errors())
    assert "Someone else (first-editor) changed this article at" in errors
    assert "your changes are still in the form below" in response.content.decode()
    article.refresh_from_db()
    assert article.body == "## First\n\nSaved first."


def test_refused_save_keeps_the_typed_text_and_loads_the_new_version(editor_client, article):
    stale = {**open_form(editor_client, article), "body": "## Typed\n\nWhile someone saved."}
    Article.objects.filter(pk=article.pk).update(version=5)

    response = editor_client.post(url(article), stale)

    form = response.context["adminform"].form
    assert form["body"].value() == "## Typed\n\nWhile someone saved."
    assert str(form["loaded_version"].value()) == "5"


def test_deliberate_second_save_after_a_conflict_succeeds(editor_client, article):
    stale = {**open_form(editor_client, article), "body": "## Mine\n\nAfter all."}
    Article.objects.filter(pk=article.pk).update(version=5)
    refused = editor_client.post(url(article), stale)

    response = editor_client.post(url(article), refused.context["adminform"].form.data.copy())

    assert response.status_code == 302
    article.refresh_from_db()
    assert (article.body, article.version) == ("## Mine\n\nAfter all.", 6)


def test_form_opened_before_a_workflow_step_cannot_undo_it(editor_client, editor, article):
    """Saving the stale form would write back the old status along with the text."""
    article.status = Article.Status.APPROVED
    article.save()
    stale = {**open_form(editor_client, article), "body": "## Edited\n\nBefore publication."}
    services.article_publish(article=article, user=editor)

    response = editor_client.post(url(article), stale)

    assert response.status_code == 200
    assert "changed this article at" in response.content.decode()
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED
    assert article.body == "## Original\n\nText."


def test_read_only_viewers_get_no_version_field(client, reviewer_user, article):
    client.force_login(reviewer_user)

    response = client.get(url(article))

    assert response.status_code == 200
    assert b"loaded_version" not in response.content
    assert b"Loaded version" not in response.content


# --- Every workflow step moves the version on -------------------------------------------


@pytest.fixture
def people(writer, reviewer_user, editor):
    return {"writer": writer, "reviewer": reviewer_user, "editor": editor}


def _in_review(article, people):
    return services.article_submit(article=article, user=people["writer"])


def _approved(article, people):
    return services.article_approve(article=_in_review(article, people), user=people["reviewer"])


def _published(article, people):
    return services.article_publish(article=_approved(article, people), user=people["editor"])


# step: (how to get the article to where the step starts, the step itself)
STEPS = {
    "submit": (None, lambda a, p: services.article_submit(article=a, user=p["writer"])),
    "approve": (_in_review, lambda a, p: services.article_approve(article=a, user=p["reviewer"])),
    "send back": (
        _in_review,
        lambda a, p: services.article_send_back(article=a, user=p["reviewer"], note="Cite it."),
    ),
    "publish": (_approved, lambda a, p: services.article_publish(article=a, user=p["editor"])),
    "schedule": (
        _approved,
        lambda a, p: services.article_schedule(
            article=a, user=p["editor"], publish_at=timezone.now() + datetime.timedelta(days=1)
        ),
    ),
    "unpublish": (
        _published,
        lambda a, p: services.article_unpublish(article=a, user=p["editor"]),
    ),
    "restore": (
        None,
        lambda a, p: services.article_restore_revision(
            article=a, user=p["editor"], history_id=a.history.earliest().history_id
        ),
    ),
}


@pytest.mark.parametrize("step", STEPS)
def test_every_workflow_step_moves_the_version_on(article, people, step):
    prepare, act = STEPS[step]
    if prepare:
        prepare(article, people)
    before = current_version(article)

    act(article, people)

    assert current_version(article) == before + 1


def test_editing_an_approved_article_back_to_draft_moves_the_version_on(article):
    Article.objects.filter(pk=article.pk).update(status=Article.Status.APPROVED)
    before = current_version(article)

    assert services.article_mark_edited(article=article)

    assert current_version(article) == before + 1
    assert article.version == before + 1
