"""URLs of the attendance lists (German, stable paths: they are printed and bookmarked)."""

from django.urls import path

from lms.views import lists

urlpatterns = [
    path(
        "termine/<int:pk>/teilnahmeliste.pdf",
        lists.signature_list_pdf,
        name="session_signature_list_pdf",
    ),
    path(
        "termine/<int:pk>/teilnahmeliste.csv",
        lists.signature_list_csv,
        name="session_signature_list_csv",
    ),
    path("lernweg/termine/besucht/", lists.attended_sessions, name="attended_sessions"),
    path("lernweg/termine/besucht.csv", lists.attended_sessions_csv, name="attended_sessions_csv"),
]
