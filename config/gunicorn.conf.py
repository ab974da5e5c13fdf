"""Gunicorn settings. Every value can be overridden on the command line or with
GUNICORN_CMD_ARGS; the defaults suit a small VM behind a reverse proxy."""

import multiprocessing
import os

bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
worker_class = "sync"
# Load the app once in the master so every worker shares its memory (notably the
# ZIP-code index) copy-on-write instead of building its own.
preload_app = True
timeout = 30
graceful_timeout = 10
keepalive = 5
# Recycle workers now and then so a slow leak can never grow without bound.
max_requests = 2000
max_requests_jitter = 200
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = "-"
# Trust X-Forwarded-* only from the proxy on this host.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")


def when_ready(server):
    """Runs in the master after preloading, before any worker is forked."""
    from clinics import geo

    geo.warm()


def on_exit(server):
    """`make run` asks us to stop the embedded PostgreSQL when the site stops."""
    if os.environ.get("EMBEDDED_DB_STOP_ON_EXIT") == "1" and not os.environ.get("DATABASE_URL"):
        from config import embedded_db

        if embedded_db.stop():
            server.log.info("Embedded PostgreSQL stopped.")
