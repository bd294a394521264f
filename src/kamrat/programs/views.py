from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from . import selectors


@require_GET
def program_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """The public page: what peer support is here, and how to ask for it."""
    program = selectors.program_get_public(slug=slug)
    if program is None:
        raise Http404
    context = {
        "program": program,
        "areas": selectors.area_list(program=program),
        "workplaces": selectors.workplace_list(program=program),
    }
    return render(request, "programs/detail.html", context)
