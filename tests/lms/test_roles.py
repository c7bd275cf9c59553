"""Roles, trainers' editing rights and the moderation workflow in the Wagtail admin."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Page, WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from curriculum.models import LessonPage
from lms.editors import editor_group_for
from lms.roles import WORKFLOW_NAME, Role
from tests import factories

pytestmark = pytest.mark.django_db


def test_role_groups_exist_after_migrate():
    names = set(Group.objects.values_list("name", flat=True))
    assert {"Teilnehmende", "Trainer:innen", "Supervisor:innen", "SPI-Verwaltung"} <= names


def test_moderation_workflow_is_assigned_to_root_and_approved_by_staff():
    root = Page.get_first_root_node()
    workflow = root.get_workflow()
    assert workflow.name == WORKFLOW_NAME
    task = workflow.tasks.get().specific
    assert list(task.groups.values_list("name", flat=True)) == [Role.STAFF.group_name]


def test_trainer_joins_editor_group_of_programme_when_assigned(programme, cohort):
    user = factories.UserFactory()
    cohort.trainers.add(user)
    group = editor_group_for(programme)
    assert list(group.user_set.all()) == [user]
    assert user.groups.filter(name=Role.TRAINER.group_name).exists()
    cohort.trainers.remove(user)
    assert list(editor_group_for(programme).user_set.all()) == []


def test_trainer_may_edit_own_programme_only(lesson, trainer, home):
    other_module = factories.make_module(
        factories.make_programme(home, title="Fremd", slug="fremd"), slug="m"
    )
    other_lesson = factories.make_lesson(other_module, slug="l")
    assert lesson.permissions_for_user(trainer).can_edit()
    assert not lesson.permissions_for_user(trainer).can_publish()
    assert not other_lesson.permissions_for_user(trainer).can_edit()


def edit_data(lesson, text):
    return nested_form_data(
        {
            "title": lesson.title,
            "slug": lesson.slug,
            "estimated_minutes": 45,
            "summary": "Neu zusammengefasst",
            "body": streamfield([("paragraph", rich_text(f"<p>{text}</p>"))]),
            "comments": inline_formset([]),
        }
    )


def test_trainer_edits_lesson_and_submits_it_staff_publishes(client, lesson, trainer, staff):
    client.force_login(trainer)
    edit_url = f"/admin/pages/{lesson.pk}/edit/"
    assert client.get(edit_url).status_code == 200

    data = edit_data(lesson, "Überarbeiteter Text der Trainerin")
    data["action-submit"] = "Submit"
    response = client.post(edit_url, data)
    assert response.status_code == 302

    lesson.refresh_from_db()
    state = WorkflowState.objects.get(base_content_type__model="page", object_id=str(lesson.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.requested_by == trainer
    assert lesson.has_unpublished_changes
    assert "Überarbeiteter Text" not in str(LessonPage.objects.get(pk=lesson.pk).body)

    # SPI staff approve the submitted revision, which publishes it.
    client.force_login(staff)
    task_state = state.current_task_state
    response = client.post(
        f"/admin/pages/workflow/action/{lesson.pk}/approve/{task_state.pk}/",
        {"comment": ""},
    )
    assert response.status_code in (200, 302)
    lesson.refresh_from_db()
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED
    assert "Überarbeiteter Text der Trainerin" in str(lesson.body)
    assert lesson.live and not lesson.has_unpublished_changes


def test_trainer_cannot_publish_directly(client, lesson, trainer):
    client.force_login(trainer)
    data = edit_data(lesson, "Direkt veröffentlichen?")
    data["action-publish"] = "Publish"
    client.post(f"/admin/pages/{lesson.pk}/edit/", data)
    lesson.refresh_from_db()
    assert "Direkt veröffentlichen?" not in str(lesson.body)


def test_trainee_has_no_admin_access(client, trainee, lesson):
    client.force_login(trainee)
    response = client.get(f"/admin/pages/{lesson.pk}/edit/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=/admin/")


def test_admin_login_goes_through_allauth(client, db):
    response = client.get("/admin/login/?next=/admin/pages/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/admin/pages/"


def test_trainer_may_upload_into_own_programme_collection_only(programme, trainer, other_trainer):
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.permissions import policy_registry

    for model in (get_document_model(), get_image_model()):
        policy = policy_registry.get_by_type(model)
        own = policy.collections_user_has_permission_for(trainer, "add")
        assert list(own) == [programme.materials_collection]
        assert programme.materials_collection not in policy.collections_user_has_permission_for(
            other_trainer, "add"
        )


# --- What the page frame asks about a person (one query, lms.models.users.PAGE_FACTS_SQL) ---


def fresh(user):
    """The person as the next request loads them (nothing remembered)."""
    return type(user).objects.get(pk=user.pk)


def page_facts(user):
    user = fresh(user)
    return user.is_spi_staff, user.trains_cohorts, user.can_access_admin


def test_page_facts_agree_with_groups_and_permissions(trainee, trainer, staff, superuser, cohort):
    supervisor = factories.UserFactory(roles=["Supervisor:innen"])
    cohort.supervisors.add(supervisor)
    for user in (trainee, trainer, staff, superuser, supervisor):
        fresh_user = fresh(user)
        assert page_facts(user) == (
            fresh_user.is_superuser or fresh_user.groups.filter(name="SPI-Verwaltung").exists(),
            fresh_user.trained_cohorts.exists(),
            fresh_user.has_perm("wagtailadmin.access_admin"),
        )
    assert page_facts(trainee) == (False, False, False)
    assert page_facts(trainer) == (False, True, True)
    assert page_facts(staff) == (True, False, True)
    assert page_facts(superuser) == (True, False, True)
    assert page_facts(supervisor) == (False, False, False)


def test_page_facts_admin_access_given_directly_or_through_any_group(db):
    from django.contrib.auth.models import Permission

    access_admin = Permission.objects.get(
        content_type__app_label="wagtailadmin", codename="access_admin"
    )
    direct = factories.UserFactory()
    direct.user_permissions.add(access_admin)
    editors = Group.objects.create(name="Redaktion Presse")
    editors.permissions.add(access_admin)
    member = factories.UserFactory()
    member.groups.add(editors)
    inactive = factories.UserFactory(roles=["SPI-Verwaltung"], is_active=False)

    assert page_facts(direct) == (False, False, True)
    assert page_facts(member) == (False, False, True)
    assert page_facts(inactive) == (False, False, False)
    assert fresh(direct).has_perm("wagtailadmin.access_admin")
    assert fresh(member).has_perm("wagtailadmin.access_admin")


def test_page_facts_are_one_query(django_assert_num_queries, staff):
    user = fresh(staff)
    with django_assert_num_queries(1):
        assert (user.is_spi_staff, user.trains_cohorts, user.can_access_admin) == (
            True,
            False,
            True,
        )


def test_userbar_for_people_who_may_use_the_admin_only(client, lesson, trainee, trainer, staff):
    for user, shown in ((trainee, False), (trainer, True), (staff, True)):
        client.force_login(user)
        html = client.get(lesson.url).content.decode()
        assert ('id="wagtail-userbar-template"' in html) is shown, user
