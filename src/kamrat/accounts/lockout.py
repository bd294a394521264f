"""How django-axes sees a sign-in: whose it is, what it logs, what it answers.

Axes counts failures per email address and IP address together (settings).
The hooks here keep names and addresses out of its log lines and give a
locked-out person a kind page that says when to try again.
"""

from datetime import timedelta

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone


def username_for_lockout(request: HttpRequest, credentials: dict | None) -> str:
    """The email address tried, in one case, from allauth's credentials or form."""
    login = (credentials or {}).get("email") or ""
    if not login and request is not None and request.method == "POST":
        login = request.POST.get("login", "")
    return str(login).strip().lower()


def client_for_logs(
    username: str, ip_address: str, user_agent: str, path_info, request
) -> str:
    """What axes may write to the log: only the path, never who or from where."""
    if isinstance(path_info, list | tuple):
        path_info = path_info[0] if path_info else ""
    return f"{{path_info: {path_info!s}}}"


def locked_out(
    request: HttpRequest,
    original_response: HttpResponse | None = None,
    credentials: dict | None = None,
) -> HttpResponse:
    """429 with the time to try again, and where to get help meanwhile."""
    minutes = settings.LOCKOUT_MINUTES
    context = {
        "minutes": minutes,
        "until": timezone.localtime(timezone.now() + timedelta(minutes=minutes)),
    }
    return render(request, "accounts/locked_out.html", context, status=429)
