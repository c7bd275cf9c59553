"""Two-factor authentication enforced for SPI-Verwaltung and superusers."""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _


def requires_mfa(user) -> bool:
    return bool(user.is_authenticated and user.is_spi_staff)


def has_mfa(user) -> bool:
    """Whether the person has set up an authenticator app (TOTP).

    Recovery codes alone do not count: they only exist next to an app.
    """
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


class RequireMFAMiddleware:
    """Sends staff without a second factor to set one up before anything else.

    Enforcement is on when ``KOKOMA_REQUIRE_MFA_FOR_STAFF`` is (production):
    SPI-Verwaltung members and superusers without a TOTP authenticator are sent
    to the activation page from every URL outside the account pages (which
    include the activation page itself, re-authentication, e-mail management
    and logout, so there is no redirect loop and nobody is locked in).
    Trainees, trainers and supervisors are never forced.

    The second factor is asked for by allauth's login; Wagtail's own login
    (password only) is replaced by it in ``lms/urls.py``.
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


class GermanFirstLocaleMiddleware:
    """German unless the person chose English with the language switch.

    Django's LocaleMiddleware would follow the browser's Accept-Language and
    mix English navigation with the German content; here only the language
    cookie set by the switch counts.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.utils import translation
        from django.utils.cache import patch_vary_headers

        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        patch_vary_headers(response, ("Cookie",))
        return response


class PrivacyNoticeMiddleware:
    """Sends a person to accept a newer privacy notice before anything else.

    Whether a newer version is pending is decided once at login
    (``lms.privacy.notice.remember_pending``) and kept in the session, so
    requests cost no query. Log-out, the accept page, the notice itself,
    static files and the language switch stay reachable.
    """

    EXEMPT_PREFIXES = ("/accounts/logout/", "/static/", "/media/", "/i18n/", "/favicon.ico")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from lms.privacy import notice

        pending = None
        if settings.SESSION_COOKIE_NAME in request.COOKIES and hasattr(request, "session"):
            pending = notice.pending_in_session(request)
        if pending and request.user.is_authenticated:
            accept_url = reverse("privacy_notice_accept")
            exempt = request.path.startswith(self.EXEMPT_PREFIXES) or request.path in (
                accept_url,
                pending.get("url") or accept_url,
            )
            if not exempt:
                return redirect(f"{accept_url}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)
