"""URLs of the Praxisprojekt: the trainee's page and the trainers' decision page."""

from django.urls import path

from lms.views import projects

urlpatterns = [
    path(
        "lernweg/praxisprojekt/<int:enrolment_pk>/",
        projects.praxisprojekt,
        name="praxisprojekt",
    ),
    path(
        "durchgaenge/<int:pk>/teilnehmende/<int:enrolment_pk>/praxisprojekt/",
        projects.praxisprojekt_review,
        name="praxisprojekt_review",
    ),
]
