"""Template filters that clean stored HTML at the moment it is shown (``lms.sanitize``)."""

from django import template
from django.utils.safestring import mark_safe

from lms.sanitize import sanitize_embed, sanitize_html, sanitize_rich_text

register = template.Library()


@register.filter
def sanitized_rich_text(html) -> str:
    """Expanded Wagtail rich text, cleaned; used by ``wagtailcore/shared/richtext.html``."""
    return mark_safe(sanitize_rich_text(str(html)))  # noqa: S308 - cleaned just now


@register.filter
def sanitized_html(html) -> str:
    """HTML users submitted outside the editor (reflection answers), cleaned again on display."""
    return mark_safe(sanitize_html(str(html or "")))  # noqa: S308 - cleaned just now


@register.filter
def sanitized_embed(html) -> str:
    """An embed's provider HTML, cleaned; used by ``wagtailembeds/embed_frontend.html``."""
    return mark_safe(sanitize_embed(str(html or "")))  # noqa: S308 - cleaned just now
