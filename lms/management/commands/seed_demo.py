"""``manage.py seed_demo``: fill a development database with the German demo content."""

import logging
from contextlib import contextmanager

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from lms.demo import absolvent, people
from lms.demo.seed import (
    ADMIN_EMAIL,
    DEMO_ACCOUNTS,
    DEMO_PASSWORD,
    DemoSeedError,
    demo_email,
    seed_demo,
)

# Loggers that chat while seeding, and the level they are raised to: Wagtail
# logs every page it creates at INFO, WeasyPrint and fontTools every step of
# rendering the PDF (and a warning about an optional font library).
CHATTY_LOGGERS = {
    "wagtail": logging.WARNING,
    "weasyprint": logging.ERROR,
    "fontTools": logging.ERROR,
}


@contextmanager
def _quiet(quiet):
    """Raise the level of :data:`CHATTY_LOGGERS` while seeding."""
    previous = {name: logging.getLogger(name).level for name in CHATTY_LOGGERS}
    if quiet:
        for name, level in CHATTY_LOGGERS.items():
            logging.getLogger(name).setLevel(level)
    try:
        yield
    finally:
        for name, level in previous.items():
            logging.getLogger(name).setLevel(level)


class Command(BaseCommand):
    @property
    def help(self):
        # A property, as argparse cannot handle a lazy translation.
        return _(
            "Fill the database with German demo content: home page, the qualification with "
            "eight modules and their lessons, legal pages, transfer models, three "
            "municipalities, a cohort with about twenty participants and their learning "
            "progress, its sessions with attendance and a supervision group, and demo "
            "accounts. Runs only with DEBUG on; running it again changes "
            "nothing."
        )

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                _(
                    "seed_demo only runs with DEBUG switched on, because it creates accounts "
                    "with a publicly known password. Never run it on a production database."
                )
            )
        verbosity = options["verbosity"]
        try:
            with _quiet(verbosity < 2):
                result = seed_demo()
        except DemoSeedError as exc:
            raise CommandError(
                _("The demo content could not be created: %(reason)s") % {"reason": exc}
            ) from exc
        if verbosity >= 1:
            self._report(result)

    def _report(self, result):
        write = self.stdout.write
        if not result.changed:
            write(_("The demo content already exists; nothing was changed."))
        else:
            write(self.style.SUCCESS(_("Demo content created.")))
            counts = [
                (
                    len(result.pages),
                    ngettext("%(count)d page", "%(count)d pages", len(result.pages)),
                ),
                (
                    len(result.users),
                    ngettext("%(count)d account", "%(count)d accounts", len(result.users)),
                ),
                (
                    len(result.documents),
                    ngettext("%(count)d document", "%(count)d documents", len(result.documents)),
                ),
                (
                    len(result.municipalities),
                    ngettext(
                        "%(count)d municipality",
                        "%(count)d municipalities",
                        len(result.municipalities),
                    ),
                ),
                (
                    len(result.cohorts),
                    ngettext("%(count)d cohort", "%(count)d cohorts", len(result.cohorts)),
                ),
                (
                    len(result.enrolments),
                    ngettext("%(count)d enrolment", "%(count)d enrolments", len(result.enrolments)),
                ),
                (
                    len(result.progress),
                    ngettext(
                        "learning progress of %(count)d participant",
                        "learning progress of %(count)d participants",
                        len(result.progress),
                    ),
                ),
                (
                    len(result.sessions),
                    ngettext("%(count)d session", "%(count)d sessions", len(result.sessions)),
                ),
                (
                    len(result.supervision_groups),
                    ngettext(
                        "%(count)d supervision group",
                        "%(count)d supervision groups",
                        len(result.supervision_groups),
                    ),
                ),
                (
                    len(result.attendance),
                    ngettext(
                        "attendance at %(count)d session",
                        "attendance at %(count)d sessions",
                        len(result.attendance),
                    ),
                ),
                (
                    len(result.certificates),
                    ngettext(
                        "%(count)d certificate", "%(count)d certificates", len(result.certificates)
                    ),
                ),
            ]
            created = [text % {"count": count} for count, text in counts if count]
            if created:
                write("  " + _("Created: %(items)s.") % {"items": ", ".join(created)})
            if result.deleted_pages:
                write("  " + _("Removed Wagtail's welcome page."))
            if result.site_updated:
                write(
                    "  "
                    + _("The default site now starts at “%(title)s”.")
                    % {"title": result.home.title}
                )
            if result.settings_updated:
                write("  " + _("Filled in the site settings (navigation, footer, contact)."))
            if result.cohort_updated:
                write("  " + _("Filled in the cohort's places, capacity and municipalities."))

        write("")
        write(_("Demo accounts (password: %(password)s):") % {"password": DEMO_PASSWORD})
        for account in DEMO_ACCOUNTS:
            role = account["role"].label if account["role"] else _("Superuser")
            write(f"  {account['email']:<28} {role}")
        example = people.PARTICIPANTS[0]
        write(
            _(
                "The cohort's other %(count)d participants log in as "
                "firstname.lastname@example.org, e.g. %(email)s."
            )
            % {
                "count": len(people.PARTICIPANTS),
                "email": demo_email(example["first_name"], example["last_name"]),
            }
        )
        write(
            _("Log in at /accounts/login/; the Wagtail admin is at /admin/ (%(email)s).")
            % {"email": ADMIN_EMAIL}
        )
        self._report_absolvent(result)

    def _report_absolvent(self, result):
        certificate = result.certificate
        if certificate is None:
            return
        write = self.stdout.write
        write(
            _(
                "%(email)s has completed the qualification and holds the certificate "
                "%(number)s. Verify it at:"
            )
            % {"email": absolvent.EMAIL, "number": certificate.number}
        )
        base_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
        write(f"  {base_url}{certificate.get_verification_url()}")
