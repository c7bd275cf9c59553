"""Template tags through which the certificates app shows on pages of ``lms``.

``lms`` does not import ``certificates``; its templates load these tags instead
(as ``lms`` attaches to the curriculum through hooks and tags).
"""

from django import template

from certificates import eligibility

register = template.Library()


@register.inclusion_tag("certificates/_checklist.html")
def eligibility_checklist(enrolment, heading_id="", supervision=None):
    """The "Was fehlt noch?" checklist of one enrolment (a constant number of queries).

    ``supervision``: the enrolment's supervision status, where the page has it already.
    """
    return {
        "eligibility": eligibility.evaluate(enrolment, supervision=supervision),
        "heading_id": heading_id,
    }
