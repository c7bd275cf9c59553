"""``manage.py send_session_reminders``: remind expected people of upcoming sessions, once.

Fit for cron (e.g. hourly): the lead time is the programme's
``reminder_days_before`` (3 days for sessions without a cohort).
"""

from django.core.management.base import BaseCommand

from lms import attendance, notices
from lms.models import Notice


class Command(BaseCommand):
    help = "E-mail reminders for sessions starting within the programme's reminder lead time."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Only list what would be sent.")

    def handle(self, *args, dry_run=False, **options):
        sent = 0
        for session in notices.sessions_due_for_reminder():
            for person in attendance.expected_people(session):
                if dry_run:
                    if person.is_active and not notices.already_sent(
                        Notice.Kind.SESSION_REMINDER, person, str(session.pk)
                    ):
                        self.stdout.write(f"Would remind: {person.email} of {session}")
                        sent += 1
                elif notices.send_session_reminder(session, person):
                    self.stdout.write(f"Reminded: {person.email} of {session}")
                    sent += 1
        verb = "would be sent" if dry_run else "sent"
        self.stdout.write(f"{sent} reminder(s) {verb}.")
