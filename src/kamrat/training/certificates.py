"""Certificate codes, and what a certificate page and its PDF show."""

import re

from django.conf import settings
from django.urls import reverse

from .models import CODE_ALPHABET, CODE_LENGTH, Certificate, Week
from .selectors import schedule

# Letters people read as digits, and what they mean in a code.
LOOK_ALIKE = str.maketrans({"O": "0", "I": "1", "L": "1"})
SEPARATORS = re.compile(r"[\s\-_.–—]+")


def code_normalise(text: str) -> str | None:
    """A code as printed (XXXX-XXXX-XXXX) from what someone typed, or None.

    Case, spaces and missing dashes do not matter, and O, I and L are read as
    0, 1 and 1.
    """
    raw = SEPARATORS.sub("", (text or "")[:100]).upper().translate(LOOK_ALIKE)
    if len(raw) != CODE_LENGTH or any(c not in CODE_ALPHABET for c in raw):
        return None
    return "-".join(raw[i : i + 4] for i in range(0, CODE_LENGTH, 4))


def verification_url(certificate: Certificate) -> str:
    return settings.SITE_URL + reverse("training:verify_code", args=[certificate.code])


def certificate_context(certificate: Certificate) -> dict:
    weeks = []
    if certificate.cohort is not None:
        certificate.cohort.program = certificate.program
        weeks = schedule(cohort=certificate.cohort)
    return {
        "certificate": certificate,
        "program": certificate.program,
        "weeks": weeks,
        "on_site": Week.Kind.ON_SITE,
        "verification_url": verification_url(certificate),
    }
