from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from . import selectors


@login_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """One section per programme the person belongs to, shaped by their roles."""
    sections = selectors.home_sections_for_user(user=request.user)
    return render(request, "accounts/home.html", {"sections": sections})
