"""Shared test people and small deterministic builders."""

from itertools import count

from django.test import TestCase

from kamrat.accounts.models import Membership, Role, User
from kamrat.programs.models import Area, Country, Program, Workplace

PASSWORD = "correct horse battery staple"  # noqa: S105 - tests only
# Coordinators and programme admins must sign in with a second factor, so the
# builders give them an authenticator app with this secret.
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"  # noqa: S105 - tests only

_serial = count(1)


def make_program(**overrides) -> Program:
    n = next(_serial)
    fields = {
        "slug": f"programme-{n}",
        "name": f"Programme {n}",
        "country": Country.SWEDEN,
        "default_language": "sv",
        "organisation": f"Organisation {n}",
        "contact_email": f"peer{n}@programme.test",
    }
    fields.update(overrides)
    return Program.objects.create(**fields)


def make_area(*, program: Program, **overrides) -> Area:
    fields = {"name": f"Area {next(_serial)}", "kind": Area.Kind.MUNICIPALITY}
    fields.update(overrides)
    return Area.objects.create(program=program, **fields)


def make_workplace(*, program: Program, **overrides) -> Workplace:
    fields = {"name": f"Workplace {next(_serial)}", "kind": Workplace.Kind.WARD}
    fields.update(overrides)
    return Workplace.objects.create(program=program, **fields)


def make_user(*, name: str, **overrides) -> User:
    email = overrides.pop("email", f"{name.split()[0].lower()}@people.test")
    password = overrides.pop("password", PASSWORD)
    return User.objects.create_user(
        email=email, password=password, name=name, **overrides
    )


def make_membership(
    *, user: User, program: Program, role: str, two_factor: bool = True, **overrides
) -> Membership:
    """`two_factor=False` leaves a coordinator or admin without an authenticator."""
    if role == Role.WORKPLACE_CONTACT and "workplace" not in overrides:
        overrides["workplace"] = make_workplace(program=program)
    if two_factor and role in (Role.COORDINATOR, Role.PROGRAM_ADMIN):
        give_totp(user)
    return Membership.objects.create(user=user, program=program, role=role, **overrides)


def give_totp(user: User, secret: str = TOTP_SECRET) -> None:
    """An authenticator app for the person, unless they already have one."""
    from allauth.mfa.models import Authenticator

    from kamrat.accounts.services import totp_enroll

    if not Authenticator.objects.filter(user=user, type="totp").exists():
        totp_enroll(user=user, secret=secret)


def totp_code(secret: str = TOTP_SECRET) -> str:
    """What the person's app shows now, computed by allauth's own TOTP code."""
    from kamrat.accounts.services import totp_code_now

    return totp_code_now(secret=secret)


class KamratTestCase(TestCase):
    """Ada coordinates, Sam supports Pia, and Olle is signed in but belongs nowhere."""

    @classmethod
    def setUpTestData(cls) -> None:
        cls.program = make_program(slug="harbour", name="Harbour Peer Support")
        cls.ada = make_user(name="Ada Coordinator")
        make_membership(user=cls.ada, program=cls.program, role=Role.COORDINATOR)
        cls.sam = make_user(name="Sam Supporter")
        make_membership(user=cls.sam, program=cls.program, role=Role.PEER_SUPPORTER)
        cls.pia = make_user(name="Pia Participant")
        make_membership(user=cls.pia, program=cls.program, role=Role.PARTICIPANT)
        cls.wanda = make_user(name="Wanda Workplace")
        cls.ward = make_workplace(program=cls.program, name="Ward 7")
        make_membership(
            user=cls.wanda,
            program=cls.program,
            role=Role.WORKPLACE_CONTACT,
            workplace=cls.ward,
        )
        cls.olle = make_user(name="Olle Outsider")

    def login(self, user: User) -> None:
        self.client.force_login(user)


class SmtpServer:
    """A real SMTP server on localhost that keeps what it receives (aiosmtpd)."""

    def __init__(self) -> None:
        self.messages: list = []

    async def handle_DATA(self, server, session, envelope) -> str:  # noqa: N802
        from email import message_from_bytes, policy

        message = message_from_bytes(envelope.content, policy=policy.default)
        self.messages.append(message)
        return "250 Message accepted for delivery"

    def __enter__(self) -> "SmtpServer":
        import logging
        import socket

        from aiosmtpd.controller import Controller

        # The test server logs each recipient address; keep that out of test logs.
        logging.getLogger("mail.log").setLevel(logging.WARNING)

        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.controller = Controller(self, hostname="127.0.0.1", port=self.port)
        self.controller.start()
        return self

    def __exit__(self, *exc) -> None:
        self.controller.stop()

    def settings(self) -> dict:
        return {
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": self.port,
            "EMAIL_USE_TLS": False,
            "EMAIL_USE_SSL": False,
        }


def make_supporter(*, program: Program, name: str, **profile) -> User:
    from kamrat.support.models import SupporterProfile

    user = make_user(name=name)
    make_membership(user=user, program=program, role=Role.PEER_SUPPORTER)
    defaults = {"languages": ["sv"], "modes": ["video", "walk", "fika"], "capacity": 5}
    defaults.update(profile)
    areas = defaults.pop("areas", [])
    supporter_profile = SupporterProfile.objects.create(
        program=program, supporter=user, **defaults
    )
    supporter_profile.areas.set(areas)
    return user


def make_weekly_time(*, program: Program, supporter: User, weekday: int, **overrides):
    from datetime import time

    from kamrat.support.models import WeeklyTime

    fields = {"starts": time(9), "ends": time(17)}
    fields.update(overrides)
    return WeeklyTime.objects.create(
        program=program, supporter=supporter, weekday=weekday, **fields
    )


def make_pairing(*, participant: User, supporter: User, program: Program, **overrides):
    from django.utils import timezone

    from kamrat.support.models import Pairing

    fields = {
        "status": Pairing.Status.ACTIVE,
        "chosen_by": "participant",
        "started_at": timezone.now(),
    }
    fields.update(overrides)
    return Pairing.objects.create(
        program=program, participant=participant, supporter=supporter, **fields
    )


def run_worker() -> None:
    """Run every background job that is due now, in this process."""
    from unittest import mock

    from django.core.management import call_command

    # The worker closes connections that are inside a transaction, as a request
    # would; in a test that transaction is the test's own, so keep it open.
    with mock.patch(
        "django_tasks_db.management.commands.db_worker.close_old_connections"
    ):
        call_command("db_worker", batch=True, startup_delay=False, verbosity=0)
