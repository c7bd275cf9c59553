"""The trainee's own certificates, for the dashboard of ``lms`` (which does not import us)."""

from django import template

from certificates import services

register = template.Library()


@register.simple_tag(takes_context=True)
def my_certificates(context):
    """``{% my_certificates as certificates %}``: the signed-in person's certificates."""
    return services.certificates_of(context["request"].user)
