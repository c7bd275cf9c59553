"""factory_boy factories and a small page-tree builder shared by the tests."""

import factory
from django.contrib.auth.models import Group
from wagtail.models import Page, Site

from content.models import HomePage
from curriculum.models import LessonPage, ModuleFormat, ModulePage, ProgrammePage
from lms.models import Cohort, Enrolment, EnrolmentStatus, User
from lms.roles import Role

PASSWORD = "test-passwort-123"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    first_name = factory.Faker("first_name", locale="de_DE")
    last_name = factory.Faker("last_name", locale="de_DE")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        for role in extracted or []:
            self.groups.add(Group.objects.get(name=Role(role).group_name))
        if create:
            self.save()


def verified(user):
    """Mark the user's e-mail address as verified for allauth."""
    from allauth.account.models import EmailAddress

    EmailAddress.objects.update_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )
    return user


def make_home() -> HomePage:
    """The site's home page in place of Wagtail's welcome page."""
    root = Page.get_first_root_node()
    home = HomePage.objects.first()
    if home is None:
        home = root.add_child(
            instance=HomePage(title="Startseite", slug="start", intro="<p>Hallo</p>")
        )
        site = Site.objects.get(is_default_site=True)
        site.root_page = home
        site.save()
    return home


def make_programme(home=None, title="Qualifizierung Konfliktmanagement", **kwargs) -> ProgrammePage:
    home = home or make_home()
    page = ProgrammePage(title=title, intro="<p>Einführung</p>", total_ue=86, **kwargs)
    home.add_child(instance=page)
    return page


def make_module(programme, number="1", title="Konflikttheorie", **kwargs) -> ModulePage:
    kwargs.setdefault("summary", "Worum es geht")
    kwargs.setdefault("ue", 8)
    kwargs.setdefault("format", ModuleFormat.IN_PERSON)
    page = ModulePage(title=title, number=number, **kwargs)
    programme.add_child(instance=page)
    return page


def make_lesson(module, title="Eskalationsstufen nach Glasl", body=None, **kwargs) -> LessonPage:
    page = LessonPage(
        title=title,
        estimated_minutes=30,
        body=body
        if body is not None
        else [("paragraph", "<p>Geheimer Lerninhalt der Lerneinheit.</p>")],
        **kwargs,
    )
    module.add_child(instance=page)
    return page


class CohortFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cohort
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Durchgang {n}")

    @factory.post_generation
    def trainers(self, create, extracted, **kwargs):
        if create and extracted:
            self.trainers.add(*extracted)


class EnrolmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enrolment

    user = factory.SubFactory(UserFactory)
    status = EnrolmentStatus.ADMITTED
