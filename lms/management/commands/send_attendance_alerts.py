"""``manage.py send_attendance_alerts``: warn once when attendance misses the certificate.

Fit for cron (e.g. daily): every shortfall is mailed once to the person and
the cohort's trainers; later runs skip it.
"""

from django.core.management.base import BaseCommand

from lms import notices
from lms.models import Notice


class Command(BaseCommand):
    help = "E-mail people (and their trainers) whose attendance no longer meets the certificate."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Only list what would be sent.")

    def handle(self, *args, dry_run=False, **options):
        sent = 0
        for shortfall in notices.attendance_shortfalls():
            enrolment = shortfall.enrolment
            label = f"{enrolment.user.email} ({enrolment.cohort.name}): {shortfall.reason}"
            if dry_run:
                if not notices.already_sent(
                    Notice.Kind.ATTENDANCE_BELOW_REQUIREMENT, enrolment.user, shortfall.key
                ):
                    self.stdout.write(f"Would send: {label}")
                    sent += 1
                continue
            recipients = notices.send_attendance_alert(shortfall)
            if recipients:
                self.stdout.write(f"Sent: {label} → {', '.join(recipients)}")
                sent += 1
        verb = "would be sent" if dry_run else "sent"
        self.stdout.write(f"{sent} attendance alert(s) {verb}.")
