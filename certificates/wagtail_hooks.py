"""Wagtail hooks of the certificates app: the register, the templates and the audit-log actions."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import UpdatedAtColumn
from wagtail.log_actions import LogFormatter
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from certificates import issuing
from certificates.models import CertificateTemplate


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


class CertificateTemplateViewSet(SnippetViewSet):
    """The templates of the documents, for SPI staff (model permissions, see lms.roles)."""

    model = CertificateTemplate
    icon = "doc-full-inverse"
    menu_label = _("Certificate templates")
    menu_order = 220
    add_to_admin_menu = True
    list_display = ["name", "kind", "is_default", "title", UpdatedAtColumn()]
    list_filter = ["kind", "is_default"]
    search_fields = ["name", "title"]


certificate_template_viewset = CertificateTemplateViewSet()
register_snippet(certificate_template_viewset)


@hooks.register("before_delete_snippet")
def keep_default_templates(request, instances):
    """A kind's default template cannot be deleted: every kind keeps exactly one default."""
    defaults = [
        instance
        for instance in instances
        if isinstance(instance, CertificateTemplate) and instance.is_default
    ]
    if not defaults:
        return None
    messages.error(
        request,
        _(
            "%(names)s is the default template of its kind and cannot be deleted. "
            "Make another template the default first."
        )
        % {"names": ", ".join(str(template) for template in defaults)},
    )
    return redirect(certificate_template_viewset.get_url_name("list"))
