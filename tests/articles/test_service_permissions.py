"""The editorial services called directly, without the admin: role × action matrices.

A refused call raises PermissionDenied (wrong role) or WorkflowError (wrong status)
and leaves the article exactly as it was; an allowed call moves it on. The admin's
buttons come from ``services.allowed_actions``, so the last tests prove that it
and the transitions agree for every role and status.
"""

import pytest
from django.core.exceptions import PermissionDenied

from articles import services
from articles.models import Article
from tests.articles.workflow_helpers import TRANSITIONS
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

OK, DENIED = "ok", "denied"
STATES = ["draft", "in_review", "approved", "published"]


def article_in(state, people):
    """An article written by `writer`, with two revisions, moved to `state` by the right people."""
    article = ArticleFactory(created_by=people["writer"], title="Service matrix article")
    article.summary = "A second revision, so there is an earlier one to restore."
    article.save()
    if state == "draft":
        return article
    # Each transition returns the updated row; keep it, so the caller sees the new status.
    article = services.article_submit(article=article, user=people["writer"])
    if state == "in_review":
        return article
    article = services.article_approve(article=article, user=people["reviewer"])
    if state == "approved":
        return article
    return services.article_publish(article=article, user=people["editor"])


def snapshot(article):
    row = Article.objects.get(pk=article.pk)
    return (
        row.status,
        row.title,
        row.summary,
        row.review_note,
        row.medical_reviewer_id,
        row.publish_at,
        row.published_title,
        row.history.count(),
    )


def _restore(article, user):
    first = article.history.earliest("history_date")
    return services.article_restore_revision(
        article=article, user=user, history_id=first.history_id
    )


SERVICE_CALLS = {**TRANSITIONS, "restore": _restore}


# --- Role × action, each from the status it starts from ---------------------------

ROLE_MATRIX = {
    # action: (starting state, status after success, {role: expected})
    "submit": ("draft", "in_review",
               {"anonymous": DENIED, "writer": OK, "other_writer": DENIED, "reviewer": DENIED,
                "editor": OK, "clinic_staff": DENIED, "superuser": OK}),
    "approve": ("in_review", "approved",
                {"anonymous": DENIED, "writer": DENIED, "other_writer": DENIED, "reviewer": OK,
                 "editor": DENIED, "clinic_staff": DENIED, "superuser": OK}),
    "send_back": ("in_review", "draft",
                  {"anonymous": DENIED, "writer": DENIED, "other_writer": DENIED, "reviewer": OK,
                   "editor": DENIED, "clinic_staff": DENIED, "superuser": OK}),
    "publish": ("approved", "published",
                {"anonymous": DENIED, "writer": DENIED, "other_writer": DENIED,
                 "reviewer": DENIED, "editor": OK, "clinic_staff": DENIED, "superuser": OK}),
    "schedule": ("approved", "scheduled",
                 {"anonymous": DENIED, "writer": DENIED, "other_writer": DENIED,
                  "reviewer": DENIED, "editor": OK, "clinic_staff": DENIED, "superuser": OK}),
    "unpublish": ("published", "approved",
                  {"anonymous": DENIED, "writer": DENIED, "other_writer": DENIED,
                   "reviewer": DENIED, "editor": OK, "clinic_staff": DENIED, "superuser": OK}),
    "restore": ("draft", "draft",
                {"anonymous": DENIED, "writer": DENIED, "other_writer": DENIED,
                 "reviewer": DENIED, "editor": OK, "clinic_staff": DENIED, "superuser": OK}),
}  # fmt: skip

ROLE_CASES = [
    pytest.param(action, role, expected, id=f"{action}-{role}")
    for action, (_, _, expectations) in ROLE_MATRIX.items()
    for role, expected in expectations.items()
]


@pytest.mark.parametrize(("action", "role", "expected"), ROLE_CASES)
def test_service_role_matrix(people, action, role, expected):
    state, status_after, _ = ROLE_MATRIX[action]
    article = article_in(state, people)
    before = snapshot(article)

    if expected == OK:
        SERVICE_CALLS[action](article, people[role])
        assert snapshot(article) != before
        assert Article.objects.get(pk=article.pk).status == status_after
    else:
        with pytest.raises(PermissionDenied):
            SERVICE_CALLS[action](article, people[role])
        assert snapshot(article) == before


# --- The right role at the wrong time -------------------------------------------------

WRONG_STATUS = [
    # (action, role allowed to do it, a state it does not start from, message)
    ("submit", "writer", "in_review",
     "“Service matrix article” is in medical review; it cannot be submitted for review now."),
    ("approve", "reviewer", "draft",
     "“Service matrix article” is draft; it cannot be approved now."),
    ("send_back", "reviewer", "approved",
     "“Service matrix article” is approved; it cannot be sent back now."),
    ("publish", "editor", "in_review",
     "“Service matrix article” is in medical review; it cannot be published now."),
    ("schedule", "editor", "published",
     "“Service matrix article” is published; it cannot be scheduled now."),
    ("unpublish", "editor", "approved", "“Service matrix article” is not published or scheduled."),
    ("restore", "editor", "in_review",
     "An article in medical review cannot be changed; send it back first."),
]  # fmt: skip


@pytest.mark.parametrize(("action", "role", "state", "message"), WRONG_STATUS)
def test_service_refuses_the_wrong_status(people, action, role, state, message):
    article = article_in(state, people)
    before = snapshot(article)

    with pytest.raises(services.WorkflowError) as refused:
        SERVICE_CALLS[action](article, people[role])

    assert str(refused.value) == message
    assert snapshot(article) == before


def test_permission_is_checked_before_status(people):
    """A writer asking to publish a draft hears about permission, not about the draft."""
    article = article_in("draft", people)

    with pytest.raises(PermissionDenied, match="You do not have permission to publish articles."):
        services.article_publish(article=article, user=people["writer"])


def test_a_reviewer_cannot_send_back_an_article_they_wrote(people):
    article = ArticleFactory(created_by=people["reviewer"])
    services.article_submit(article=article, user=people["editor"])
    before = snapshot(article)

    with pytest.raises(PermissionDenied):
        services.article_send_back(article=article, user=people["reviewer"], note="Mine.")

    assert snapshot(article) == before


@pytest.mark.parametrize("action", ["publish", "schedule", "unpublish", "restore"])
def test_an_inactive_editor_is_refused(people, action):
    state = ROLE_MATRIX[action][0]
    article = article_in(state, people)
    people["editor"].is_active = False
    people["editor"].save()
    before = snapshot(article)

    with pytest.raises(PermissionDenied):
        SERVICE_CALLS[action](article, people["editor"])

    assert snapshot(article) == before


# --- allowed_actions: what each role may do in each status --------------------------

WRITER_DRAFT = {"edit", "submit"}
EDITOR_DRAFT = {"edit", "submit", "restore", "delete"}
REVIEW = {"approve", "send_back"}
EDITOR_APPROVED = {"edit", "publish", "schedule", "restore", "delete"}
EDITOR_PUBLISHED = {"edit", "unpublish", "restore", "delete"}
ALLOWED = {
    # role: {state: actions} for an article written by `writer`
    "anonymous": {"draft": set(), "in_review": set(), "approved": set(), "published": set()},
    "writer": {"draft": WRITER_DRAFT, "in_review": set(), "approved": set(), "published": set()},
    "other_writer": {"draft": set(), "in_review": set(), "approved": set(), "published": set()},
    "reviewer": {"draft": set(), "in_review": REVIEW, "approved": set(), "published": set()},
    "editor": {"draft": EDITOR_DRAFT, "in_review": set(), "approved": EDITOR_APPROVED,
               "published": EDITOR_PUBLISHED},
    "clinic_staff": {"draft": set(), "in_review": set(), "approved": set(), "published": set()},
    "superuser": {"draft": EDITOR_DRAFT, "in_review": REVIEW, "approved": EDITOR_APPROVED,
                  "published": EDITOR_PUBLISHED},
}  # fmt: skip
ALLOWED_CASES = [
    pytest.param(role, state, frozenset(actions), id=f"{role}-{state}")
    for role, by_state in ALLOWED.items()
    for state, actions in by_state.items()
]


@pytest.mark.parametrize(("role", "state", "expected"), ALLOWED_CASES)
def test_allowed_actions(people, role, state, expected):
    article = article_in(state, people)

    assert services.allowed_actions(people[role], article) == expected


def test_allowed_actions_gives_no_review_actions_on_the_reviewers_own_article(people):
    article = ArticleFactory(created_by=people["reviewer"])
    services.article_submit(article=article, user=people["editor"])

    assert services.allowed_actions(people["reviewer"], article) == frozenset()


@pytest.mark.parametrize(
    ("role", "state"), [pytest.param(r, s, id=f"{r}-{s}") for r in ALLOWED for s in STATES]
)
def test_every_transition_succeeds_exactly_when_allowed_actions_offers_it(people, role, state):
    offered = services.allowed_actions(people[role], article_in(state, people))

    for action, call in SERVICE_CALLS.items():
        article = article_in(state, people)
        try:
            call(article, people[role])
        except (PermissionDenied, services.WorkflowError):
            assert action not in offered, action
        else:
            assert action in offered, action


@pytest.mark.parametrize(
    ("role", "expected"),
    [("anonymous", False), ("writer", False), ("other_writer", False), ("reviewer", True),
     ("editor", True), ("clinic_staff", False), ("superuser", True)],
)  # fmt: skip
def test_sees_all_articles(people, role, expected):
    assert services.sees_all_articles(people[role]) is expected
