"""A world of two programmes with every role, for walking every URL as everyone.

Each person's name and email and each participant's own words carry a marker
string, so a response can be searched for data the reader may not see. Who may
see what is decided only by the permission predicates of the apps.
"""

import hashlib
import importlib
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db import connection
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from kamrat.accounts.models import Role, User
from kamrat.accounts.permissions import can_view_team_contacts, roles_in
from kamrat.core.testing import (
    make_membership,
    make_program,
    make_supporter,
    make_user,
    make_weekly_time,
    make_workplace,
)
from kamrat.programs.models import Country, Program
from kamrat.support import permissions as support_permissions
from kamrat.support.models import (
    AccessCode,
    CalendarFeed,
    Meeting,
    Pairing,
    SupportRequest,
)

REPORTS = Path(settings.BASE_DIR).parent.parent / "var" / "reports"
MISSING_ID = 987654321

# Skipped on purpose; everything else in the root URLconf is walked.
SKIPPED_PREFIXES = {
    # Django's admin is for `is_staff` superusers only and guarded by Django's own
    # admin_view; nobody in a programme has `is_staff`, so every admin URL is a
    # redirect to the admin login for them.
    "admin/": "Django admin: is_staff only, guarded by admin_view",
}
# allauth pages with a parameter take allauth's own signed keys (password reset,
# email confirmation); they are capabilities allauth checks, not our objects.
# allauth's pages without parameters are walked like ours.
SKIP_ALLAUTH_WITH_PARAMS = "allauth pages keyed by allauth's own signed tokens"


# --- people and markers ------------------------------------------------------


@dataclass
class Marker:
    text: str
    kind: str  # "name", "email", "message", "words"
    owner: User | None
    program: Program
    # Decides whether `viewer` may see this marker; one of the predicates below.
    visible_to: Callable[[User | None], bool]


@dataclass
class World:
    programs: dict[str, Program] = field(default_factory=dict)
    people: dict[str, User] = field(default_factory=dict)
    markers: list[Marker] = field(default_factory=list)
    feeds: dict[str, CalendarFeed] = field(default_factory=dict)

    def viewers(self) -> list[tuple[str, User | None]]:
        """Everyone in programme A, a signed-in stranger and an anonymous visitor.

        Programme B is A's mirror image, so walking as A's people covers own,
        same-programme-other-person and foreign-programme objects.
        """
        found: list[tuple[str, User | None]] = [
            (label, user)
            for label, user in self.people.items()
            if label[0] == "A" and label != "A.partfour"  # p4 only owns a referral
        ]
        found.append(("outsider", self.people["outsider"]))
        found.append(("anonymous", None))
        return found

    def hidden_markers(self, viewer: User | None) -> list[Marker]:
        return [m for m in self.markers if not m.visible_to(viewer)]


def _marker(program_key: str, what: str) -> str:
    # Letters only between Q and Z, so no marker is a prefix of another.
    return f"Q{program_key}{what}Z"


def _person_visible(person: User) -> Callable[[User | None], bool]:
    """A participant's name: themself, and whoever may see one of their records."""

    def check(viewer: User | None) -> bool:
        if viewer is None:
            return False
        if viewer.pk == person.pk:
            return True
        for request in SupportRequest.objects.filter(participant=person):
            if support_permissions.can_view_request(viewer, request):
                return True
        for pairing in Pairing.objects.filter(participant=person):
            if support_permissions.can_view_pairing(viewer, pairing):
                return True
        for check_extra in EXTRA_PARTICIPANT_VISIBILITY:
            if check_extra(viewer, person):
                return True
        return False

    return check


def _message_visible(request: SupportRequest) -> Callable[[User | None], bool]:
    def check(viewer: User | None) -> bool:
        return viewer is not None and support_permissions.can_read_request_message(
            viewer, request
        )

    return check


def _staff_name_visible(person: User, program: Program) -> Callable:
    """Staff names are known inside their programme, and nowhere else."""

    def check(viewer: User | None) -> bool:
        if viewer is None:
            return False
        return viewer.pk == person.pk or bool(roles_in(viewer, program.pk))

    return check


def _staff_email_visible(person: User, program: Program, role: str) -> Callable:
    """Coordinators' emails are for everyone in the programme to reach them;
    other staff emails only for those who run the programme."""

    def check(viewer: User | None) -> bool:
        if viewer is None:
            return False
        if viewer.pk == person.pk:
            return True
        if role == Role.COORDINATOR and roles_in(viewer, program.pk):
            return True
        return bool(can_view_team_contacts(viewer, program))

    return check


# Other apps' rules on who may see a participant; (viewer, participant) -> bool.
EXTRA_PARTICIPANT_VISIBILITY: list[Callable[[User, User], bool]] = []


def build_world() -> World:
    """Two programmes, A (Swedish, public) and B (Danish, not public)."""
    world = World()
    now = timezone.now()
    for key, country, language, public in (
        ("A", Country.SWEDEN, "sv", True),
        ("B", Country.DENMARK, "da", False),
    ):
        program = make_program(
            slug=f"authz-{key.lower()}",
            name=f"Authz {key}",
            country=country,
            default_language=language,
            is_public=public,
        )
        world.programs[key] = program
        area = program.areas.create(name=f"Area {key}")
        ward = make_workplace(program=program, name=f"Ward {key}")

        def person(
            what: str,
            role: str,
            *,
            key: str = key,
            program: Program = program,
            language: str = language,
            ward=ward,
            **kw,
        ) -> User:
            marker = _marker(key, what)
            if role == Role.PEER_SUPPORTER:
                user = make_supporter(
                    program=program,
                    name=f"{marker} Person",
                    languages=[language],
                    modes=["video", "walk"],
                    **kw,
                )
                user.email = f"{marker.lower()}@people.test"
                user.save(update_fields=["email"])
            else:
                user = make_user(
                    name=f"{marker} Person", email=f"{marker.lower()}@people.test"
                )
                extra = {"workplace": ward} if role == Role.WORKPLACE_CONTACT else {}
                make_membership(user=user, program=program, role=role, **extra)
            world.people[f"{key}.{what}"] = user
            if role == Role.PARTICIPANT:
                visible = _person_visible(user)
                world.markers.append(Marker(marker, "name", user, program, visible))
                world.markers.append(
                    Marker(marker.lower(), "email", user, program, visible)
                )
            else:
                world.markers.append(
                    Marker(
                        marker,
                        "name",
                        user,
                        program,
                        _staff_name_visible(user, program),
                    )
                )
                world.markers.append(
                    Marker(
                        marker.lower() + "@",
                        "email",
                        user,
                        program,
                        _staff_email_visible(user, program, role),
                    )
                )
            return user

        coordinator = person("coord", Role.COORDINATOR)
        person("admin", Role.PROGRAM_ADMIN)
        workplace = person("wplace", Role.WORKPLACE_CONTACT)
        s1 = person("supone", Role.PEER_SUPPORTER, areas=[area])
        s2 = person("suptwo", Role.PEER_SUPPORTER)
        for supporter in (s1, s2):
            for weekday in range(5):
                make_weekly_time(program=program, supporter=supporter, weekday=weekday)
        p1 = person("partone", Role.PARTICIPANT)
        p2 = person("parttwo", Role.PARTICIPANT)
        p3 = person("partthree", Role.PARTICIPANT)
        p4 = person("partfour", Role.PARTICIPANT)

        def ask(
            participant: User,
            what: str,
            *,
            key: str = key,
            program: Program = program,
            language: str = language,
            area=area,
            **kw,
        ) -> SupportRequest:
            fields = {
                "topics": ["talk"],
                "modes": ["video"],
                "languages": [language],
                "times": [3, 4],
                "area": area,
                "message": _marker(key, f"msg{what}"),
            }
            fields.update(kw)
            request = SupportRequest.objects.create(
                program=program, participant=participant, **fields
            )
            world.markers.append(
                Marker(
                    fields["message"],
                    "message",
                    participant,
                    program,
                    _message_visible(request),
                )
            )
            return request

        # p1: matched and meeting s1; the coordinator handled the request.
        r1 = ask(p1, "one", status="matched", handled_by=coordinator)
        pairing1 = Pairing.objects.create(
            program=program,
            participant=p1,
            supporter=s1,
            request=r1,
            status=Pairing.Status.ACTIVE,
            chosen_by="participant",
            started_at=now - timedelta(days=30),
        )
        for days, status in ((-7, "kept"), (3, "scheduled")):
            start = (now + timedelta(days=days)).replace(
                minute=0, second=0, microsecond=0
            )
            Meeting.objects.create(
                pairing=pairing1,
                starts_at=start,
                ends_at=start + timedelta(hours=1),
                mode="walk",
                place=f"Park {key}",
                status=status,
                booked_by=p1,
            )
        # p2: s2 is asked to accept; nobody has taken the request.
        r2 = ask(p2, "two", status="proposed")
        pairing2 = Pairing.objects.create(
            program=program,
            participant=p2,
            supporter=s2,
            request=r2,
            status=Pairing.Status.PROPOSED,
            chosen_by="participant",
        )
        start = (now + timedelta(days=5)).replace(minute=0, second=0, microsecond=0)
        Meeting.objects.create(
            pairing=pairing2,
            starts_at=start,
            ends_at=start + timedelta(hours=1),
            mode="video",
            booked_by=s2,
        )
        # p3: an open request; p3 chooses among suggestions.
        ask(p3, "three", status="open")
        # p4: referred by the workplace, waiting for p4 to confirm.
        ask(p4, "four", status="awaiting", referred_by=workplace, message="")
        world.markers = [m for m in world.markers if m.text != ""]

        AccessCode.objects.create(
            program=program,
            workplace=ward,
            code_hash=hashlib.sha256(f"code-{key}".encode()).hexdigest(),
            created_by=workplace,
            expires_at=now + timedelta(days=30),
        )
        for what, user, revoked in (
            ("partone", p1, None),
            ("supone", s1, None),
            ("parttwo", p2, now),
        ):
            world.feeds[f"{key}.{what}"] = CalendarFeed.objects.create(
                user=user,
                token=f"feed-{key}-{what}-" + "x" * 20,
                revoked_at=revoked,
            )
    world.people["outsider"] = make_user(
        name=f"{_marker('O', 'outsider')} Person",
        email=f"{_marker('O', 'outsider').lower()}@people.test",
    )
    for builder in EXTRA_BUILDERS:
        builder(world)
    # Signing in through allauth records each address; people made by builders
    # get theirs now, or the first visit to the email page would write one.
    from allauth.account.models import EmailAddress

    for user in User.objects.exclude(email=None):
        EmailAddress.objects.get_or_create(
            user=user, email=user.email, defaults={"primary": True}
        )
    return world


# Other apps add their objects here: (world) -> None.
EXTRA_BUILDERS: list[Callable[[World], None]] = []


# --- URLs --------------------------------------------------------------------


@dataclass
class Route:
    name: str
    route: str
    params: list[str]
    is_allauth: bool
    methods: frozenset[str] = frozenset({"GET", "POST"})


HTTP_METHODS = {"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"}


def allowed_methods(view: Callable) -> frozenset[str]:
    """The methods a view's require_GET/require_POST/require_http_methods allow.

    Read from the decorator's closure; a view without one may take any method.
    """
    func: Any = view
    while func is not None:
        for cell in getattr(func, "__closure__", None) or ():
            try:
                value = cell.cell_contents
            except ValueError:
                continue
            if (
                isinstance(value, list | tuple)
                and value
                and all(isinstance(v, str) and v in HTTP_METHODS for v in value)
            ):
                return frozenset(value)
        func = getattr(func, "__wrapped__", None)
    return frozenset({"GET", "POST"})


def _walk(
    patterns: list, prefix: str, namespace: str, allauth: bool
) -> Iterator[Route]:
    for pattern in patterns:
        piece = str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            ns = namespace
            if pattern.namespace:
                ns = f"{namespace}{pattern.namespace}:"
            module = getattr(pattern.urlconf_module, "__name__", "")
            yield from _walk(
                pattern.url_patterns,
                prefix + piece,
                ns,
                allauth or module.startswith("allauth"),
            )
        elif isinstance(pattern, URLPattern):
            route = prefix + piece
            params = re.findall(r"<(?:\w+:)?(\w+)>", route)
            name = f"{namespace}{pattern.name}" if pattern.name else ""
            yield Route(
                name=name,
                route=route,
                params=params,
                is_allauth=allauth,
                methods=allowed_methods(pattern.callback),
            )


def all_routes() -> tuple[list[Route], list[tuple[str, str]]]:
    """Every URL pattern in the root URLconf, and what is skipped with the reason."""
    walked, skipped = [], []
    for route in _walk(get_resolver().url_patterns, "", "", False):
        reason = next(
            (why for p, why in SKIPPED_PREFIXES.items() if route.route.startswith(p)),
            None,
        )
        if reason is None and route.is_allauth and route.params:
            reason = SKIP_ALLAUTH_WITH_PARAMS
        if reason is None and route.is_allauth and not route.name:
            reason = "allauth pattern without a name"
        if reason:
            skipped.append((route.route, reason))
            continue
        if not route.name:
            raise AssertionError(f"URL {route.route!r} has no name; name it")
        walked.append(route)
    return walked, skipped


# --- filling parameters and deciding who may see -----------------------------


@dataclass
class Target:
    """One URL to request, the object it names, and who may use it."""

    route: Route
    kwargs: dict[str, Any]
    obj: Any
    allowed: Callable[[User | None], bool]
    # Whose data the page shows; the calendar feed shows its owner's.
    as_viewer: Callable[[User | None], User | None] = lambda viewer: viewer


def _has_role(*wanted: str) -> Callable:
    def gate(viewer: User | None, program: Program) -> bool:
        return viewer is not None and bool(roles_in(viewer, program.pk) & set(wanted))

    return gate


def _owner(viewer: User | None, obj: Any) -> bool:
    return viewer is not None and obj.participant_id == viewer.pk


def _manages(viewer: User | None, obj: Any) -> bool:
    program = obj if isinstance(obj, Program) else obj.program
    return viewer is not None and support_permissions.can_manage_requests(
        viewer, program
    )


def _acts(viewer: User | None, obj: Any) -> bool:
    pairing = obj.pairing if isinstance(obj, Meeting) else obj
    return viewer is not None and support_permissions.can_act_in_pairing(
        viewer, pairing
    )


def _supports(viewer: User | None, obj: Any) -> bool:
    return viewer is not None and obj.pairing.supporter_id == viewer.pk


def _public(viewer: User | None, program: Program) -> bool:
    return program.is_public


def _public_signed_in(viewer: User | None, program: Program) -> bool:
    return program.is_public and viewer is not None


def _offers_times(viewer: User | None, program: Program) -> bool:
    return viewer is not None and support_permissions.can_offer_times(viewer, program)


def _refers(viewer: User | None, program: Program) -> bool:
    return viewer is not None and support_permissions.can_refer(viewer, program)


# Per view, who may use it with the object its URL names. A view not listed uses
# the object's own "may see" predicate below.
GATES: dict[str, Callable[[User | None, Any], bool]] = {
    "programs:detail": _public,
    "support:request_new": _public_signed_in,
    "support:register": _public,
    "support:codes": _refers,
    "support:refer": _refers,
    "support:queue": _manages,
    "support:queue_run": _manages,
    "support:caseloads": _manages,
    "support:times": _offers_times,
    "support:request_choose": _owner,
    "support:request_withdraw": _owner,
    "support:request_confirm": _owner,
    "support:request_take": _manages,
    "support:request_assign": _manages,
    "support:pairing_action": _acts,
    "support:meeting_book": _acts,
    "support:meeting_move": _acts,
    "support:meeting_cancel": _acts,
    "support:meeting_record": _supports,
}


def _sees(predicate: Callable) -> Callable[[User | None, Any], bool]:
    def gate(viewer: User | None, obj: Any) -> bool:
        return viewer is not None and predicate(viewer, obj)

    return gate


# What each URL parameter names: (model, field to fill from, default "may see").
PARAMS: dict[str, tuple[type, str, Callable[[User | None, Any], bool]]] = {
    "request_id": (
        SupportRequest,
        "pk",
        _sees(support_permissions.can_view_request),
    ),
    "pairing_id": (Pairing, "pk", _sees(support_permissions.can_view_pairing)),
    "meeting_id": (Meeting, "pk", _sees(support_permissions.can_view_meeting)),
    "slug": (
        Program,
        "slug",
        lambda viewer, program: bool(
            viewer is not None and roles_in(viewer, program.pk)
        ),
    ),
}
# Parameters that are words, not objects: every value the view knows, and one it
# does not.
LITERALS: dict[tuple[str, str], list[str]] = {
    ("support:pairing_action", "action"): [
        "accept",
        "decline",
        "pause",
        "resume",
        "end",
        "rematch",
        "no-such-action",
    ],
}


def _model_for(param: str, route_name: str) -> tuple[type, str, Callable] | None:
    """Known parameters first; then `<model>_id` or `<model>_pk` for any model of
    Kamrat's apps, with that app's `can_view_<model>` predicate."""
    if param in PARAMS:
        return PARAMS[param]
    match = re.fullmatch(r"(\w+?)_(?:id|pk)", param)
    if not match:
        return None
    wanted = match.group(1).replace("_", "")
    app_label = route_name.split(":")[0] if ":" in route_name else ""
    candidates = [
        m
        for m in apps.get_models()
        if m.__module__.startswith("kamrat.") and m._meta.model_name == wanted
    ]
    candidates.sort(key=lambda m: m._meta.app_label != app_label)
    if not candidates:
        return None
    model = candidates[0]
    predicate = _predicate_for(model)
    if predicate is None:
        raise AssertionError(
            f"{route_name}: no can_view_{model._meta.model_name} in "
            f"kamrat.{model._meta.app_label}.permissions to decide who may see it"
        )
    return model, "pk", _sees(predicate)


def _predicate_for(model: type) -> Callable | None:
    try:
        module = importlib.import_module(f"kamrat.{model._meta.app_label}.permissions")
    except ImportError:
        return None
    return getattr(module, f"can_view_{model._meta.model_name}", None)


def _same_program(objs: dict[str, Any]) -> bool:
    programs = {
        o.pk if isinstance(o, Program) else getattr(o, "program_id", None)
        for o in objs.values()
    }
    return len(programs) == 1


def targets_for(route: Route) -> list[Target]:
    """Every way to fill this route's parameters; fails on one it cannot fill.

    With several object parameters (a programme and a thing in it), every
    combination is tried; it may be used only when each parameter's rule allows
    it and all of them belong to one programme.
    """
    if not route.params:
        return [Target(route, {}, None, lambda viewer: True)]
    if route.name == "calendar_feed":
        return _feed_targets(route)
    object_params = []
    literal_params = {}
    for param in route.params:
        if (route.name, param) in LITERALS:
            literal_params[param] = LITERALS[(route.name, param)]
            continue
        found = _model_for(param, route.name)
        if found is None:
            raise AssertionError(
                f"cannot fill <{param}> of {route.name} ({route.route}); "
                "teach authz_world.PARAMS what it names"
            )
        object_params.append((param, found))
    if not object_params:
        raise AssertionError(f"{route.name}: no parameter names an object")
    choices: list[dict[str, tuple[Any, Any]]] = [{}]
    for param, (model, attr, _gate) in object_params:
        objects = model.objects.order_by("pk")
        if model is Program:  # only the world's, not other tests' programmes
            objects = objects.filter(slug__startswith="authz-")
        values = [(getattr(o, attr), o) for o in objects]
        values.append((MISSING_ID if attr == "pk" else "no-such-thing", None))
        choices = [dict(c, **{param: v}) for c in choices for v in values]
    literal_sets: list[dict[str, str]] = [{}]
    for name, options in literal_params.items():
        literal_sets = [dict(s, **{name: o}) for s in literal_sets for o in options]
    gates = {param: found[2] for param, found in object_params}
    if route.name in GATES:
        gates[GATES_PARAM.get(route.name, object_params[-1][0])] = GATES[route.name]
    targets = []
    for choice in choices:
        objs = {param: obj for param, (_value, obj) in choice.items()}
        kwargs = {param: value for param, (value, _obj) in choice.items()}

        def allowed(viewer: User | None, objs: dict = objs) -> bool:
            if any(o is None for o in objs.values()):
                return False
            if len(objs) > 1 and not _same_program(objs):
                return False
            return all(gates[p](viewer, o) for p, o in objs.items())

        main = objs[object_params[-1][0]]
        # Every word with the first programme's objects; elsewhere one known
        # word and one unknown, which is enough to show the object is guarded.
        sets = literal_sets
        if main is not None and _program_key(main) != "authz-a":
            sets = literal_sets[:1] + literal_sets[-1:]
        for literals in sets:
            targets.append(Target(route, {**kwargs, **literals}, main, allowed))
    return targets


def _program_key(obj: Any) -> str:
    program = obj if isinstance(obj, Program) else getattr(obj, "program", None)
    if program is None and hasattr(obj, "pairing"):
        program = obj.pairing.program
    if program is None and hasattr(obj, "plan"):
        program = obj.plan.program
    return program.slug if program else ""


# Which parameter a view's gate is about when a URL names several objects.
GATES_PARAM: dict[str, str] = {}


def _feed_targets(route: Route) -> list[Target]:
    """A feed address is a capability: whoever holds it sees the owner's calendar."""
    targets = []
    for feed in CalendarFeed.objects.select_related("user").order_by("pk"):
        targets.append(
            Target(
                route,
                {"token": feed.token},
                feed,
                lambda viewer, feed=feed: feed.revoked_at is None,
                lambda viewer, feed=feed: feed.user,
            )
        )
    targets.append(Target(route, {"token": "no-such-feed"}, None, lambda viewer: False))
    return targets


# --- database state ----------------------------------------------------------

# Rows that change on any request, by design: sessions, the read log and its
# chain head, background task results, and sign-in attempt counters.
UNTRACKED_TABLES = re.compile(
    r"^(django_session|privacy_accessentry|privacy_chainhead|django_tasks_\w+|"
    r"axes_\w+)$"
)


WRITE = re.compile(r'^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)"?', re.I)


class WriteWatch:
    """Notes every statement that wrote rows to a tracked table.

    Cheap enough to run on every request; a hit is then confirmed with
    db_checksum, since a write undone by the view's own rollback is no change.
    """

    def __init__(self) -> None:
        self.tables: set[str] = set()

    def __call__(self, execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        match = WRITE.match(sql)
        if match and not UNTRACKED_TABLES.match(match.group(1)):
            if context["cursor"].rowcount != 0:
                self.tables.add(match.group(1))
        return result


def db_checksum() -> str:
    """A hash of every tracked table's rows, to prove a request changed nothing."""
    digest = hashlib.sha256()
    cache_tables = {
        c.get("LOCATION")
        for c in settings.CACHES.values()
        if c["BACKEND"].endswith("DatabaseCache")
    }
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            if UNTRACKED_TABLES.match(table) or table in cache_tables:
                continue
            quoted = connection.ops.quote_name(table)
            cursor.execute(f"SELECT * FROM {quoted} ORDER BY 1")  # noqa: S608
            digest.update(table.encode())
            digest.update(repr(cursor.fetchall()).encode())
    return digest.hexdigest()


def write_report(name: str, counts: dict[str, Any]) -> None:
    """Leave counts for the terminal summary in the root conftest to print."""
    import os

    run = os.environ.get("PYTEST_XDIST_TESTRUNUID") or os.environ.get(
        "KAMRAT_REPORT_RUN", "manual"
    )
    folder = REPORTS / run
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.json").write_text(json.dumps(counts, indent=2, default=str))
