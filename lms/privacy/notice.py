"""Privacy-notice versions: who accepted which, and asking again after a new one.

At login (``user_logged_in``, see ``lms/models/privacy.py``) the session notes
whether a newer version than the person's last accepted one is in force;
``lms.middleware.PrivacyNoticeMiddleware`` then sends them to the accept page
until they accept. Per request this costs nothing beyond the session.
"""

from django.db import transaction
from django.utils import timezone

from lms.models import Consent, PrivacyNoticeVersion

SESSION_KEY = "kokoma_privacy_notice_pending"


def current_version():
    return PrivacyNoticeVersion.objects.current()


def has_accepted(user, version) -> bool:
    return Consent.objects.filter(
        user=user, kind=Consent.Kind.PRIVACY_NOTICE, text_version=version.version
    ).exists()


def pending_version(user):
    """The version in force if ``user`` has not accepted it yet, else None."""
    version = current_version()
    if version is None or has_accepted(user, version):
        return None
    return version


def remember_pending(request, user) -> None:
    version = pending_version(user)
    if version is None:
        request.session.pop(SESSION_KEY, None)
    else:
        request.session[SESSION_KEY] = {"version": version.version, "url": version.url}


def pending_in_session(request) -> dict | None:
    return request.session.get(SESSION_KEY) or None


def accept(user, version, request=None) -> Consent:
    """Record that ``user`` accepted ``version`` of the privacy notice."""
    with transaction.atomic():
        consent = Consent.objects.create(
            user=user,
            kind=Consent.Kind.PRIVACY_NOTICE,
            text_version=version.version,
            given_at=timezone.now(),
        )
    if request is not None:
        request.session.pop(SESSION_KEY, None)
    return consent
