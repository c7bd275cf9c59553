"""URLs of the enrolment screens (filled by the work on issue 3)."""

urlpatterns = []
