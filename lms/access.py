"""Who may read what: the one place for the access rules of learning content.

Programme and module pages are public (the qualification is advertised).
Lessons and the materials attached to them are for people with an admitted
or completed enrolment in a cohort of the programme, the cohort's trainers and
SPI staff. Every view and Wagtail's page and document serving call these
functions (see ``lms/wagtail_hooks.py``).
"""

from django.contrib.contenttypes.models import ContentType
from wagtail.models import Page, ReferenceIndex

from curriculum.models import LessonPage, ProgrammePage
from lms.models import Cohort, Enrolment, EnrolmentStatus
from lms.rows import select_with_related


def active_enrolments_of(user) -> list[Enrolment]:
    """The person's admitted or completed enrolments with their cohorts, newest first.

    Remembered on the user (``request.user`` is loaded once per request): the
    lesson page's access check and its progress read the same query.
    """
    if not user.is_authenticated or not user.is_active:
        return []
    cached = getattr(user, "_kokoma_active_enrolments", None)
    if cached is None:
        # Enrolment.objects.active().filter(user=user).select_related("cohort")
        # .order_by("-created_at", "-pk"), with its SQL built once (lms.rows).
        cached = select_with_related(
            Enrolment,
            "cohort",
            {"user_id": user.pk, "status": list(EnrolmentStatus.granting_access())},
            order_by=("-created_at", "-pk"),
        )
        user._kokoma_active_enrolments = cached
    return cached


def trained_programme_ids(user) -> frozenset[int]:
    """Ids of the programmes of the cohorts ``user`` trains (remembered on the user)."""
    if not user.is_authenticated or not user.is_active:
        return frozenset()
    cached = getattr(user, "_kokoma_trained_programme_ids", None)
    if cached is None:
        cached = frozenset(Cohort.objects.for_trainer(user).values_list("programme_id", flat=True))
        user._kokoma_trained_programme_ids = cached
    return cached


def can_view_programme_content(user, programme_id: int | None) -> bool:
    """SPI staff; people with an admitted or completed enrolment in a cohort of the
    programme; the trainers of its cohorts (the rule of
    :meth:`~lms.models.CohortQuerySet.granting_content_access_to`).

    Asked in that order, so that a trainee costs one query, which the lesson's
    progress then reuses (:func:`active_enrolments_of`).
    """
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_spi_staff:
        return True
    if programme_id is None:
        return False
    if any(e.cohort.programme_id == programme_id for e in active_enrolments_of(user)):
        return True
    return programme_id in trained_programme_ids(user)


def _loaded_programme(page) -> ProgrammePage | None:
    """The programme among the parents already loaded on ``page`` (no query).

    Wagtail's routing loads every page on the way to the served one and caches
    each as the next one's parent, so a served lesson knows its programme.
    """
    node = page
    while node is not None:
        if isinstance(node, ProgrammePage):
            return node
        node = node.__dict__.get("_cached_parent_obj")
    return None


def programme_of(page) -> ProgrammePage | None:
    """The programme of ``page``, cached on it: the serve hook and the page share it."""
    if "_kokoma_programme" not in page.__dict__:
        page._kokoma_programme = (
            _loaded_programme(page)
            or ProgrammePage.objects.ancestor_of(page, inclusive=True).first()
        )
    return page._kokoma_programme


def can_view_lesson(user, lesson: LessonPage) -> bool:
    programme = programme_of(lesson)
    return can_view_programme_content(user, programme.pk if programme else None)


def restricted_programme_ids_of_document(document) -> set[int]:
    """Programmes a document belongs to; an empty set means it is public.

    A document belongs to a programme when it lies in the programme's
    materials collection, or when a lesson of the programme uses it.
    """
    programme_ids = set(
        ProgrammePage.objects.filter(
            materials_collection__in=document.collection.get_ancestors(inclusive=True)
        ).values_list("pk", flat=True)
    )
    page_type = ContentType.objects.get_for_model(Page)
    referencing_page_ids = (
        ReferenceIndex.get_references_to(document)
        .filter(base_content_type=page_type)
        .values_list("object_id", flat=True)
    )
    lessons = LessonPage.objects.filter(pk__in=[int(pk) for pk in referencing_page_ids])
    for lesson in lessons:
        programme = programme_of(lesson)
        if programme is not None:
            programme_ids.add(programme.pk)
    return programme_ids


def can_view_document(user, document) -> bool:
    programme_ids = restricted_programme_ids_of_document(document)
    if not programme_ids:
        return True
    return any(can_view_programme_content(user, pk) for pk in programme_ids)
