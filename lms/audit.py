"""Audit-trail actions of learning progress, written to Wagtail's log.

Progress events are logged against the :class:`~lms.models.Enrolment` (as
Wagtail ``ModelLogEntry`` rows), so an enrolment's history in the Wagtail
admin shows who completed, signed off or reopened which module and when. The
entry's ``data`` holds the module's id and title, so an entry stays readable
even after the module page is renamed or deleted.

The actions are registered with Wagtail through the ``register_log_actions``
hook below; ``lms/wagtail_hooks.py`` imports this module so that the hook is
known before Wagtail's log registry is first used.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.log_actions import LogFormatter

MODULE_COMPLETED = "kokoma.module_completed"
MODULE_REOPENED = "kokoma.module_reopened"
SIGN_OFF = "kokoma.sign_off"
SIGN_OFF_WITHDRAWN = "kokoma.sign_off_withdrawn"

# Why a completion was taken back (``data["reason"]`` of MODULE_REOPENED).
REASON_SIGN_OFF_WITHDRAWN = "sign_off_withdrawn"
REASON_LESSONS_OPEN = "lessons_open"
REASON_ATTENDANCE_MISSING = "attendance_missing"

REASON_LABELS = {
    REASON_SIGN_OFF_WITHDRAWN: _("the trainer's sign-off was withdrawn"),
    REASON_LESSONS_OPEN: _("not all lessons are done any more"),
    REASON_ATTENDANCE_MISSING: _("the required attendance is missing"),
}


def _module(log_entry) -> str:
    return (log_entry.data or {}).get("module", "")


class ModuleCompletedFormatter(LogFormatter):
    label = _("Module completed")

    def format_message(self, log_entry):
        data = log_entry.data or {}
        if data.get("source") == "sign_off":
            return _("Module “%(module)s” completed by the trainer's sign-off") % {
                "module": _module(log_entry)
            }
        return _("Module “%(module)s” completed (completion rule met)") % {
            "module": _module(log_entry)
        }


class ModuleReopenedFormatter(LogFormatter):
    label = _("Module completion reverted")

    def format_message(self, log_entry):
        reason = (log_entry.data or {}).get("reason", "")
        return _("Completion of module “%(module)s” reverted: %(reason)s") % {
            "module": _module(log_entry),
            "reason": REASON_LABELS.get(reason, reason),
        }


class SignOffFormatter(LogFormatter):
    label = _("Module signed off")

    def format_message(self, log_entry):
        note = (log_entry.data or {}).get("note", "")
        message = _("Module “%(module)s” signed off") % {"module": _module(log_entry)}
        return f"{message}: {note}" if note else message


class SignOffWithdrawnFormatter(LogFormatter):
    label = _("Sign-off withdrawn")

    def format_message(self, log_entry):
        return _("Sign-off of module “%(module)s” withdrawn") % {"module": _module(log_entry)}


@hooks.register("register_log_actions")
def register_progress_log_actions(actions):
    actions.register_action(MODULE_COMPLETED)(ModuleCompletedFormatter)
    actions.register_action(MODULE_REOPENED)(ModuleReopenedFormatter)
    actions.register_action(SIGN_OFF)(SignOffFormatter)
    actions.register_action(SIGN_OFF_WITHDRAWN)(SignOffWithdrawnFormatter)
