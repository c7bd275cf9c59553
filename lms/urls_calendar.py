"""URLs of the calendar screens (sessions and attendance)."""

urlpatterns = []
