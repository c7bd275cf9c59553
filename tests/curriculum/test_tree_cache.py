"""What pages cache from the page tree (curriculum.tree_cache) follows every editor's change:
the lesson page's previous/next links, the site's navigation and footer, and
whether Wagtail's view restrictions must be asked for."""

import re
import time

import pytest
from django.core.cache import cache
from wagtail.models import PageViewRestriction, Site

from content.models import SiteSettings, StandardPage
from curriculum import tree_cache
from curriculum.models import LessonPage
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def lessons(module):
    return [
        factories.make_lesson(module, title=f"Lerneinheit {n}", slug=f"le-{n}") for n in (1, 2, 3)
    ]


def lesson_nav(client, lesson):
    """The lesson's position line and its previous/next navigation."""
    response = client.get(LessonPage.objects.get(pk=lesson.pk).url)
    assert response.status_code == 200
    html = response.content.decode()
    position = re.search(r'<p class="kern-preline">(.*?)</p>', html).group(1)
    nav = re.search(r'<nav class="lesson-nav".*?</nav>', html, re.S).group(0)
    return position, nav


def link(lesson, rel):
    lesson = LessonPage.objects.get(pk=lesson.pk)
    if rel == "prev":
        return f'<a class="kern-link" href="{lesson.url}" rel="prev">← {lesson.title}</a>'
    return f'<a class="kern-link" href="{lesson.url}" rel="next">{lesson.title} →</a>'


@pytest.fixture
def reader(client, trainee):
    client.force_login(trainee)
    return client


def test_lesson_links_show_the_neighbours_in_order(reader, lessons):
    position, nav = lesson_nav(reader, lessons[1])
    assert position == "Modul 1 · Lerneinheit 2 von 3"
    assert link(lessons[0], "prev") in nav and link(lessons[2], "next") in nav
    position, nav = lesson_nav(reader, lessons[0])
    assert position == "Modul 1 · Lerneinheit 1 von 3"
    assert 'rel="prev"' not in nav and link(lessons[1], "next") in nav


def test_lesson_links_follow_a_new_lesson(reader, lessons, module):
    assert 'rel="next"' not in lesson_nav(reader, lessons[2])[1]
    new = factories.make_lesson(module, title="Neue Lerneinheit", slug="neu")
    position, nav = lesson_nav(reader, lessons[2])
    assert position == "Modul 1 · Lerneinheit 3 von 4"
    assert link(new, "next") in nav


def test_lesson_links_follow_unpublishing_and_publishing(reader, lessons):
    assert link(lessons[2], "next") in lesson_nav(reader, lessons[1])[1]
    lessons[2].unpublish()
    position, nav = lesson_nav(reader, lessons[1])
    assert position == "Modul 1 · Lerneinheit 2 von 2"
    assert 'rel="next"' not in nav
    lessons[2].save_revision().publish()
    assert link(lessons[2], "next") in lesson_nav(reader, lessons[1])[1]


def test_lesson_links_show_a_new_title_once_published_not_as_a_draft(reader, lessons):
    assert link(lessons[2], "next") in lesson_nav(reader, lessons[1])[1]
    lessons[2].title = "Entwurfstitel"
    revision = lessons[2].save_revision()
    nav = lesson_nav(reader, lessons[1])[1]
    assert "Lerneinheit 3 →" in nav and "Entwurfstitel" not in nav
    revision.publish()
    assert "Entwurfstitel →" in lesson_nav(reader, lessons[1])[1]


def test_lesson_links_follow_reordering(reader, lessons):
    assert 'rel="prev"' not in lesson_nav(reader, lessons[0])[1]
    lessons[2].move(lessons[0], pos="left")  # the admin's drag and drop: 3, 1, 2
    position, nav = lesson_nav(reader, lessons[0])
    assert position == "Modul 1 · Lerneinheit 2 von 3"
    assert link(lessons[2], "prev") in nav and link(lessons[1], "next") in nav


def test_lesson_links_follow_a_move_to_another_module(reader, lessons, programme):
    other = factories.make_module(programme, number="2", title="Anderes Modul", slug="anderes")
    assert link(lessons[2], "next") in lesson_nav(reader, lessons[1])[1]
    lessons[2].move(other, pos="last-child")
    assert 'rel="next"' not in lesson_nav(reader, lessons[1])[1]
    assert lesson_nav(reader, lessons[2])[0] == "Modul 2 · Lerneinheit 1 von 1"


def test_lesson_links_follow_deletion(reader, lessons):
    assert link(lessons[2], "next") in lesson_nav(reader, lessons[1])[1]
    lessons[2].delete()
    position, nav = lesson_nav(reader, lessons[1])
    assert position == "Modul 1 · Lerneinheit 2 von 2"
    assert 'rel="next"' not in nav


def test_lesson_links_follow_a_new_module_slug(reader, lessons, module):
    old_url = LessonPage.objects.get(pk=lessons[2].pk).url
    assert f'href="{old_url}"' in lesson_nav(reader, lessons[1])[1]
    module.slug = "neuer-pfad"
    module.save_revision().publish()
    new_url = LessonPage.objects.get(pk=lessons[2].pk).url
    assert "/neuer-pfad/" in new_url
    nav = lesson_nav(reader, lessons[1])[1]
    assert f'href="{new_url}"' in nav and f'href="{old_url}"' not in nav


@pytest.fixture
def legal_page(home):
    page = home.add_child(instance=StandardPage(title="Impressum", intro="Angaben"))
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.main_navigation = [("link", {"page": page, "label": ""})]
    settings.footer_text = "Stiftung SPI"
    settings.save()
    return page


def test_navigation_follows_the_site_settings(client, legal_page):
    assert "Stiftung SPI" in client.get("/").content.decode()
    settings = SiteSettings.objects.get()
    settings.footer_text = "Neuer Fußtext"
    settings.main_navigation = [("link", {"page": legal_page, "label": "Rechtliches"})]
    settings.save()
    html = client.get("/").content.decode()
    assert "Neuer Fußtext" in html and "Stiftung SPI" not in html
    assert f'<a class="kern-link" href="{legal_page.url}">Rechtliches</a>' in html


def test_navigation_follows_the_linked_page(client, legal_page):
    assert f'href="{legal_page.url}">Impressum</a>' in client.get("/").content.decode()
    legal_page.title = "Impressum und Kontakt"
    legal_page.save_revision().publish()
    assert f'href="{legal_page.url}">Impressum und Kontakt</a>' in client.get("/").content.decode()
    legal_page.unpublish()
    assert "Impressum und Kontakt" not in client.get("/").content.decode()


def test_navigation_marks_the_current_page(client, legal_page):
    html = client.get(legal_page.url).content.decode()
    assert f'href="{legal_page.url}" aria-current="page">Impressum</a>' in html
    html = client.get("/").content.decode()
    assert f'href="{legal_page.url}">Impressum</a>' in html


def test_view_restriction_added_and_removed_later_applies(client, legal_page):
    assert "Angaben" in client.get(legal_page.url).content.decode()  # cached: none exist
    restriction = PageViewRestriction.objects.create(
        page=legal_page, restriction_type=PageViewRestriction.PASSWORD, password="geheim"
    )
    response = client.get(legal_page.url)
    assert response.status_code == 200
    assert "Angaben" not in response.content.decode()
    assert 'name="password"' in response.content.decode()
    restriction.delete()
    assert "Angaben" in client.get(legal_page.url).content.decode()


def test_view_restriction_on_an_ancestor_applies(client, programme, home):
    assert client.get(programme.url).status_code == 200
    PageViewRestriction.objects.create(page=home, restriction_type=PageViewRestriction.LOGIN)
    response = client.get(programme.url)
    assert response.status_code == 302 and "login" in response["Location"]


def test_deleting_the_restricted_page_clears_the_restriction(client, legal_page, home):
    page = home.add_child(instance=StandardPage(title="Intern", intro="x"))
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    assert tree_cache.view_restrictions_exist()
    page.delete()  # its restriction goes with it (cascade)
    assert not tree_cache.view_restrictions_exist()


def test_value_stored_after_a_change_but_before_its_commit_is_not_used(
    django_capture_on_commit_callbacks,
):
    computed = []

    def compute():
        computed.append(len(computed) + 1)
        return computed[-1]

    assert tree_cache.cached("test", compute) == 1
    assert tree_cache.cached("test", compute) == 1  # from the cache
    with django_capture_on_commit_callbacks(execute=True):
        tree_cache.tree_changed()
        # Another request read the database before this commit and stores what it saw.
        stale = (cache.get(tree_cache.TOKEN_KEY), "from before the commit")
        cache.set(tree_cache._key("test"), stale)
        assert tree_cache.cached("test", compute) == "from before the commit"
    assert tree_cache.cached("test", compute) == 2  # the commit dropped it


def test_lost_token_means_a_new_tree():
    computed = []
    tree_cache.cached("test", lambda: computed.append(1))
    cache.delete(tree_cache.TOKEN_KEY)  # evicted, or Redis restarted
    tree_cache.cached("test", lambda: computed.append(2))
    assert computed == [1, 2]


@pytest.mark.parametrize("change", ["site", "settings", "restriction"])
def test_changes_beside_pages_change_the_token(change, home):
    tree_cache.cached("test", lambda: None)
    token = cache.get(tree_cache.TOKEN_KEY)
    site = Site.objects.get(is_default_site=True)
    if change == "site":
        site.hostname = "kokoma.example.org"
        site.save()
    elif change == "settings":
        SiteSettings.objects.update_or_create(site=site, defaults={"contact_email": "a@b.de"})
    else:
        PageViewRestriction.objects.create(page=home, restriction_type=PageViewRestriction.LOGIN)
    assert cache.get(tree_cache.TOKEN_KEY) != token


@pytest.mark.parametrize("production", [True, False])
def test_values_of_a_process_local_cache_expire_soon_in_production(production, settings):
    """In production without a shared cache (no REDIS_URL) the other workers never
    see a new token: their values must not outlive LOCAL_TIMEOUT."""
    settings.PRODUCTION = production
    before = time.time()
    tree_cache.cached("test", lambda: "value")
    expires = cache._expire_info[cache.make_and_validate_key(tree_cache._key("test"))]
    if production:
        assert expires <= before + tree_cache.LOCAL_TIMEOUT + 1
    else:
        assert expires >= before + tree_cache.TIMEOUT
