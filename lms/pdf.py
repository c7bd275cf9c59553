"""PDF documents of the lms app, made with WeasyPrint from normal Django templates.

Imported lazily by the views: WeasyPrint and its libraries load only when a
PDF is asked for.
"""

import functools
from io import BytesIO
from pathlib import Path
from urllib.request import url2pathname

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

#: The KERN kit's Fira Sans, shipped with the project (never fetched from the network).
FONT_DIR = Path(settings.BASE_DIR) / "node_modules" / "@kern-ux" / "native" / "dist" / "fonts"


@functools.cache
def _font_as_truetype(path: Path) -> bytes:
    """A WOFF2 font decompressed to plain TrueType, once per process.

    WeasyPrint would otherwise decompress every face on every render, which
    took about two thirds of the time of a Teilnahmeliste.
    """
    from fontTools.ttLib import TTFont

    font = TTFont(str(path))
    font.flavor = None
    out = BytesIO()
    font.save(out)
    return out.getvalue()


@functools.cache
def _fetcher_class():
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class LocalFetcher(URLFetcher):
        """Local files only: nothing in a PDF may make the server reach the network."""

        def __init__(self):
            super().__init__(allowed_protocols={"file"})

        def fetch(self, url, headers=None):
            if url.startswith("file:") and url.endswith(".woff2"):
                path = Path(url2pathname(url.removeprefix("file:"))).resolve()
                if path.is_relative_to(FONT_DIR.resolve()):
                    body = _font_as_truetype(path)
                    return URLFetcherResponse(url, body, {"Content-Type": "font/ttf"})
            return super().fetch(url, headers)

    return LocalFetcher


def render_pdf(template_name: str, context: dict) -> bytes:
    """The template rendered to HTML and then to PDF.

    Relative URLs (the fonts) resolve against :data:`FONT_DIR`.
    """
    from weasyprint import HTML

    html = render_to_string(template_name, context)
    return HTML(
        string=html, base_url=FONT_DIR.as_uri() + "/", url_fetcher=_fetcher_class()()
    ).write_pdf()


def signature_list_pdf(data) -> bytes:
    """The Teilnahmeliste (:class:`lms.attendance_lists.SignatureList`) as an A4 PDF, in German."""
    with translation.override("de"):
        return render_pdf("lms/lists/signature_list_pdf.html", {"list": data})
