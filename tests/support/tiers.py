"""Time budgets for the test tiers (tests/unit, tests/integration, tests/browser).

Each test's setup, call and teardown time is added to its tier. At the end a "tier budget" section lists each
tier that ran, and a tier over its budget fails the run even when every test passed: a slow suite stops being
run, so slowness is a failure too.
"""

from __future__ import annotations

from collections import defaultdict

import pytest

BUDGETS_SECONDS = {"unit": 60.0, "integration": 600.0, "browser": 900.0}

_durations: defaultdict[str, float] = defaultdict(float)


def _tier(nodeid: str) -> str | None:
    parts = nodeid.replace("\\", "/").split("/")
    if len(parts) > 2 and parts[0] == "tests":
        if parts[1] == "support":
            return "unit"  # the harness's own tests are unit tests
        if parts[1] in BUDGETS_SECONDS:
            return parts[1]
    return None


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    tier = _tier(report.nodeid)
    if tier:
        _durations[tier] += report.duration


def over_budget() -> list[str]:
    return [tier for tier, spent in _durations.items() if spent > BUDGETS_SECONDS[tier]]


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if over_budget() and exitstatus == pytest.ExitCode.OK:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_terminal_summary(terminalreporter, exitstatus: int, config: pytest.Config) -> None:
    if not _durations:
        return
    terminalreporter.section("tier budget")
    for tier, budget in BUDGETS_SECONDS.items():
        if tier in _durations:
            spent = _durations[tier]
            verdict = "OVER BUDGET" if spent > budget else "ok"
            terminalreporter.write_line(f"{tier:<12} {spent:8.1f} s of {budget:5.0f} s  {verdict}")
    if over_budget():
        terminalreporter.write_line(
            f"FAILED: {', '.join(over_budget())} over budget (see tests/support/tiers.py)", red=True, bold=True
        )
