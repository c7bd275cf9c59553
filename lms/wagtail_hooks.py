from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from wagtail import hooks

from curriculum.models import LessonPage
from lms import access, audit, projects  # noqa: F401  (audit, projects: log actions)
from lms.privacy import wagtail_hooks as privacy_hooks  # noqa: F401  (data-protection admin)
from lms.reports import admin as reports_admin  # noqa: F401  (the reports' pages and menu items)


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


@hooks.register("register_admin_viewset")
def register_learning_viewsets():
    from lms.admin_viewsets import LearningViewSetGroup

    return LearningViewSetGroup()
