"""The audit entries (Wagtail log entries) about a person, a cohort or a certificate."""

from itertools import chain

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from wagtail.models import ModelLogEntry, PageLogEntry

from lms.models import Cohort, Enrolment, ErasureRequest, Session
from lms.privacy import registry

LIMIT = 500


def _about(model, ids) -> Q:
    ids = [str(pk) for pk in ids]
    if not ids:
        return Q(pk__in=[])
    return Q(content_type=ContentType.objects.get_for_model(model), object_id__in=ids)


def _certificate_model():
    from django.apps import apps

    return apps.get_model("certificates", "Certificate")


def entries_for_person(user) -> list:
    """Entries by the person or about their account, enrolments, certificates and requests."""
    condition = registry._log_entry_filter(user) | _about(
        ErasureRequest, ErasureRequest.objects.filter(user=user).values_list("pk", flat=True)
    )
    model_entries = ModelLogEntry.objects.filter(condition)
    page_entries = PageLogEntry.objects.filter(user=user)
    return _merged(model_entries, page_entries)


def entries_for_cohort(cohort: Cohort) -> list:
    enrolment_ids = Enrolment.objects.filter(cohort=cohort).values_list("pk", flat=True)
    condition = (
        _about(Cohort, [cohort.pk])
        | _about(Enrolment, enrolment_ids)
        | _about(Session, Session.objects.filter(cohort=cohort).values_list("pk", flat=True))
        | _about(
            _certificate_model(),
            _certificate_model()
            .objects.filter(enrolment__cohort=cohort)
            .values_list("pk", flat=True),
        )
    )
    return _merged(ModelLogEntry.objects.filter(condition), PageLogEntry.objects.none())


def entries_for_certificate(certificate) -> list:
    return _merged(
        ModelLogEntry.objects.filter(_about(_certificate_model(), [certificate.pk])),
        PageLogEntry.objects.none(),
    )


def _merged(model_entries, page_entries) -> list:
    model_entries = model_entries.select_related("user", "content_type").order_by(
        "-timestamp", "-pk"
    )[:LIMIT]
    page_entries = page_entries.select_related("user", "page").order_by("-timestamp", "-pk")[:LIMIT]
    merged = sorted(
        chain(model_entries, page_entries), key=lambda entry: entry.timestamp, reverse=True
    )
    return merged[:LIMIT]
