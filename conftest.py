import os

# Playwright's sync API runs an event loop in the test thread; Django's guard
# against ORM calls from async code would otherwise trip in browser tests.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_configure(config) -> None:
    """One id per run, shared with xdist workers, so the counts of a run are kept
    apart from another run's in the same tree."""
    import uuid

    if hasattr(config, "workerinput"):
        return
    run = uuid.uuid4().hex
    if hasattr(config.option, "testrunuid"):
        config.option.testrunuid = config.option.testrunuid or run
        run = config.option.testrunuid
    os.environ["KAMRAT_REPORT_RUN"] = run


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:
    """Show the counts the authorization matrix, access-log walk and fuzzing left."""
    import json
    from pathlib import Path

    run = os.environ.get("KAMRAT_REPORT_RUN", "")
    reports = Path(__file__).parent / "var" / "reports" / run
    fresh = sorted(reports.glob("*.json")) if run else []
    if not fresh:
        return
    terminalreporter.section("kamrat robustness counts")
    # Parts of one run (authz-matrix.support.json, ...) add up to one line.
    totals: dict[str, dict[str, float]] = {}
    for path in fresh:
        data = json.loads(path.read_text())
        line = totals.setdefault(path.stem.split(".")[0], {})
        for key, value in data.items():
            if isinstance(value, int | float) and not isinstance(value, bool):
                line[key] = line.get(key, 0) + value
    for name, line in totals.items():
        terminalreporter.write_line(
            f"{name}: " + ", ".join(f"{k}={v}" for k, v in line.items())
        )
