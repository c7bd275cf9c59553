"""URLs of the enrolment screens (German, stable paths: they appear in e-mails)."""

from django.urls import path

from lms.views import enrolment

urlpatterns = [
    path("durchgaenge/", enrolment.cohort_list, name="cohort_list"),
    path("durchgaenge/<int:pk>/bewerben/", enrolment.apply, name="cohort_apply"),
    path(
        "lernweg/anmeldungen/<int:pk>/zurueckziehen/",
        enrolment.withdraw,
        name="enrolment_withdraw",
    ),
    path("einladung/<str:token>/", enrolment.accept_invitation, name="invitation_accept"),
]
