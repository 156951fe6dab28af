"""gunicorn settings for production (and `make bench`). gunicorn reads this file from the working directory.

    APP_ENV=production SECRET_KEY=... DATABASE_URL=postgresql+psycopg://... gunicorn wsgi:app

Environment knobs: WEB_CONCURRENCY (worker processes, default 2 per core), GUNICORN_THREADS (threads per
worker, default 4), GUNICORN_WORKER_CLASS (default gthread), GUNICORN_BIND (default 127.0.0.1:8000; the
proxy in front of it terminates TLS and sets X-Forwarded-*, see TRUSTED_PROXY_COUNT), GUNICORN_ACCESS_LOG
(a path or "-" for one line per request; off by default: the proxy in front logs requests, and a Python
access log costs about a tenth of the throughput), GUNICORN_LOG_LEVEL (default info).
Measured on 2 cores in docs/benchmarks.md ("Pages").
"""

from __future__ import annotations

import multiprocessing
import os


def _int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = _int("WEB_CONCURRENCY", 2 * multiprocessing.cpu_count())
worker_class = os.environ.get("GUNICORN_WORKER_CLASS", "gthread")
threads = _int("GUNICORN_THREADS", 4)
keepalive = 5  # seconds: the proxy in front reuses connections
timeout = 30
graceful_timeout = 20
max_requests = 0  # no leak to paper over; the page cache lives as long as the worker
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
proc_name = "camden"


def _disable_control_socket() -> None:
    """gunicorn 26+ opens a control socket at ~/.gunicorn/gunicorn.ctl unless told not to (the option
    `--no-control-socket`). Older versions have no such setting; set it only where it exists."""
    try:
        from gunicorn.config import KNOWN_SETTINGS
    except ImportError:  # pragma: no cover
        return
    for setting in KNOWN_SETTINGS:
        if "--no-control-socket" in (getattr(setting, "cli", None) or []):
            globals()[setting.name] = True


_disable_control_socket()
