"""The enrolment screens: cohort list, application form, withdrawal, invitation link."""

import datetime
import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from content.models import StandardPage
from lms import enrolment as service
from lms.models import Consent, Enrolment, EnrolmentStatus, Function, Invitation, User
from tests import factories
from tests.lms.enrolment_factories import (
    ApplicationFactory,
    MunicipalityFactory,
    open_cohort,
    person,
)

pytestmark = pytest.mark.django_db

S = EnrolmentStatus


@pytest.fixture
def municipality(db):
    return MunicipalityFactory(name="Erfurt")


@pytest.fixture
def cohort(programme):
    return open_cohort(
        programme,
        name="Durchgang Thüringen 2026",
        capacity=2,
        start_date=datetime.date(2027, 3, 1),
        places="Erfurt",
    )


@pytest.fixture
def applicant(db):
    return person(first_name="Erika", last_name="Muster", email="erika@example.org")


def apply_url(cohort):
    return f"/durchgaenge/{cohort.pk}/bewerben/"


def form_data(place, **overrides):
    data = {
        "municipality": place.pk,
        "function": Function.CIVIL_SOCIETY,
        "organisation": "Bürgerverein Altstadt",
        "motivation": "Wir wollen Konflikte früh bearbeiten.",
        "privacy_consent": "on",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


# --- Cohort list ----------------------------------------------------------------------------------


def test_cohort_list_anonymous_sees_open_cohorts_with_login_link(client, cohort, programme):
    open_cohort(programme, name="Geschlossener Durchgang", enrolment_open=False)
    open_cohort(
        programme,
        name="Abgelaufener Durchgang",
        enrolment_deadline=timezone.localdate() - datetime.timedelta(days=1),
    )
    response = client.get("/durchgaenge/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Durchgang Thüringen 2026" in html
    assert "Geschlossener Durchgang" not in html
    assert "Abgelaufener Durchgang" not in html
    assert f'href="/accounts/login/?next=/durchgaenge/{cohort.pk}/bewerben/"' in html
    assert "2 von 2" in html


def test_cohort_list_trainee_sees_own_enrolments_and_apply_button(client, cohort, programme):
    other = open_cohort(programme, name="Zweiter Durchgang")
    enrolment = ApplicationFactory(cohort=cohort)
    client.force_login(enrolment.user)
    html = client.get("/durchgaenge/").content.decode()
    assert "Meine Bewerbungen und Anmeldungen" in html
    assert f'href="/lernweg/anmeldungen/{enrolment.pk}/zurueckziehen/"' in html
    assert f'href="/durchgaenge/{cohort.pk}/bewerben/"' not in html
    assert f'href="/durchgaenge/{other.pk}/bewerben/"' in html
    assert "Ihr Status:" in html


def test_cohort_list_full_cohort_has_no_apply_button(client, cohort, applicant):
    ApplicationFactory.create_batch(2, cohort=cohort, status=S.ADMITTED)
    client.force_login(applicant)
    html = client.get("/durchgaenge/").content.decode()
    assert "Alle Plätze sind vergeben." in html
    assert f'href="/durchgaenge/{cohort.pk}/bewerben/"' not in html


def test_cohort_list_query_count_is_constant(
    client, programme, applicant, django_assert_num_queries
):
    def make_cohort():
        cohort = open_cohort(programme, capacity=5)
        cohort.municipalities.add(MunicipalityFactory())
        ApplicationFactory(cohort=cohort, status=S.ADMITTED)
        return cohort

    ApplicationFactory(cohort=make_cohort(), user=applicant)
    client.force_login(applicant)
    client.get("/durchgaenge/")  # warm up session and site caches
    with CaptureQueriesContext(connection) as one_cohort:
        client.get("/durchgaenge/")
    for _ in range(3):
        ApplicationFactory(cohort=make_cohort(), user=applicant)
    with django_assert_num_queries(len(one_cohort.captured_queries)):
        response = client.get("/durchgaenge/")
    html = response.content.decode()
    assert html.count('<section class="kern-card"') == 4  # open cohorts
    assert html.count('<div class="kern-card kern-card--small">') == 4  # own enrolments


# --- Applying -------------------------------------------------------------------------------------


def test_apply_anonymous_is_sent_to_login(client, cohort):
    response = client.get(apply_url(cohort))
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next=/durchgaenge/{cohort.pk}/bewerben/"


def test_apply_unknown_cohort_is_404(client, applicant):
    client.force_login(applicant)
    assert client.get("/durchgaenge/999999/bewerben/").status_code == 404
    assert client.post("/durchgaenge/999999/bewerben/", {}).status_code == 404
    assert Enrolment.objects.count() == 0


def test_apply_form_lists_only_accepted_municipalities_and_links_privacy(
    client, cohort, applicant, municipality, home
):
    home.add_child(instance=StandardPage(title="Datenschutzerklärung", slug="datenschutz"))
    other = MunicipalityFactory(name="Bamberg")
    cohort.municipalities.add(municipality)
    client.force_login(applicant)
    response = client.get(apply_url(cohort))
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<option value="{municipality.pk}">Erfurt</option>' in html
    assert f'value="{other.pk}"' not in html
    assert 'href="/datenschutz/" target="_blank" rel="noopener">Datenschutzerklärung' in html
    assert "Zivilgesellschaft" in html


def test_apply_valid_post_creates_application(
    client, cohort, applicant, municipality, django_capture_on_commit_callbacks
):
    client.force_login(applicant)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(apply_url(cohort), form_data(municipality))
    assert response.status_code == 302
    assert response["Location"] == "/durchgaenge/"
    enrolment = Enrolment.objects.get(user=applicant, cohort=cohort)
    assert enrolment.status == S.APPLIED
    assert enrolment.organisation == "Bürgerverein Altstadt"
    assert enrolment.function == Function.CIVIL_SOCIETY
    consent = Consent.objects.get(enrolment=enrolment)
    assert consent.text_version == service.PRIVACY_NOTICE_VERSION
    assert [m.to for m in mail.outbox] == [["erika@example.org"]]
    html = client.get(response["Location"]).content.decode()
    assert "Vielen Dank, Ihre Bewerbung für „Durchgang Thüringen 2026“ ist eingegangen." in html


def test_apply_missing_fields_redisplays_with_data_and_german_errors(
    client, cohort, applicant, municipality
):
    client.force_login(applicant)
    response = client.post(
        apply_url(cohort),
        form_data(municipality, municipality=None, function=None, privacy_consent=None),
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="Bürgerverein Altstadt"' in html
    assert "Wir wollen Konflikte früh bearbeiten." in html
    assert "Bitte wählen Sie Ihre Kommune aus." in html
    assert "Bitte wählen Sie Ihre Funktion aus." in html
    assert "Bitte stimmen Sie der Datenschutzerklärung zu, um fortzufahren." in html
    assert Enrolment.objects.count() == 0
    assert Consent.objects.count() == 0


def test_apply_forged_municipality_outside_cohort_is_refused(
    client, cohort, applicant, municipality
):
    cohort.municipalities.add(MunicipalityFactory(name="Bamberg"))
    client.force_login(applicant)
    response = client.post(apply_url(cohort), form_data(municipality))
    assert response.status_code == 200
    assert (
        "Bitte eine gültige Auswahl treffen. Dies ist keine gültige Auswahl."
        in response.content.decode()
    )
    assert Enrolment.objects.count() == 0


def test_apply_forged_function_is_refused(client, cohort, applicant, municipality):
    client.force_login(applicant)
    response = client.post(apply_url(cohort), form_data(municipality, function="mayor"))
    assert response.status_code == 200
    assert (
        "Bitte eine gültige Auswahl treffen. mayor ist keine gültige Auswahl."
        in response.content.decode()
    )
    assert Enrolment.objects.count() == 0


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            {"enrolment_open": False},
            "Der Durchgang „Durchgang Thüringen 2026“ nimmt keine Bewerbungen an.",
        ),
        (
            {"enrolment_deadline": datetime.date(2020, 1, 31)},
            "Die Bewerbungsfrist für „Durchgang Thüringen 2026“ ist abgelaufen.",
        ),
    ],
)
def test_apply_closed_window_shows_message_and_stores_nothing(
    client, cohort, applicant, municipality, change, message
):
    for field, value in change.items():
        setattr(cohort, field, value)
    cohort.save()
    client.force_login(applicant)
    response = client.get(apply_url(cohort))
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert '<form method="post" action="/durchgaenge/' not in html
    response = client.post(apply_url(cohort), form_data(municipality))
    assert message in response.content.decode()
    assert Enrolment.objects.count() == 0
    assert mail.outbox == []


def test_apply_full_cohort_shows_message_and_stores_nothing(
    client, cohort, applicant, municipality
):
    ApplicationFactory.create_batch(2, cohort=cohort, status=S.ADMITTED)
    client.force_login(applicant)
    response = client.post(apply_url(cohort), form_data(municipality))
    assert response.status_code == 200
    assert (
        "Der Durchgang „Durchgang Thüringen 2026“ ist ausgebucht: alle 2 Plätze sind vergeben."
        in response.content.decode()
    )
    assert not Enrolment.objects.filter(user=applicant).exists()


def test_apply_twice_shows_status_and_changes_nothing(client, cohort, municipality):
    existing = ApplicationFactory(cohort=cohort, status=S.WAITLISTED, organisation="Alt")
    client.force_login(existing.user)
    response = client.post(apply_url(cohort), form_data(municipality))
    assert (
        "Sie haben bereits eine Anmeldung für „Durchgang Thüringen 2026“ (Status: Warteliste)."
        in response.content.decode()
    )
    existing.refresh_from_db()
    assert existing.status == S.WAITLISTED
    assert existing.organisation == "Alt"
    assert Enrolment.objects.count() == 1


def test_apply_get_only_and_post(client, cohort, applicant):
    client.force_login(applicant)
    assert client.put(apply_url(cohort)).status_code == 405


# --- Withdrawing ----------------------------------------------------------------------------------


def withdraw_url(enrolment):
    return f"/lernweg/anmeldungen/{enrolment.pk}/zurueckziehen/"


def test_withdraw_shows_confirmation_then_withdraws(
    client, cohort, django_capture_on_commit_callbacks
):
    enrolment = ApplicationFactory(cohort=cohort, status=S.ADMITTED)
    client.force_login(enrolment.user)
    response = client.get(withdraw_url(enrolment))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Anmeldung zurückziehen" in html
    assert "Ihr Platz geht an die nächste Person auf der Warteliste." in html
    enrolment.refresh_from_db()
    assert enrolment.status == S.ADMITTED  # GET changes nothing

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(withdraw_url(enrolment))
    assert response.status_code == 302
    assert response["Location"] == "/durchgaenge/"
    enrolment.refresh_from_db()
    assert enrolment.status == S.WITHDRAWN
    assert enrolment.events.get().actor == enrolment.user
    assert len(mail.outbox) == 1


@pytest.mark.parametrize("who", ["other_trainee", "trainer", "staff"])
def test_withdraw_someone_elses_enrolment_is_404(client, cohort, who, request):
    enrolment = ApplicationFactory(cohort=cohort, status=S.ADMITTED)
    client.force_login(request.getfixturevalue(who))
    assert client.get(withdraw_url(enrolment)).status_code == 404
    assert client.post(withdraw_url(enrolment)).status_code == 404
    enrolment.refresh_from_db()
    assert enrolment.status == S.ADMITTED
    assert enrolment.events.count() == 0


def test_withdraw_anonymous_is_sent_to_login(client, cohort):
    enrolment = ApplicationFactory(cohort=cohort)
    response = client.post(withdraw_url(enrolment))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")
    enrolment.refresh_from_db()
    assert enrolment.status == S.APPLIED


def test_withdraw_completed_is_refused_with_message(client, cohort):
    enrolment = ApplicationFactory(cohort=cohort, status=S.COMPLETED)
    client.force_login(enrolment.user)
    html = client.get(withdraw_url(enrolment)).content.decode()
    assert "Diese Anmeldung kann nicht mehr zurückgezogen werden." in html
    response = client.post(withdraw_url(enrolment), follow=True)
    assert (
        "Eine Anmeldung mit dem Status „Abgeschlossen“ kann nicht in „Zurückgezogen“ geändert"
        in response.content.decode()
    )
    enrolment.refresh_from_db()
    assert enrolment.status == S.COMPLETED


# --- Invitations ----------------------------------------------------------------------------------


@pytest.fixture
def invitation(cohort, staff, municipality):
    return Invitation.objects.create(
        email="neu@example.org",
        cohort=cohort,
        municipality=municipality,
        function=Function.POLITICS,
        organisation="Kreistag",
        invited_by=staff,
        expires_at=timezone.now() + datetime.timedelta(days=30),
    )


def invitation_url(invitation):
    return f"/einladung/{invitation.token}/"


def test_invitation_unknown_token_is_404(client, db):
    assert client.get("/einladung/gibt-es-nicht/").status_code == 404


def test_invitation_anonymous_is_sent_to_signup_with_email(client, invitation):
    response = client.get(invitation_url(invitation))
    assert response.status_code == 302
    assert response["Location"] == (
        f"/accounts/signup/?next=%2Feinladung%2F{invitation.token}%2F&email=neu%40example.org"
    )


def test_invitation_anonymous_with_account_is_sent_to_login(client, invitation):
    person(email="neu@example.org")
    response = client.get(invitation_url(invitation))
    assert response["Location"] == f"/accounts/login/?next=%2Feinladung%2F{invitation.token}%2F"


def test_invitation_expired_is_refused(client, invitation):
    invitation.expires_at = timezone.now() - datetime.timedelta(seconds=1)
    invitation.save()
    response = client.get(invitation_url(invitation))
    assert response.status_code == 410
    assert "Diese Einladung ist abgelaufen." in response.content.decode()
    user = person(email="neu@example.org")
    client.force_login(user)
    response = client.post(invitation_url(invitation), {"privacy_consent": "on"})
    assert response.status_code == 410
    assert Enrolment.objects.count() == 0


def test_invitation_used_by_someone_else_is_refused(client, invitation):
    first = person(email="neu@example.org")
    service.accept_invitation(invitation.token, first)
    client.force_login(person())
    response = client.get(invitation_url(invitation))
    assert response.status_code == 410
    assert "Diese Einladung wurde bereits verwendet." in response.content.decode()
    assert Enrolment.objects.count() == 1


def test_invitation_logged_in_confirms_and_is_enrolled(
    client, invitation, municipality, django_capture_on_commit_callbacks
):
    user = person(email="neu@example.org")
    client.force_login(user)
    response = client.get(invitation_url(invitation))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="Kreistag"' in html
    assert f'<option value="{municipality.pk}" selected>Erfurt</option>' in html
    assert Enrolment.objects.count() == 0  # GET changes nothing

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            invitation_url(invitation),
            form_data(
                municipality, function=Function.POLITICS, organisation="Kreistag", motivation=None
            ),
        )
    assert response.status_code == 302
    assert response["Location"] == "/lernweg/"
    enrolment = Enrolment.objects.get(user=user, cohort=invitation.cohort)
    assert enrolment.status == S.ADMITTED
    assert Consent.objects.get(enrolment=enrolment).text_version == "2026-11"
    assert len(mail.outbox) == 1


OTHER_ADDRESS_EN = (
    "This invitation was sent to neu@example.org, but you are logged in as "
    "andere@example.org. Please log out and log in or sign up with neu@example.org to "
    "accept it."
)


def test_invitation_logged_in_with_another_address_is_refused(client, invitation, municipality):
    client.force_login(person(email="andere@example.org"))
    client.cookies["kokoma_language"] = "en"
    response = client.get(invitation_url(invitation))
    assert response.status_code == 403
    html = response.content.decode()
    assert OTHER_ADDRESS_EN in html
    assert 'action="/accounts/logout/"' in html
    assert f'name="next" value="{invitation_url(invitation)}"' in html
    assert "Log out and continue" in html
    assert "privacy_consent" not in html  # no form to accept with

    response = client.post(
        invitation_url(invitation),
        form_data(municipality, function=Function.POLITICS, organisation="Kreistag"),
    )
    assert response.status_code == 403
    assert Enrolment.objects.count() == 0
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


def test_invitation_log_out_and_continue_leads_to_the_login(client, invitation):
    person(email="neu@example.org")
    client.force_login(person(email="andere@example.org"))
    response = client.post("/accounts/logout/", {"next": invitation_url(invitation)})
    assert response["Location"] == invitation_url(invitation)
    response = client.get(response["Location"])
    assert response["Location"] == f"/accounts/login/?next=%2Feinladung%2F{invitation.token}%2F"


def test_invitation_signing_up_with_another_address_is_refused(client, invitation, municipality):
    """The link is forwarded, or the person changes the address on the sign-up form."""
    client.cookies["kokoma_language"] = "en"
    signup_url = client.get(invitation_url(invitation))["Location"]
    response = client.post(
        signup_url,
        {
            "first_name": "Anna",
            "last_name": "Anders",
            "email": "andere@example.org",
            "password1": factories.PASSWORD,
            "password2": factories.PASSWORD,
            "next": invitation_url(invitation),
        },
    )
    assert response.status_code == 302
    confirm_path = re.search(
        r"http://testserver(/accounts/confirm-email/\S+/)", mail.outbox[-1].body
    )[1]
    response = client.post(confirm_path)
    assert response["Location"] == invitation_url(invitation)

    response = client.get(invitation_url(invitation))
    assert response.status_code == 403
    assert OTHER_ADDRESS_EN in response.content.decode()
    response = client.post(invitation_url(invitation), form_data(municipality))
    assert response.status_code == 403
    assert Enrolment.objects.count() == 0
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


def test_invitation_without_consent_enrols_nobody(client, invitation, municipality):
    client.force_login(person(email="neu@example.org"))
    response = client.post(
        invitation_url(invitation), form_data(municipality, privacy_consent=None)
    )
    assert response.status_code == 200
    assert "Bitte stimmen Sie der Datenschutzerklärung zu" in response.content.decode()
    assert Enrolment.objects.count() == 0
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


def test_invitation_end_to_end_signup_verify_and_land_enrolled(
    client, invitation, municipality, django_capture_on_commit_callbacks
):
    # 1. The link from the e-mail sends an anonymous visitor to the sign-up.
    signup_url = client.get(invitation_url(invitation))["Location"]
    response = client.get(signup_url)
    assert response.status_code == 200
    assert 'value="neu@example.org"' in response.content.decode()

    # 2. Sign up; allauth sends the verification e-mail.
    response = client.post(
        signup_url,
        {
            "first_name": "Nora",
            "last_name": "Neu",
            "email": "neu@example.org",
            "password1": factories.PASSWORD,
            "password2": factories.PASSWORD,
            "next": invitation_url(invitation),
        },
    )
    assert response.status_code == 302
    user = User.objects.get(email="neu@example.org")
    assert not EmailAddress.objects.get(user=user).verified
    confirm_path = re.search(
        r"http://testserver(/accounts/confirm-email/\S+/)", mail.outbox[-1].body
    )[1]

    # 3. Verify the address: allauth logs in and returns to the invitation.
    response = client.post(confirm_path)
    assert response.status_code == 302
    assert response["Location"] == invitation_url(invitation)

    # 4. Confirm the details and the privacy notice: enrolled, on to the learning path.
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            response["Location"],
            form_data(municipality, function=Function.POLITICS, organisation="Kreistag"),
        )
    assert response["Location"] == "/lernweg/"
    enrolment = Enrolment.objects.get(user=user)
    assert enrolment.cohort == invitation.cohort
    assert enrolment.status == S.ADMITTED
    assert mail.outbox[-1].subject == "[KoKoMa] Sie sind für „Durchgang Thüringen 2026“ zugelassen"
    html = client.get("/lernweg/").content.decode()
    assert "Willkommen! Sie sind jetzt für „Durchgang Thüringen 2026“ angemeldet." in html
