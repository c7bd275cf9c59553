"""URLs of the lists screens (sessions and attendance)."""

urlpatterns = []
