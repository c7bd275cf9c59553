"""Write the demo content to the database (used by ``manage.py seed_demo``)."""

import datetime
import logging
import unicodedata
from contextlib import contextmanager
from dataclasses import dataclass, field

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.documents import get_document_model
from wagtail.fields import StreamField
from wagtail.log_actions import LogContext
from wagtail.models import ModelLogEntry, Page, Site

from content.models import (
    HomePage,
    SiteSettings,
    StandardPage,
    TransferModelIndexPage,
    TransferModelPage,
)
from curriculum.models import LessonPage, ModulePage, ProgrammePage
from lms import progress
from lms.demo import absolvent, curriculum, pages, people
from lms.demo import sessions as demo_sessions
from lms.enrolment import PRIVACY_NOTICE_VERSION
from lms.models import (
    Attendance,
    AttendanceChange,
    Audience,
    Cohort,
    Consent,
    Enrolment,
    EnrolmentEvent,
    EnrolmentStatus,
    LessonCompletion,
    Milestone,
    ModuleCompletion,
    ModuleSignOff,
    Municipality,
    QuizAttempt,
    ReflectionAnswer,
    Session,
    SessionKind,
    SupervisionGroup,
)
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
    municipalities: list[str] = field(default_factory=list)
    enrolments: list[str] = field(default_factory=list)
    progress: list[str] = field(default_factory=list)
    sessions: list[str] = field(default_factory=list)
    supervision_groups: list[str] = field(default_factory=list)
    attendance: list[str] = field(default_factory=list)
    certificates: list[str] = field(default_factory=list)
    certificate: object = None  # the demo absolvent's valid Zertifikat
    cohort_updated: bool = False
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
            or self.municipalities
            or self.enrolments
            or self.progress
            or self.sessions
            or self.supervision_groups
            or self.attendance
            or self.certificates
            or self.cohort_updated
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
    * three municipalities with their milestones (:mod:`lms.demo.people`);
    * the cohort "Durchgang 2026" with the demo trainer and supervisor, open
      for applications from those municipalities, and about twenty
      participants in every state of the enrolment workflow, each with its
      history; the admitted ones (the demo trainee among them) with learning
      progress of the past months: lessons, knowledge checks, reflections and
      one signed-off Praxisprojekt;
    * the cohort's sessions (:mod:`lms.demo.sessions`): a workshop per
      in-person module with the attendance recorded by the demo trainer,
      three online deepenings and the supervision group "Tandem Bamberg" with
      four monthly sessions; held sessions have their attendance, recorded
      through :func:`lms.attendance.record_attendance`.

    Every object is looked up first (pages by slug under their parent, users by
    e-mail, the cohort by programme and name, the document by title in its
    collection) and left untouched when it exists; site settings only have
    their empty fields filled, and so have the cohort and the demo trainee's
    enrolment; progress is only written for an enrolment that has none yet,
    attendance only for a held session that has none yet.
    Pages are created the way the Wagtail admin does
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
    municipalities = _seed_municipalities(result)
    cohort = _seed_cohort(programme, users, municipalities, result)
    _seed_participants(cohort, programme, users, municipalities, result)
    _seed_sessions(cohort, programme, users, municipalities, result)
    result.certificate = absolvent.seed_absolvent(
        cohort,
        programme,
        users,
        municipalities,
        result,
        password=DEMO_PASSWORD,
        trainer=users[TRAINER_EMAIL],
        staff=users[STAFF_EMAIL],
    )
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


# --- Municipalities -----------------------------------------------------------------


def _seed_municipalities(result) -> dict[str, Municipality]:
    """The demo municipalities by name; existing ones (and their milestones) stay as they are."""
    found = {}
    for data in people.MUNICIPALITIES:
        municipality = Municipality.objects.filter(name=data["name"]).first()
        if municipality is None:
            fields = {key: value for key, value in data.items() if key != "milestones"}
            municipality = Municipality(**fields)
            municipality.full_clean()
            municipality.save()
            for order, milestone in enumerate(data["milestones"]):
                Milestone.objects.create(municipality=municipality, sort_order=order, **milestone)
            result.municipalities.append(municipality.name)
        found[municipality.name] = municipality
    return found


# --- Cohort -----------------------------------------------------------------------


def _seed_cohort(programme, users, municipalities, result):
    cohort = Cohort.objects.filter(programme=programme, name=COHORT["name"]).first()
    if cohort is None:
        cohort = Cohort(programme=programme, **COHORT, **people.COHORT_DETAILS)
        cohort.full_clean()
        cohort.save()
        result.cohorts.append(cohort.name)
    else:
        # A cohort from an earlier demo: fill what is empty, keep what staff set.
        changed = []
        for name in ("places", "capacity"):
            if getattr(cohort, name) in ("", None):
                setattr(cohort, name, people.COHORT_DETAILS[name])
                changed.append(name)
        if changed:
            cohort.save(update_fields=changed)
            result.cohort_updated = True
    if not cohort.municipalities.exists():
        cohort.municipalities.set([municipalities[name] for name in people.COHORT_MUNICIPALITIES])
        result.cohort_updated = result.cohort_updated or cohort.name not in result.cohorts
    # add() only inserts missing rows; lms.signals then keeps the programme's
    # editor group in step with the trainers.
    cohort.trainers.add(users[TRAINER_EMAIL])
    cohort.supervisors.add(users[SUPERVISOR_EMAIL])
    result.cohort = cohort
    return cohort


# --- Participants, their enrolments and learning progress ---------------------------------


def demo_email(first_name, last_name) -> str:
    """vorname.nachname@example.org, with umlauts spelt out (Krüger → krueger)."""

    def ascii_part(text):
        text = text.lower()
        for umlaut, spelt in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")):
            text = text.replace(umlaut, spelt)
        text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
        return "".join(c for c in text if c.isalnum() or c == "-")

    return f"{ascii_part(first_name)}.{ascii_part(last_name)}@example.org"


def _aware(date, hour=10, minute=0):
    return timezone.make_aware(datetime.datetime.combine(date, datetime.time(hour, minute)))


def _seed_participants(cohort, programme, users, municipalities, result):
    """The demo trainee and the participants of :data:`lms.demo.people.PARTICIPANTS`."""
    User = get_user_model()
    trainee_group, _created = Group.objects.get_or_create(name=Role.TRAINEE.group_name)
    modules = [
        (module, list(LessonPage.objects.live().child_of(module).order_by("path")))
        for module in ModulePage.objects.live().child_of(programme).order_by("path")
    ]
    entries = [(users[TRAINEE_EMAIL], people.DEMO_TRAINEE)]
    password_hash = None  # hashing is slow on purpose: once for all participants
    for data in people.PARTICIPANTS:
        email = demo_email(data["first_name"], data["last_name"])
        user = User.objects.filter(email__iexact=email).first()
        if user is None:
            password_hash = password_hash or make_password(DEMO_PASSWORD)
            user = User.objects.create(
                email=email,
                password=password_hash,
                first_name=data["first_name"],
                last_name=data["last_name"],
            )
            result.users.append(email)
        user.groups.add(trainee_group)
        EmailAddress.objects.get_or_create(
            user=user, email=user.email, defaults={"verified": True, "primary": True}
        )
        entries.append((user, data))

    for index, (user, data) in enumerate(entries):
        enrolment, created = _seed_enrolment(
            cohort, user, data, municipalities, users[STAFF_EMAIL], index
        )
        if created:
            result.enrolments.append(user.email)
        has_progress = (
            LessonCompletion.objects.filter(enrolment=enrolment).exists()
            or QuizAttempt.objects.filter(enrolment=enrolment).exists()
            or ReflectionAnswer.objects.filter(enrolment=enrolment).exists()
            or ModuleSignOff.objects.filter(enrolment=enrolment).exists()
        )
        if (
            enrolment.grants_access
            and data.get("progress")
            and not has_progress
            and _seed_progress(enrolment, data, modules, users[TRAINER_EMAIL], index)
        ):
            result.progress.append(user.email)
        if created and data["status"] == people.WITHDRAWN:
            _withdraw(enrolment, data, index)


def _seed_enrolment(cohort, user, data, municipalities, staff, index):
    """The enrolment with its history (events, consent), or the existing one.

    Written with the models rather than through ``lms.enrolment``: its
    functions stamp the present time and send an e-mail per step, while the
    demo tells the story of the past months to invented addresses. The
    effects are the same: status, decision fields, one event per change and
    the privacy-notice consent. A withdrawn participant is admitted here and
    withdrawn after their progress is written (see :func:`_withdraw`).
    """
    municipality = municipalities.get(data["municipality"])
    enrolment = Enrolment.objects.filter(user=user, cohort=cohort).first()
    if enrolment is not None:
        # The demo trainee's enrolment from an earlier demo: fill what is empty.
        changed = []
        for name, value in [
            ("municipality", municipality),
            ("function", data["function"]),
            ("organisation", data["organisation"]),
        ]:
            if not getattr(enrolment, name):
                setattr(enrolment, name, value)
                changed.append(name)
        if changed:
            enrolment.save(update_fields=[*changed, "updated_at"])
        return enrolment, False

    S = EnrolmentStatus
    final = data["status"]
    pending = final == people.APPLIED
    applied_at = _aware(
        (datetime.date(2026, 11, 9) if pending else people.APPLICATIONS_FROM)
        + datetime.timedelta(days=3 * index),
        hour=9 + index % 8,
    )
    decided_at = _aware(people.DECISIONS_ON, hour=9, minute=index)
    status = S.ADMITTED if final == people.WITHDRAWN else S(final)
    enrolment = Enrolment.objects.create(
        user=user,
        cohort=cohort,
        status=status,
        municipality=municipality,
        function=data["function"],
        organisation=data["organisation"],
        motivation=data.get("motivation", ""),
        waitlisted_at=decided_at if status == S.WAITLISTED else None,
        decided_at=None if pending else decided_at,
        decided_by=None if pending else staff,
    )
    last_change = decided_at if not pending else applied_at
    Enrolment.objects.filter(pk=enrolment.pk).update(created_at=applied_at, updated_at=last_change)
    Consent.objects.create(
        user=user,
        enrolment=enrolment,
        kind=Consent.Kind.PRIVACY_NOTICE,
        text_version=PRIVACY_NOTICE_VERSION,
        given_at=applied_at,
    )
    EnrolmentEvent.objects.create(
        enrolment=enrolment, from_status="", to_status=S.APPLIED, actor=user, at=applied_at
    )
    if not pending:
        EnrolmentEvent.objects.create(
            enrolment=enrolment,
            from_status=S.APPLIED,
            to_status=status,
            actor=staff,
            note="" if status == S.ADMITTED else data.get("note", ""),
            at=decided_at,
        )
    enrolment.refresh_from_db()
    return enrolment, True


def _withdraw(enrolment, data, index):
    """The participant withdraws themself (as ``lms.enrolment.withdraw`` records it)."""
    at = _aware(people.MODULE_DATES["2"] - datetime.timedelta(days=10), hour=20, minute=index)
    previous = enrolment.status
    Enrolment.objects.filter(pk=enrolment.pk).update(
        status=EnrolmentStatus.WITHDRAWN, updated_at=at
    )
    EnrolmentEvent.objects.create(
        enrolment=enrolment,
        from_status=previous,
        to_status=EnrolmentStatus.WITHDRAWN,
        actor=enrolment.user,
        note=data.get("note", ""),
        at=at,
    )


@contextmanager
def _dated(enrolment, when):
    """Date what a progress action writes for ``enrolment`` to ``when``.

    The demo's progress goes through ``lms.progress`` (grading, lesson and
    module completion, sign-off and their audit entries are the platform's
    own), which stamps the present; the story, though, is of the past months.
    """
    start = timezone.now()
    yield
    for model, name in [
        (LessonCompletion, "completed_at"),
        (QuizAttempt, "submitted_at"),
        (ModuleCompletion, "completed_at"),
        (ModuleSignOff, "signed_at"),
    ]:
        model.objects.filter(enrolment=enrolment, **{f"{name}__gte": start}).update(**{name: when})
    ReflectionAnswer.objects.filter(enrolment=enrolment, updated_at__gte=start).update(
        created_at=when, updated_at=when
    )
    ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Enrolment),
        object_id=str(enrolment.pk),
        timestamp__gte=start,
    ).update(timestamp=when)


def _quiz_answers(quiz, *, passing):
    """Answers to a knowledge check: all right, or right only for the first question."""
    answers = {}
    for number, question in enumerate(quiz["questions"], start=1):
        right = sorted(progress.correct_options(question))
        wrong = [i for i in range(len(question["options"])) if i not in right][:1] or right
        answers[str(number)] = right if passing or number == 1 else wrong
    return answers


def _seed_progress(enrolment, data, modules, trainer, index) -> bool:
    """Lessons, knowledge checks, reflections and the sign-off of one participant."""
    completed, partial = data["progress"]
    failed = data.get("failed", set())
    reflections_left = data.get("reflections", 0)
    wrote = False
    for position, (module, lessons) in enumerate(modules, start=1):
        if position > completed + 1:
            break
        done_count = len(lessons) if position <= completed else min(partial, len(lessons))
        day = people.MODULE_DATES.get(module.number, people.MODULE_DATES["8"])
        for lesson_index, lesson in enumerate(lessons):
            when = _aware(
                day - datetime.timedelta(days=7 - 2 * lesson_index - index % 3),
                hour=17 + index % 4,
                minute=10 * lesson_index,
            )
            quizzes = progress.quiz_blocks(lesson)
            if lesson_index >= done_count:
                # The first open lesson: a failed first try shows in the detail.
                if lesson_index == done_count and quizzes and module.number in _numbers(failed):
                    for quiz in quizzes:
                        with _dated(enrolment, when):
                            progress.submit_quiz(
                                enrolment, lesson, quiz.id, _quiz_answers(quiz.value, passing=False)
                            )
                    wrote = True
                break
            for quiz in quizzes:
                if module.number in _numbers(failed):
                    with _dated(enrolment, when - datetime.timedelta(hours=1)):
                        progress.submit_quiz(
                            enrolment, lesson, quiz.id, _quiz_answers(quiz.value, passing=False)
                        )
                with _dated(enrolment, when):
                    progress.submit_quiz(
                        enrolment, lesson, quiz.id, _quiz_answers(quiz.value, passing=True)
                    )
            if not quizzes:
                with _dated(enrolment, when):
                    progress.mark_lesson_done(enrolment, lesson)
            texts = people.REFLECTIONS.get(lesson.slug, [])
            if reflections_left and texts:
                for block in lesson.body:
                    if block.block_type == progress.REFLECTION_BLOCK:
                        with _dated(enrolment, when + datetime.timedelta(minutes=5)):
                            progress.save_reflection(
                                enrolment, lesson, block.id, texts[index % len(texts)]
                            )
                        reflections_left -= 1
                        break
            wrote = True
        if module.requires_sign_off and data.get("sign_off") and position <= completed:
            with _dated(enrolment, _aware(people.SIGN_OFF_ON, hour=14)):
                progress.sign_off_module(enrolment, module, by=trainer, note=data["sign_off"])
    return wrote


def _numbers(module_numbers) -> set[str]:
    return {str(number) for number in module_numbers}


# --- Sessions, supervision and attendance -------------------------------------------------


def _local(naive):
    return timezone.make_aware(naive)


def _relative(today, days, time):
    return _local(datetime.datetime.combine(today + datetime.timedelta(days=days), time))


def _session(result, lookup, defaults, facilitators):
    """The session matching ``lookup``, created with ``defaults`` when missing."""
    session = Session.objects.filter(**lookup).first()
    if session is None:
        session = Session(**lookup, **defaults)
        session.full_clean()
        session.save()
        session.facilitators.set(facilitators)
        result.sessions.append(session.title)
    return session


def _seed_sessions(cohort, programme, users, municipalities, result):
    """Workshops, online deepenings and supervision of the demo cohort, with attendance."""
    trainer = users[TRAINER_EMAIL]
    supervisor = users[SUPERVISOR_EMAIL]
    today = timezone.localdate()
    modules = {m.number: m for m in ModulePage.objects.child_of(programme)}

    for data in demo_sessions.WORKSHOPS:
        module = modules[data["module"]]
        start, end = demo_sessions.workshop_times(data["module"], data["days"])
        session = _session(
            result,
            {"cohort": cohort, "kind": SessionKind.WORKSHOP, "module": module},
            {
                "title": f"Präsenzmodul {module.number}: {module.title}",
                "audience": Audience.COHORT,
                "starts_at": _local(start),
                "ends_at": _local(end),
                "place": data["place"],
                "ue": module.ue,
            },
            [trainer],
        )
        _seed_attendance(
            session, trainer, demo_sessions.WORKSHOP_EXCEPTIONS.get(data["module"], {}), result
        )

    start_time, end_time = demo_sessions.DEEPENING_TIME
    for data in demo_sessions.DEEPENINGS:
        session = _session(
            result,
            {"cohort": cohort, "kind": SessionKind.DEEPENING, "title": data["title"]},
            {
                "audience": Audience.COHORT,
                "starts_at": _relative(today, data["days_from_today"], start_time),
                "ends_at": _relative(today, data["days_from_today"], end_time),
                "online_url": data["url"],
            },
            [trainer],
        )
        _seed_attendance(session, trainer, demo_sessions.DEEPENING_EXCEPTIONS, result)

    group_data = demo_sessions.SUPERVISION_GROUP
    group = SupervisionGroup.objects.filter(cohort=cohort, name=group_data["name"]).first()
    if group is None:
        group = SupervisionGroup.objects.create(
            name=group_data["name"],
            kind=group_data["kind"],
            cohort=cohort,
            municipality=municipalities[group_data["municipality"]],
            supervisor=supervisor,
        )
        group.members.set(get_user_model().objects.filter(email__in=group_data["members"]))
        result.supervision_groups.append(group.name)
    start_time, end_time = demo_sessions.SUPERVISION_TIME
    for data in demo_sessions.SUPERVISION_SESSIONS:
        session = _session(
            result,
            {
                "supervision_group": group,
                "kind": SessionKind.SUPERVISION,
                "title": demo_sessions.supervision_title(data["number"]),
            },
            {
                "cohort": cohort,
                "municipality": group.municipality,
                "audience": Audience.SUPERVISION_GROUP,
                "starts_at": _relative(today, data["days_from_today"], start_time),
                "ends_at": _relative(today, data["days_from_today"], end_time),
                "online_url": demo_sessions.SUPERVISION_URL,
            },
            [supervisor],
        )
        exceptions = demo_sessions.SUPERVISION_EXCEPTIONS.get(data["number"])
        if exceptions is not None:
            _seed_attendance(session, supervisor, exceptions, result)


def _seed_attendance(session, by, exceptions, result):
    """Everyone expected was there, except ``exceptions`` (e-mail → status, UE).

    Only for a held session without any attendance yet. Recorded through
    ``lms.attendance`` (validation, history, module completion), then dated to
    the end of the session, when the facilitator would have recorded it.
    """
    from lms import attendance

    if session.starts_at > timezone.now() or session.attendances.exists():
        return
    rows = []
    for person in attendance.expected_people(session):
        status, ue = exceptions.get(person.email.lower(), (demo_sessions.PRESENT, None))
        rows.append((person, status, ue))
    start = timezone.now()
    attendance.record_attendance(session, rows, by=by)
    recorded_at = session.ends_at + datetime.timedelta(minutes=15)
    Attendance.objects.filter(session=session, recorded_at__gte=start).update(
        recorded_at=recorded_at
    )
    AttendanceChange.objects.filter(attendance__session=session, changed_at__gte=start).update(
        changed_at=recorded_at
    )
    result.attendance.append(session.title)
