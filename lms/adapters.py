"""allauth adapter: e-mails speak of the platform by its name, not the host name."""

from dataclasses import dataclass
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings


@dataclass(frozen=True)
class PlatformSite:
    name: str
    domain: str


def platform_site() -> PlatformSite:
    return PlatformSite(
        name=settings.WAGTAIL_SITE_NAME,
        domain=urlsplit(settings.WAGTAILADMIN_BASE_URL).netloc or "localhost",
    )


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        super().send_mail(template_prefix, email, {"current_site": platform_site(), **context})
