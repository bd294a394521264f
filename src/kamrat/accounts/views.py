from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.views.decorators.http import require_GET

from . import selectors


@login_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """One section per programme the person belongs to, shaped by their roles."""
    key = selectors.home_cache_key(user=request.user)
    context = {"sections_html": cache.get(key)}
    if context["sections_html"] is None:
        # Cached per person and language; any change to people, roles or places
        # moves the version in the key, so nobody sees a stale page.
        context["sections"] = selectors.home_sections_for_user(user=request.user)
        context["sections_html"] = render_to_string(
            "accounts/_sections.html", context, request=request
        )
        cache.set(key, context["sections_html"], selectors.OVERVIEW_SECONDS)
    return render(request, "accounts/home.html", context)
