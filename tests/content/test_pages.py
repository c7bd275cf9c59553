"""Content pages render with the site's navigation, footer and skip link."""

import pytest
from wagtail.models import Site

from content.models import SiteSettings, StandardPage, TransferModelIndexPage, TransferModelPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def legal_pages(home):
    impressum = home.add_child(
        instance=StandardPage(title="Impressum", intro="Angaben gemäß § 5 DDG")
    )
    privacy = home.add_child(instance=StandardPage(title="Datenschutzerklärung"))
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.main_navigation = [("link", {"page": privacy, "label": "Datenschutz"})]
    settings.footer_navigation = [
        ("link", {"page": impressum, "label": ""}),
        ("link", {"page": privacy, "label": ""}),
    ]
    settings.funding_notice = "Gefördert vom BMFSFJ im Rahmen von »Demokratie leben!«"
    settings.save()
    return impressum, privacy


def test_home_page_shows_programmes_and_skip_link(client, programme):
    html = client.get("/").content.decode()
    assert programme.title in html
    assert 'href="#main"' in html and 'id="main"' in html
    assert '<html lang="de"' in html


def test_footer_and_navigation_come_from_site_settings(client, legal_pages):
    impressum, privacy = legal_pages
    html = client.get(impressum.url).content.decode()
    assert f'<a class="kern-link" href="{impressum.url}">Impressum</a>' in html
    assert f'<a class="kern-link" href="{privacy.url}">Datenschutzerklärung</a>' in html
    assert f'href="{privacy.url}">Datenschutz</a>' in html  # label from settings
    assert "Gefördert vom BMFSFJ" in html


def test_unpublished_page_is_left_out_of_navigation(client, legal_pages, home):
    impressum, privacy = legal_pages
    privacy.unpublish()
    html = client.get(impressum.url).content.decode()
    assert "Datenschutzerklärung" not in html


def test_transfer_model_pages_render(client, home):
    index = home.add_child(instance=TransferModelIndexPage(title="Modelle für den Transfer"))
    model = index.add_child(
        instance=TransferModelPage(
            title="Runder Tisch Jugendzentrum",
            municipality="Musterstadt",
            summary="Ein Dialogformat zwischen Jugendlichen und Nachbarschaft.",
            starting_point="<p>Beschwerden über Lärm</p>",
            procedure="<p>Moderierte Dialogabende</p>",
        )
    )
    listing = client.get(index.url).content.decode()
    assert "Runder Tisch Jugendzentrum" in listing and "Musterstadt" in listing
    detail = client.get(model.url).content.decode()
    assert "Moderierte Dialogabende" in detail


def test_pages_request_nothing_from_other_hosts(client, programme, legal_pages):
    html = client.get("/").content.decode()
    for marker in ("https://", "http://", "//fonts.", "gravatar"):
        assert marker not in html.replace('xmlns="http://www.w3.org/2000/svg"', "")
