"""E-mails sent once: attendance alerts and session reminders (lms/notices.py and commands)."""

from datetime import timedelta
from decimal import Decimal
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone, translation

from curriculum.models import ModuleFormat
from lms.models import AttendanceStatus, Notice
from tests import factories
from tests.lms.calendar_factories import at, attend, supervision_group, supervision_session
from tests.lms.session_factories import SessionFactory

pytestmark = pytest.mark.django_db


def run(command, *args):
    out = StringIO()
    call_command(command, *args, stdout=out)
    return out.getvalue()


def translated(msgid: str) -> bool:
    with translation.override("de"):
        return translation.gettext(msgid) != msgid


@pytest.fixture
def shortfall(programme, cohort, trainee, trainer):
    """3 clock hours required; of two 1.5-hour sessions the trainee missed the first."""
    programme.required_supervision_hours = Decimal("3")
    programme.save()
    group = supervision_group(cohort, [trainee])
    missed = supervision_session(group, -2)
    supervision_session(group, 12)
    attend(missed, trainee, AttendanceStatus.UNEXCUSED)
    return missed


def test_attendance_alert_to_person_and_trainers_once(
    shortfall, cohort, trainee, trainer, django_capture_on_commit_callbacks
):
    factories.UserFactory().trained_cohorts.add(cohort)  # a second trainer
    with django_capture_on_commit_callbacks(execute=True):
        out = run("send_attendance_alerts")
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [trainee.email, trainer.email, cohort.trainers.exclude(pk=trainer.pk).get().email]
    )
    assert out.splitlines()[-1] == "1 attendance alert(s) sent."
    enrolment = trainee.enrolments.get()
    notice = Notice.objects.get()
    assert (notice.kind, notice.user, notice.key) == (
        Notice.Kind.ATTENDANCE_BELOW_REQUIREMENT,
        trainee,
        f"{enrolment.pk}:supervision",
    )
    to_person = next(m for m in mail.outbox if m.to == [trainee.email])
    to_trainer = next(m for m in mail.outbox if m.to == [trainer.email])
    assert "http://testserver/lernweg/" in to_person.body
    assert trainee.get_full_name() in to_trainer.subject
    assert trainee.get_full_name() not in to_person.subject

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        out = run("send_attendance_alerts")
    assert mail.outbox == []
    assert out == "0 attendance alert(s) sent.\n"


def test_attendance_alert_subject_is_german(shortfall, cohort, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        run("send_attendance_alerts")
    subjects = {m.subject for m in mail.outbox}
    assert f"[KoKoMa] Ihre Anwesenheit in „{cohort.name}“ reicht für das Zertifikat nicht aus" in (
        subjects
    )


def test_attendance_alert_dry_run_sends_nothing(shortfall, trainee):
    out = run("send_attendance_alerts", "--dry-run")
    assert mail.outbox == []
    assert Notice.objects.count() == 0
    assert out.splitlines()[-1] == "1 attendance alert(s) would be sent."
    assert trainee.email in out


def test_no_attendance_alert_when_on_track(programme, cohort, trainee, trainer):
    programme.required_supervision_hours = Decimal("3")
    programme.save()
    group = supervision_group(cohort, [trainee])
    attend(supervision_session(group, -2), trainee)
    supervision_session(group, 12)
    assert run("send_attendance_alerts") == "0 attendance alert(s) sent.\n"
    assert mail.outbox == []


def test_attendance_alert_for_in_person_module(
    programme, cohort, trainee, trainer, django_capture_on_commit_callbacks
):
    module = factories.make_module(programme, number="2", format=ModuleFormat.IN_PERSON)
    first = SessionFactory(cohort=cohort, module=module, starts_at=at(-3), ue=Decimal("4"))
    SessionFactory(cohort=cohort, module=module, starts_at=at(4), ue=Decimal("4"))
    attend(first, trainee, AttendanceStatus.UNEXCUSED)  # at most 50 % of 80 % left
    with django_capture_on_commit_callbacks(execute=True):
        run("send_attendance_alerts")
    enrolment = trainee.enrolments.get()
    assert list(Notice.objects.values_list("key", flat=True)) == [
        f"{enrolment.pk}:module-{module.pk}"
    ]
    assert sorted(m.to[0] for m in mail.outbox) == sorted([trainee.email, trainer.email])


@pytest.fixture
def soon(cohort, trainee):
    """A workshop in two days (the programme reminds three days before)."""
    starts_at = at(2)
    return SessionFactory(
        cohort=cohort,
        title="Moderation",
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=3),
    )


def test_session_reminder_sent_once(soon, trainee, django_capture_on_commit_callbacks):
    classmate = factories.EnrolmentFactory(cohort=soon.cohort).user
    SessionFactory(cohort=soon.cohort, starts_at=at(5), title="Später")  # not yet due
    SessionFactory(cohort=soon.cohort, starts_at=at(1), cancelled=True)
    with django_capture_on_commit_callbacks(execute=True):
        out = run("send_session_reminders")
    assert sorted(m.to[0] for m in mail.outbox) == sorted([trainee.email, classmate.email])
    assert out.splitlines()[-1] == "2 reminder(s) sent."
    message = mail.outbox[0]
    assert f"/termine/{soon.pk}/" in message.body
    assert f"/termine/{soon.pk}/ics/" in message.body
    assert "Moderation" in message.subject
    assert set(Notice.objects.values_list("kind", "key")) == {
        (Notice.Kind.SESSION_REMINDER, str(soon.pk))
    }

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert run("send_session_reminders") == "0 reminder(s) sent.\n"
    assert mail.outbox == []


def test_session_reminder_follows_the_programme_setting(
    programme, soon, django_capture_on_commit_callbacks
):
    programme.reminder_days_before = 1
    programme.save()
    with django_capture_on_commit_callbacks(execute=True):
        assert run("send_session_reminders") == "0 reminder(s) sent.\n"


def test_session_reminder_without_cohort_uses_three_days(
    trainee, django_capture_on_commit_callbacks
):
    group = supervision_group(None, [trainee])
    # Exact moments: on the full hour (``at``), 3.5 days ahead is less than three days
    # away for half of each day.
    now = timezone.now()
    supervision_session(group, 2.5, starts_at=now + timedelta(days=2.5))
    supervision_session(group, 3.5, starts_at=now + timedelta(days=3.5))
    with django_capture_on_commit_callbacks(execute=True):
        run("send_session_reminders")
    assert [m.to for m in mail.outbox] == [[trainee.email]]


def test_session_reminder_dry_run(soon, trainee):
    out = run("send_session_reminders", "--dry-run")
    assert out.splitlines()[-1] == "1 reminder(s) would be sent."
    assert mail.outbox == []
    assert Notice.objects.count() == 0


def test_attendance_alert_for_excused_absences_beyond_allowed(
    programme, cohort, trainee, django_capture_on_commit_callbacks
):
    programme.max_excused_absences = 0
    programme.save()
    group = supervision_group(cohort, [trainee])
    attend(supervision_session(group, -2), trainee, AttendanceStatus.EXCUSED)
    with django_capture_on_commit_callbacks(execute=True):
        run("send_attendance_alerts")
    assert [m.to for m in mail.outbox] == [[trainee.email]]
    enrolment = trainee.enrolments.get()
    assert list(Notice.objects.values_list("key", flat=True)) == [f"{enrolment.pk}:supervision"]
