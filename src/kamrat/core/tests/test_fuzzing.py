"""Every form and query parameter gets odd input: never a 500, and a rejected
input changes nothing.

Forms are found by opening every page as each person who may open it and
reading its <form> elements. Each form is then sent values hypothesis makes:
text of every kind, very long text, NUL bytes, SQL- and HTML-like strings,
huge and negative numbers, choices the page did not offer, tampered hidden
fields, missing fields and repeated keys, always with the page's CSRF token.

A redirect or a 200 page without form errors is an accepted input; anything
else (a 200 re-render with errors, 400, 403, 404, 405) must leave every table
as it was, apart from sessions, task results, sign-in counters and the access
log. Set KAMRAT_FUZZ_EXAMPLES to try more inputs per form.
"""

import os
from urllib.parse import urlsplit

from django.urls import Resolver404, resolve, reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from . import authz_apps  # noqa: F401 - registers the newer apps
from .authz_world import all_routes, targets_for, write_report
from .formscan import Field, Form, forms_in
from .test_authorization_matrix import WorldTestCase
from .walker import Walker

EXAMPLES = int(os.environ.get("KAMRAT_FUZZ_EXAMPLES", "12"))
FUZZ = settings(
    max_examples=EXAMPLES,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
MISSING = object()
NASTY = [
    "",
    " ",
    "0",
    "-1",
    "1.5",
    "1e309",
    "NaN",
    "99999999999999999999999999",
    "-9223372036854775809",
    "' OR 1=1 --",
    '"; DROP TABLE support_meeting; --',
    "<script>alert(1)</script>",
    "{{ request }}{% debug %}",
    "%s%n%x",
    "../../etc/passwd",
    "\x00",
    "a\x00b",
    "2024-02-30",
    "2024-13-01T25:61",
    "25:61",
    "9999-12-31",
    "0001-01-01",
    "true",
    "on",
    "[]",
    "{}",
    "//evil.test/",
    "https://evil.test/",
    "javascript:alert(1)",
    "x" * 20000,
    "ü" * 3000,
    "\U0001d518" * 500,
    "\u202e\u200b\ufeff",
    "\u00b2",  # a digit to str.isdigit(), not to int()
    "\uff11\uff12",  # full-width digits
]
# A short list for the systematic pass: one odd value in one field at a time.
SHARP = [
    MISSING,
    "",
    "-1",
    "99999999999999999999999999",
    "1e309",
    "a\x00b",
    "x" * 20000,
    "9999-12-31",
    "0001-01-01",
    "not-an-offered-choice",
    "' OR 1=1 --",
    "\u00b2",
    ["1", "2"],
]
QUERY_NAMES = ["next", "week", "status", "area", "language", "mode", "page", "q"]
VIEWERS = ("A.coord", "A.admin", "A.wplace", "A.supone", "A.suptwo", "A.partone")


def value_for(f: Field) -> st.SearchStrategy:
    offered = [v for v in [f.value, *f.options] if v is not None]
    choices = [
        st.sampled_from(NASTY),
        st.text(max_size=300),
        st.integers(min_value=-(2**70), max_value=2**70).map(str),
        st.just(MISSING),
        st.just("not-an-offered-choice"),
    ]
    if offered:
        choices.insert(0, st.sampled_from(offered))
    single = st.one_of(*choices)
    return st.one_of(
        single,
        st.lists(single.filter(lambda v: v is not MISSING), min_size=2, max_size=3),
    )


def plausible(f: Field) -> str:
    """A value a person filling in the page might send."""
    offered = [o for o in f.options if o]
    if offered:
        return offered[0]
    if f.value:
        return f.value
    return {
        "date": "2030-01-07",
        "time": "10:00",
        "number": "1",
        "email": "someone@example.test",
        "password": "a long enough password 123",
    }.get(f.kind, "hello")


def base_body(form: Form) -> dict:
    return {
        name: plausible(f)
        for name, f in form.fields.items()
        if name != "csrfmiddlewaretoken"
    }


def body_for(form: Form) -> st.SearchStrategy:
    """Mostly a plausible form with one or two odd fields, sometimes all odd."""
    names = sorted(n for n in form.fields if n != "csrfmiddlewaretoken")
    if not names:
        return st.tuples(st.just({}), st.just({}))
    odd = st.fixed_dictionaries({n: value_for(form.fields[n]) for n in names})
    mutated = st.lists(st.sampled_from(names), min_size=1, max_size=2).flatmap(
        lambda picked: st.fixed_dictionaries(
            {n: value_for(form.fields[n]) for n in picked}
        ).map(lambda changes: {**base_body(form), **changes})
    )
    return st.tuples(st.one_of(mutated, odd), _extra())


def _extra() -> st.SearchStrategy:
    return st.dictionaries(
        st.sampled_from(["id", "pk", "user", "program", "participant"]),
        st.sampled_from(NASTY),
        max_size=2,
    )


def _is_rejection(status: int, body: str) -> bool:
    if status == 200:
        return "form-errors" in body or 'class="errorlist"' in body
    return status in (400, 403, 404, 405, 413)


class FuzzingTestCase(WorldTestCase):
    def discover(self, walker: Walker) -> list[tuple[str, object, str, Form]]:
        """(who, user, page, form) for every distinct form a person can reach."""
        found = []
        seen = set()
        viewers = [(label, self.world.people[label]) for label in VIEWERS]
        viewers.append(("anonymous", None))
        for route in all_routes()[0]:
            if "GET" not in route.methods or route.name == "calendar_feed":
                continue
            for target in targets_for(route):
                for label, user in viewers:
                    if not target.allowed(user):
                        continue
                    url = reverse(route.name, kwargs=target.kwargs)
                    # Not rolled back: the page sets the CSRF cookie its forms need.
                    response = walker.client_for(user).get(url)
                    if response.status_code != 200 or "html" not in response.get(
                        "Content-Type", ""
                    ):
                        continue
                    for form in forms_in(response.content.decode()):
                        action = form.action or url
                        try:
                            name = resolve(urlsplit(action).path).url_name
                        except Resolver404:
                            continue
                        key = (label, name, form.signature())
                        if key in seen:
                            continue
                        seen.add(key)
                        form.action = action
                        found.append((label, user, url, form))
        return found

    def setUp(self) -> None:
        super().setUp()
        people = [self.world.people[label] for label in VIEWERS] + [None]
        self.walker = Walker(self.login_client, people, csrf_checks=True)
        self.counts = {
            "inputs": 0,
            "accepted": 0,
            "rejected": 0,
            "errors_500": 0,
            "changed_on_rejection": 0,
        }
        self.failures: list[str] = []

    def report(self, name: str) -> None:
        self.counts["failure_list"] = sorted(set(self.failures))
        write_report(f"fuzzing.{name}", self.counts)
        self.assertEqual(self.failures, [], "\n".join(sorted(set(self.failures))[:40]))

    def test_forms_survive_odd_input(self) -> None:
        forms = self.discover(self.walker)
        self.walker.rebase()
        self.counts["forms"] = len(forms)
        self.assertGreater(len(forms), 10)
        done = set()
        for label, user, _page, form in forms:
            # One odd value in one field at a time, once per form whoever sends it.
            key = (resolve(urlsplit(form.action).path).url_name, form.signature())
            if key not in done:
                done.add(key)
                for name in sorted(set(base_body(form))):
                    for value in SHARP:
                        data = base_body(form)
                        if value is MISSING:
                            del data[name]
                        else:
                            data[name] = value
                        self.send(label, user, form, data)
            self.fuzz_form(label, user, form)
        self.report("forms")

    def test_query_parameters_survive_odd_input(self) -> None:
        pages = list(self._pages())
        for label, user, page in pages:
            # Every known parameter at once with the same odd value.
            for value in SHARP:
                if value is not MISSING:
                    self.query(label, user, page, dict.fromkeys(QUERY_NAMES, value))
            self.fuzz_query(label, user, page)
        self.counts["pages"] = len(pages)
        self.report("query")

    def send(self, label, user, form: Form, data: dict) -> None:
        token = form.fields.get("csrfmiddlewaretoken")
        if token is not None:
            data["csrfmiddlewaretoken"] = token.value
        method = "post" if form.method == "post" else "get"
        outcome = self.walker.request(user, method, form.action, data)
        self.counts["inputs"] += 1
        where = f"{method.upper()} {form.action} as {label} with {_short(data)}"
        if outcome.status >= 500:
            self.counts["errors_500"] += 1
            self.failures.append(f"{where}: {outcome.status} {outcome.error}")
        elif _is_rejection(outcome.status, outcome.body):
            self.counts["rejected"] += 1
            if outcome.changed:
                self.counts["changed_on_rejection"] += 1
                self.failures.append(
                    f"{where}: rejected ({outcome.status}) but changed data"
                )
        else:
            self.counts["accepted"] += 1

    def query(self, label, user, page: str, params: dict) -> None:
        outcome = self.walker.request(user, "get", page, params)
        self.counts["inputs"] += 1
        where = f"GET {page} as {label} with {_short(params)}"
        if outcome.status >= 500:
            self.counts["errors_500"] += 1
            self.failures.append(f"{where}: {outcome.status} {outcome.error}")
        elif outcome.changed:
            self.failures.append(f"{where}: a GET changed data")

    def fuzz_form(self, label, user, form: Form) -> None:
        @FUZZ
        @given(body_for(form))
        def send(payload) -> None:
            values, extra = payload
            data: dict = {k: v for k, v in extra.items() if k not in form.fields}
            data.update({k: v for k, v in values.items() if v is not MISSING})
            self.send(label, user, form, data)

        send()

    def fuzz_query(self, label, user, page: str) -> None:
        values = st.one_of(st.sampled_from(NASTY), st.text(max_size=100))

        @FUZZ
        @given(st.dictionaries(st.sampled_from(QUERY_NAMES), values, max_size=3))
        def query(params) -> None:
            self.query(label, user, page, params)

        query()

    def _pages(self):
        """One page per GET view, as someone who may open it."""
        viewers = [(label, self.world.people[label]) for label in VIEWERS]
        for route in all_routes()[0]:
            if "GET" not in route.methods or route.name == "calendar_feed":
                continue
            for target in targets_for(route):
                who = next(
                    ((label, user) for label, user in viewers if target.allowed(user)),
                    None,
                )
                if who is not None:
                    yield who[0], who[1], reverse(route.name, kwargs=target.kwargs)
                    break


def _short(data: dict) -> str:
    text = repr(data)
    return text if len(text) < 300 else text[:300] + "…"
