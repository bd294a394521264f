from django.conf import settings
from django.http import HttpRequest


def kamrat(request: HttpRequest) -> dict:
    return {"DEMO": settings.DEMO, "KAMRAT_LANGUAGES": LANGUAGE_NAMES}


# Each language is named in itself, so a person finds their own in any language.
LANGUAGE_NAMES = [("sv", "Svenska"), ("da", "Dansk"), ("en", "English")]
