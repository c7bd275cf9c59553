"""Factories for the session and attendance tests."""

from datetime import timedelta
from decimal import Decimal

import factory
from django.utils import timezone

from lms.models import Session, SessionKind, SupervisionGroup
from tests import factories


class SessionFactory(factory.django.DjangoModelFactory):
    """A four-UE workshop of a cohort that ran yesterday (3 hours)."""

    class Meta:
        model = Session
        skip_postgeneration_save = True

    kind = SessionKind.WORKSHOP
    title = factory.Sequence(lambda n: f"Präsenztermin {n}")
    starts_at = factory.LazyFunction(
        lambda: timezone.now().replace(microsecond=0) - timedelta(days=1)
    )
    ends_at = factory.LazyAttribute(lambda s: s.starts_at + timedelta(hours=3))
    place = "Rathaus, Saal 2"
    ue = Decimal("4")

    @factory.post_generation
    def facilitators(self, create, extracted, **kwargs):
        if create and extracted:
            self.facilitators.add(*extracted)

    @factory.post_generation
    def participants(self, create, extracted, **kwargs):
        if create and extracted:
            self.participants.add(*extracted)


class SupervisionGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SupervisionGroup
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Supervisionsgruppe {n}")
    supervisor = factory.LazyFunction(
        lambda: factories.verified(factories.UserFactory(roles=["Supervisor:innen"]))
    )

    @factory.post_generation
    def members(self, create, extracted, **kwargs):
        if create and extracted:
            self.members.add(*extracted)
