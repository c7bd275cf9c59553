import pytest
from django.conf import settings
from django.core.cache import cache
from django.utils import translation

from tests import factories


@pytest.fixture(autouse=True)
def active_language(request):
    """Every test starts in the site's default language and leaves none behind.

    A request switches the thread's language (the middleware activates it and
    nothing switches it back), so without this a test saw whatever language
    the previous test's last request left. A test (or module) that asserts
    text translated outside a request names the language it expects with
    ``@pytest.mark.language("de")`` (or ``translation.override``).
    """
    marker = request.node.get_closest_marker("language")
    translation.activate(marker.args[0] if marker else settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def empty_cache():
    """Every test starts with an empty cache.

    The database rolls back after each test, the cache does not: what one test
    cached from its page tree (``curriculum.tree_cache``: navigation, a module's
    lessons) would otherwise be read by the next, whose tree reuses the ids.
    """
    cache.clear()
    yield


@pytest.fixture
def home(db):
    return factories.make_home()


@pytest.fixture
def programme(home):
    return factories.make_programme(home)


@pytest.fixture
def module(programme):
    return factories.make_module(programme)


@pytest.fixture
def lesson(module):
    return factories.make_lesson(module)


@pytest.fixture
def cohort(programme):
    return factories.CohortFactory(programme=programme)


@pytest.fixture
def trainee(cohort):
    """A trainee admitted to ``cohort``."""
    user = factories.verified(factories.UserFactory(roles=["Teilnehmende"]))
    factories.EnrolmentFactory(user=user, cohort=cohort)
    return user


@pytest.fixture
def other_trainee(home):
    """A trainee admitted to a cohort of another programme."""
    other_programme = factories.make_programme(home, title="Anderes Programm", slug="anderes")
    other_cohort = factories.CohortFactory(programme=other_programme)
    user = factories.verified(factories.UserFactory(roles=["Teilnehmende"]))
    factories.EnrolmentFactory(user=user, cohort=other_cohort)
    return user


@pytest.fixture
def trainer(cohort):
    user = factories.verified(factories.UserFactory(roles=["Trainer:innen"]))
    cohort.trainers.add(user)
    return user


@pytest.fixture
def other_trainer(home):
    other_programme = factories.make_programme(home, title="Drittes Programm", slug="drittes")
    user = factories.verified(factories.UserFactory(roles=["Trainer:innen"]))
    factories.CohortFactory(programme=other_programme).trainers.add(user)
    return user


@pytest.fixture
def staff(db):
    return factories.verified(factories.UserFactory(roles=["SPI-Verwaltung"]))


@pytest.fixture
def superuser(db):
    return factories.verified(
        factories.UserFactory(is_superuser=True, is_staff=True, email="admin@example.org")
    )
