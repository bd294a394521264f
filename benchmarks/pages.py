"""Speed and weight of Kamrat's main pages, served the way production serves them.

Why: pages must stay light and quick on slow phones and busy networks. The
targets are that every page weighs under 30 KB compressed (its HTML plus its
stylesheets, gzip level 6) and that its p95 response time stays within 5x of a
bare Django view (`/healthz`, which touches no database), aiming at 3x.

How to run: `make bench`, or
    .venv/bin/python benchmarks/pages.py [--requests N] [--workers N] [--keep]

The script makes a temporary data directory, runs `kamrat migrate` and
`kamrat demo_load` with the production settings (`kamrat.settings.base`, a
fresh SECRET_KEY, plain HTTP on loopback, SQLite in that directory unless
DATABASE_URL is set; the demo programmes are then loaded into that database),
starts `kamrat serve` on a free port, signs in as a demo person of each role
and times sequential requests to every page. Pages are requested in turn, one
request each per round, so that drift on the machine weighs on all of them
alike. It prints a table and whether the targets are met, then stops the
server and removes the directory (kept with --keep). The exit code is 0
whenever the measurements ran, whether or not the targets are met.
"""

from __future__ import annotations

import argparse
import base64
import gzip
import http.client
import http.cookiejar
import math
import os
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from html.parser import HTMLParser
from http.cookies import SimpleCookie
from pathlib import Path
from types import FrameType

HOST = "127.0.0.1"
WARMUP_ROUNDS = 20
MIN_REQUESTS = 200
GZIP_LEVEL = 6
WEIGHT_LIMIT = 30_000  # bytes, compressed HTML plus stylesheets
P95_LIMIT = 5.0  # times the bare view's p95
P95_AIM = 3.0
READY_TIMEOUT = 90.0  # seconds for collectstatic plus gunicorn to answer
STOP_TIMEOUT = 30.0
SETTINGS = "kamrat.settings.base"
BARE = "bare view"


# Server and environment


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def kamrat_command() -> list[str]:
    """The `kamrat` console script next to this interpreter, else the module."""
    script = Path(sys.executable).with_name("kamrat")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-m", "kamrat.cli"]


def server_environment(data_dir: Path, port: int, workers: int) -> dict[str, str]:
    """Production settings over plain HTTP on loopback, kept inside data_dir."""
    env = dict(os.environ)
    for name in ("SECRET_KEY_FILE", "FIELD_ENCRYPTION_KEYS_FILE", "KAMRAT_DEMO"):
        env.pop(name, None)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": SETTINGS,
            "SECRET_KEY": secrets.token_urlsafe(50),
            "FIELD_ENCRYPTION_KEYS": base64.urlsafe_b64encode(
                secrets.token_bytes(32)
            ).decode(),
            "ALLOWED_HOSTS": HOST,
            "KAMRAT_HTTPS": "false",
            "DEBUG": "false",
            "KAMRAT_DATA_DIR": str(data_dir),
            "KAMRAT_STATIC_ROOT": str(data_dir / "static"),
            "KAMRAT_BIND": f"{HOST}:{port}",
            "PORT": str(port),
            "WEB_CONCURRENCY": str(workers),
        }
    )
    return env


def prepare_database(env: dict[str, str], log: Path) -> None:
    for step in (["migrate", "--no-input"], ["demo_load"]):
        with log.open("a") as out:
            done = subprocess.run(
                [*kamrat_command(), *step], env=env, stdout=out, stderr=out
            )
        if done.returncode != 0:
            raise RuntimeError(f"`kamrat {' '.join(step)}` failed")


class Server:
    """`kamrat serve` in its own process group, stopped with SIGTERM."""

    def __init__(self, env: dict[str, str], port: int, log: Path) -> None:
        self.env = env
        self.port = port
        self.log = log
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        with self.log.open("ab") as out:
            self.process = subprocess.Popen(
                [*kamrat_command(), "serve"],
                env=self.env,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # Ctrl+C reaches us; we stop it in order
            )

    def wait_ready(self) -> None:
        deadline = time.monotonic() + READY_TIMEOUT
        while time.monotonic() < deadline:
            if self.process is None or self.process.poll() is not None:
                raise RuntimeError("`kamrat serve` exited early")
            conn = http.client.HTTPConnection(HOST, self.port, timeout=2)
            try:
                conn.request("GET", "/healthz")
                status = conn.getresponse().status
            except (OSError, http.client.HTTPException):
                time.sleep(0.2)  # not listening yet
                continue
            finally:
                conn.close()
            if status != 200:
                raise RuntimeError(f"/healthz answered {status}")
            return
        raise RuntimeError(f"/healthz did not answer in {READY_TIMEOUT:.0f} s")

    def stop(self) -> None:
        process = self.process
        if process is None or process.poll() is not None:
            return
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()

    def log_tail(self, lines: int = 30) -> str:
        try:
            return "\n".join(self.log.read_text().splitlines()[-lines:])
        except OSError:
            return ""


# HTTP clients


class CountingConnection(http.client.HTTPConnection):
    """Counts TCP connects: a server that closes after each response shows here."""

    connects = 0

    def connect(self) -> None:
        self.connects += 1
        super().connect()


@dataclass
class Response:
    status: int
    content_type: str
    body: bytes
    elapsed_ms: float


@dataclass
class Client:
    """One visitor: a reused connection and the cookies the server gave it."""

    port: int
    cookies: dict[str, str] = field(default_factory=dict)
    requests: int = 0
    conn: CountingConnection = field(init=False)

    def __post_init__(self) -> None:
        self.conn = CountingConnection(HOST, self.port, timeout=30)

    def get(self, path: str) -> Response:
        headers = {"Accept": "text/html,*/*", "Accept-Language": "sv"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        self.requests += 1
        start = time.perf_counter()
        try:
            self.conn.request("GET", path, headers=headers)
            response = self.conn.getresponse()
            body = response.read()
        except (http.client.HTTPException, OSError):
            self.conn.close()  # a stale kept-alive socket: retry once, fresh
            start = time.perf_counter()
            self.conn.request("GET", path, headers=headers)
            response = self.conn.getresponse()
            body = response.read()
        elapsed_ms = (time.perf_counter() - start) * 1000
        for header in response.msg.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        return Response(
            response.status, response.getheader("Content-Type", ""), body, elapsed_ms
        )

    def close(self) -> None:
        self.conn.close()


class FormInputs(HTMLParser):
    """Collects the named inputs of an HTML page (the last of a name wins)."""

    def __init__(self) -> None:
        super().__init__()
        self.values: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "input" and attributes.get("name"):
            self.values[str(attributes["name"])] = attributes.get("value") or ""


class Stylesheets(HTMLParser):
    """Collects the addresses of `<link rel="stylesheet">` and `<script src>`."""

    def __init__(self) -> None:
        super().__init__()
        self.css: list[str] = []
        self.scripts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        href = attributes.get("href")
        rel = (attributes.get("rel") or "").split()
        if tag == "link" and "stylesheet" in rel and href:
            self.css.append(href)
        if tag == "script" and attributes.get("src"):
            self.scripts.append(str(attributes["src"]))


def sign_in(port: int, email: str, password: str) -> dict[str, str]:
    """Sign in through the allauth form; returns the session's cookies."""
    base = f"http://{HOST}:{port}"
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    with opener.open(f"{base}/accounts/login/", timeout=30) as page:
        parser = FormInputs()
        parser.feed(page.read().decode("utf-8"))
    token = parser.values.get("csrfmiddlewaretoken") or next(
        (c.value for c in jar if c.name == "csrftoken" and c.value), ""
    )
    data = urllib.parse.urlencode(
        {"login": email, "password": password, "csrfmiddlewaretoken": token}
    ).encode()
    request = urllib.request.Request(
        f"{base}/accounts/login/",
        data=data,
        headers={"Referer": f"{base}/accounts/login/"},
    )
    with opener.open(request, timeout=30) as landed:
        final_path = urllib.parse.urlsplit(landed.geturl()).path
        body = landed.read().decode("utf-8")
    if final_path == "/accounts/2fa/authenticate/":
        # Demo coordinators and admins sign in with a code, like the real ones.
        from kamrat.accounts.services import totp_code_now
        from kamrat.core.demo import DEMO_TOTP_SECRET

        parser = FormInputs()
        parser.feed(body)
        data = urllib.parse.urlencode(
            {
                "code": totp_code_now(secret=DEMO_TOTP_SECRET),
                "csrfmiddlewaretoken": parser.values.get("csrfmiddlewaretoken", token),
            }
        ).encode()
        request = urllib.request.Request(
            f"{base}{final_path}",
            data=data,
            headers={"Referer": f"{base}{final_path}"},
        )
        with opener.open(request, timeout=30) as landed:
            final_path = urllib.parse.urlsplit(landed.geturl()).path
    cookies = {c.name: c.value for c in jar if c.value is not None}
    if final_path != "/home/" or "sessionid" not in cookies:
        raise RuntimeError(f"signing in as {email} failed (ended at {final_path})")
    return cookies


# Pages and measurement


@dataclass(frozen=True)
class Page:
    label: str
    path: str
    visitor: str  # "anonymous" or a role
    status: int = 200


@dataclass
class Result:
    page: Page
    timings: list[float] = field(default_factory=list)
    wrong_status: int = 0
    html_bytes: int = 0
    compressed_bytes: int = 0
    script_bytes: int = 0

    @property
    def median(self) -> float:
        return statistics.median(self.timings)

    @property
    def p95(self) -> float:
        ordered = sorted(self.timings)
        return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


@dataclass(frozen=True)
class Demo:
    password: str
    people: dict[str, str]  # role -> email
    role_labels: dict[str, str]
    swedish_slug: str
    danish_slug: str


def demo_facts(env: dict[str, str]) -> Demo:
    """Read the demo programmes and people from the project itself."""
    os.environ.update(env)
    import django

    django.setup()
    from django.utils import translation

    from kamrat.accounts.models import Role
    from kamrat.core.demo import DEMO_PASSWORD, PROGRAMS
    from kamrat.programs.models import Country

    people: dict[str, str] = {}
    for program in PROGRAMS:
        for person in program.people:
            people.setdefault(str(person.role), person.email)
    with translation.override("en"):
        labels = {str(role.value): str(role.label).lower() for role in Role}
    missing = [role for role in labels if role not in people]
    if missing:
        raise RuntimeError(f"no demo person for: {', '.join(missing)}")

    def first_slug(country: str) -> str:
        return next(p.slug for p in PROGRAMS if p.country == country)

    return Demo(
        password=DEMO_PASSWORD,
        people={role: people[role] for role in labels},
        role_labels=labels,
        swedish_slug=first_slug(Country.SWEDEN),
        danish_slug=first_slug(Country.DENMARK),
    )


def page_list(demo: Demo) -> list[Page]:
    pages = [
        Page(BARE, "/healthz", "anonymous"),
        Page("landing", "/", "anonymous"),
        Page("programme (sv)", f"/p/{demo.swedish_slug}/", "anonymous"),
        Page("programme (da)", f"/p/{demo.danish_slug}/", "anonymous"),
        Page("sign-in", "/accounts/login/", "anonymous"),
        Page("password reset", "/accounts/password/reset/", "anonymous"),
    ]
    pages += [
        Page(f"home: {label}", "/home/", role)
        for role, label in demo.role_labels.items()
    ]
    pages.append(Page("not found (404)", "/no-such-page/", "anonymous", status=404))
    return pages


def gzipped_size(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=GZIP_LEVEL, mtime=0))


def weigh(
    result: Result, client: Client, assets: Client, cache: dict[str, int]
) -> None:
    """Compressed HTML plus its stylesheets; scripts are counted apart."""
    response = client.get(result.page.path)
    result.html_bytes = len(response.body)
    result.compressed_bytes = gzipped_size(response.body)
    if "html" not in response.content_type:
        return
    links = Stylesheets()
    links.feed(response.body.decode("utf-8", errors="replace"))
    for url in [*links.css, *links.scripts]:
        if url not in cache:
            asset = assets.get(urllib.parse.urlsplit(url).path)
            if asset.status != 200:
                raise RuntimeError(f"{url} answered {asset.status}")
            cache[url] = gzipped_size(asset.body)
    result.compressed_bytes += sum(cache[url] for url in links.css)
    result.script_bytes = sum(cache[url] for url in links.scripts)


def measure(
    pages: list[Page], clients: dict[str, Client], requests: int
) -> list[Result]:
    results = [Result(page) for page in pages]
    for round_number in range(WARMUP_ROUNDS + requests):
        for result in results:
            response = clients[result.page.visitor].get(result.page.path)
            if response.status != result.page.status:
                result.wrong_status += 1
            if round_number >= WARMUP_ROUNDS:
                result.timings.append(response.elapsed_ms)
    return results


# Report


def print_table(results: list[Result]) -> None:
    bare = next(r for r in results if r.page.label == BARE)
    header = (
        f"{'page':<28} {'path':<27} {'median ms':>9} {'p95 ms':>7} "
        f"{'p95/bare':>8} {'med/bare':>8} {'gz bytes':>9} {'HTML bytes':>10}"
    )
    print(header)
    print("-" * len(header))
    for r in results:
        print(
            f"{r.page.label:<28} {r.page.path:<27} {r.median:>9.2f} {r.p95:>7.2f} "
            f"{r.p95 / bare.p95:>8.2f} {r.median / bare.median:>8.2f} "
            f"{r.compressed_bytes:>9} {r.html_bytes:>10}"
        )


def check_targets(results: list[Result]) -> list[str]:
    bare = next(r for r in results if r.page.label == BARE)
    failures: list[str] = []
    notes: list[str] = []
    for r in results:
        name = f"{r.page.label} ({r.page.path})"
        if r.wrong_status:
            failures.append(
                f"{name}: {r.wrong_status} responses were not {r.page.status}"
            )
        if r is bare:
            continue
        if r.compressed_bytes >= WEIGHT_LIMIT:
            failures.append(
                f"{name}: {r.compressed_bytes} bytes compressed, limit {WEIGHT_LIMIT}"
            )
        ratio = r.p95 / bare.p95
        if ratio > P95_LIMIT:
            failures.append(f"{name}: p95 {ratio:.1f}x the bare view, limit 5x")
        elif ratio > P95_AIM:
            notes.append(f"{name}: p95 {ratio:.1f}x the bare view (aim 3x)")
    for note in notes:
        print(f"  above aim, within limit: {note}")
    return failures


def print_summary(results: list[Result], clients: dict[str, Client]) -> None:
    scripts = max(r.script_bytes for r in results)
    if scripts:
        print(
            f"Scripts are not in 'gz bytes': the pages also load {scripts} "
            "bytes of gzipped JavaScript (cached after the first page)."
        )
    requests = sum(c.requests for c in clients.values())
    connects = sum(c.conn.connects for c in clients.values())
    if connects > len(clients):
        print(
            f"The server closed connections: {connects} TCP connects for "
            f"{requests} requests, so each time includes a loopback connect "
            "(the bare view's too)."
        )
    print(
        f"\nTargets: under {WEIGHT_LIMIT} bytes compressed (HTML + CSS, "
        f"gzip -{GZIP_LEVEL}); p95 within {P95_LIMIT:g}x the bare view "
        f"(aim {P95_AIM:g}x)."
    )
    failures = check_targets(results)
    if failures:
        print("TARGETS FAILED:")
        for failure in failures:
            print(f"  {failure}")
    else:
        print("TARGETS MET")


# Main


def arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--requests",
        type=int,
        default=300,
        help=f"timed requests per page, at least {MIN_REQUESTS} (default 300)",
    )
    parser.add_argument(
        "--workers", type=int, default=2, help="gunicorn workers (default 2)"
    )
    parser.add_argument(
        "--keep", action="store_true", help="keep the temporary data directory"
    )
    args = parser.parse_args(argv)
    if args.requests < MIN_REQUESTS:
        parser.error(f"--requests must be at least {MIN_REQUESTS}")
    if args.workers < 1:
        parser.error("--workers must be at least 1")
    return args


def _stop_on_sigterm(signum: int, frame: FrameType | None) -> None:
    raise SystemExit(128 + signum)


@contextmanager
def data_directory(keep: bool) -> Iterator[Path]:
    path = Path(tempfile.mkdtemp(prefix="kamrat-bench-"))
    try:
        yield path
    finally:
        if keep:
            print(f"Kept {path}")
        else:
            shutil.rmtree(path, ignore_errors=True)


def run(args: argparse.Namespace, data_dir: Path) -> None:
    port = free_port()
    env = server_environment(data_dir, port, args.workers)
    log = data_dir / "server.log"
    server = Server(env, port, log)
    clients: dict[str, Client] = {}
    try:
        database = "DATABASE_URL" if env.get("DATABASE_URL") else "SQLite"
        print(f"Data in {data_dir} ({database}); loading the demo programmes ...")
        prepare_database(env, log)
        demo = demo_facts(env)
        server.start()
        server.wait_ready()
        print(
            f"kamrat serve on {HOST}:{port}, {args.workers} workers; "
            f"{WARMUP_ROUNDS} warm-up and {args.requests} timed requests per page"
        )
        clients["anonymous"] = Client(port)
        for role, email in demo.people.items():
            clients[role] = Client(port, sign_in(port, email, demo.password))
        load_before = os.getloadavg()[0]
        results = measure(page_list(demo), clients, args.requests)
        load_after = os.getloadavg()[0]
        assets = Client(port)
        cache: dict[str, int] = {}
        for result in results:
            weigh(result, clients[result.page.visitor], assets, cache)
        assets.close()
        print()
        print_table(results)
        print(
            f"\nLoad average {load_before:.2f} before and {load_after:.2f} after "
            f"on {os.cpu_count()} CPUs (other work on the machine makes p95 noisy)."
        )
        print_summary(results, clients)
    except Exception:
        tail = server.log_tail()
        if tail:
            print(f"\nLast lines of the server log:\n{tail}", file=sys.stderr)
        raise
    finally:
        for client in clients.values():
            client.close()
        server.stop()


def main(argv: list[str] | None = None) -> int:
    args = arguments(argv)
    signal.signal(signal.SIGTERM, _stop_on_sigterm)
    try:
        with data_directory(args.keep) as data_dir:
            run(args, data_dir)
    except KeyboardInterrupt:
        print("\nInterrupted; server stopped.", file=sys.stderr)
        return 130
    except (RuntimeError, OSError, http.client.HTTPException) as exc:
        print(f"benchmark failed: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
