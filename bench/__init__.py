"""Benchmarks for `make bench` (entry point: bench/run.py), and what every section shares.

A section is a function in its own module (bench/pages.py for pages) that measures something and returns the
Markdown for its own `## Title` section of docs/benchmarks.md; `write_section` replaces that section and
leaves every other one as it was. Load tests go only to servers this process starts on 127.0.0.1, each with
a bounded duration.

Shared here: the machine's description, the production-like app environment (PostgreSQL database
`camden_bench`), starting gunicorn with the production configuration (gunicorn.conf.py), finding tools.
"""

from __future__ import annotations

import datetime as _dt
import os
import platform
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "benchmarks.md"
BENCH_DATABASE_URL = "postgresql+psycopg://camden_test:camden_test@127.0.0.1:5432/camden_bench"
DOC_INTRO = """# Benchmarks

Written by `make bench` (bench/run.py): each section is replaced by its own benchmark and leaves the
others alone. Figures depend on the machine and on what else was running on it: each section names both.
"""


@dataclass
class Section:
    """What a benchmark section returns: its `## title`, its Markdown, and whether its checks passed."""

    title: str
    markdown: str
    ok: bool


# -- the machine --------------------------------------------------------------------------------------------
def machine() -> dict[str, str]:
    """CPU model, cores, memory, kernel, Python, date, and the load average when asked."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = "unknown"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
                break
    except OSError:
        pass
    return {
        "cpu": cpu,
        "cores": str(os.cpu_count()),
        "memory": memory,
        "kernel": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "date": _dt.datetime.now(_dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
    }


def load_average() -> str:
    try:
        one, five, fifteen = os.getloadavg()
    except OSError:
        return "unknown"
    return f"{one:.2f} / {five:.2f} / {fifteen:.2f}"


def machine_markdown(info: dict[str, str]) -> str:
    return (
        f"- Machine: {info['cpu']}, {info['cores']} cores, {info['memory']} memory; {info['kernel']}; "
        f"Python {info['python']}\n"
        f"- Date: {info['date']}\n"
    )


# -- docs/benchmarks.md -------------------------------------------------------------------------------------
def write_section(title: str, body: str, path: Path = DOC) -> None:
    """Replace the `## {title}` section of docs/benchmarks.md (or add it at the end); keep all the others."""
    text = path.read_text(encoding="utf-8") if path.exists() else DOC_INTRO
    lines = text.splitlines(keepends=True)
    heading = f"## {title}"
    start = next((i for i, line in enumerate(lines) if line.rstrip() == heading), None)
    section = [heading + "\n", "\n", body.rstrip("\n") + "\n"]
    if start is None:
        if lines and lines[-1].strip():
            lines.append("\n")
        lines.extend(section)
    else:
        end = next(
            (i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")),
            len(lines),
        )
        tail = lines[end:]
        lines[start:end] = section + (["\n"] if tail else [])
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(lines), encoding="utf-8")


# -- tools --------------------------------------------------------------------------------------------------
def tool(name: str, *candidates: str) -> str | None:
    for candidate in (*candidates, shutil.which(name)):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    return None


def ensure_tools() -> tuple[str, str]:
    """nginx and wrk, installed with scripts/ensure_bench_tools.sh when missing."""
    nginx, wrk = tool("nginx", "/usr/sbin/nginx"), tool("wrk", "/usr/bin/wrk")
    if not (nginx and wrk):
        script = ROOT / "scripts" / "ensure_bench_tools.sh"
        subprocess.run(["/bin/bash", str(script)], check=True)  # noqa: S603 - our own script
        nginx, wrk = tool("nginx", "/usr/sbin/nginx"), tool("wrk", "/usr/bin/wrk")
    if not (nginx and wrk):
        raise SystemExit("bench: nginx and wrk are needed (bash scripts/ensure_bench_tools.sh)")
    return nginx, wrk


def version_of(command: list[str]) -> str:
    result = subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603
    lines = (result.stdout + result.stderr).strip().splitlines()
    return lines[0] if lines else "?"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str, timeout: float = 10.0) -> tuple[int, dict[str, str], bytes]:
    """One GET, no cookies, no redirects followed."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(url, timeout=timeout) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def wait_for(url: str, process: subprocess.Popen, seconds: float = 30.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server stopped (exit {process.returncode}) before answering {url}")
        try:
            fetch(url, timeout=2)
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"no answer from {url} within {seconds:.0f} s")


def stop(process: subprocess.Popen, seconds: float = 15.0) -> None:
    """Stop a server this process started (SIGTERM, then SIGKILL), by its own pid only."""
    if process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(seconds)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(5)


# -- the app under production configuration ---------------------------------------------------------------
def app_environment(extra: dict[str, str] | None = None) -> dict[str, str]:
    """APP_ENV=production with a throwaway SECRET_KEY and the bench's own PostgreSQL database."""
    env = dict(os.environ)
    env.update(
        {
            "APP_ENV": "production",
            "SECRET_KEY": env.get("BENCH_SECRET_KEY") or os.urandom(24).hex(),
            "DATABASE_URL": env.get("BENCH_DATABASE_URL", BENCH_DATABASE_URL),
            "PYTHONDONTWRITEBYTECODE": "1",
        }
    )
    env.update(extra or {})
    return env


def migrate(env: dict[str, str]) -> None:
    """Empty the bench's own database and migrate it afresh (a half-applied or renamed migration from an
    earlier run cannot get in the way)."""
    from sqlalchemy import create_engine, text

    engine = create_engine(env["DATABASE_URL"])
    try:
        with engine.begin() as conn:
            conn.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
    finally:
        engine.dispose()
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-m", "flask", "--app", "wsgi", "db", "upgrade"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"flask db upgrade failed on the bench database:\n{result.stderr}")


@dataclass
class Gunicorn:
    """gunicorn with the production configuration (gunicorn.conf.py), on a loopback port."""

    env: dict[str, str]
    port: int
    app: str = "wsgi:app"
    process: subprocess.Popen | None = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> Gunicorn:
        self.process = subprocess.Popen(  # noqa: S603 - this interpreter, our config
            [
                sys.executable,
                "-m",
                "gunicorn",
                "--config",
                str(ROOT / "gunicorn.conf.py"),
                "--bind",
                f"127.0.0.1:{self.port}",
                "--log-level",
                "warning",
                self.app,
            ],
            cwd=ROOT,
            env=self.env,
        )
        wait_for(self.base_url + "/", self.process)
        return self

    def __exit__(self, *exc) -> None:
        if self.process is not None:
            stop(self.process)


def gunicorn_settings(env: dict[str, str]) -> dict[str, str]:
    """The settings gunicorn.conf.py gives for this environment (workers, worker class, threads)."""
    code = (
        "import runpy, json; s = runpy.run_path('gunicorn.conf.py'); "
        "print(json.dumps({k: str(s.get(k)) for k in ('workers', 'worker_class', 'threads', 'accesslog')}))"
    )
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    import json

    return json.loads(result.stdout)
