"""URL of the cohort's certificate requirements (under the trainer screens' addresses)."""

from django.urls import path

from certificates import views_eligibility

urlpatterns = [
    path(
        "durchgaenge/<int:pk>/zertifikatsvoraussetzungen/",
        views_eligibility.cohort_eligibility,
        name="cohort_eligibility",
    ),
]
