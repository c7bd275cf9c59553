"""Object-level access: a trainee changes an id or a code in the address and
must not reach another person's progress, reflection, certificate PDF,
enrolment or calendar feed (``peer`` is a trainee of the same cohort,
``other_trainee`` one of another programme)."""

import pytest
from django.urls import reverse

from certificates.models import Certificate
from lms.models import Enrolment

pytestmark = pytest.mark.django_db


@pytest.fixture
def trainee_client(client, world):
    client.force_login(world["users"]["trainee"])
    return client


def mutate(code: str) -> str:
    """The same code with its last character changed."""
    return code[:-1] + ("A" if code[-1] != "A" else "B")


def test_trainee_reaches_no_other_progress_page(trainee_client, world):
    cohort, other_cohort = world["cohort"], world["other_cohort"]
    for enrolment in Enrolment.objects.all():
        for cohort_pk in (cohort.pk, other_cohort.pk):
            url = reverse("trainee_progress", args=[cohort_pk, enrolment.pk])
            assert trainee_client.get(url).status_code in (403, 404), url
            csv = reverse("cohort_progress_csv", args=[cohort_pk])
            assert trainee_client.get(csv).status_code == 403


def test_trainee_sees_only_her_own_reflection(trainee_client, world):
    html = trainee_client.get(world["lesson"].url).content.decode()
    assert "Meine private Reflexion" in html
    assert "Petras private Reflexion" not in html
    dashboard = trainee_client.get("/lernweg/").content.decode()
    assert "Petras" not in dashboard


def test_reflection_post_changes_only_the_own_answer(trainee_client, world):
    from lms.models import ReflectionAnswer

    url = reverse("lesson_reflection_save", args=[world["lesson"].pk, world["reflection_id"]])
    trainee_client.post(url, {"text": "Neu", "enrolment": world["peer_enrolment"].pk})
    texts = dict(ReflectionAnswer.objects.values_list("enrolment_id", "text"))
    assert texts[world["peer_enrolment"].pk] == "Petras private Reflexion"
    assert texts[world["enrolment"].pk] == "Neu"


def test_trainee_downloads_no_other_certificate_pdf(trainee_client, world):
    own = world["certificate"]
    assert trainee_client.get(reverse("certificate_pdf", args=[own.pk])).status_code == 200
    others = Certificate.objects.exclude(pk=own.pk).values_list("pk", flat=True)
    assert others
    for pk in [*others, max(others) + 1]:
        response = trainee_client.get(reverse("certificate_pdf", args=[pk]))
        assert response.status_code in (403, 404), pk
        assert not response.get("Content-Type", "").startswith("application/pdf")


def test_trainee_withdraws_no_other_enrolment(trainee_client, world):
    peer_enrolment = world["peer_enrolment"]
    url = reverse("enrolment_withdraw", args=[peer_enrolment.pk])
    assert trainee_client.get(url).status_code == 404
    assert trainee_client.post(url).status_code == 404
    peer_enrolment.refresh_from_db()
    assert peer_enrolment.status == "admitted"


def test_calendar_feed_with_a_changed_token_is_not_found(client, world):
    own = world["feed"].token
    assert client.get(reverse("calendar_feed", args=[own])).status_code == 200
    for token in (mutate(own), own[:-1], own.upper() if own != own.upper() else own.lower()):
        assert client.get(reverse("calendar_feed", args=[token])).status_code == 404, token


def test_calendar_feed_lists_only_the_owners_sessions(client, world):
    body = client.get(reverse("calendar_feed", args=[world["feed"].token])).content.decode()
    # The trainee's sessions: the cohort workshop and her supervision group's session.
    assert world["session"].title in body
    assert world["supervision"].title in body
    assert "Petra" not in body and "Peer" not in body


def test_certificate_verification_with_a_changed_code_finds_nothing(client, world):
    code = world["certificate"].verification_code
    ok = client.get(reverse("certificate_verify_detail", args=[code]))
    assert ok.status_code == 200 and "Muster" in ok.content.decode()
    changed = client.get(reverse("certificate_verify_detail", args=[mutate(code)]))
    assert "Muster" not in changed.content.decode()
    assert "Peer" not in changed.content.decode()


def test_trainee_cannot_check_in_or_download_other_cohorts_sessions(client, world):
    from tests.lms.session_factories import SessionFactory

    foreign = SessionFactory(cohort=world["other_cohort"])
    client.force_login(world["users"]["trainee"])
    for name in ("session_detail", "session_checkin", "session_ics", "session_record"):
        assert client.get(reverse(name, args=[foreign.pk])).status_code == 403, name
    assert client.post(
        reverse("session_checkin", args=[foreign.pk]), {"code": "x"}
    ).status_code in (
        403,
        404,
    )
