from django.conf import settings
from django.http import HttpRequest
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


class UserLocaleMiddleware(LocaleMiddleware):
    """A signed-in person's chosen language wins over cookie and browser."""

    def process_request(self, request: HttpRequest) -> None:
        user = getattr(request, "user", None)
        language = getattr(user, "preferred_language", "") if user else ""
        if language and language in dict(settings.LANGUAGES):
            translation.activate(language)
            request.LANGUAGE_CODE = language
            return
        super().process_request(request)
