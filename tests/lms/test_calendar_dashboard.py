"""The dashboard's "Upcoming sessions" and supervision hours."""

import re
from decimal import Decimal

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lms.models import AttendanceStatus
from tests import factories
from tests.lms.calendar_factories import at, attend, supervision_group, supervision_session
from tests.lms.session_factories import SessionFactory

pytestmark = pytest.mark.django_db

URL = "/lernweg/"


@pytest.fixture
def client(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def visible_text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_dashboard_lists_upcoming_sessions(client, home, cohort, trainee):
    starts_at = at(4, hour=9).replace(year=2030, month=3, day=5)
    workshop = SessionFactory(
        cohort=cohort,
        title="Moderation von Dialogformaten",
        starts_at=starts_at,
        ends_at=starts_at.replace(hour=16, minute=30),
        place="Bamberg, Rathaus",
    )
    online = SessionFactory(
        cohort=cohort,
        title="Online-Vertiefung 1",
        starts_at=at(2),
        place="",
        online_url="https://konferenz.example.org/v1",
    )
    SessionFactory(cohort=cohort, title="Vergangen")  # yesterday
    SessionFactory(cohort=cohort, title="Abgesagt", starts_at=at(3), cancelled=True)
    other = factories.CohortFactory(programme=cohort.programme)
    SessionFactory(cohort=other, title="Anderer Durchgang", starts_at=at(3))
    client.force_login(trainee)
    html = client.get(URL).content.decode()
    text = visible_text(html)
    assert "Moderation von Dialogformaten In-person module session" in text
    assert "Tue., 05.03.2030, 09:00–16:30 · Bamberg, Rathaus" in text
    assert f'href="/termine/{workshop.pk}/ics/"' in html
    assert f'href="/termine/{online.pk}/"' in html
    assert 'href="https://konferenz.example.org/v1"' in html
    assert text.index("Online-Vertiefung 1") < text.index("Moderation von Dialogformaten")
    assert "Vergangen" not in text
    assert "Abgesagt" not in text
    assert "Anderer Durchgang" not in text
    assert 'href="/kalender/"' in html
    assert "will appear here once they are scheduled" not in text


def test_dashboard_shows_supervision_hours(client, programme, cohort, trainee):
    programme.required_supervision_hours = Decimal("6")
    programme.save()
    group = supervision_group(cohort, [trainee])
    sessions = [supervision_session(group, days) for days in (-14, -7, 7, 14)]
    attend(sessions[0], trainee)
    attend(sessions[1], trainee, AttendanceStatus.EXCUSED)
    client.force_login(trainee)
    html = client.get(URL).content.decode()
    text = visible_text(html)
    assert "Supervision: 1.50 of 6 hours" in text
    enrolment = trainee.enrolments.get()
    assert f'<progress id="path-{enrolment.pk}-supervision" max="6.00" value="1.50">25 %' in html
    assert "6 hours scheduled in total" in text
    assert "1 excused absence (0 made up, 2 allowed)" in text
    # 1.5 attended + 3 still scheduled < 6: the excused absence must be made up.
    assert "The sessions still scheduled are not enough to reach the requirement." in text


def test_dashboard_without_supervision_shows_no_block(client, trainee):
    client.force_login(trainee)
    assert "Supervision:" not in visible_text(client.get(URL).content.decode())


def test_dashboard_sessions_for_person_without_enrolment(client):
    member = factories.UserFactory()
    supervision_session(supervision_group(None, [member]), 3, title="Supervision Steuerungsgruppe")
    client.force_login(member)
    text = visible_text(client.get(URL).content.decode())
    assert "Upcoming sessions Supervision Steuerungsgruppe" in text
    assert "You are not enrolled in any cohort yet." not in text


def count_queries(client):
    client.get(URL)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(URL)
    assert response.status_code == 200
    return len(queries)


def test_dashboard_queries_do_not_grow_with_sessions(client, home, programme, cohort, trainee):
    programme.required_supervision_hours = Decimal("3")
    programme.save()
    client.force_login(trainee)
    SessionFactory(cohort=cohort, starts_at=at(2))
    supervision_session(supervision_group(cohort, [trainee]), 4)
    few = count_queries(client)
    for days in range(5, 12):
        SessionFactory(cohort=cohort, starts_at=at(days))
        group = supervision_group(cohort, [trainee])
        attend(supervision_session(group, -days), trainee)
        supervision_session(group, days)
    assert count_queries(client) == few
