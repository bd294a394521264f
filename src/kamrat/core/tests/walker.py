"""Request one URL as one person and undo whatever it did, so every request sees
the same world."""

from dataclasses import dataclass, field
from typing import Any

from django.core.cache import caches
from django.db import connection, transaction
from django.http import HttpResponse
from django.test import Client

from kamrat.accounts.models import User

from .authz_world import WriteWatch, db_checksum


@dataclass
class Outcome:
    status: int
    body: str
    changed: bool
    location: str = ""
    error: str = ""
    written: list[Any] = field(default_factory=list)


class Walker:
    """Holds one signed-in client per person and the world's checksum."""

    def __init__(
        self, login, people: list[User | None], *, csrf_checks: bool = False
    ) -> None:
        self._login = login
        self._csrf_checks = csrf_checks
        self.clients: dict[int | None, Client] = {}
        for person in people:
            self.client_for(person)
        # Taken after signing everyone in, which sets their last sign-in time.
        self.rebase()

    def rebase(self) -> None:
        """What "unchanged" means from now on."""
        self.baseline = db_checksum()

    def client_for(self, user: User | None) -> Client:
        key = user.pk if user else None
        if key not in self.clients:
            client = Client(
                raise_request_exception=False, enforce_csrf_checks=self._csrf_checks
            )
            if user is not None:
                self._login(client, user)
            self.clients[key] = client
        return self.clients[key]

    def request(
        self,
        user: User | None,
        method: str,
        url: str,
        data: Any = None,
        *,
        watch=None,
        **extra,
    ) -> Outcome:
        """Make the request inside a savepoint that is rolled back afterwards.

        `watch` is called after the request, before the rollback, and its result
        kept in `Outcome.written`.
        """
        client = self.client_for(user)
        cookies = client.cookies
        client.cookies = cookies.__class__()
        for key, morsel in cookies.items():
            client.cookies[key] = morsel.value
        watch_writes = WriteWatch()
        savepoint = transaction.savepoint()
        try:
            with connection.execute_wrapper(watch_writes):
                response: HttpResponse = getattr(client, method)(
                    url, data if data is not None else {}, **extra
                )
            changed = bool(watch_writes.tables) and db_checksum() != self.baseline
            written = watch() if watch else []
        finally:
            transaction.savepoint_rollback(savepoint)
            for each in caches.all():  # pages, sessions and lockout counters
                each.clear()
            client.cookies = cookies
        error = ""
        exc_info = getattr(response, "exc_info", None)
        if response.status_code >= 500 and exc_info:
            error = f"{exc_info[0].__name__}: {exc_info[1]}"
        body = (
            b"".join(response.streaming_content)
            if response.streaming
            else response.content
        )
        return Outcome(
            status=response.status_code,
            body=body.decode("utf-8", "replace"),
            changed=changed,
            location=response.get("Location", ""),
            error=error,
            written=written,
        )
