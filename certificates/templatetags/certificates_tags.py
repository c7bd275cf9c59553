"""Template tags through which the certificates app shows on pages of ``lms``.

``lms`` does not import ``certificates``; its templates load these tags instead
(as ``lms`` attaches to the curriculum through hooks and tags).
"""

from django import template

from certificates import eligibility

register = template.Library()


@register.inclusion_tag("certificates/_checklist.html")
def eligibility_checklist(enrolment, heading_id="", supervision=None, path=None):
    """The "Was fehlt noch?" checklist of one enrolment (a constant number of queries).

    ``supervision``: the enrolment's supervision status, where the page has it already.
    ``path``: the enrolment's :class:`lms.progress.LearningPath` (the dashboard), whose
    modules, completions and attendance rows are loaded already.
    """
    if path is not None:
        result = eligibility.evaluate(
            enrolment,
            supervision=supervision,
            modules=[item.module for item in path.modules],
            completed=path.completed_at,
            attendance=path.attendance,
        )
    else:
        result = eligibility.evaluate(enrolment, supervision=supervision)
    return {"eligibility": result, "heading_id": heading_id}
