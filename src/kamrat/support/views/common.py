from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect


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
