"""URLs of the sessions screens (sessions and attendance)."""

urlpatterns = []
