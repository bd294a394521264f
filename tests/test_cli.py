"""The `kamrat` command as a new user runs it: demo, serve and worker."""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

KAMRAT = [sys.executable, "-m", "kamrat.cli"]


def _env(data_dir: Path, **extra: str) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k
        not in {
            "DJANGO_SETTINGS_MODULE",
            "SECRET_KEY",
            "ALLOWED_HOSTS",
            "DEBUG",
            "FIELD_ENCRYPTION_KEYS",
        }
    }
    env.pop("DATABASE_URL", None)
    env.update({"KAMRAT_DATA_DIR": str(data_dir), **extra})
    return env


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_for(url: str, seconds: float = 60) -> bytes:
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                return response.read()
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def test_serve_refuses_to_start_without_secret_key_and_hosts(tmp_path: Path) -> None:
    result = subprocess.run(
        [*KAMRAT, "serve"], env=_env(tmp_path), capture_output=True, text=True
    )
    assert result.returncode == 2
    assert "SECRET_KEY, ALLOWED_HOSTS, FIELD_ENCRYPTION_KEYS" in result.stderr
    assert not (tmp_path / "static").exists()


def test_worker_starts_logs_and_stops_cleanly(tmp_path: Path) -> None:
    env = _env(tmp_path)
    subprocess.run([*KAMRAT, "migrate", "-v0"], env=env, check=True)
    worker = subprocess.Popen(
        [*KAMRAT, "worker"], env=env, stderr=subprocess.PIPE, text=True
    )
    started = ""
    deadline = time.monotonic() + 60
    while "Starting worker" not in started and time.monotonic() < deadline:
        started += worker.stderr.readline()
    worker.send_signal(signal.SIGTERM)
    _, stderr = worker.communicate(timeout=30)
    assert worker.returncode == 0
    assert "Starting worker" in started
    assert "shutting down" in stderr


def test_demo_serves_lists_sign_ins_and_keeps_data_on_restart(tmp_path: Path) -> None:
    port = _free_port()
    env = _env(tmp_path)

    def run_once() -> tuple[str, bytes]:
        demo = subprocess.Popen(
            [*KAMRAT, "demo", "--port", str(port)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        try:
            # Migrating and loading the demo takes a while on a busy machine.
            page = _wait_for(f"http://127.0.0.1:{port}/accounts/login/", seconds=180)
        finally:
            demo.send_signal(signal.SIGTERM)
            output, _ = demo.communicate(timeout=30)
        assert demo.returncode == 0, output
        return output, page

    first, page = run_once()
    assert "Demo programmes created this time: 4" in first
    assert "ada@unga-vuxna.kamrat.test" in first
    assert b"ada@unga-vuxna.kamrat.test" in page  # demo sign-ins on the sign-in page
    key = (tmp_path / "secret_key").read_text()

    second, _ = run_once()
    assert "Demo programmes created this time: 0" in second
    assert (tmp_path / "secret_key").read_text() == key


@pytest.mark.parametrize("value", ["maybe", "2"])
def test_malformed_debug_value_stops_start_up(tmp_path: Path, value: str) -> None:
    result = subprocess.run(
        [*KAMRAT, "check"],
        env=_env(tmp_path, DEBUG=value),
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert "DEBUG must be true or false" in result.stderr
