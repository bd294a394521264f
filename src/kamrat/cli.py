"""The `kamrat` command: demo, serve, worker, and Django's management commands."""

import os
import signal
import subprocess
import sys

USAGE = """usage: kamrat <command> [options]

  demo [--port N]   migrate, load the demo programmes, run a worker and serve
  serve             run the production server (needs SECRET_KEY and ALLOWED_HOSTS)
  worker            run background jobs until stopped
  <django command>  any management command, for example: migrate, createsuperuser
"""


def _ensure_data_dir() -> None:
    """The SQLite database and the demo's key live here; create it on first use."""
    from pathlib import Path

    Path(os.environ.get("KAMRAT_DATA_DIR", "var")).mkdir(parents=True, exist_ok=True)


def _stop_on_sigterm() -> None:
    """Treat SIGTERM like Ctrl+C so clean-up code runs."""

    def handler(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, handler)


def _django_setup(settings_module: str, *, force: bool = False) -> None:
    if force:
        os.environ["DJANGO_SETTINGS_MODULE"] = settings_module
    else:
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", settings_module)
    import django

    django.setup()


def demo(argv: list[str]) -> int:
    port = os.environ.get("PORT", "8000")
    if "--port" in argv:
        index = argv.index("--port")
        if index + 1 >= len(argv) or not argv[index + 1].isdigit():
            print("kamrat demo: --port needs a number", file=sys.stderr)
            return 2
        port = argv[index + 1]
    os.environ["KAMRAT_DEMO"] = "true"
    _django_setup("kamrat.settings.demo", force=True)
    from django.core.management import call_command

    from kamrat.core.demo import demo_describe, demo_load

    call_command("migrate", interactive=False, verbosity=0)
    made = demo_load()
    print(f"Demo programmes created this time: {made}")
    print(demo_describe())
    _stop_on_sigterm()
    worker = subprocess.Popen(
        [sys.executable, "-m", "kamrat.cli", "worker"], env=dict(os.environ)
    )
    try:
        print(f"Kamrat demo: http://127.0.0.1:{port}/  (Ctrl+C stops it)")
        call_command("runserver", f"127.0.0.1:{port}", use_reloader=False)
    except KeyboardInterrupt:
        pass
    finally:
        worker.send_signal(signal.SIGTERM)
        worker.wait(timeout=30)
    return 0


def serve(argv: list[str]) -> int:
    """Production: refuse to start without the settings that keep it safe."""
    from kamrat.core.env import env_list, env_secret, env_str

    missing = [
        name
        for name, value in (
            ("SECRET_KEY", env_secret("SECRET_KEY")),
            ("ALLOWED_HOSTS", env_list("ALLOWED_HOSTS")),
            ("FIELD_ENCRYPTION_KEYS", env_secret("FIELD_ENCRYPTION_KEYS")),
        )
        if not value
    ]
    if missing:
        print(
            "kamrat serve: set " + ", ".join(missing) + " before starting.",
            file=sys.stderr,
        )
        return 2
    _django_setup("kamrat.settings.base")
    from django.core.management import call_command

    call_command("collectstatic", interactive=False, verbosity=0)
    bind = env_str("KAMRAT_BIND", f"127.0.0.1:{os.environ.get('PORT', '8000')}")
    args = [
        sys.executable,
        "-m",
        "gunicorn",
        "kamrat.wsgi:application",
        "--bind",
        bind,
        "--workers",
        env_str("WEB_CONCURRENCY", str(min(2 * (os.cpu_count() or 1) + 1, 9))),
        # Paths only: no query strings, no client addresses in the access log.
        "--access-logformat",
        '"%(m)s %(U)s" %(s)s %(B)s %(M)sms',
        "--access-logfile",
        "-",
        *argv,
    ]
    os.execv(sys.executable, args)
    return 0  # not reached


def worker(argv: list[str]) -> int:
    _django_setup("kamrat.settings.base")
    from django.core.management import call_command

    from kamrat.concerns.tasks import concern_alerts_resend
    from kamrat.privacy.tasks import retention_schedule
    from kamrat.recruitment.tasks import application_mails_resend
    from kamrat.supervision.tasks import supervision_notices_resend
    from kamrat.support.tasks import notifications_sweep

    # Anything left unsent while no worker ran (or SMTP was down) goes out first.
    concern_alerts_resend.enqueue()
    supervision_notices_resend.enqueue()
    notifications_sweep.enqueue()
    application_mails_resend.enqueue()
    # Retention runs now and then daily; a run already waiting is not doubled.
    retention_schedule()
    call_command("db_worker", *argv)
    return 0


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] in {"-h", "--help", "help"}:
        print(USAGE)
        return 0
    command, rest = argv[0], argv[1:]
    _ensure_data_dir()
    if command == "demo":
        return demo(rest)
    if command == "serve":
        return serve(rest)
    if command == "worker":
        return worker(rest)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kamrat.settings.base")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["kamrat", *argv])
    return 0


if __name__ == "__main__":
    sys.exit(main())
