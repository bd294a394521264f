from datetime import timedelta

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from kamrat.accounts.models import Role

from .models import AccessEntry

KEPT_FOR = timedelta(days=730)


@login_required
@require_GET
def access_log_mine(request: HttpRequest) -> HttpResponse:
    """'Who has looked at my data': every staff read of the person's data, 2 years."""
    entries = (
        AccessEntry.objects.filter(
            participant=request.user, at__gte=timezone.now() - KEPT_FOR
        )
        .select_related("program")
        .order_by("-at", "-id")[:500]
    )
    roles = dict(Role.choices)
    rows = [
        {
            "at": entry.at,
            "role": roles.get(entry.reader_role, entry.reader_role),
            "unit": entry.reader_unit,
            "name": entry.reader_name if entry.program.show_reader_names else "",
            "what": entry.get_what_display(),
            "purpose": entry.get_purpose_display(),
        }
        for entry in entries
    ]
    return render(request, "privacy/access_log.html", {"rows": rows})
