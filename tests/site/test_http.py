"""The no_index view decorator."""

from django.http import HttpResponse
from django.test import RequestFactory

from config.site.http import no_index


def test_no_index_asks_search_engines_to_skip_the_response():
    view = no_index(lambda request: HttpResponse("private"))
    response = view(RequestFactory().get("/"))
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert response.content == b"private"
