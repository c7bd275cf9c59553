from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContentConfig(AppConfig):
    name = "content"
    verbose_name = _("Content pages")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from content.models import SiteSettings
        from curriculum import tree_cache

        # The navigation and footer are cached with the page tree (content/templatetags).
        tree_cache.watch(SiteSettings)
