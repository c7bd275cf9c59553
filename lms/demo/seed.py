"""Write the demo content to the database (used by ``manage.py seed_demo``)."""

import datetime
import logging
from dataclasses import dataclass, field

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.documents import get_document_model
from wagtail.fields import StreamField
from wagtail.log_actions import LogContext
from wagtail.models import Page, Site

from content.models import (
    HomePage,
    SiteSettings,
    StandardPage,
    TransferModelIndexPage,
    TransferModelPage,
)
from curriculum.models import LessonPage, ModulePage, ProgrammePage
from lms.demo import curriculum, pages
from lms.models import Cohort, Enrolment, EnrolmentStatus
from lms.roles import Role

logger = logging.getLogger(__name__)

DEMO_PASSWORD = "kokoma-demo"

COHORT = {
    "name": "Durchgang 2026",
    "start_date": datetime.date(2026, 2, 2),
    "end_date": datetime.date(2026, 11, 27),
}

TRAINEE_EMAIL = "teilnehmende@example.org"
TRAINER_EMAIL = "trainerin@example.org"
SUPERVISOR_EMAIL = "supervisorin@example.org"
STAFF_EMAIL = "verwaltung@example.org"
ADMIN_EMAIL = "admin@example.org"

DEMO_ACCOUNTS = [
    {"email": TRAINEE_EMAIL, "first_name": "Jana", "last_name": "Becker", "role": Role.TRAINEE},
    {
        "email": TRAINER_EMAIL,
        "first_name": "Miriam",
        "last_name": "Albrecht",
        "role": Role.TRAINER,
    },
    {
        "email": SUPERVISOR_EMAIL,
        "first_name": "Katrin",
        "last_name": "Yilmaz",
        "role": Role.SUPERVISOR,
    },
    {"email": STAFF_EMAIL, "first_name": "Thomas", "last_name": "Neumann", "role": Role.STAFF},
    {
        "email": ADMIN_EMAIL,
        "first_name": "Kim",
        "last_name": "Hoffmann",
        "role": None,
        "superuser": True,
    },
]


class DemoSeedError(Exception):
    """The database holds something that stands in the way of the demo content."""


@dataclass
class SeedResult:
    """What :func:`seed_demo` created or changed; empty lists mean nothing was needed."""

    pages: list[str] = field(default_factory=list)
    deleted_pages: list[str] = field(default_factory=list)
    users: list[str] = field(default_factory=list)
    documents: list[str] = field(default_factory=list)
    cohorts: list[str] = field(default_factory=list)
    enrolments: list[str] = field(default_factory=list)
    site_updated: bool = False
    settings_updated: bool = False
    site: Site | None = None
    home: HomePage | None = None
    programme: ProgrammePage | None = None
    cohort: Cohort | None = None

    @property
    def changed(self) -> bool:
        return bool(
            self.pages
            or self.deleted_pages
            or self.users
            or self.documents
            or self.cohorts
            or self.enrolments
            or self.site_updated
            or self.settings_updated
        )


@transaction.atomic
def seed_demo() -> SeedResult:
    """Build the German demo of the platform; running it again changes nothing.

    Creates, in one transaction:

    * the demo accounts (password :data:`DEMO_PASSWORD`, verified e-mail
      addresses) in their role groups, and a superuser;
    * a :class:`~content.models.HomePage` in place of Wagtail's welcome page,
      made the root of the default site;
    * the programme with eight modules and their lessons
      (:mod:`lms.demo.curriculum`), and a PDF template in the programme's
      materials collection used by a lesson of module 3;
    * information and legal pages, the transfer models and the site settings
      (:mod:`lms.demo.pages`);
    * the cohort "Durchgang 2026" with the demo trainer, supervisor and an
      admitted trainee.

    Every object is looked up first (pages by slug under their parent, users by
    e-mail, the cohort by programme and name, the document by title in its
    collection) and left untouched when it exists; site settings only have
    their empty fields filled. Pages are created the way the Wagtail admin does
    it (a ``wagtail.create`` log entry, a revision, then publishing), with the
    demo superuser as owner.
    """
    result = SeedResult()
    users = _seed_accounts(result)
    admin = users[ADMIN_EMAIL]

    home = _seed_home(admin, result)
    programme = _seed_programme(home, admin, result)
    standard_pages = {
        data["slug"]: _page(home, StandardPage, data, admin, result)
        for data in pages.STANDARD_PAGES
    }
    transfer_index = _page(home, TransferModelIndexPage, pages.TRANSFER_INDEX, admin, result)
    for data in pages.TRANSFER_MODELS:
        _page(transfer_index, TransferModelPage, data, admin, result)

    _seed_site_settings(
        result.site,
        main=[
            (programme, "Qualifizierung"),
            (transfer_index, ""),
            (standard_pages[pages.ABOUT["slug"]], ""),
        ],
        footer=[
            (standard_pages[pages.IMPRINT["slug"]], ""),
            (standard_pages[pages.PRIVACY["slug"]], ""),
            (standard_pages[pages.ACCESSIBILITY["slug"]], ""),
        ],
        result=result,
    )
    _seed_cohort(programme, users, result)
    result.home = home
    result.programme = programme
    return result


# --- Accounts -------------------------------------------------------------------


def _seed_accounts(result: SeedResult) -> dict:
    User = get_user_model()
    users = {}
    for account in DEMO_ACCOUNTS:
        email = account["email"]
        user = User.objects.filter(email__iexact=email).first()
        if user is None:
            create = (
                User.objects.create_superuser
                if account.get("superuser")
                else User.objects.create_user
            )
            user = create(
                email=email,
                password=DEMO_PASSWORD,
                first_name=account["first_name"],
                last_name=account["last_name"],
            )
            result.users.append(email)
        if account["role"] is not None:
            group, _created = Group.objects.get_or_create(name=account["role"].group_name)
            user.groups.add(group)  # no-op when already a member
        EmailAddress.objects.get_or_create(
            user=user, email=user.email, defaults={"verified": True, "primary": True}
        )
        users[email] = user
    return users


# --- Pages -----------------------------------------------------------------------


def _validate_streams(page):
    """Run block validation, which ``full_clean`` does not do for StreamFields."""
    for model_field in page._meta.get_fields():
        if isinstance(model_field, StreamField):
            model_field.stream_block.clean(getattr(page, model_field.name))


def _page(parent, model, data, user, result, **extra):
    """Return the child of ``parent`` with ``data["slug"]``, creating and publishing it if missing.

    ``data`` holds the page's field values; a ``prerequisites`` list is set as
    many-to-many value before the first save.
    """
    fields = {
        key: value.strip() if isinstance(value, str) else value
        for key, value in data.items()
        if key in _field_names(model)
    }
    fields.update(extra)
    slug = fields.pop("slug")
    existing = Page.objects.child_of(parent).filter(slug=slug).first()
    if existing is not None:
        existing = existing.specific
        if not isinstance(existing, model):
            raise DemoSeedError(
                _("The slug “%(slug)s” under %(path)s is taken by a %(found)s, not a %(model)s.")
                % {
                    "slug": slug,
                    "path": parent.url_path,
                    "found": type(existing)._meta.verbose_name,
                    "model": model._meta.verbose_name,
                }
            )
        return existing

    prerequisites = fields.pop("prerequisites", None)
    page = model(slug=slug, owner=user, live=False, **fields)
    if prerequisites:
        page.prerequisites = prerequisites
    _validate_streams(page)
    # As the Wagtail admin does it: add_child logs "wagtail.create", then a
    # revision (logged as an edit) is published (logged as "wagtail.publish").
    parent.add_child(instance=page)
    revision = page.save_revision(user=user, log_action=True)
    revision.publish(user=user, skip_permission_checks=True)
    page.refresh_from_db()
    result.pages.append(page.title)
    return page


def _field_names(model) -> set[str]:
    return {f.name for f in model._meta.get_fields()}


def _seed_home(user, result) -> HomePage:
    root = Page.get_first_root_node()
    home = HomePage.objects.child_of(root).first()
    if home is None:
        home = _page(root, HomePage, pages.HOME, user, result)

    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site.objects.create(
            hostname="localhost",
            port=80,
            root_page=home,
            is_default_site=True,
            site_name=pages.SITE_NAME,
        )
        result.site_updated = True
    else:
        changed = []
        if site.root_page_id != home.pk:
            site.root_page = home
            changed.append("root_page")
        if not site.site_name:
            site.site_name = pages.SITE_NAME
            changed.append("site_name")
        if changed:
            site.save(update_fields=changed)
            result.site_updated = True
    result.site = site

    # Wagtail's "Welcome to your new Wagtail site!": a plain Page under the root
    # that no site uses any more.
    plain_page_type = ContentType.objects.get_for_model(Page)
    for welcome in Page.objects.child_of(root).filter(
        content_type=plain_page_type, numchild=0, sites_rooted_here__isnull=True
    ):
        result.deleted_pages.append(welcome.title)
        with LogContext(user=user):  # the "wagtail.delete" log entry names the demo admin
            welcome.delete()
    return home


def _seed_programme(home, user, result) -> ProgrammePage:
    programme = _page(home, ProgrammePage, curriculum.PROGRAMME, user, result)
    document = _seed_document(programme, user, result)
    modules_by_number = {}
    for module_data in curriculum.MODULES:
        prerequisites = [modules_by_number[number] for number in module_data["prerequisites"]]
        module = _page(
            programme, ModulePage, module_data, user, result, prerequisites=prerequisites
        )
        modules_by_number[module.number] = module
        for lesson_data in module_data["lessons"]:
            body = [
                _resolve_document(block_type, value, document)
                for block_type, value in lesson_data["body"]
            ]
            _page(module, LessonPage, lesson_data, user, result, body=body)
    return programme


def _resolve_document(block_type, value, document):
    if (
        block_type == "document"
        and value["document"] == curriculum.ACTOR_MAP_DOCUMENT["placeholder"]
    ):
        value = {**value, "document": document}
    return block_type, value


def _seed_document(programme, user, result):
    """The PDF template of an actor map, in the programme's materials collection."""
    Document = get_document_model()
    data = curriculum.ACTOR_MAP_DOCUMENT
    collection = programme.materials_collection
    existing = Document.objects.filter(collection=collection, title=data["title"]).first()
    if existing is not None:
        return existing
    from weasyprint import HTML

    pdf = HTML(string=data["html"]).write_pdf()
    document = Document(title=data["title"], collection=collection, uploaded_by_user=user)
    document.file.save(data["filename"], ContentFile(pdf), save=False)
    document._set_document_file_metadata()
    document.save()
    result.documents.append(document.title)
    return document


# --- Site settings ----------------------------------------------------------------


def _seed_site_settings(site, main, footer, result):
    """Fill the empty fields of the site's settings; filled fields stay as they are."""
    settings_obj, created = SiteSettings.objects.get_or_create(site=site)
    values = {
        "main_navigation": [("link", {"page": page, "label": label}) for page, label in main],
        "footer_navigation": [("link", {"page": page, "label": label}) for page, label in footer],
        "footer_text": pages.FOOTER_TEXT,
        "contact_email": pages.CONTACT_EMAIL,
        "funding_notice": pages.FUNDING_NOTICE,
    }
    changed = []
    for name, value in values.items():
        if not getattr(settings_obj, name):  # empty text or empty StreamValue
            setattr(settings_obj, name, value)
            changed.append(name)
    if changed:
        _validate_streams(settings_obj)
        settings_obj.full_clean()
        settings_obj.save(update_fields=changed)
    result.settings_updated = created or bool(changed)


# --- Cohort -----------------------------------------------------------------------


def _seed_cohort(programme, users, result):
    cohort = Cohort.objects.filter(programme=programme, name=COHORT["name"]).first()
    if cohort is None:
        cohort = Cohort(programme=programme, **COHORT)
        cohort.full_clean()
        cohort.save()
        result.cohorts.append(cohort.name)
    # add() only inserts missing rows; lms.signals then keeps the programme's
    # editor group in step with the trainers.
    cohort.trainers.add(users[TRAINER_EMAIL])
    cohort.supervisors.add(users[SUPERVISOR_EMAIL])
    trainee = users[TRAINEE_EMAIL]
    _enrolment, created = Enrolment.objects.get_or_create(
        user=trainee, cohort=cohort, defaults={"status": EnrolmentStatus.ADMITTED}
    )
    if created:
        result.enrolments.append(trainee.email)
    result.cohort = cohort
    return cohort
