"""Condition pages (clinics app) list the published articles about that condition."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import ArticleFactory, condition

pytestmark = pytest.mark.django_db


def test_condition_page_lists_published_articles_only(client, publish, writer):
    ptsd = condition("ptsd")
    publish(title="Ketamine and PTSD explained", conditions=[ptsd])
    ArticleFactory(title="Unreviewed PTSD draft", conditions=[ptsd], created_by=writer)
    publish(title="About depression only", conditions=[condition("depression")])
    response = client.get(ptsd.get_absolute_url())
    assert b"Ketamine and PTSD explained" in response.content
    assert b"Unreviewed PTSD draft" not in response.content
    assert b"About depression only" not in response.content


def test_condition_page_queries_do_not_grow_with_articles(client, publish):
    ptsd = condition("ptsd")
    publish(conditions=[ptsd])
    with CaptureQueriesContext(connection) as one:
        client.get(ptsd.get_absolute_url())
    for _ in range(5):
        publish(conditions=[ptsd])
    with CaptureQueriesContext(connection) as six:
        client.get(ptsd.get_absolute_url())
    assert len(six) == len(one)
