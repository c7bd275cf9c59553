"""URLs of the trainer screens: my cohorts, a cohort's progress, one trainee's progress."""

from django.urls import path

from lms.views import trainer

urlpatterns = [
    path("durchgaenge/betreuung/", trainer.my_cohorts, name="my_cohorts"),
    path(
        "durchgaenge/<int:pk>/fortschritt/",
        trainer.cohort_progress,
        name="cohort_progress",
    ),
    path(
        "durchgaenge/<int:pk>/fortschritt/csv/",
        trainer.cohort_progress_csv,
        name="cohort_progress_csv",
    ),
    path(
        "durchgaenge/<int:pk>/teilnehmende/<int:enrolment_pk>/",
        trainer.trainee_progress,
        name="trainee_progress",
    ),
    path(
        "durchgaenge/<int:pk>/teilnehmende/<int:enrolment_pk>/modul/<int:module_pk>/freigeben/",
        trainer.sign_off,
        name="sign_off_module",
    ),
    path(
        "durchgaenge/<int:pk>/teilnehmende/<int:enrolment_pk>/modul/<int:module_pk>/"
        "freigabe-zuruecknehmen/",
        trainer.withdraw_sign_off,
        name="withdraw_sign_off",
    ),
]
