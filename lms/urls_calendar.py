"""URLs of the calendar: .ics per session, the private feed and its settings page."""

from django.urls import path

from lms.views import calendar

urlpatterns = [
    path("termine/<int:pk>/ics/", calendar.session_ics, name="session_ics"),
    path("kalender/", calendar.calendar_settings, name="calendar_settings"),
    path("kalender/<str:token>.ics", calendar.calendar_feed, name="calendar_feed"),
]
