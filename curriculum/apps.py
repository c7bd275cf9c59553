from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CurriculumConfig(AppConfig):
    name = "curriculum"
    verbose_name = _("Curriculum")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from wagtail.models import Page, PageViewRestriction, Site, get_page_models
        from wagtail.signals import post_page_move

        from curriculum import tree_cache

        # A page saved (published, unpublished, renamed, moved: Wagtail saves the
        # moved page) or deleted, a site's root or host, a view restriction.
        tree_cache.watch(Page, *get_page_models(), Site, PageViewRestriction)
        # After a move Wagtail rewrites the descendants' URL paths with update().
        post_page_move.connect(tree_cache.tree_changed, dispatch_uid="kokoma-tree-page-move")
