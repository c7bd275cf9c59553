"""URLs of the trainee's learning screens."""

from django.urls import path

from lms.views import learning

urlpatterns = [
    path("lernweg/", learning.dashboard, name="dashboard"),
    path(
        "lernweg/lerneinheit/<int:lesson_id>/erledigt/",
        learning.lesson_mark_done,
        name="lesson_mark_done",
    ),
    path(
        "lernweg/lerneinheit/<int:lesson_id>/erledigt/zuruecknehmen/",
        learning.lesson_undo_done,
        name="lesson_undo_done",
    ),
    path(
        "lernweg/lerneinheit/<int:lesson_id>/wissenscheck/<str:block_id>/",
        learning.lesson_quiz_submit,
        name="lesson_quiz_submit",
    ),
    path(
        "lernweg/lerneinheit/<int:lesson_id>/reflexion/<str:block_id>/",
        learning.lesson_reflection_save,
        name="lesson_reflection_save",
    ),
]
