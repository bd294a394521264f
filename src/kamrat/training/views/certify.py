"""Certificates: the holder's pages, the PDF, revocation and public checking."""

from django.contrib.auth.decorators import login_required
from django.db.models import Sum
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from kamrat.support.views.common import attempt

from .. import permissions, selectors
from ..certificates import certificate_context, code_normalise
from ..forms import VerifyForm
from ..services.certification import certificate_revoke as revoke


@login_required
@require_GET
def my_certificates(request: HttpRequest) -> HttpResponse:
    education = selectors.own_education(user=request.user)
    context = {
        "certificates": selectors.own_certificates(user=request.user),
        "education": education,
        "hours": education.aggregate(total=Sum("hours"))["total"],
    }
    return render(request, "training/my_certificates.html", context)


@login_required
@require_GET
def certificate(request: HttpRequest, certificate_id: int) -> HttpResponse:
    found = permissions.get_certificate_for_user(request.user, certificate_id)
    context = certificate_context(found)
    context["can_revoke"] = permissions.can_revoke_certificate(request.user, found)
    return render(request, "training/certificate.html", context)


@login_required
@require_GET
def certificate_pdf(request: HttpRequest, certificate_id: int) -> HttpResponse:
    from ..pdf import certificate_pdf as render_pdf  # WeasyPrint loads on first use

    found = permissions.get_certificate_for_user(request.user, certificate_id)
    response = HttpResponse(render_pdf(found), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="certificate-{found.code}.pdf"'
    return response


@login_required
@require_POST
def certificate_revoke(request: HttpRequest, certificate_id: int) -> HttpResponse:
    found = permissions.get_certificate_for_manager(request.user, certificate_id)
    return attempt(
        request,
        lambda: revoke(certificate=found),
        success=_("The certificate is revoked. Checking its code now says so."),
        then=reverse("training:certificate", args=[found.pk]),
    )


@require_GET
def verify(request: HttpRequest) -> HttpResponse:
    """Anyone may check a code; a valid one goes to its own page."""
    form = VerifyForm(request.GET if "code" in request.GET else None)
    if form.is_bound and form.is_valid():
        return HttpResponseRedirect(
            reverse("training:verify_code", args=[form.cleaned_data["code"]])
        )
    return render(request, "training/verify.html", {"form": form})


@require_GET
def verify_code(request: HttpRequest, code: str) -> HttpResponse:
    """Only whether it is valid, whose it is, the programme and the dates."""
    normal = code_normalise(code)
    if normal is not None and normal != code:
        return HttpResponseRedirect(reverse("training:verify_code", args=[normal]))
    found = selectors.certificate_by_code(code=normal) if normal else None
    if found is None:
        return render(request, "training/verify_unknown.html", status=404)
    return render(request, "training/verify_result.html", {"certificate": found})
