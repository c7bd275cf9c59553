"""Content-Security-Policy for the public site: a second line of defence.

No inline script and nothing from other hosts; video embeds are the only
frames allowed. Wagtail's admin sets its own headers and is left alone.
"""

from django.conf import settings


def default_policy() -> str:
    return "; ".join(
        [
            "default-src 'self'",
            "script-src 'self'",
            # Wagtail's responsive embeds set inline style attributes.
            "style-src 'self' 'unsafe-inline'",
            " ".join(["img-src 'self' data:", *settings.KOKOMA_CSP_EXTRA_IMG_SRC]),
            "font-src 'self'",
            "connect-src 'self'",
            "frame-src https://www.youtube-nocookie.com https://player.vimeo.com",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        ]
    )


class ContentSecurityPolicyMiddleware:
    EXEMPT_PREFIXES = ("/admin/",)

    def __init__(self, get_response):
        self.get_response = get_response
        self.policy = default_policy()

    def __call__(self, request):
        response = self.get_response(request)
        if not request.path.startswith(self.EXEMPT_PREFIXES):
            response.headers.setdefault("Content-Security-Policy", self.policy)
        return response
