from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect

LARGEST_ID = 2**31 - 1


def id_or_none(value: str | None) -> int | None:
    """A positive id from user input, or None: "²" passes isdigit() but not int(),
    and a number past the column's range makes the database raise."""
    if not value or not value.isascii() or not value.isdigit():
        return None
    number = int(value)
    return number if 0 < number <= LARGEST_ID else None


def attempt(
    request: HttpRequest, action: Callable[[], object], *, success: str, then: str
) -> HttpResponse | None:
    """Run a service; on a rule broken, show its message. Either way, go to `then`."""
    try:
        action()
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return HttpResponseRedirect(then)
    messages.success(request, success)
    return HttpResponseRedirect(then)


def log_reads(request: HttpRequest, *, program, participants, what: str, purpose: str):
    """Staff reads of participants' data go to the access log they can read."""
    from kamrat.privacy.services import access_log

    access_log(
        reader=request.user,
        participants=participants,
        program=program,
        what=what,
        purpose=purpose,
    )
