from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificatesConfig(AppConfig):
    name = "certificates"
    verbose_name = _("Certificates")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from wagtail.permissions import register_permission_policy

        from certificates.models import Certificate
        from certificates.permissions import ReadOnlyPermissionPolicy

        register_permission_policy(Certificate, ReadOnlyPermissionPolicy(Certificate))
