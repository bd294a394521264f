"""Speed of the funder report on a large programme.

Why: a coordinator opens the report for a year of a busy programme and
downloads it as PDF or XLSX while they wait. Every count is one aggregate
query, so the time should hardly grow with the number of meetings; this
script shows whether it does.

How to run:
    .venv/bin/python benchmarks/report.py [--participants N] [--meetings N]
        [--applications N] [--runs N] [--keep]

The script makes a temporary data directory, points the production settings
(`kamrat.settings.base`, a fresh SECRET_KEY) at an SQLite database there,
migrates it and fills one synthetic programme with bulk inserts: peer
supporters, participants with contacts over the last year (some ended, some
anonymised), meetings of every way and outcome, applications, two cohorts
with certificates, placements, and supervision with attendance. It then times
`report_build` for the last 12 months, and the PDF and XLSX made from it, and
prints the median of the runs (7 by default) for each. The directory is
removed afterwards (kept with --keep). The exit code is 0 whenever the
measurements ran.
"""

from __future__ import annotations

import argparse
import base64
import os
import secrets
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

SETTINGS = "kamrat.settings.base"


def configure(data_dir: Path) -> None:
    """Production settings, with everything kept inside data_dir."""
    for name in ("SECRET_KEY_FILE", "FIELD_ENCRYPTION_KEYS_FILE", "DATABASE_URL"):
        os.environ.pop(name, None)
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": SETTINGS,
            "SECRET_KEY": secrets.token_urlsafe(50),
            "FIELD_ENCRYPTION_KEYS": base64.urlsafe_b64encode(
                secrets.token_bytes(32)
            ).decode(),
            "KAMRAT_HTTPS": "false",
            "DEBUG": "false",
            "KAMRAT_DATA_DIR": str(data_dir),
        }
    )
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def build(*, participants: int, meetings: int, applications: int):
    """One programme with a year of history; returns it."""
    from django.db import transaction
    from django.utils import timezone

    from kamrat.accounts.models import Membership, Role, User
    from kamrat.placements.models import Placement
    from kamrat.programs.models import Country, Program, Workplace
    from kamrat.recruitment.models import Application, Call
    from kamrat.supervision.models import Invitation, Kind, SupervisionSession
    from kamrat.support.choices import Mode
    from kamrat.support.models import Meeting, Pairing
    from kamrat.training.models import Certificate, Cohort, Enrolment

    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    today = timezone.localdate()
    supporters_n = max(10, participants // 20)
    modes = Mode.values
    outcomes = ["kept"] * 7 + ["cancelled", "no_show", "scheduled"]
    with transaction.atomic():
        program = Program.objects.create(
            slug="bench", name="Bench", country=Country.SWEDEN, default_language="sv"
        )
        workplace = Workplace.objects.create(
            program=program, name="Ward 1", kind=Workplace.Kind.WARD
        )
        people = User.objects.bulk_create(
            User(email=f"p{n}@bench.test", name=f"Person {n}", password="!")
            for n in range(participants + supporters_n)
        )
        supporters, clients = people[:supporters_n], people[supporters_n:]
        Membership.objects.bulk_create(
            [
                Membership(user=u, program=program, role=Role.PEER_SUPPORTER)
                for u in supporters
            ]
            + [
                Membership(user=u, program=program, role=Role.PARTICIPANT)
                for u in clients
            ]
        )
        pairings = Pairing.objects.bulk_create(
            Pairing(
                program=program,
                participant=None if n % 10 == 0 else client,
                supporter=supporters[n % supporters_n],
                status="ended" if n % 3 == 0 else "active",
                chosen_by="participant",
                started_at=now - timedelta(days=400 - n % 390),
                ended_at=now - timedelta(days=n % 200) if n % 3 == 0 else None,
            )
            for n, client in enumerate(clients)
        )
        Meeting.objects.bulk_create(
            (
                Meeting(
                    pairing=pairings[n % len(pairings)],
                    starts_at=now - timedelta(hours=3 * n % (365 * 24)),
                    ends_at=now
                    - timedelta(hours=3 * n % (365 * 24))
                    + timedelta(hours=1),
                    mode=modes[n % len(modes)],
                    status=outcomes[n % len(outcomes)],
                )
                for n in range(meetings)
            ),
            batch_size=2000,
        )
        call = Call.objects.create(
            program=program,
            title_en="Become a peer supporter",
            opens_on=today - timedelta(days=300),
            closes_on=today,
            places=7,
        )
        Application.objects.bulk_create(
            Application(
                call=call,
                name=f"Applicant {n}",
                email=f"a{n}@bench.test",
                motivation="",
                language="sv",
            )
            for n in range(applications)
        )
        for index, ends in enumerate(
            (today - timedelta(days=200), today - timedelta(days=20))
        ):
            cohort = Cohort.objects.create(
                program=program,
                name=f"Cohort {index}",
                starts_on=ends - timedelta(days=35),
                ends_on=ends,
                place="Folkets hus",
            )
            trainees = supporters[index * 7 : index * 7 + 7]
            Enrolment.objects.bulk_create(
                Enrolment(cohort=cohort, user=u, status="completed") for u in trainees
            )
            Certificate.objects.bulk_create(
                Certificate(
                    program=program,
                    user=u,
                    cohort=cohort,
                    holder_name=u.name,
                    training_started_on=cohort.starts_on,
                    training_ended_on=ends,
                    issued_on=ends,
                )
                for u in trainees
            )
            Placement.objects.bulk_create(
                Placement(
                    program=program, supporter=u, workplace=workplace, starts_on=ends
                )
                for u in trainees
            )
        sessions = SupervisionSession.objects.bulk_create(
            SupervisionSession(
                program=program,
                kind=Kind.GROUP if n % 4 else Kind.INDIVIDUAL,
                supervisor_name="Supervisor",
                starts_at=now - timedelta(days=n * 2 + 1),
                ends_at=now - timedelta(days=n * 2 + 1) + timedelta(hours=2),
            )
            for n in range(180)
        )
        Invitation.objects.bulk_create(
            Invitation(
                session=session,
                supporter=supporters[(n + k) % supporters_n],
                attendance="attended" if k % 5 else "absent",
            )
            for n, session in enumerate(sessions)
            for k in range(8 if session.kind == Kind.GROUP else 1)
        )
    return program


def median_seconds(action: Callable[[], object], runs: int) -> float:
    times = []
    for _run in range(runs):
        began = time.perf_counter()
        action()
        times.append(time.perf_counter() - began)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--participants", type=int, default=2000)
    parser.add_argument("--meetings", type=int, default=50_000)
    parser.add_argument("--applications", type=int, default=500)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args(argv)

    data_dir = Path(tempfile.mkdtemp(prefix="kamrat-report-bench-"))
    try:
        configure(data_dir)
        began = time.perf_counter()
        program = build(
            participants=args.participants,
            meetings=args.meetings,
            applications=args.applications,
        )
        built_in = time.perf_counter() - began
        from django.utils import timezone, translation

        from kamrat.reports.exports import report_pdf, report_xlsx
        from kamrat.reports.forms import last_12_months
        from kamrat.reports.selectors import report_build

        start, end = last_12_months(timezone.localdate())
        with translation.override("sv"):
            report = report_build(program=program, start=start, end=end)
            results = {
                "report_build": median_seconds(
                    lambda: report_build(program=program, start=start, end=end),
                    args.runs,
                ),
                "PDF": median_seconds(lambda: report_pdf(report), args.runs),
                "XLSX": median_seconds(lambda: report_xlsx(report), args.runs),
            }
        shown = sum(
            row.count is not None for section in report.sections for row in section.rows
        )
        print(
            f"Synthetic programme: {args.participants} participants, "
            f"{args.meetings} meetings, {args.applications} applications "
            f"(built in {built_in:.1f} s); report {start} to {end}, "
            f"{shown} rows shown"
        )
        print(f"{'what':<14} {'median of ' + str(args.runs):>14}")
        for name, seconds in results.items():
            print(f"{name:<14} {seconds * 1000:>11.1f} ms")
    finally:
        if args.keep:
            print(f"kept {data_dir}")
        else:
            shutil.rmtree(data_dir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
