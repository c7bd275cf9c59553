"""Factories for the enrolment tests: municipalities, open cohorts, applications."""

import factory
from django.utils import timezone

from lms.models import (
    Enrolment,
    EnrolmentStatus,
    FederalState,
    Function,
    Municipality,
    MunicipalityKind,
)
from tests import factories


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality

    name = factory.Sequence(lambda n: f"Kommune {n}")
    kind = MunicipalityKind.TOWN
    federal_state = FederalState.TH
    pfd_name = factory.LazyAttribute(lambda m: f"Partnerschaft für Demokratie {m.name}")


def open_cohort(programme, **kwargs):
    """A cohort open for applications (no deadline, no capacity unless given)."""
    kwargs.setdefault("enrolment_open", True)
    return factories.CohortFactory(programme=programme, **kwargs)


def person(**kwargs):
    """A verified trainee account."""
    return factories.verified(factories.UserFactory(roles=["Teilnehmende"], **kwargs))


class ApplicationFactory(factory.django.DjangoModelFactory):
    """An enrolment in the state ``applied`` (or the ``status`` given)."""

    class Meta:
        model = Enrolment

    user = factory.LazyFunction(person)
    status = EnrolmentStatus.APPLIED
    municipality = factory.SubFactory(MunicipalityFactory)
    function = Function.ADMINISTRATION
    organisation = "Stadtverwaltung, Amt für Bürgerbeteiligung"
    waitlisted_at = factory.LazyAttribute(
        lambda enrolment: timezone.now() if enrolment.status == EnrolmentStatus.WAITLISTED else None
    )
