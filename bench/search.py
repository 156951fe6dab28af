"""The "Search" benchmark: index build time, HTTP latency of the search page, and how long an edit takes to
reach the searches, at 10,000 and 100,000 synthetic services.

For each size: the bench's own PostgreSQL database (camden_bench) is emptied and migrated, filled with
`flask directory synthetic --count N --seed 1`, and indexed with `flask search build` into a temporary
SEARCH_INDEX_DIR; then gunicorn starts with the production configuration (gunicorn.conf.py, APP_ENV=production)
and 200 distinct search URLs (single words, several words, phrases, misspellings, filters, postcodes; mostly
English, some in Bengali and Arabic) are fetched one at a time, each on a new connection so that every worker
takes its share: once just after the server starts (cold: each worker decodes the postings it meets for the
first time) and then twice more (warm: the last pass counts). Every response must be a full 200 page with
its results count (facets and "did you mean" included: the page always works them out).

The edit delay: a separate process renames a service through the ORM (as an adviser's edit would be saved,
change-log row and all) and prints when its transaction committed; meanwhile the bench searches for the new
name until a response shows it. The delay is from the commit to the first response that shows the edit.

    python -m bench.search                 # both sizes, prints the section
    python -m bench.search --sizes 10000   # one size

Bounded: about two minutes per size on 2 cores; every server and process it starts is stopped by its pid.
"""

from __future__ import annotations

import argparse
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

from bench import (
    ROOT,
    Gunicorn,
    Section,
    app_environment,
    fetch,
    free_port,
    gunicorn_settings,
    load_average,
    machine,
    machine_markdown,
    migrate,
    stop,
)

TITLE = "Search"
SIZES = (10_000, 100_000)
GOALS_MS = {10_000: 10.0, 100_000: 50.0}  # p95, through HTTP
BUILD_GOAL_S = 5.0  # per language, at 10,000
EDITS = 5

# fmt: off
WORDS = (
    "support", "carers", "advice", "help", "local", "community", "group", "weekly", "friendly", "team", "visit",
    "home", "care", "health", "wellbeing", "money", "benefits", "housing", "advocacy", "learning", "skills",
    "activities", "lunch", "club", "session", "phone", "online", "meeting", "family", "partner", "friend",
    "neighbour", "older", "adults", "disability", "mental", "emotional", "practical", "training", "volunteers",
    "referral", "assessment", "information", "guidance", "listening", "respite", "break", "walking", "art", "music",
    "garden", "cooking", "exercise", "confidence", "independent", "living", "equipment", "safety", "transport",
)
# fmt: on
FILTERS = (
    ("category", "carers-support"),
    ("category", "advocacy"),
    ("cost", "free"),
    ("cost", "not-known"),
    ("language", "bn"),
    ("language", "so"),
    ("wheelchair", "yes"),
    ("open_on", "saturday"),
    ("age", "65-plus"),
)  # fmt: skip
POSTCODES = ("NW1", "NW5 1TL", "NW3", "WC1H 9BB", "N19", "NW6", "WC2", "N7 6PA")
OTHER_LANGUAGE = (("bn", "কেয়ারার"), ("bn", "সহায়তা"), ("ar", "مقدمي الرعاية"), ("ar", "دعم"), ("so", "daryeel"))


def queries(count: int = 200, seed: int = 1) -> list[tuple[str, str]]:
    """(kind, path) for `count` distinct search URLs of every kind, the same on every run."""
    rng = random.Random(seed)  # noqa: S311 - a fixed mix of test queries
    kinds = [("single", 50), ("multi", 40), ("phrase", 25), ("misspelt", 30), ("filtered", 30), ("postcode", 25)]
    found: dict[str, str] = {}
    for kind, wanted in kinds:
        while sum(1 for k in found.values() if k == kind) < wanted:
            found.setdefault(_query(kind, rng), kind)
    for lang, words in OTHER_LANGUAGE:
        found.setdefault(f"/{lang}/search?" + urllib.parse.urlencode({"q": words}), "other language")
    paths = list(found.items())
    rng.shuffle(paths)
    return [(kind, path) for path, kind in paths[:count]]


def _query(kind: str, rng: random.Random) -> str:
    word = rng.choice(WORDS)
    args: list[tuple[str, str]] = []
    if kind == "single":
        args.append(("q", word))
    elif kind == "multi":
        args.append(("q", " ".join(rng.sample(WORDS, rng.choice((2, 2, 3))))))
    elif kind == "phrase":
        args.append(("q", f'"{word} {rng.choice(WORDS)}"'))
    elif kind == "misspelt":
        position = rng.randrange(1, len(word) - 1)
        typo = (
            word[:position] + word[position + 1 :]
            if rng.random() < 0.5
            else word[:position] + word[position] + word[position:]
        )
        args.append(("q", typo))
    elif kind == "filtered":
        args += [("q", word), *rng.sample(FILTERS, rng.choice((1, 2)))]
    else:
        args += [("q", word), ("postcode", rng.choice(POSTCODES))]
    return "/en/search?" + urllib.parse.urlencode(args)


def percentiles(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)

    def at(fraction: float) -> float:
        return ordered[min(len(ordered) - 1, max(0, round(fraction * len(ordered)) - 1))]

    return {"p50": statistics.median(ordered), "p95": at(0.95), "p99": at(0.99), "max": ordered[-1]}


def _flask(env: dict, *args: str, timeout: float = 900) -> tuple[str, float, float]:
    """Run a `flask` command; (its output, wall seconds, CPU seconds of the child)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    result = subprocess.run(  # noqa: S603 - our own CLI
        [sys.executable, "-m", "flask", "--app", "wsgi", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        raise RuntimeError(f"flask {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return result.stdout, wall, cpu


def _timed_pass(base_url: str, paths: list[tuple[str, str]]) -> tuple[list[float], list[str]]:
    latencies, problems = [], []
    for _kind, path in paths:
        started = time.perf_counter()
        status, _headers, body = fetch(base_url + path, timeout=30)
        latencies.append((time.perf_counter() - started) * 1000)
        if status != 200 or b"app-search-count" not in body or b"</html>" not in body:
            problems.append(f"{path}: {status}")
    return latencies, problems


EDITOR = """
import sys, time
from app import create_app
from app.extensions import db
from app.directory.models import Service
from sqlalchemy import select
app = create_app()
with app.app_context():
    service_id = db.session.scalar(select(Service.id).where(Service.status == "active").order_by(Service.name))
    for line in sys.stdin:
        service = db.session.get(Service, service_id)
        service.name = "Synthetic service renamed " + line.strip() + " (test data)"
        db.session.commit()
        print(time.time(), flush=True)
"""


def edit_delays(env: dict, base_url: str, count: int = EDITS) -> list[float]:
    """Milliseconds from an edit's commit to the first search response that shows it."""
    editor = subprocess.Popen(  # noqa: S603 - this interpreter, our app
        [sys.executable, "-c", EDITOR], cwd=ROOT, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    delays = []
    try:
        for number in range(count):
            token = f"zq{number}x{random.randrange(10**6)}"  # noqa: S311
            url = f"{base_url}/en/search?q={token}"
            editor.stdin.write(token + "\n")  # type: ignore[union-attr]
            editor.stdin.flush()  # type: ignore[union-attr]
            deadline = time.time() + 30
            seen = None
            while time.time() < deadline:
                _status, _headers, body = fetch(url, timeout=30)
                if token.encode() in body and b"renamed" in body:
                    seen = time.time()
                    break
            committed = float(editor.stdout.readline())  # type: ignore[union-attr]
            if seen is None:
                raise RuntimeError(f"the edit {token} was not visible within 30 s")
            delays.append(max(0.0, (seen - committed) * 1000))
            time.sleep(0.3)
    finally:
        editor.stdin.close()  # type: ignore[union-attr]
        stop(editor, 10)
    return delays


def run_size(count: int, index_dir: Path, paths: list[tuple[str, str]]) -> dict:
    env = app_environment({"SEARCH_INDEX_DIR": str(index_dir)})
    migrate(env)
    shutil.rmtree(index_dir, ignore_errors=True)
    _out, generate_s, _cpu = _flask(env, "directory", "synthetic", "--count", str(count), "--seed", "1")
    load = load_average()
    output, build_s, build_cpu = _flask(env, "search", "build")
    figures: dict = {
        "services": count,
        "generate_s": generate_s,
        "build_s": build_s,
        "build_cpu_s": build_cpu,
        "languages": 4,
        "build_output": output.strip().splitlines()[-1],
        "load_during_build": load,
    }
    print(f"bench: search {count:,}: built in {build_s:.1f} s ({build_cpu:.1f} s CPU)", flush=True)
    with Gunicorn(env, free_port()) as server:
        cold, cold_problems = _timed_pass(server.base_url, paths)
        _timed_pass(server.base_url, paths)
        warm, warm_problems = _timed_pass(server.base_url, paths)
        figures["cold"], figures["warm"] = percentiles(cold), percentiles(warm)
        figures["by_kind"] = {
            kind: percentiles([ms for (k, _p), ms in zip(paths, warm, strict=True) if k == kind])
            for kind in sorted({k for k, _p in paths})
        }
        figures["problems"] = cold_problems + warm_problems
        figures["edit_ms"] = edit_delays(env, server.base_url)
        figures["load_after"] = load_average()
    print(
        f"bench: search {count:,}: warm p95 {figures['warm']['p95']:.1f} ms, cold p95 {figures['cold']['p95']:.1f} ms, "
        f"edit visible after {statistics.median(figures['edit_ms']):.0f} ms (median)",
        flush=True,
    )
    return figures


def run_search_bench(results: dict, sizes: tuple[int, ...] = SIZES) -> str:
    """Measure; fill `results` with the figures (per size, plus "ok") and return the Markdown section,
    starting with its "## Search" heading."""
    info = machine()
    started = time.monotonic()
    paths = queries()
    workdir = Path(tempfile.mkdtemp(prefix="camden-bench-search-"))
    try:
        settings = gunicorn_settings(app_environment())
        for count in sizes:
            results[count] = run_size(count, workdir / f"index-{count}", paths)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    results["ok"] = all(not results[c]["problems"] for c in sizes)
    results["seconds"] = time.monotonic() - started
    return render(results, sizes, info, settings, paths)


def render(results: dict, sizes, info: dict, settings: dict, paths) -> str:
    kinds = ", ".join(f"{n} {kind}" for kind, n in _kind_counts(paths))
    lines = [
        f"## {TITLE}",
        "",
        "`python -m bench.search` (bench/search.py): synthetic directories (`flask directory synthetic --count N "
        "--seed 1`) in PostgreSQL, indexed by `flask search build` (one pass, four languages), served by gunicorn "
        "with the production configuration. 200 distinct search URLs, fetched one at a time on new connections: "
        f"{kinds}. Cold: the first pass after the server starts; warm: the third. Every response is the full page "
        "with its facet counts (and a spelling suggestion where a search finds fewer than three results).",
        "",
        machine_markdown(info).rstrip(),
        f"- gunicorn.conf.py: {settings['workers']} workers × {settings['threads']} threads "
        f"({settings['worker_class']})",
        f"- Run time: {results['seconds']:.0f} s",
        "",
        "| services | build, 4 languages (CPU) | per language | goal ≤ 5 s at 10k | cold p50 / p95 / p99 ms "
        "| warm p50 / p95 / p99 ms | goal (p95) | edit visible after (median / max) | checks |",
        "|---:|---:|---:|---|---:|---:|---|---:|---|",
    ]
    for count in sizes:
        r = results[count]
        per_language = r["build_s"] / r["languages"]
        goal = GOALS_MS.get(count)
        build_goal = ("met" if per_language <= BUILD_GOAL_S else "missed") if count == 10_000 else "–"
        met = "–" if goal is None else f"≤ {goal:.0f} ms: {'met' if r['warm']['p95'] <= goal else 'missed'}"
        checks = "all 200, full page" if not r["problems"] else f"{len(r['problems'])} problems"
        lines.append(
            f"| {count:,} | {r['build_s']:.1f} s ({r['build_cpu_s']:.1f} s) | {per_language:.1f} s "
            f"({r['build_cpu_s'] / r['languages']:.1f} s CPU) | {build_goal} | {_ms(r['cold'])} | {_ms(r['warm'])} "
            f"| {met} | {statistics.median(r['edit_ms']):.0f} / {max(r['edit_ms']):.0f} ms "
            f"| {checks} |"
        )
    lines += ["", "Warm latency by kind of search (p50 / p95 ms):", ""]
    kinds_seen = sorted({kind for count in sizes for kind in results[count]["by_kind"]})
    lines.append("| services | " + " | ".join(kinds_seen) + " |")
    lines.append("|---:|" + "---:|" * len(kinds_seen))
    for count in sizes:
        by_kind = results[count]["by_kind"]
        cells = [f"{by_kind[k]['p50']:.1f} / {by_kind[k]['p95']:.1f}" if k in by_kind else "–" for k in kinds_seen]
        lines.append(f"| {count:,} | " + " | ".join(cells) + " |")
    lines += [
        "",
        "Load average (1/5/15 min) while building / after the queries: "
        + "; ".join(f"{c:,}: {results[c]['load_during_build']} / {results[c]['load_after']}" for c in sizes)
        + " (above 2 on this machine means other work shared the cores: wall times then exceed CPU times).",
        "",
        "The edit delay is from the commit of a change made in another process to the first search response "
        "that shows it: that request finds the change log ahead of its index, applies the change (under the "
        "index's write lock) and reopens its searcher.",
    ]
    return "\n".join(lines) + "\n"


def _ms(p: dict) -> str:
    return f"{p['p50']:.1f} / {p['p95']:.1f} / {p['p99']:.1f}"


def _kind_counts(paths) -> list[tuple[str, int]]:
    counts: dict[str, int] = {}
    for kind, _path in paths:
        counts[kind] = counts.get(kind, 0) + 1
    return sorted(counts.items(), key=lambda item: -item[1])


def run() -> Section:
    """For bench/run.py: the section without its heading (write_section adds it)."""
    results: dict = {}
    markdown = run_search_bench(results)
    return Section(TITLE, markdown.split("\n", 2)[2].lstrip("\n"), results["ok"])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.search", description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=list(SIZES), help="directory sizes (default both)")
    args = parser.parse_args(argv)
    results: dict = {}
    print(run_search_bench(results, tuple(args.sizes)))
    return 0 if results["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
