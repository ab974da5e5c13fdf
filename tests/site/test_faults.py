"""What visitors get when things go wrong: the database goes away, clients are slow.

The live tests run the real server (gunicorn with config/gunicorn.conf.py, see
tests/site/live_server.py) against the test database.
"""

import logging
import socket
import threading
import time

import pytest
from django.db import OperationalError
from django.test import RequestFactory

from config.site.middleware import DatabaseUnavailableMiddleware
from tests.factories import ClinicFactory
from tests.site.live_server import TcpForwarder, database_address, database_url, gunicorn

CRISIS_LINE = 'Call or text <a href="tel:988">988</a>'
UNAVAILABLE_LOG = "Database unavailable, answered 503"


def _unreachable(request):
    raise AssertionError("the view must not run")


def test_database_error_becomes_a_503_page_without_touching_the_database(caplog):
    """No django_db mark: any query while building the page would fail this test."""
    middleware = DatabaseUnavailableMiddleware(_unreachable)
    request = RequestFactory().get("/clinics/?q=private+words")
    error = OperationalError('connection to server at "db" failed: Connection refused\nDETAIL')
    with caplog.at_level(logging.INFO):
        response = middleware.process_exception(request, error)
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "no-store" in response["Cache-Control"]
    body = response.content.decode()
    assert "The directory is briefly unavailable" in body
    assert CRISIS_LINE in body
    # One line, with the path but not the search words, and no traceback.
    [record] = caplog.records
    assert record.getMessage() == (
        "Database unavailable, answered 503: GET /clinics/ "
        '(OperationalError: connection to server at "db" failed: Connection refused)'
    )
    assert record.exc_info is None


def test_other_errors_are_left_to_the_500_page():
    middleware = DatabaseUnavailableMiddleware(_unreachable)
    request = RequestFactory().get("/")
    assert middleware.process_exception(request, ValueError("a bug")) is None


@pytest.fixture
def database_link():
    """The test database behind a TCP port the test can pull and put back."""
    link = TcpForwarder(*database_address())
    link.open()
    yield link
    link.close()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_pages_answer_503_while_the_database_is_away_and_recover_by_themselves(
    database_link, tmp_path
):
    clinic = ClinicFactory(name="Outage Test Clinic")
    page = clinic.get_absolute_url()
    # Persistent connections (the default CONN_MAX_AGE) are the ones a restart breaks.
    with gunicorn(tmp_path, DATABASE_URL=database_url(via_port=database_link.port)) as server:
        assert "Outage Test Clinic" in server.get(page)[2]

        database_link.close()
        for path in (page, "/clinics/?q=ketamine", "/"):
            status, headers, body = server.get(path)
            assert status == 503, path
            assert dict(headers)["Retry-After"] == "30"
            assert "The directory is briefly unavailable" in body
            assert CRISIS_LINE in body

        # The load balancer's health check says so too, without a traceback in the log.
        assert server.get("/healthz")[0] == 503

        database_link.open()
        # The first request after the database returns is served: nobody restarts anything.
        status, _, body = server.get(page)
        assert status == 200
        assert "Outage Test Clinic" in body

        server.stop()
        output = server.output()
    # One line per failed request, no tracebacks, no search words.
    assert output.count(UNAVAILABLE_LOG) == 3, output
    assert "Service Unavailable: /clinics/" not in output  # not logged twice
    assert "Traceback" not in output
    assert "ketamine" not in output


def _trickle(sock: socket.socket, stop: threading.Event) -> None:
    """A client that sends one header line every two seconds and never finishes."""
    try:
        sock.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        number = 0
        while not stop.wait(2):
            number += 1
            sock.sendall(f"X-Slow-{number}: still typing\r\n".encode())
    except OSError:
        pass


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_six_slow_clients_do_not_delay_a_normal_request(tmp_path):
    """The worker model of config/gunicorn.conf.py, with one worker: the worst case, where
    every slow client lands on the worker that also gets the normal request."""
    clinic = ClinicFactory()
    stop = threading.Event()
    with gunicorn(tmp_path, DJANGO_PAGE_CACHE_SECONDS="0") as server:
        server.get(clinic.get_absolute_url())  # start-up costs are not what this measures
        slow = [socket.create_connection(("127.0.0.1", server.port)) for _ in range(6)]
        threads = [threading.Thread(target=_trickle, args=(sock, stop)) for sock in slow]
        try:
            for thread in threads:
                thread.start()
            time.sleep(3)  # every slow client has been taken up by the server
            started = time.monotonic()
            try:
                status, _, _ = server.get(clinic.get_absolute_url(), timeout=5)
            except TimeoutError:
                pytest.fail("no answer within 5 s behind six slow clients")
            elapsed = time.monotonic() - started
        finally:
            stop.set()
            for sock in slow:
                sock.close()
            for thread in threads:
                thread.join()
    assert status == 200
    assert elapsed < 1.0, f"a normal request took {elapsed:.2f} s behind six slow clients"
