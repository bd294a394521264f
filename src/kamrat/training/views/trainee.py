"""The trainee's own pages: schedule, material, attendance and calendar feed."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from .. import permissions, selectors
from ..ical import feed_calendar
from ..models import Enrolment
from ..services.enrolment import feed_renew as renew


@login_required
@require_GET
def mine(request: HttpRequest) -> HttpResponse:
    """Each training the person is in, week by week, with their own attendance."""
    now = timezone.now()
    trainings = []
    for enrolment in selectors.own_enrolments(user=request.user):
        cohort = enrolment.cohort
        held = set(
            selectors.held_sessions(cohort=cohort, now=now).values_list("pk", flat=True)
        )
        attendance = selectors.own_attendance(enrolment=enrolment)
        attended = sum(1 for pk, came in attendance.items() if came and pk in held)
        weeks = selectors.schedule(cohort=cohort)
        for week in weeks:
            for session in week.sessions:
                session.own_attended = attendance.get(session.pk)
        trainings.append(
            {
                "enrolment": enrolment,
                "cohort": cohort,
                "program": cohort.program,
                "weeks": weeks,
                "attendance": attendance,
                "held": len(held),
                "attended": attended,
                "meets": selectors.meets_rule(
                    attended=attended, held=len(held), percent=cohort.completion_percent
                ),
                "feed_url": request.build_absolute_uri(
                    reverse("training:feed", args=[enrolment.feed_token])
                ),
                "certificate": (
                    selectors.own_certificates(user=request.user)
                    .filter(cohort=cohort)
                    .first()
                    if enrolment.status == Enrolment.Status.COMPLETED
                    else None
                ),
            }
        )
    return render(
        request,
        "training/mine.html",
        {"trainings": trainings, "now": now, "today": timezone.localdate()},
    )


@login_required
@require_POST
def feed_renew(request: HttpRequest, enrolment_id: int) -> HttpResponse:
    enrolment = permissions.get_enrolment_for_trainee(request.user, enrolment_id)
    renew(enrolment=enrolment)
    messages.success(
        request,
        _("Your calendar has a new address. Add it to your calendar app again."),
    )
    return HttpResponseRedirect(reverse("training:mine"))


@require_GET
def feed(request: HttpRequest, token: str) -> HttpResponse:
    """Anyone with the secret address reads the cohort's schedule; nobody else."""
    enrolment = (
        Enrolment.objects.select_related("cohort__program", "user")
        .filter(feed_token=token)
        .exclude(status=Enrolment.Status.WITHDRAWN)
        .first()
    )
    if enrolment is None:
        raise Http404
    body = feed_calendar(enrolment=enrolment, now=timezone.now())
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, max-age=300"
    return response
