"""Two-factor authentication enforced for SPI-Verwaltung and superusers."""

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _


def requires_mfa(user) -> bool:
    return bool(user.is_authenticated and user.is_spi_staff)


def has_mfa(user) -> bool:
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


class RequireMFAMiddleware:
    """Sends staff without a second factor to set one up before anything else.

    Only active when ``KOKOMA_REQUIRE_MFA_FOR_STAFF`` is on (production).
    The account pages (to set up TOTP, log out) and static files stay reachable.
    """

    EXEMPT_PREFIXES = ("/accounts/", "/static/", "/i18n/", "/favicon.ico")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            getattr(settings, "KOKOMA_REQUIRE_MFA_FOR_STAFF", False)
            and not request.path.startswith(self.EXEMPT_PREFIXES)
            and requires_mfa(request.user)
            and not has_mfa(request.user)
        ):
            messages.warning(
                request,
                _(
                    "Your role requires two-factor authentication. "
                    "Please set up an authenticator app to continue."
                ),
            )
            return redirect(reverse("mfa_activate_totp"))
        return self.get_response(request)
