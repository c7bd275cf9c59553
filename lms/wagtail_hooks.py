from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from curriculum.models import LessonPage
from lms import access
from lms.models import Cohort, Enrolment


def _deny(request):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    raise PermissionDenied


@hooks.register("before_serve_page")
def restrict_lessons(page, request, serve_args, serve_kwargs):
    if isinstance(page.specific_deferred, LessonPage) and not access.can_view_lesson(
        request.user, page
    ):
        return _deny(request)
    return None


@hooks.register("before_serve_document")
def restrict_documents(document, request):
    if not access.can_view_document(request.user, document):
        return _deny(request)
    return None


class CohortViewSet(ModelViewSet):
    model = Cohort
    icon = "group"
    menu_label = _("Cohorts")
    list_display = ["name", "programme", "start_date", "end_date"]
    list_filter = ["programme"]
    search_fields = ["name"]
    form_fields = ["programme", "name", "start_date", "end_date", "trainers", "supervisors"]
    list_export = ["name", "programme", "start_date", "end_date"]


class EnrolmentViewSet(ModelViewSet):
    model = Enrolment
    icon = "user"
    menu_label = _("Enrolments")
    list_display = ["user", "cohort", "status", "created_at"]
    list_filter = ["status", "cohort"]
    search_fields = ["user__email", "user__last_name"]
    form_fields = ["user", "cohort", "status"]
    list_export = ["user", "cohort", "status", "created_at"]


class LearningViewSetGroup(ModelViewSetGroup):
    menu_label = _("Qualification")
    menu_icon = "group"
    menu_order = 200
    items = (CohortViewSet("cohorts"), EnrolmentViewSet("enrolments"))


@hooks.register("register_admin_viewset")
def register_learning_viewsets():
    return LearningViewSetGroup()
