"""The admin home page: Django's index with the "Waiting for you" queue on top."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.models import Article
from clinics.models import Clinic
from tests.factories import (
    ArticleFactory,
    ClinicFactory,
    ListingRequestFactory,
    ProblemReportFactory,
    clinic_staff_user,
    directory_admin_user,
)

pytestmark = pytest.mark.django_db

INDEX = reverse("admin:index")


def test_the_queue_lists_what_waits_with_links_to_each_item(client):
    report = ProblemReportFactory()
    client.force_login(directory_admin_user())

    response = client.get(INDEX)

    assert response.status_code == 200
    page = response.content.decode()
    assert '<h2 id="todo-title">Waiting for you</h2>' in page
    assert "New problem reports" in page
    assert f'href="/admin/clinics/problemreport/{report.pk}/change/"' in page
    assert 'id="content-main"' in page and "Clinic directory" in page  # Django's app list stays


def test_an_empty_queue_says_so(client):
    client.force_login(clinic_staff_user(ClinicFactory()))

    response = client.get(INDEX)

    assert "Nothing is waiting for you right now." in response.content.decode()


def test_apps_meet_on_the_page_without_importing_each_other(client, django_user_model):
    user = django_user_model.objects.create_superuser("root", "root@example.org", "x")
    ProblemReportFactory()
    ArticleFactory(status=Article.Status.APPROVED)
    client.force_login(user)

    page = client.get(INDEX).content.decode()

    assert "New problem reports" in page
    assert "Approved articles to publish" in page


def test_the_page_costs_the_same_queries_however_long_the_queue(client):
    admin = directory_admin_user()
    client.force_login(admin)

    def queries_with(rows: int) -> int:
        for _ in range(rows):
            ListingRequestFactory()
            ClinicFactory(status=Clinic.Status.DRAFT)
            ProblemReportFactory()
            ClinicFactory(last_verified_on=None)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(INDEX).status_code == 200
        return len(queries)

    assert queries_with(1) == queries_with(15)
