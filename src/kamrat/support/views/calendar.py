import secrets
from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from .. import selectors
from ..models import CalendarFeed
from ..services.calendar import feed_calendar


@login_required
@require_http_methods(["GET", "POST"])
def feed_settings(request: HttpRequest) -> HttpResponse:
    """Make, show and revoke the secret address of one's own calendar feed."""
    feed = CalendarFeed.objects.filter(
        user=request.user, revoked_at__isnull=True
    ).first()
    if request.method == "POST":
        if feed is not None:
            feed.revoked_at = timezone.now()
            feed.save(update_fields=["revoked_at"])
        if request.POST.get("action") == "new":
            CalendarFeed.objects.create(
                user=request.user, token=secrets.token_urlsafe(32)
            )
            messages.success(request, _("Your calendar address is ready."))
        else:
            messages.success(request, _("The calendar address no longer works."))
        return HttpResponseRedirect(reverse("support:calendar"))
    url = (
        request.build_absolute_uri(reverse("calendar_feed", args=[feed.token]))
        if feed
        else ""
    )
    return render(request, "support/calendar.html", {"feed": feed, "url": url})


@require_GET
def feed(request: HttpRequest, token: str) -> HttpResponse:
    """The feed itself: anyone with the secret address can read it, nobody else."""
    found = (
        CalendarFeed.objects.select_related("user")
        .filter(token=token, revoked_at__isnull=True)
        .first()
    )
    if found is None:
        raise Http404
    now = timezone.now()
    meetings = selectors.meeting_list_for_user(
        user=found.user,
        start=now - timedelta(days=30),
        end=now + timedelta(days=365),
        include_cancelled=True,
    )
    language = found.user.preferred_language or "sv"
    body = feed_calendar(meetings, language=language, now=now)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, max-age=300"
    return response
