"""Repository-wide pytest hooks.

In CI (``WHOSAID_REQUIRE_ALL=1``) every service a test needs is provided, so a skipped test
means something is missing: turn skips into failures instead of letting them pass silently.
"""

from __future__ import annotations

import os
from collections.abc import Generator

import pytest

#: The fake Discord and endpoint fixtures shared by the end-to-end test modules.
pytest_plugins = ["tests.discord_fixtures"]

REQUIRE_ALL = os.environ.get("WHOSAID_REQUIRE_ALL") == "1"


def _fail_skip(report: pytest.TestReport | pytest.CollectReport) -> None:
    if REQUIRE_ALL and report.skipped and not hasattr(report, "wasxfail"):
        reason = report.longrepr[-1] if isinstance(report.longrepr, tuple) else report.longrepr
        report.outcome = "failed"
        report.longrepr = f"skipped in CI, where nothing may skip: {reason}"


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, None]:
    outcome = yield
    _fail_skip(outcome.get_result())


@pytest.hookimpl(hookwrapper=True)
def pytest_make_collect_report(
    collector: pytest.Collector,
) -> Generator[None, pytest.CollectReport, None]:
    outcome = yield
    _fail_skip(outcome.get_result())
