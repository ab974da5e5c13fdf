import datetime

import pytest
from django.apps import apps as django_apps
from django.contrib.auth.models import AnonymousUser, Group
from django.utils import timezone

from articles import services
from articles.roles import EDITORS, MEDICAL_REVIEWERS, WRITERS, sync_workflow_groups
from tests.factories import ArticleFactory, ReviewerFactory, UserFactory, role_user


@pytest.fixture(autouse=True)
def workflow_groups(db):
    """The groups come from a data migration; re-sync in case a flush removed them."""
    sync_workflow_groups(django_apps)


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = "https://directory.example.org"


@pytest.fixture
def writer():
    return role_user(WRITERS, username="writer")


@pytest.fixture
def other_writer():
    return role_user(WRITERS, username="other-writer")


@pytest.fixture
def reviewer_user():
    user = role_user(MEDICAL_REVIEWERS, username="reviewer")
    ReviewerFactory(user=user, display_name="Dr. Rita Review", credentials="MD, psychiatrist")
    return user


@pytest.fixture
def editor():
    return role_user(EDITORS, username="editor")


@pytest.fixture
def clinic_staff():
    """Staff who run a clinic listing but have no article group."""
    group = "Clinic staff" if Group.objects.filter(name="Clinic staff").exists() else None
    return role_user(group, username="clinic-staff")


@pytest.fixture
def superuser():
    """Holds every permission, and a reviewer profile so that approving is possible too."""
    user = UserFactory(username="root", is_staff=True, is_superuser=True)
    ReviewerFactory(user=user, display_name="Dr. Root Review", credentials="MD")
    return user


@pytest.fixture
def people(writer, other_writer, reviewer_user, editor, clinic_staff, superuser):
    """One user per role of the editorial role × action matrices, by role name."""
    return {
        "anonymous": AnonymousUser(),
        "writer": writer,
        "other_writer": other_writer,
        "reviewer": reviewer_user,
        "editor": editor,
        "clinic_staff": clinic_staff,
        "superuser": superuser,
    }


@pytest.fixture
def publish():
    """Make a reviewed article with a live version (publish_at defaults to an hour ago)."""

    def make(article=None, *, publish_at=None, reviewer=None, **kwargs):
        article = article or ArticleFactory(**kwargs)
        return services.article_seed_published(
            article=article,
            reviewer=reviewer or ReviewerFactory(),
            reviewed_on=timezone.localdate() - datetime.timedelta(days=7),
            publish_at=publish_at or timezone.now() - datetime.timedelta(hours=1),
        )

    return make
