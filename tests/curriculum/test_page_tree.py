"""Page type rules: lessons only under modules, modules only under programmes."""

import pytest
from django.core.exceptions import ValidationError

from content.models import HomePage, StandardPage, TransferModelIndexPage, TransferModelPage
from curriculum.models import LessonPage, ModulePage, ProgrammePage, ue_to_clock_hours
from tests import factories

pytestmark = pytest.mark.django_db


def test_lessons_only_under_modules():
    assert LessonPage.allowed_parent_page_models() == [ModulePage]
    assert LessonPage.allowed_subpage_models() == []


def test_modules_only_under_programmes():
    assert ModulePage.allowed_parent_page_models() == [ProgrammePage]
    assert ModulePage.allowed_subpage_models() == [LessonPage]


def test_programmes_only_under_home_and_hold_only_modules():
    assert ProgrammePage.allowed_parent_page_models() == [HomePage]
    assert ProgrammePage.allowed_subpage_models() == [ModulePage]


def test_transfer_models_only_under_their_index():
    assert TransferModelPage.allowed_parent_page_models() == [TransferModelIndexPage]


def test_lesson_cannot_be_created_under_programme(programme, module, lesson):
    assert not LessonPage.can_create_at(programme)
    assert LessonPage.can_create_at(module)
    assert not ModulePage.can_create_at(module)
    assert not ModulePage.can_create_at(lesson)
    assert ModulePage.can_create_at(programme)


def test_standard_page_cannot_hold_lessons(home):
    page = home.add_child(instance=StandardPage(title="Impressum"))
    assert not LessonPage.can_create_at(page)
    assert not ModulePage.can_create_at(page)


def test_module_prerequisite_must_be_in_same_programme(home, programme):
    first = factories.make_module(programme, number="1", title="Auftakt")
    second = factories.make_module(programme, number="2", title="Konflikttheorie", slug="zwei")
    other = factories.make_module(
        factories.make_programme(home, title="Anderes", slug="anderes"), number="1"
    )
    second.prerequisites.set([first])
    second.full_clean()  # same programme: fine

    second.prerequisites.set([other])
    with pytest.raises(ValidationError) as excinfo:
        second.full_clean()
    assert "prerequisites" in excinfo.value.message_dict

    second.prerequisites.set([second])
    with pytest.raises(ValidationError):
        second.full_clean()


def test_ue_to_clock_hours():
    assert str(ue_to_clock_hours(86)) == "64.50"
    assert str(ue_to_clock_hours(8)) == "6.00"
    assert str(ue_to_clock_hours(0)) == "0.00"


def test_programme_lists_live_modules_in_tree_order(programme):
    factories.make_module(programme, number="1", title="Auftakt", slug="a")
    factories.make_module(programme, number="2", title="Theorie", slug="b")
    draft = factories.make_module(programme, number="3", title="Entwurf", slug="c")
    draft.unpublish()
    assert [m.number for m in programme.modules()] == ["1", "2"]
