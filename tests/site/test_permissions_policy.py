"""Every response tells browsers that no page here may use powerful features."""

import pytest


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/clinics/", "/no-such-page/", "/admin/login/", "/healthz"])
def test_every_response_carries_the_permissions_policy(client, path):
    response = client.get(path)

    policy = response["Permissions-Policy"]
    for feature in ("camera", "microphone", "geolocation", "payment", "usb", "browsing-topics"):
        assert f"{feature}=()" in policy


def test_the_page_shown_while_the_database_is_down_carries_it_too(client, settings):
    settings.ROOT_URLCONF = "tests.site.urls_error"

    response = client.get("/database-down/")

    assert response.status_code == 503
    assert "camera=()" in response["Permissions-Policy"]
