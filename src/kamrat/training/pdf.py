"""Certificates on paper.

The PDF is drawn from an HTML template with a fetcher that refuses every URL
and no base URL, so making a certificate never reads a file or the network.
"""

from django.template.loader import render_to_string
from weasyprint import HTML
from weasyprint.urls import URLFetcher

from .certificates import certificate_context
from .models import Certificate


class RefusingFetcher(URLFetcher):
    """Fetches nothing: every stylesheet, image or font URL is refused."""

    def __init__(self) -> None:
        super().__init__(allowed_protocols=())
        self.refused: list[str] = []

    def fetch(self, url, headers=None):
        self.refused.append(url)
        raise ValueError("certificates fetch nothing")


def certificate_pdf(
    certificate: Certificate, *, fetcher: RefusingFetcher | None = None
) -> bytes:
    """An A4 PDF of the certificate, in the current language."""
    html = render_to_string(
        "training/certificate_pdf.html", certificate_context(certificate)
    )
    return HTML(
        string=html, base_url=None, url_fetcher=fetcher or RefusingFetcher()
    ).write_pdf()
