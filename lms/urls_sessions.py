"""URLs of the session screens (German, stable paths: QR codes and e-mails point here)."""

from django.urls import path

from lms.views import sessions

urlpatterns = [
    path("termine/", sessions.session_list, name="session_list"),
    path("termine/<int:pk>/", sessions.session_detail, name="session_detail"),
    path("termine/<int:pk>/anwesenheit/", sessions.session_record, name="session_record"),
    path("termine/<int:pk>/check-in/", sessions.session_checkin_code, name="session_checkin_code"),
    path("termine/<int:pk>/einchecken/", sessions.session_checkin, name="session_checkin"),
]
