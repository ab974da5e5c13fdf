"""Real gunicorn servers (config/gunicorn.conf.py) against the test database, for tests that
need what only a running server shows: several servers, worker threads, a database outage.

The rows a server should see must be committed: use
`@pytest.mark.django_db(transaction=True, serialized_rollback=True)`.
"""

from __future__ import annotations

import http.client
import os
import secrets
import signal
import socket
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

import pytest

BASE_DIR = Path(__file__).resolve().parent.parent.parent
GUNICORN_CONF = BASE_DIR / "config" / "gunicorn.conf.py"

# What the developer's shell sets for these must not replace the defaults under test.
UNSET = {
    "GUNICORN_ACCESS_LOG",
    "GUNICORN_CMD_ARGS",
    "DJANGO_LOG_LEVEL",
    "DJANGO_DEBUG",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
    "DJANGO_PAGE_CACHE_SECONDS",
    "DJANGO_CONN_MAX_AGE",
    "EMBEDDED_DB_STOP_ON_EXIT",
    "CACHE_URL",
    "WEB_THREADS",
}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def database_url(*, via_port: int | None = None) -> str:
    """The test database's URL, or the same database reached through 127.0.0.1:`via_port`."""
    from django.db import connection

    params = connection.settings_dict
    user = quote(params["USER"] or "", safe="")
    password = quote(params["PASSWORD"] or "", safe="")
    credentials = f"{user}:{password}@" if password else f"{user}@"
    if via_port is not None:
        return f"postgres://{credentials}127.0.0.1:{via_port}/{params['NAME']}"
    host = params["HOST"] or "localhost"
    if host.startswith("/"):
        return f"postgres://{credentials}/{params['NAME']}?host={host}&port={params['PORT']}"
    return f"postgres://{credentials}{host}:{params['PORT'] or 5432}/{params['NAME']}"


def database_address() -> tuple[int, str | tuple[str, int]]:
    """Socket family and address of the test database's server (TCP or Unix socket)."""
    from django.db import connection

    params = connection.settings_dict
    host = params["HOST"] or "localhost"
    port = int(params["PORT"] or 5432)
    if host.startswith("/"):
        return socket.AF_UNIX, f"{host}/.s.PGSQL.{port}"
    return socket.AF_INET, (host, port)


def request(port, method, path, headers=None, body=None, timeout=30):
    """(status, headers, body) of one request on a new connection."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
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

    def get(self, path, *, timeout=30):
        # What the TLS proxy adds in production; gunicorn trusts it from loopback.
        return request(self.port, "GET", path, {"X-Forwarded-Proto": "https"}, timeout=timeout)

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


@contextmanager
def gunicorn(tmp_path: Path, *, name: str = "server", **env):
    """Gunicorn with the project's config in production mode, one worker unless `env` says.

    `env` adds or replaces environment variables (DATABASE_URL defaults to the test database);
    a value of None leaves the variable unset, so that the config's own default applies.
    """
    port = free_port()
    folder = tmp_path / name
    static_root = folder / "static"
    static_root.mkdir(parents=True)
    environment = {key: value for key, value in os.environ.items() if key not in UNSET}
    environment.update(
        DJANGO_ENV="production",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(64),
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DATABASE_URL=database_url(),
        DJANGO_VAR_DIR=str(folder / "var"),
        # As after collectstatic; whitenoise warns about a missing folder.
        DJANGO_STATIC_ROOT=str(static_root),
        WEB_CONCURRENCY="1",
        GUNICORN_ACCESS_LOG="off",
    )
    environment.update(env)
    environment = {key: value for key, value in environment.items() if value is not None}
    stdout_path, stderr_path = folder / "stdout.log", folder / "stderr.log"
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
            env=environment,
            stdout=stdout,
            stderr=stderr,
            start_new_session=True,
        )
    server = Server(process, port, stdout_path, stderr_path)
    try:
        _wait_until_ready(server)
        yield server
    finally:
        server.stop()


def _wait_until_ready(server: Server) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            pytest.fail(f"gunicorn exited during start-up:\n{server.output()[-3000:]}")
        try:
            if request(server.port, "GET", "/healthz", timeout=5)[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.25)
    pytest.fail(f"gunicorn did not answer /healthz within 60 seconds:\n{server.output()[-3000:]}")


class TcpForwarder:
    """A TCP port on 127.0.0.1 that forwards to the database server, and can be pulled.

    `close()` refuses new connections and cuts every open one, as a database host that
    went away would; `open()` listens on the same port again.
    """

    def __init__(self, family: int, address):
        self.family = family
        self.address = address
        self.port = free_port()
        self._listener: socket.socket | None = None
        self._sockets: set[socket.socket] = set()
        self._lock = threading.Lock()

    def open(self) -> None:
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(64)
        listener.settimeout(0.1)
        self._listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def close(self) -> None:
        listener, self._listener = self._listener, None
        if listener is not None:
            listener.close()
        with self._lock:
            sockets, self._sockets = self._sockets, set()
        for sock in sockets:
            _cut(sock)

    def _accept(self, listener: socket.socket) -> None:
        while self._listener is listener:
            try:
                client, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            client.settimeout(None)
            upstream = socket.socket(self.family, socket.SOCK_STREAM)
            try:
                upstream.connect(self.address)
            except OSError:
                _cut(client)
                continue
            with self._lock:
                self._sockets.update((client, upstream))
            for source, target in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(source, target), daemon=True).start()

    def _pump(self, source: socket.socket, target: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                target.sendall(data)
        except OSError:
            pass
        _cut(source)
        _cut(target)


def _cut(sock: socket.socket) -> None:
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass
    sock.close()
