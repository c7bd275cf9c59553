"""Delete what erased persons left behind once the retention period has passed (for cron)."""

from django.core.management.base import BaseCommand

from lms.privacy import erasure


class Command(BaseCommand):
    help = (
        "Deletes the records kept anonymised after an erasure once the retention period "
        "(PROJECT_END + RETENTION_YEARS) has passed, except under a legal hold; "
        "prints what it did per model."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Report what would be deleted; change nothing."
        )

    def handle(self, *args, dry_run=False, **options):
        result = erasure.apply_retention(dry_run=dry_run)
        prefix = "[dry run] " if dry_run else ""
        if result["retention_end"] is None:
            self.stdout.write(f"{prefix}PROJECT_END is not set: nothing has passed its retention.")
            return
        if not result["passed"]:
            self.stdout.write(
                f"{prefix}Retention runs until {result['retention_end']}: nothing to delete."
            )
            return
        self.stdout.write(
            f"{prefix}Retention ended on {result['retention_end']}. "
            f"Erased persons processed: {result['persons']}, under legal hold: {result['on_hold']}."
        )
        verb = "would delete" if dry_run else "deleted"
        for label, count in result["deleted"].items():
            self.stdout.write(f"{prefix}{label}: {verb} {count}")
        for label, count in result["kept"].items():
            self.stdout.write(
                f"{prefix}{label}: kept {count} (still needed, e.g. by a certificate)"
            )
        if not result["deleted"]:
            self.stdout.write(f"{prefix}Nothing to delete.")
