"""The footer's "Your searches are not stored against you", checked on the real server.

Gunicorn runs as a subprocess with config/gunicorn.conf.py against the test
database; everything it prints (access log on stdout, error log and Django's
logs on stderr) is searched for what a visitor sent.
"""

import re
import runpy
from http.cookies import SimpleCookie
from urllib.parse import urlencode

import pytest

from clinics.models import ProblemReport
from tests.factories import ClinicFactory
from tests.site.live_server import GUNICORN_CONF, gunicorn, request

SEARCH_WORDS = ("lonely", "thoughts")
SEARCH_PATH = "/clinics/?q=lonely+thoughts&near=95816"
USER_AGENT = "PrivacyProbe/7.3 (distinctive-agent-string)"
# With DJANGO_PROXY_COUNT=1 Django takes this as the visitor's own address.
FORWARDED_FOR = "203.0.113.77"
REFERER_MARKER = "came-from-marker"


@pytest.fixture
def gunicorn_server(transactional_db, tmp_path):
    """Gunicorn with the project's own config, as deployed: production mode, default logs."""
    with gunicorn(tmp_path, DJANGO_PROXY_COUNT="1", GUNICORN_ACCESS_LOG=None) as server:
        yield server


def visitor_headers(port, **extra):
    return {
        "User-Agent": USER_AGENT,
        "X-Forwarded-For": FORWARDED_FOR,
        # What the TLS proxy adds in production; gunicorn trusts it from loopback.
        "X-Forwarded-Proto": "https",
        "Referer": f"https://127.0.0.1:{port}/clinics/?from={REFERER_MARKER}",
        **extra,
    }


def submit_problem_report(port, clinic):
    form_path = f"/clinics/{clinic.slug}/report/"
    status, headers, body = request(port, "GET", form_path, visitor_headers(port))
    assert status == 200
    cookies = SimpleCookie()
    for name, value in headers:
        if name.lower() == "set-cookie":
            cookies.load(value)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1)
    cookie_header = "; ".join(f"{name}={morsel.value}" for name, morsel in cookies.items())
    fields = urlencode(
        {
            "csrfmiddlewaretoken": token,
            "category": ProblemReport.Category.PHONE.value,
            "details": "The number rings a bakery.",
        }
    )
    headers = visitor_headers(
        port,
        **{"Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie_header},
    )
    status, _, _ = request(port, "POST", form_path, headers, fields)
    assert status == 302


# Committed rows, so that the server process sees them; serialized_rollback puts back
# the migrations' reference data that the flush afterwards removes.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_server_output_holds_no_search_terms_addresses_or_user_agents(gunicorn_server):
    """A search and a problem report leave only method, path and status in the server's output."""
    clinic = ClinicFactory()
    port = gunicorn_server.port

    status, _, _ = request(port, "GET", SEARCH_PATH, visitor_headers(port))
    assert status == 200
    submit_problem_report(port, clinic)
    assert ProblemReport.objects.filter(clinic=clinic).count() == 1
    gunicorn_server.stop()
    output = gunicorn_server.output()

    # The access log is on and records the requests, path only.
    assert re.search(r'"GET /clinics/" 200 ', output), output
    assert re.search(rf'"POST /clinics/{clinic.slug}/report/" 302 ', output), output
    for word in SEARCH_WORDS:
        assert word not in output
    assert "95816" not in output
    # No query string of any request, whatever it held.
    assert "?" not in output
    assert USER_AGENT not in output
    assert "PrivacyProbe" not in output
    assert FORWARDED_FOR not in output
    assert REFERER_MARKER not in output
    # 127.0.0.1 may appear only in gunicorn's start-up line naming its own address.
    leaks = [
        line for line in output.splitlines() if "127.0.0.1" in line and "Listening at:" not in line
    ]
    assert leaks == []


@pytest.mark.parametrize("value", ["off", "OFF", ""])
def test_access_log_can_be_turned_off(monkeypatch, value):
    monkeypatch.setenv("GUNICORN_ACCESS_LOG", value)
    assert runpy.run_path(str(GUNICORN_CONF))["accesslog"] is None


def test_access_log_goes_to_stdout_by_default(monkeypatch):
    monkeypatch.delenv("GUNICORN_ACCESS_LOG", raising=False)
    assert runpy.run_path(str(GUNICORN_CONF))["accesslog"] == "-"
