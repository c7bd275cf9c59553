"""The platform addresses people formally: allauth's informal German ("du")
is replaced by locale_overrides/de (see scripts/check-formal-german.py)."""

import html
import importlib.util
import re
from pathlib import Path

import polib
import pytest
from django.core import mail
from django.core.cache import cache
from django.utils import translation

from tests import factories

ROOT = Path(__file__).resolve().parents[2]


def load_checker():
    spec = importlib.util.spec_from_file_location(
        "check_formal_german", ROOT / "scripts" / "check-formal-german.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


checker = load_checker()


def visible_text(response) -> str:
    """Text nodes plus the attributes people see or hear (placeholder, labels)."""
    page = response.content.decode()
    page = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", page)
    attributes = re.findall(r'(?:placeholder|aria-label|title|alt)="([^"]*)"', page)
    text = re.sub(r"<[^>]+>", " ", page)
    return html.unescape(re.sub(r"\s+", " ", " ".join([text, *attributes])))


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


# --- The catalogues --------------------------------------------------------------------


def test_no_informal_german_left_in_the_catalogues():
    problems, _warnings, missing = checker.find_problems()
    assert missing == []
    assert problems == []


def test_the_check_would_notice_a_missing_override(tmp_path):
    """Guards against a checker that passes vacuously (e.g. a broken regex)."""
    informal = checker.informal_allauth_entries()
    assert len(informal) >= 50  # allauth 65.21: 60 informal strings
    empty = tmp_path / "django.po"
    polib.POFile().save(str(empty))
    problems, _warnings, missing = checker.find_problems(overrides_po=empty)
    assert len(missing) == len(informal)
    assert problems


@pytest.mark.parametrize(
    ("text", "informal"),
    [
        ("Bitte gib dein aktuelles Passwort ein.", True),
        ("Zu viele Anmeldeversuche. Bitte versuche es später erneut.", True),
        ("Versuche es später erneut.", True),
        ("Lass Dir bitte eine neue Bestätigungs-Mail schicken.", True),
        ("Du hast dich abgemeldet.", True),
        ("Bitte habe Geduld.", True),
        ("Bitte geben Sie Ihr aktuelles Passwort ein.", False),
        ("Ich habe meine Wiederherstellungscodes gespeichert", False),
        ("Die App lässt sich deinstallieren.", False),
        ("In der Folge wird mit einem Klick bestätigt.", False),
        ("Nutzer:innen und Teilnehmende melden sich an.", False),
    ],
)
def test_informal_detection(text, informal):
    assert checker.is_informal(text) is informal


def test_overrides_win_at_runtime():
    """The compiled .mo is in place and locale_overrides beats allauth's catalogue."""
    overrides = [e for e in polib.pofile(str(checker.OVERRIDES)) if e.msgid]
    with translation.override("de"):
        for entry in overrides:
            if entry.msgctxt:
                shown = translation.pgettext(entry.msgctxt, entry.msgid)
            else:
                shown = translation.gettext(entry.msgid)
            assert shown == entry.msgstr, entry.msgid
        assert translation.gettext("Too many failed login attempts. Try again later.") == (
            "Zu viele fehlgeschlagene Anmeldeversuche. Bitte versuchen Sie es später erneut."
        )


# --- The pages and mails people see -------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "formal_phrase"),
    [
        (
            "/accounts/login/",
            "Falls Sie noch kein Konto haben, registrieren Sie sich bitte zuerst.",
        ),
        (
            "/accounts/password/reset/",
            "Passwort vergessen? Geben Sie unten Ihre E-Mail-Adresse ein. "
            "Wir senden Ihnen dann eine E-Mail, mit der Sie Ihr Passwort zurücksetzen können.",
        ),
    ],
)
def test_account_pages_address_people_formally(client, home, url, formal_phrase):
    response = client.get(url)
    assert response.status_code == 200
    text = visible_text(response)
    assert formal_phrase in text
    assert not checker.INFORMAL_WORDS.search(text), checker.INFORMAL_WORDS.search(text)
    assert not checker.INFORMAL_IMPERATIVE.search(text), checker.INFORMAL_IMPERATIVE.search(text)


@pytest.mark.django_db
def test_password_reset_mail_addresses_people_formally(client, home):
    factories.verified(factories.UserFactory(email="ada@example.org"))
    response = client.post("/accounts/password/reset/", {"email": "ada@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    assert "Sie erhalten diese E-Mail, weil Sie oder eine andere Person" in body
    assert "Vielen Dank, dass Sie" in body
    assert not checker.is_informal(body), body
