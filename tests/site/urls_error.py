"""A URLconf with views that fail, to exercise the 500 and 503 pages."""

from django.db import OperationalError
from django.urls import path


def boom(request):
    raise RuntimeError("deliberate failure for the 500-page test")


def database_down(request):
    raise OperationalError("deliberate failure for the 503-page test")


urlpatterns = [path("boom/", boom), path("database-down/", database_down)]
