"""Trainers edit the curriculum of the programmes they teach.

Each programme gets a Wagtail group ("Redaktion <id>: <title>") with page
permissions on the programme's subtree and image/document permissions on its
materials collection. Its members are the trainers of the programme's cohorts;
they can create and edit pages there and submit them to the moderation
workflow, and SPI-Verwaltung publishes.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import GroupCollectionPermission, GroupPagePermission

from lms.roles import COLLECTION_PERMISSIONS, PAGE_PERMISSIONS_TRAINER, Role


def editor_group_for(programme) -> Group:
    prefix = f"Redaktion {programme.pk}:"
    name = f"{prefix} {programme.title}"[:150]
    group = Group.objects.filter(name__startswith=prefix).first()
    if group is None:
        group = Group.objects.create(name=name)
    elif group.name != name:
        group.name = name
        group.save(update_fields=["name"])
    for codename in PAGE_PERMISSIONS_TRAINER:
        GroupPagePermission.objects.get_or_create(
            group=group,
            page=programme,
            permission=Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            ),
        )
    if programme.materials_collection_id:
        for app_label, codename in COLLECTION_PERMISSIONS:
            GroupCollectionPermission.objects.get_or_create(
                group=group,
                collection_id=programme.materials_collection_id,
                permission=Permission.objects.get(
                    content_type__app_label=app_label, codename=codename
                ),
            )
    return group


@transaction.atomic
def sync_programme_editors(programme) -> Group:
    """Make the programme's editor group hold exactly the trainers of its cohorts."""
    User = get_user_model()
    group = editor_group_for(programme)
    trainers = list(User.objects.filter(trained_cohorts__programme=programme).distinct())
    group.user_set.set(trainers)
    trainer_role = Group.objects.get(name=Role.TRAINER.group_name)
    trainer_role.user_set.add(*trainers)
    return group
