from django.db import migrations

ROLE_GROUPS = ["Teilnehmende", "Trainer:innen", "Supervisor:innen", "SPI-Verwaltung"]


def create_role_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name in ROLE_GROUPS:
        Group.objects.get_or_create(name=name)


def remove_role_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLE_GROUPS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("lms", "0002_cohort_enrolment"),
    ]

    # Permissions and the moderation workflow are attached after migrate by
    # lms.roles.sync_roles (permission rows exist only after all migrations).
    operations = [migrations.RunPython(create_role_groups, remove_role_groups)]
