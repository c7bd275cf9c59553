"""URLs of the trainee's learning screens."""

from django.urls import path

from lms.views import learning

urlpatterns = [
    path("lernweg/", learning.dashboard, name="dashboard"),
]
