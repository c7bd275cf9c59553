"""German first, English second."""

import pytest
from django.conf import settings
from django.utils import formats, translation

pytestmark = pytest.mark.django_db


def test_language_default_is_german(client, home):
    response = client.get("/")
    assert response.headers["Content-Language"] == "de"
    html = response.content.decode()
    assert '<html lang="de"' in html
    assert "Zum Inhalt springen" in html
    assert "Anmelden" in html


def test_language_switch_to_english_and_back(client, home):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    html = client.get("/").content.decode()
    assert '<html lang="en"' in html
    assert "Skip to content" in html
    client.post("/i18n/setlang/", {"language": "de", "next": "/"})
    assert "Zum Inhalt springen" in client.get("/").content.decode()


def test_english_browser_still_gets_german_until_switching(client, home):
    html = client.get("/", headers={"accept-language": "en-US,en"}).content.decode()
    assert '<html lang="de"' in html
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    html = client.get("/", headers={"accept-language": "en-US,en"}).content.decode()
    assert '<html lang="en"' in html


def test_dates_and_numbers_in_german_format():
    import datetime
    from decimal import Decimal

    with translation.override("de"):
        assert formats.date_format(datetime.date(2026, 3, 5)) == "5. März 2026"
        assert formats.date_format(datetime.date(2026, 3, 5), "SHORT_DATE_FORMAT") == "05.03.2026"
        assert formats.number_format(Decimal("64.50"), 2) == "64,50"


def test_settings_are_german_first():
    assert settings.LANGUAGE_CODE == "de"
    assert [code for code, _name in settings.LANGUAGES] == ["de", "en"]
    assert settings.TIME_ZONE == "Europe/Berlin"


def test_wagtail_admin_is_german_by_default(client, staff):
    client.force_login(staff)
    html = client.get("/admin/").content.decode()
    assert 'lang="de"' in html
    assert "Seiten" in html


def test_german_catalogue_is_complete():
    """Every message of ours has a German translation (no empty or fuzzy entries)."""
    import polib

    catalogue = polib.pofile(str(settings.BASE_DIR / "locale" / "de" / "LC_MESSAGES" / "django.po"))
    missing = [entry.msgid for entry in catalogue.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]
    assert missing == []
    assert fuzzy == []
    assert len(catalogue.translated_entries()) > 50
