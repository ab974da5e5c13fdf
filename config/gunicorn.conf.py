"""Gunicorn settings. Every value can be overridden on the command line or with
GUNICORN_CMD_ARGS; the defaults suit a small VM behind a reverse proxy."""

import multiprocessing
import os

bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
# Threaded workers, not sync ones: a sync worker belongs to one connection from its
# first byte to its last, so a few clients sending their headers slowly hold every
# worker and the site stops answering. A gthread worker keeps idle and kept-alive
# connections in its event loop; a slow sender still holds a thread, so each worker has
# more threads than a few slow clients take (tests/site/test_faults.py). In production
# a buffering reverse proxy in front removes the problem (README). Each thread has its
# own database connection (CONN_MAX_AGE), so a server opens up to workers x threads.
worker_class = "gthread"
threads = int(os.environ.get("WEB_THREADS", "8"))
# Load the app once in the master so every worker shares its memory (notably the
# ZIP-code index) copy-on-write instead of building its own.
preload_app = True
# With threads the worker's main loop reports to the master, so `timeout` restarts a
# hung worker, not one slow request.
timeout = 30
graceful_timeout = 10
keepalive = 5
# Recycle workers now and then so a slow leak can never grow without bound.
max_requests = 2000
max_requests_jitter = 200
# The footer promises "Your searches are not stored against you", so the access log
# records only when, which page (the path without its query string, so no search
# terms), the status, the size and the time taken: no client address, user agent,
# referer or user name.
# GUNICORN_ACCESS_LOG is a file, "-" for stdout, or "off" (or empty) for no access log.
_access_log = os.environ.get("GUNICORN_ACCESS_LOG", "-").strip()
accesslog = None if _access_log.lower() in {"", "off"} else _access_log
access_log_format = '%(t)s "%(m)s %(U)s" %(s)s %(b)s %(M)sms'
errorlog = "-"
# Trust X-Forwarded-* only from the proxy on this host.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")


def when_ready(server):
    """Runs in the master after preloading, before any worker is forked."""
    from django.conf import settings
    from django.utils.module_loading import import_string

    for path in settings.WARM_UP_CALLABLES:
        import_string(path)()


def on_exit(server):
    """`make run` asks us to stop the embedded PostgreSQL when the site stops."""
    if os.environ.get("EMBEDDED_DB_STOP_ON_EXIT") == "1" and not os.environ.get("DATABASE_URL"):
        from config.site import embedded_db

        if embedded_db.stop():
            server.log.info("Embedded PostgreSQL stopped.")
