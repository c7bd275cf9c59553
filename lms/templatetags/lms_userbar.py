"""Wagtail's user bar for the people who may use the admin, asked without loading permissions."""

from django import template
from wagtail.admin.templatetags.wagtailuserbar import get_page_instance
from wagtail.admin.userbar import Userbar

register = template.Library()


@register.simple_tag(takes_context=True)
def userbar(context, position="bottom-right"):
    """``{% wagtailuserbar %}`` with its permission check answered by
    :attr:`lms.models.User.can_access_admin` (one query shared with the page
    frame) instead of ``has_perm``, which loads every permission of the person
    (two queries on every page, make bench). Trainees, most visitors, never see it.
    """
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not getattr(user, "can_access_admin", False):
        return ""
    return Userbar(object=get_page_instance(context), position=position).render_html(context)
