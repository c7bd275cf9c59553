"""Wagtail hooks of the certificates app: the register and the audit-log actions."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.log_actions import LogFormatter

from certificates import issuing


class CertificateIssuedFormatter(LogFormatter):
    label = _("Certificate issued")

    def format_message(self, log_entry):
        return _("Certificate %(number)s issued") % {
            "number": (log_entry.data or {}).get("number", "")
        }


class CertificateReissuedFormatter(LogFormatter):
    label = _("Certificate re-issued")

    def format_message(self, log_entry):
        data = log_entry.data or {}
        return _("Certificate %(number)s issued, superseding %(previous)s") % {
            "number": data.get("number", ""),
            "previous": data.get("supersedes", ""),
        }


class CertificateRevokedFormatter(LogFormatter):
    label = _("Certificate revoked")

    def format_message(self, log_entry):
        data = log_entry.data or {}
        return _("Certificate %(number)s revoked: %(reason)s") % {
            "number": data.get("number", ""),
            "reason": data.get("reason", ""),
        }


class CertificateDownloadedFormatter(LogFormatter):
    label = _("Certificate PDF downloaded")

    def format_message(self, log_entry):
        return _("PDF of certificate %(number)s downloaded") % {
            "number": (log_entry.data or {}).get("number", "")
        }


@hooks.register("register_log_actions")
def register_certificate_log_actions(actions):
    actions.register_action(issuing.CERTIFICATE_ISSUED)(CertificateIssuedFormatter)
    actions.register_action(issuing.CERTIFICATE_REISSUED)(CertificateReissuedFormatter)
    actions.register_action(issuing.CERTIFICATE_REVOKED)(CertificateRevokedFormatter)
    actions.register_action(issuing.CERTIFICATE_DOWNLOADED)(CertificateDownloadedFormatter)


@hooks.register("register_admin_viewset")
def register_certificate_viewset():
    from certificates.admin_views import CertificatesViewSetGroup

    return CertificatesViewSetGroup()
