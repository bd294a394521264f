from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from kamrat.accounts.models import Membership
from kamrat.privacy.models import AccessEntry

from .. import permissions, selectors
from ..forms import ProfileForm, TimeOffForm, WeeklyTimeForm
from ..models import SupporterProfile, TimeOff, WeeklyTime
from ..services import availability
from ..services.profiles import supporter_profile_update
from .common import id_or_none, log_reads

FIRST_WEEK = date(1900, 1, 8)
LAST_WEEK = date(9000, 12, 24)


def _monday(value: str | None, zone: ZoneInfo) -> date:
    try:
        day = (
            date.fromisoformat(value)
            if value
            else timezone.now().astimezone(zone).date()
        )
    except ValueError:
        day = timezone.now().astimezone(zone).date()
    if not FIRST_WEEK <= day <= LAST_WEEK:  # the week's arithmetic must not overflow
        day = timezone.now().astimezone(zone).date()
    return day - timedelta(days=day.weekday())


@login_required
@require_GET
def week(request: HttpRequest) -> HttpResponse:
    """A week of meetings as a plain table: readable with or without JavaScript."""
    membership = (
        Membership.objects.active()
        .filter(user=request.user)
        .select_related("program")
        .order_by("role")
        .first()
    )
    zone = ZoneInfo(membership.program.time_zone if membership else "Europe/Stockholm")
    monday = _monday(request.GET.get("week"), zone)
    start = datetime.combine(monday, datetime.min.time(), tzinfo=zone)
    meetings = selectors.meeting_list_for_user(
        user=request.user, start=start, end=start + timedelta(days=7)
    )
    by_program: dict = {}
    for meeting in meetings:
        if meeting.pairing.supporter_id == request.user.pk:
            by_program.setdefault(meeting.pairing.program, set()).add(
                meeting.pairing.participant_id
            )
    for program, ids in by_program.items():
        log_reads(
            request,
            program=program,
            participants=ids,
            what=AccessEntry.What.MEETINGS,
            purpose=AccessEntry.Purpose.SUPPORT,
        )
    days = [
        {
            "date": monday + timedelta(days=i),
            "meetings": [
                m
                for m in meetings
                if m.starts_at.astimezone(zone).date() == monday + timedelta(days=i)
            ],
        }
        for i in range(7)
    ]
    context = {
        "days": days,
        "zone": zone,
        "previous": (monday - timedelta(days=7)).isoformat(),
        "next": (monday + timedelta(days=7)).isoformat(),
        "monday": monday,
    }
    return render(request, "support/week.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def times(request: HttpRequest, slug: str) -> HttpResponse:
    """Offer weekly times, take time off and set one's caseload."""
    program = permissions.get_program_for_supporter(request.user, slug)
    profile, _created = SupporterProfile.objects.get_or_create(
        program=program,
        supporter=request.user,
        defaults={"languages": [program.default_language], "modes": ["video"]},
    )
    which = request.POST.get("form") if request.method == "POST" else None
    weekly_form = WeeklyTimeForm(request.POST if which == "weekly" else None)
    off_form = TimeOffForm(request.POST if which == "off" else None)
    profile_form = ProfileForm(
        request.POST if which == "profile" else None,
        initial={
            "capacity": profile.capacity,
            "accepting_new": profile.accepting_new,
            "languages": profile.languages,
            "modes": profile.modes,
        },
    )
    forms = {"weekly": weekly_form, "off": off_form, "profile": profile_form}
    if which in forms and forms[which].is_valid():
        data = forms[which].cleaned_data
        try:
            if which == "weekly":
                availability.weekly_time_add(
                    program=program, supporter=request.user, **data
                )
            elif which == "off":
                availability.time_off_add(
                    program=program, supporter=request.user, **data
                )
            else:
                supporter_profile_update(profile=profile, **data)
        except ValidationError as error:
            for message in error.messages:
                forms[which].add_error(None, message)
        else:
            messages.success(request, _("Saved."))
            return HttpResponseRedirect(reverse("support:times", args=[slug]))
    if which == "remove":
        _remove(request, program)
        return HttpResponseRedirect(reverse("support:times", args=[slug]))
    context = {
        "program": program,
        "weekly": WeeklyTime.objects.filter(program=program, supporter=request.user),
        "offs": TimeOff.objects.filter(
            program=program, supporter=request.user, last_day__gte=timezone.now().date()
        ),
        "weekly_form": weekly_form,
        "off_form": off_form,
        "profile_form": profile_form,
        "profile": profile,
        "load": next(
            (
                c["load"]
                for c in selectors.caseload_list(program=program)
                if c["supporter"].pk == request.user.pk
            ),
            0,
        ),
    }
    return render(request, "support/times.html", context)


def _remove(request: HttpRequest, program) -> None:
    kind, _sep, raw_id = request.POST.get("item", "").partition(":")
    model = {"weekly": WeeklyTime, "off": TimeOff}.get(kind)
    item_id = id_or_none(raw_id)
    if model is None or item_id is None:
        messages.error(request, _("Nothing was changed."))
        return
    deleted, _rows = model.objects.filter(
        pk=item_id, program=program, supporter=request.user
    ).delete()
    if deleted:
        messages.success(request, _("Removed."))
    else:
        messages.error(request, _("Nothing was changed."))
