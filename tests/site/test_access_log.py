"""The footer's "Your searches are not stored against you", checked on the real server.

Gunicorn runs as a subprocess with config/gunicorn.conf.py against the test
database; everything it prints (access log on stdout, error log and Django's
logs on stderr) is searched for what a visitor sent.
"""

import http.client
import os
import re
import runpy
import secrets
import signal
import socket
import subprocess
import sys
import time
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import quote, urlencode

import pytest

from clinics.models import ProblemReport
from tests.factories import ClinicFactory

BASE_DIR = Path(__file__).resolve().parent.parent.parent
GUNICORN_CONF = BASE_DIR / "config" / "gunicorn.conf.py"

SEARCH_WORDS = ("lonely", "thoughts")
SEARCH_PATH = "/clinics/?q=lonely+thoughts&near=95816"
USER_AGENT = "PrivacyProbe/7.3 (distinctive-agent-string)"
# With DJANGO_PROXY_COUNT=1 Django takes this as the visitor's own address.
FORWARDED_FOR = "203.0.113.77"
REFERER_MARKER = "came-from-marker"


def database_url() -> str:
    from django.db import connection

    params = connection.settings_dict
    user = quote(params["USER"] or "", safe="")
    password = quote(params["PASSWORD"] or "", safe="")
    credentials = f"{user}:{password}@" if password else f"{user}@"
    host = params["HOST"] or "localhost"
    if host.startswith("/"):
        return f"postgres://{credentials}/{params['NAME']}?host={host}&port={params['PORT']}"
    return f"postgres://{credentials}{host}:{params['PORT'] or 5432}/{params['NAME']}"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def request(port, method, path, headers=None, body=None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.getheaders(), response.read().decode()
    finally:
        connection.close()


class Server:
    def __init__(self, process, port, stdout_path, stderr_path):
        self.process = process
        self.port = port
        self.stdout_path = stdout_path
        self.stderr_path = stderr_path

    def output(self) -> str:
        return self.stdout_path.read_text() + self.stderr_path.read_text()

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()


@pytest.fixture
def gunicorn_server(transactional_db, tmp_path):
    """Gunicorn with the project's own config, as deployed: production mode, default logs."""
    port = free_port()
    static_root = tmp_path / "static"
    static_root.mkdir()
    env = {
        key: value
        for key, value in os.environ.items()
        # Whatever the developer's shell sets for these must not replace the defaults
        # under test.
        if key
        not in {
            "GUNICORN_ACCESS_LOG",
            "GUNICORN_CMD_ARGS",
            "DJANGO_LOG_LEVEL",
            "DJANGO_DEBUG",
            "DJANGO_ALLOW_ASYNC_UNSAFE",
            "EMBEDDED_DB_STOP_ON_EXIT",
        }
    }
    env.update(
        DJANGO_ENV="production",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(64),
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DATABASE_URL=database_url(),
        DJANGO_PROXY_COUNT="1",
        DJANGO_VAR_DIR=str(tmp_path / "var"),
        # As after collectstatic; whitenoise warns about a missing folder.
        DJANGO_STATIC_ROOT=str(static_root),
        WEB_CONCURRENCY="1",
    )
    stdout_path, stderr_path = tmp_path / "stdout.log", tmp_path / "stderr.log"
    with stdout_path.open("w") as stdout, stderr_path.open("w") as stderr:
        process = subprocess.Popen(  # noqa: S603
            [
                sys.executable,
                "-m",
                "gunicorn",
                "config.wsgi",
                "-c",
                str(GUNICORN_CONF),
                "--bind",
                f"127.0.0.1:{port}",
                # No control socket: it would replace the one of a `make run` on this host.
                "--no-control-socket",
            ],
            cwd=BASE_DIR,
            env=env,
            stdout=stdout,
            stderr=stderr,
            start_new_session=True,
        )
    server = Server(process, port, stdout_path, stderr_path)
    try:
        wait_until_ready(server)
        yield server
    finally:
        server.stop()


def wait_until_ready(server: Server) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            pytest.fail(f"gunicorn exited during start-up:\n{server.output()[-3000:]}")
        try:
            if request(server.port, "GET", "/healthz")[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.25)
    pytest.fail(f"gunicorn did not answer /healthz within 60 seconds:\n{server.output()[-3000:]}")


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
