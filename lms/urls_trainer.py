"""URLs of the trainer screens (filled by the work on issue 3)."""

urlpatterns = []
