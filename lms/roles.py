"""The four roles of the platform, as Django groups, and what each may do.

The groups themselves are created by a migration (``0002_roles``); their
Wagtail permissions and the moderation workflow are (re)applied after every
``migrate`` by :func:`sync_roles_after_migrate`, because permission rows only
exist once all migrations have run.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    TRAINEE = "Teilnehmende", _("Trainees")
    TRAINER = "Trainer:innen", _("Trainers")
    SUPERVISOR = "Supervisor:innen", _("Supervisors")
    STAFF = "SPI-Verwaltung", _("SPI administration")

    @property
    def group_name(self) -> str:
        return self.value


WORKFLOW_NAME = "Freigabe durch SPI-Verwaltung"
WORKFLOW_TASK_NAME = "Prüfung und Veröffentlichung durch SPI-Verwaltung"

PAGE_PERMISSIONS_STAFF = [
    "add_page",
    "change_page",
    "publish_page",
    "bulk_delete_page",
    "lock_page",
    "unlock_page",
]
PAGE_PERMISSIONS_TRAINER = ["add_page", "change_page"]
COLLECTION_PERMISSIONS = [
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
]
STAFF_MODEL_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("lms", "add_cohort"),
    ("lms", "change_cohort"),
    ("lms", "delete_cohort"),
    ("lms", "view_cohort"),
    ("lms", "add_enrolment"),
    ("lms", "change_enrolment"),
    ("lms", "delete_enrolment"),
    ("lms", "view_enrolment"),
    ("lms", "add_municipality"),
    ("lms", "change_municipality"),
    ("lms", "view_municipality"),
    ("lms", "add_invitation"),
    ("lms", "view_invitation"),
    ("lms", "delete_invitation"),
    ("lms", "view_user"),
    ("lms", "change_user"),
    ("lms", "add_user"),
    ("lms", "add_session"),
    ("lms", "change_session"),
    ("lms", "delete_session"),
    ("lms", "view_session"),
    ("lms", "add_supervisiongroup"),
    ("lms", "change_supervisiongroup"),
    ("lms", "delete_supervisiongroup"),
    ("lms", "view_supervisiongroup"),
    ("content", "change_sitesettings"),
    ("certificates", "view_certificate"),
    ("certificates", "add_certificatetemplate"),
    ("certificates", "change_certificatetemplate"),
    ("certificates", "delete_certificatetemplate"),
    ("certificates", "view_certificatetemplate"),
    ("wagtailcore", "add_workflow"),
    ("wagtailcore", "change_workflow"),
    ("wagtailcore", "add_task"),
    ("wagtailcore", "change_task"),
]
TRAINER_MODEL_PERMISSIONS = [("wagtailadmin", "access_admin")]


def _permissions(pairs):
    from django.contrib.auth.models import Permission

    found = []
    for app_label, codename in pairs:
        permission = Permission.objects.filter(
            content_type__app_label=app_label, codename=codename
        ).first()
        if permission is not None:
            found.append(permission)
    return found


def sync_roles(root_page=None, root_collection=None):
    """Give each role group its permissions and install the moderation workflow.

    Idempotent: running it twice changes nothing.
    """
    from django.contrib.auth.models import Group, Permission
    from wagtail.models import (
        Collection,
        GroupApprovalTask,
        GroupCollectionPermission,
        GroupPagePermission,
        Page,
        Workflow,
        WorkflowPage,
        WorkflowTask,
    )

    groups = {role: Group.objects.get_or_create(name=role.group_name)[0] for role in Role}
    staff = groups[Role.STAFF]
    staff.permissions.add(*_permissions(STAFF_MODEL_PERMISSIONS))
    groups[Role.TRAINER].permissions.add(*_permissions(TRAINER_MODEL_PERMISSIONS))

    root_page = root_page or Page.get_first_root_node()
    root_collection = root_collection or Collection.get_first_root_node()
    if root_page is None or root_collection is None:
        return
    for codename in PAGE_PERMISSIONS_STAFF:
        permission = Permission.objects.get(
            content_type__app_label="wagtailcore", codename=codename
        )
        GroupPagePermission.objects.get_or_create(
            group=staff, page=root_page, permission=permission
        )
    for permission in _permissions(
        COLLECTION_PERMISSIONS
        + [("wagtaildocs", "delete_document"), ("wagtailimages", "delete_image")]
    ):
        GroupCollectionPermission.objects.get_or_create(
            group=staff, collection=root_collection, permission=permission
        )

    task = GroupApprovalTask.objects.filter(name=WORKFLOW_TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=WORKFLOW_TASK_NAME)
    task.groups.set([staff])
    workflow, _created = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowPage.objects.update_or_create(page=root_page, defaults={"workflow": workflow})


def sync_roles_after_migrate(sender, using="default", **kwargs):
    from django.apps import apps
    from django.db import connections

    # post_migrate is sent once per app; permissions of all apps exist only
    # after the last one.
    if sender.label != [a for a in apps.get_app_configs() if a.models_module][-1].label:
        return

    # Skip on a half-built schema (e.g. `migrate lms 0001`).
    tables = connections[using].introspection.table_names()
    if "wagtailcore_workflowpage" not in tables or "auth_group" not in tables:
        return
    sync_roles()


def programme_editor_group_name(programme) -> str:
    return f"Redaktion {programme.pk}: {programme.title}"[:150]
