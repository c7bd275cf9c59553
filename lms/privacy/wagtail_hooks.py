"""Data protection in the Wagtail admin: a "Data protection" menu for SPI staff and the
log actions of erasure requests. Imported by ``lms/wagtail_hooks.py``."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.log_actions import LogFormatter
from wagtail.permissions import register_permission_policy

from lms.models import PrivacyNoticeVersion
from lms.privacy import admin_views, erasure

register_permission_policy(
    PrivacyNoticeVersion, admin_views.StaffPermissionPolicy(PrivacyNoticeVersion)
)
privacy_notice_viewset = admin_views.PrivacyNoticeVersionViewSet("privacy_notice_versions")


@hooks.register("register_admin_viewset")
def register_privacy_notice_viewset():
    return privacy_notice_viewset


@hooks.register("register_admin_urls")
def register_privacy_urls():
    return [
        path(
            "datenschutz/verzeichnis/",
            admin_views.records_of_processing,
            name="privacy_records",
        ),
        path(
            "datenschutz/loeschantraege/", admin_views.erasure_index, name="privacy_erasure_index"
        ),
        path(
            "datenschutz/loeschantraege/<int:pk>/",
            admin_views.erasure_detail,
            name="privacy_erasure_detail",
        ),
        path("datenschutz/protokoll/", admin_views.audit_entries, name="privacy_audit"),
    ]


class StaffMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.is_spi_staff


class StaffSubmenuMenuItem(SubmenuMenuItem):
    def is_shown(self, request):
        return request.user.is_spi_staff


@hooks.register("register_admin_menu_item")
def register_privacy_menu():
    menu = Menu(
        items=[
            StaffMenuItem(
                _("Erasure requests"), reverse("privacy_erasure_index"), icon_name="bin", order=10
            ),
            StaffMenuItem(
                _("Records of processing"),
                reverse("privacy_records"),
                icon_name="list-ul",
                order=20,
            ),
            StaffMenuItem(_("Audit log"), reverse("privacy_audit"), icon_name="history", order=30),
            StaffMenuItem(
                _("Privacy notice versions"),
                reverse(privacy_notice_viewset.get_url_name("index")),
                icon_name="doc-full",
                order=40,
            ),
        ]
    )
    return StaffSubmenuMenuItem(
        _("Data protection"), menu, icon_name="lock", name="data-protection", order=900
    )


class ErasureRequestedFormatter(LogFormatter):
    label = _("Erasure requested")

    def format_message(self, log_entry):
        return _("The person asked for the erasure of their data")


class ErasureDoneFormatter(LogFormatter):
    label = _("Erasure carried out")

    def format_message(self, log_entry):
        return _("Erasure confirmed and carried out")


class ErasureRejectedFormatter(LogFormatter):
    label = _("Erasure rejected")

    def format_message(self, log_entry):
        return _("Erasure rejected: %(note)s") % {"note": (log_entry.data or {}).get("note", "")}


class LegalHoldFormatter(LogFormatter):
    label = _("Legal hold changed")

    def format_message(self, log_entry):
        data = log_entry.data or {}
        if data.get("hold"):
            return _("Legal hold set: %(reason)s") % {"reason": data.get("reason", "")}
        return _("Legal hold lifted")


@hooks.register("register_log_actions")
def register_privacy_log_actions(actions):
    actions.register_action(erasure.ERASURE_REQUESTED)(ErasureRequestedFormatter)
    actions.register_action(erasure.ERASURE_DONE)(ErasureDoneFormatter)
    actions.register_action(erasure.ERASURE_REJECTED)(ErasureRejectedFormatter)
    actions.register_action(erasure.LEGAL_HOLD_CHANGED)(LegalHoldFormatter)
