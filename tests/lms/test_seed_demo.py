"""``manage.py seed_demo``: the German demo content, its accounts, and idempotence."""

import json
from datetime import timedelta
from io import StringIO
from itertools import pairwise

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.db import transaction
from django.test import override_settings
from django.urls import reverse
from django.utils import translation
from wagtail.documents import get_document_model
from wagtail.models import Collection, ModelLogEntry, Page, PageLogEntry, Revision, Site

from certificates import eligibility
from certificates.issuing import revoke_certificate
from certificates.models import Certificate, CertificateKind, CertificateStatus
from content.models import (
    HomePage,
    SiteSettings,
    StandardPage,
    TransferModelIndexPage,
    TransferModelPage,
)
from curriculum.models import LessonPage, ModulePage, ProgrammePage
from lms import access, attendance, progress
from lms.demo import curriculum, people
from lms.demo import sessions as demo_sessions
from lms.demo.seed import DEMO_PASSWORD, demo_email
from lms.editors import editor_group_for
from lms.enrolment import PRIVACY_NOTICE_VERSION
from lms.models import (
    Attendance,
    AttendanceChange,
    Cohort,
    Consent,
    Enrolment,
    EnrolmentEvent,
    LessonCompletion,
    Milestone,
    ModuleCompletion,
    ModuleSignOff,
    Municipality,
    Praxisprojekt,
    PraxisprojektStatus,
    QuizAttempt,
    ReflectionAnswer,
    Session,
    SupervisionGroup,
    User,
)
from lms.roles import Role
from lms.trainer import progress_matrix

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.filterwarnings("ignore:HarfBuzz-Subset:DeprecationWarning"),
]

TRAINEE = "teilnehmende@example.org"
ABSOLVENT = "absolvent@example.org"
TRAINER = "trainerin@example.org"
SUPERVISOR = "supervisorin@example.org"
STAFF = "verwaltung@example.org"
ADMIN = "admin@example.org"

# home + programme + 8 modules + 21 lessons + 4 standard pages + index + 3 transfer models
CREATED_PAGES = 39


def run_seed_demo():
    """Run the command with DEBUG on and return its (English) output."""
    out = StringIO()
    with override_settings(DEBUG=True), translation.override("en"):
        call_command("seed_demo", stdout=out)
    return out.getvalue()


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker, tmp_path_factory):
    """Seed once for the module (about 7 s), in a transaction rolled back at its end.

    Each test runs in its own savepoint inside that transaction (pytest-django's
    usual per-test rollback), so tests see the freshly seeded demo and cannot
    disturb one another. Returns the output of the first run.
    """
    media = override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media"))
    media.enable()
    try:
        with django_db_blocker.unblock(), transaction.atomic():
            output = run_seed_demo()
            yield output
            transaction.set_rollback(True)
    finally:
        media.disable()
        cache.clear()


@pytest.fixture(autouse=True)
def clear_cache():
    """allauth's rate-limit counters and Wagtail's site root paths live in the cache."""
    cache.clear()
    yield
    cache.clear()


def programme():
    return ProgrammePage.objects.get(slug="qualifizierung")


def modules():
    return list(ModulePage.objects.child_of(programme()).order_by("path"))


def lesson(slug):
    return LessonPage.objects.get(slug=slug)


# --- Curriculum ------------------------------------------------------------------


def test_programme(seeded):
    page = programme()
    assert ProgrammePage.objects.count() == 1
    assert page.title == "Qualifizierung zur:zum kommunalen Konfliktmanager:in"
    assert page.total_ue == 86
    assert page.live is True
    assert page.get_parent().specific_class is HomePage
    assert "mindestens 80 %" in page.certificate_requirements
    assert "Teilnahmebescheinigung" in page.certificate_requirements
    assert page.materials_collection is not None


def test_eight_modules_as_in_the_demo_curriculum(seeded):
    found = modules()
    assert [(m.number, m.title, m.ue, m.format) for m in found] == [
        ("1", "Auftakt: Konflikte in der Kommune, Rollen und Haltung", 12, "praesenz"),
        ("2", "Konflikttheorie und Eskalationsdynamik", 8, "praesenz"),
        ("3", "Systemische Konfliktanalyse und Akteurslandkarte", 12, "praesenz"),
        ("4", "Gesprächsführung: systemische Fragen, gewaltfreie Kommunikation", 8, "praesenz"),
        ("5", "Moderation von Dialog- und Beteiligungsformaten", 8, "praesenz"),
        ("6", "Konfliktmanagement in der Verwaltung verankern", 4, "online"),
        ("7", "Krisen, Bedrohungslagen, Umgang mit Demokratiefeindlichkeit", 8, "praesenz"),
        ("8", "Abschluss: Praxisprojekt und Kolloquium", 8, "praesenz"),
    ]
    for module in found:
        assert module.live is True
        assert module.is_required is True
        assert module.summary
        assert module.learning_outcomes.startswith("<ul>")
        module.full_clean()
    by_number = {m.number: m for m in found}
    assert [m.number for m in by_number["3"].prerequisites.order_by("path")] == ["2"]
    assert [m.number for m in by_number["8"].prerequisites.order_by("path")] == [
        "1",
        "2",
        "3",
        "4",
        "5",
        "6",
        "7",
    ]
    assert list(by_number["1"].prerequisites.all()) == []


def test_every_module_has_two_to_four_live_lessons_with_valid_content(seeded):
    lesson_counts = []
    for module in modules():
        lessons = list(LessonPage.objects.child_of(module).live())
        lesson_counts.append(len(lessons))
        assert 2 <= len(lessons) <= 4, module
        quizzes = []
        for page in lessons:
            assert len(page.body) >= 3, page
            assert page.summary
            page.full_clean()
            page.body.stream_block.clean(page.body)  # block validation
            assert page.live_revision is not None
            assert page.has_unpublished_changes is False
            quizzes += [block.value for block in page.body if block.block_type == "quiz"]
        assert len(quizzes) >= 1, module
        for quiz in quizzes:
            assert 2 <= len(quiz["questions"]) <= 4
            assert 0 < quiz["pass_percentage"] <= 100
            for question in quiz["questions"]:
                assert len(question["options"]) >= 2
                assert any(option["correct"] for option in question["options"])
                assert question["explanation"]
    assert lesson_counts == [3, 3, 3, 3, 2, 2, 3, 2]
    assert LessonPage.objects.live().count() == 21


def test_lessons_use_headings_paragraphs_callouts_and_reflections(seeded):
    block_types = {}
    callout_kinds = set()
    lessons_with_reflection = 0
    for page in LessonPage.objects.all():
        types = [block.block_type for block in page.body]
        for block_type in types:
            block_types[block_type] = block_types.get(block_type, 0) + 1
        callout_kinds |= {b.value["kind"] for b in page.body if b.block_type == "callout"}
        lessons_with_reflection += "reflection" in types
        paragraphs = [str(b.value) for b in page.body if b.block_type == "paragraph"]
        assert paragraphs, page
        assert "lorem" not in " ".join(paragraphs).lower()
    assert set(block_types) == {
        "heading",
        "paragraph",
        "callout",
        "quiz",
        "reflection",
        "document",
    }
    assert block_types["quiz"] == 8
    assert block_types["document"] == 1
    assert callout_kinds == {"info", "tip", "warning"}
    assert lessons_with_reflection == 9


def test_lessons_cover_the_programme_topics(seeded):
    text = " ".join(
        str(block.value)
        for page in LessonPage.objects.all()
        for block in page.body
        if block.block_type == "paragraph"
    )
    for topic in [
        "Glasl",
        "Eisbergmodell",
        "Akteurslandkarte",
        "Zirkuläre Fragen",
        "gewaltfreie Kommunikation",
        "Bürgerrat",
        "Bedrohungen",
        "Demokratiefeindlichkeit",
        "Allparteilichkeit",
        "Konfliktmonitoring",
        "Krisenpräventionsplan",
        "Kolloquium",
        "Akteur:innen",
        "Konfliktmanager:innen",
        "Teilnehmende",
    ]:
        assert topic in text, topic


def test_pages_are_created_like_in_the_admin(seeded):
    page = lesson("eskalationsstufen-nach-glasl")
    admin = User.objects.get(email=ADMIN)
    assert page.owner == admin
    assert Revision.page_revisions.filter(object_id=str(page.pk)).count() == 1
    assert list(
        PageLogEntry.objects.filter(page=page).order_by("pk").values_list("action", "user")
    ) == [
        ("wagtail.create", admin.pk),
        ("wagtail.edit", admin.pk),
        ("wagtail.publish", admin.pk),
    ]
    deletion = PageLogEntry.objects.get(action="wagtail.delete")
    assert (deletion.label, deletion.user) == ("Welcome to your new Wagtail site!", admin)


def test_actor_map_template_is_a_programme_document_used_in_module_3(seeded):
    Document = get_document_model()
    document = Document.objects.get()
    assert document.title == "Vorlage Akteurslandkarte"
    assert document.collection == programme().materials_collection
    assert document.file.name.endswith(".pdf")
    with document.open_file() as f:
        assert f.read(5) == b"%PDF-"
    assert document.file_size > 0
    assert document.file_hash
    page = lesson("akteurslandkarte-erstellen")
    assert page.get_parent().specific.number == "3"
    [block] = [b for b in page.body if b.block_type == "document"]
    assert block.value["document"] == document
    assert access.restricted_programme_ids_of_document(document) == {programme().pk}


# --- Home page, site, content pages, settings -----------------------------------------


def test_home_page_replaces_the_welcome_page(seeded):
    root = Page.get_first_root_node()
    site = Site.objects.get(is_default_site=True)
    home = HomePage.objects.get()
    assert Site.objects.count() == 1
    assert site.root_page.specific == home
    assert site.site_name == "KoKoMa Qualifizierungsplattform"
    assert (site.hostname, site.port) == ("localhost", 80)
    assert [p.specific_class for p in root.get_children()] == [HomePage]
    assert not Page.objects.filter(
        content_type=ContentType.objects.get_for_model(Page), depth__gt=1
    ).exists()
    assert home.title == "KoKoMa – Kommunales Konfliktmanagement"
    assert home.intro
    assert "Ein Konflikt ist ein Streit." in home.easy_language
    assert "Demokratie leben!" in home.easy_language


def test_content_pages_under_the_home_page(seeded):
    home = HomePage.objects.get()
    assert [(p.title, p.specific_class) for p in home.get_children().live()] == [
        ("Qualifizierung zur:zum kommunalen Konfliktmanager:in", ProgrammePage),
        ("Über die Qualifizierung", StandardPage),
        ("Impressum", StandardPage),
        ("Datenschutzerklärung", StandardPage),
        ("Erklärung zur Barrierefreiheit", StandardPage),
        ("Modelle für den Transfer", TransferModelIndexPage),
    ]
    privacy = StandardPage.objects.get(slug="datenschutz")
    privacy_text = " ".join(str(block.value) for block in privacy.body)
    for article in ["Art. 15", "Art. 16", "Art. 17", "Art. 18", "Art. 19", "Art. 20", "Art. 21"]:
        assert article in privacy_text
    assert "Demo-Text" in privacy_text
    accessibility = StandardPage.objects.get(slug="barrierefreiheit")
    accessibility_text = " ".join(str(block.value) for block in accessibility.body)
    for phrase in ["BITV 2.0", "WCAG", "teilweise vereinbar", "§ 16", "mailto:"]:
        assert phrase in accessibility_text
    index = TransferModelIndexPage.objects.get()
    transfer_models = TransferModelPage.objects.child_of(index).live()
    assert transfer_models.count() == 3
    for model in transfer_models:
        assert "fiktiv" in model.municipality
        model.full_clean()


def test_site_settings(seeded):
    site_settings = SiteSettings.objects.get(site=Site.objects.get(is_default_site=True))
    assert [
        (block.value["page"].title, block.value["label"]) for block in site_settings.main_navigation
    ] == [
        ("Qualifizierung zur:zum kommunalen Konfliktmanager:in", "Qualifizierung"),
        ("Modelle für den Transfer", ""),
        ("Über die Qualifizierung", ""),
    ]
    assert [block.value["page"].title for block in site_settings.footer_navigation] == [
        "Impressum",
        "Datenschutzerklärung",
        "Erklärung zur Barrierefreiheit",
    ]
    assert "Stiftung SPI" in site_settings.footer_text
    assert "Servicestelle Kommunales Konfliktmanagement" in site_settings.footer_text
    assert site_settings.contact_email == "kontakt@kokoma.example.org"
    assert site_settings.funding_notice == (
        "Gefördert vom Bundesministerium für Familie, Senioren, Frauen und Jugend im Rahmen "
        "des Bundesprogramms »Demokratie leben!«"
    )


def test_empty_site_settings_are_filled_but_edited_ones_kept(seeded):
    # A request can create an empty settings row before anyone seeds, and SPI
    # staff edit the settings afterwards: edited fields survive another run.
    site_settings = SiteSettings.objects.get()
    site_settings.main_navigation = []
    site_settings.funding_notice = ""
    site_settings.contact_email = "info@kommune.example.org"
    site_settings.save()

    output = run_seed_demo()

    site_settings.refresh_from_db()
    assert site_settings.contact_email == "info@kommune.example.org"
    assert len(site_settings.main_navigation) == 3
    assert site_settings.funding_notice.startswith("Gefördert vom Bundesministerium")
    assert "Filled in the site settings (navigation, footer, contact)." in output
    assert "Created:" not in output


# --- Accounts and cohort ----------------------------------------------------------


def test_demo_accounts(seeded):
    expected = {
        TRAINEE: [Role.TRAINEE.group_name],
        TRAINER: sorted([Role.TRAINER.group_name, editor_group_for(programme()).name]),
        SUPERVISOR: [Role.SUPERVISOR.group_name],
        STAFF: [Role.STAFF.group_name],
        ADMIN: [],
    }
    assert User.objects.count() == 5 + len(people.PARTICIPANTS) + 1  # and the absolvent
    for email, groups in expected.items():
        user = User.objects.get(email=email)
        assert user.first_name and user.last_name
        assert user.check_password(DEMO_PASSWORD)
        assert sorted(user.groups.values_list("name", flat=True)) == groups
        assert list(
            EmailAddress.objects.filter(user=user).values_list("email", "verified", "primary")
        ) == [(email, True, True)]
        assert user.is_superuser is (email == ADMIN)
    assert User.objects.get(email=STAFF).is_spi_staff is True


def test_cohort_with_trainer_supervisor_and_municipalities(seeded):
    cohort = Cohort.objects.get()
    assert cohort.name == "Durchgang 2026"
    assert cohort.programme == programme()
    assert cohort.start_date.year == 2026
    assert cohort.start_date < cohort.end_date
    assert (cohort.capacity, cohort.enrolment_open, cohort.enrolment_deadline) == (24, True, None)
    assert cohort.places.startswith("Bamberg, Eisenach und Neubrandenburg")
    assert [u.email for u in cohort.trainers.all()] == [TRAINER]
    assert [u.email for u in cohort.supervisors.all()] == [SUPERVISOR]
    assert [m.name for m in cohort.municipalities.all()] == [
        "Bamberg",
        "Neubrandenburg",
        "Wartburgkreis",
    ]


def test_three_municipalities_with_milestones(seeded):
    assert list(Municipality.objects.values_list("name", "kind", "federal_state", "pfd_name")) == [
        ("Bamberg", "town", "BY", "Partnerschaft für Demokratie Bamberg"),
        ("Neubrandenburg", "town", "MV", "Partnerschaft für Demokratie Neubrandenburg"),
        ("Wartburgkreis", "district", "TH", "Partnerschaft für Demokratie im Wartburgkreis"),
    ]
    for municipality in Municipality.objects.all():
        municipality.full_clean()
        assert municipality.local_partner
        assert municipality.project_start < municipality.project_end
        assert list(municipality.milestones.values_list("kind", flat=True)) == [
            "conflict_analysis",
            "steering_group",
            "concept",
            "transfer",
        ]
    statuses = set(Milestone.objects.values_list("status", flat=True))
    assert statuses == {"open", "in_progress", "reached"}
    for milestone in Milestone.objects.filter(status="reached"):
        assert milestone.reached_on is not None


def test_participants_in_every_state(seeded):
    cohort = Cohort.objects.get()
    by_status = {}
    for email, status in Enrolment.objects.values_list("user__email", "status"):
        by_status.setdefault(status, []).append(email)
    assert {status: len(emails) for status, emails in by_status.items()} == {
        "admitted": 16,
        "applied": 2,
        "waitlisted": 2,
        "rejected": 1,
        "withdrawn": 1,
    }
    assert TRAINEE in by_status["admitted"]
    assert sorted(by_status["waitlisted"]) == [
        "dirk.zimmermann@example.org",
        "nadine.koch@example.org",
    ]
    assert by_status["withdrawn"] == ["felix.krueger@example.org"]
    assert cohort.seats_left() == 24 - 16
    for enrolment in Enrolment.objects.select_related("user", "municipality"):
        assert enrolment.municipality is not None
        assert enrolment.function
        assert enrolment.organisation
        assert enrolment.user.groups.filter(name=Role.TRAINEE.group_name).exists()
    participant = User.objects.get(email="julia.schaefer@example.org")
    assert (participant.first_name, participant.last_name) == ("Julia", "Schäfer")
    assert participant.check_password(DEMO_PASSWORD)
    assert EmailAddress.objects.get(user=participant).verified is True


def test_every_enrolment_has_its_history_and_consent(seeded):
    staff = User.objects.get(email=STAFF)
    expected = {
        "applied": [("", "applied")],
        "admitted": [("", "applied"), ("applied", "admitted")],
        "waitlisted": [("", "applied"), ("applied", "waitlisted")],
        "rejected": [("", "applied"), ("applied", "rejected")],
        "withdrawn": [("", "applied"), ("applied", "admitted"), ("admitted", "withdrawn")],
    }
    for enrolment in Enrolment.objects.all():
        events = list(enrolment.events.order_by("at"))
        assert [(e.from_status, e.to_status) for e in events] == expected[enrolment.status]
        assert events[0].actor == enrolment.user
        assert events[0].at == enrolment.created_at
        if enrolment.status != "applied":
            assert (events[1].actor, enrolment.decided_by) == (staff, staff)
        assert list(enrolment.consents.values_list("kind", "text_version")) == [
            (Consent.Kind.PRIVACY_NOTICE, PRIVACY_NOTICE_VERSION)
        ]
    rejected = Enrolment.objects.get(status="rejected").events.last()
    assert rejected.note.startswith("Keine Mitwirkung")
    withdrawn = Enrolment.objects.get(status="withdrawn").events.last()
    assert withdrawn.actor.email == "felix.krueger@example.org"


def test_module_8_requires_a_sign_off(seeded):
    assert [m.number for m in modules() if m.requires_sign_off] == ["8"]


def test_progress_follows_the_platform_rules(seeded):
    # Every stored module completion is what lms.progress's rule says, and back.
    for enrolment in Enrolment.objects.active():
        for module in modules():
            met, _reason, _sign_off = progress.module_completion_rule_met(enrolment, module)
            stored = ModuleCompletion.objects.filter(enrolment=enrolment, module=module).exists()
            assert met is stored, (enrolment, module)
    for completion in LessonCompletion.objects.select_related("lesson"):
        has_quiz = progress.lesson_has_quiz(completion.lesson)
        assert completion.source == ("quiz" if has_quiz else "manual")
    assert QuizAttempt.objects.filter(passed=False).count() == 7
    assert QuizAttempt.objects.filter(passed=True).count() == 65 + 8  # 8: the absolvent
    for answer in ReflectionAnswer.objects.all():
        assert answer.text.startswith(("<p>", "<ul>"))
        assert "<script" not in answer.text
    assert ReflectionAnswer.objects.count() == 16 + 2  # 2: the absolvent
    # Dated in the cohort's past, not when the seed ran.
    latest = max(LessonCompletion.objects.values_list("completed_at", flat=True))
    assert latest.date() < people.SIGN_OFF_ON
    # (The absolvent's certificate is issued when the seed runs: not part of the story.)
    assert not ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Enrolment),
        timestamp__date__gt=people.SIGN_OFF_ON,
    ).exists()


def test_one_praxisprojekt_is_signed_off_and_one_awaits_it(seeded):
    sign_off = ModuleSignOff.objects.exclude(enrolment__user__email=ABSOLVENT).get()
    assert sign_off.enrolment.user.email == "lukas.hofmann@example.org"
    assert sign_off.module.specific.number == "8"
    assert sign_off.signed_by.email == TRAINER
    assert sign_off.signed_at.date() == people.SIGN_OFF_ON
    assert sign_off.note.startswith("Praxisprojekt")
    completion = ModuleCompletion.objects.get(enrolment=sign_off.enrolment, module=sign_off.module)
    assert (completion.source, completion.sign_off) == ("sign_off", sign_off)

    matrix = progress_matrix(Cohort.objects.get())
    rows = {row.participant.email: row for row in matrix.rows}
    assert len(rows) == 16
    assert rows[ABSOLVENT].percentage == 100
    assert rows["lukas.hofmann@example.org"].percentage == 100
    assert rows["sarah.wagner@example.org"].cells[-1].state == "awaiting_sign_off"
    assert rows["birgit.krause@example.org"].percentage == 0
    assert rows[TRAINEE].percentage == 50
    assert [cell.state.value for cell in rows[TRAINEE].cells[:5]] == [
        "completed",
        "completed",
        "completed",
        "in_progress",
        "not_started",
    ]


def test_trainer_sees_the_demo_matrix(seeded, client):
    client.force_login(User.objects.get(email=TRAINER))
    cohort = Cohort.objects.get()
    response = client.get(f"/durchgaenge/{cohort.pk}/fortschritt/")
    assert response.status_code == 200
    assert len(response.context["matrix"].rows) == 16
    html = response.content.decode()
    assert "Lukas Hofmann" in html
    assert "Felix Krüger" not in html  # withdrawn


def test_demo_trainee_dashboard_shows_progress(seeded, client):
    client.force_login(User.objects.get(email=TRAINEE))
    response = client.get("/lernweg/")
    assert response.status_code == 200
    overview = progress.learning_overview_for(User.objects.get(email=TRAINEE))
    [path] = overview.paths
    assert path.modules_completed == 3
    assert path.ue_done == 12 + 8 + 12


def test_demo_email():
    assert demo_email("Felix", "Krüger") == "felix.krueger@example.org"
    assert demo_email("Lea", "Möller") == "lea.moeller@example.org"
    assert demo_email("Jörg-Uwe", "Weiß") == "joerg-uwe.weiss@example.org"


# --- Reading a lesson -----------------------------------------------------------------


def test_trainee_logs_in_and_reads_a_lesson(seeded, client):
    page = lesson("eskalationsstufen-nach-glasl")
    response = client.post("/accounts/login/", {"login": TRAINEE, "password": DEMO_PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(User.objects.get(email=TRAINEE).pk)

    response = client.get(page.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Die neun Eskalationsstufen nach Glasl" in html
    assert "Der österreichische Konfliktforscher Friedrich Glasl" in html


def test_trainee_login_with_client_login(seeded, client):
    assert client.login(email=TRAINEE, password=DEMO_PASSWORD) is True
    response = client.get(lesson("das-eisbergmodell").url)
    assert response.status_code == 200
    assert "Beziehungsebene" in response.content.decode()


def test_quiz_is_shown_without_its_answer_key(seeded, client):
    # A participant who has not tried it yet (explanations follow a submission).
    client.force_login(User.objects.get(email="birgit.krause@example.org"))
    response = client.get(lesson("eskalationsmechanismen").url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Welche Ebene liegt im Eisbergmodell unter der Wasserlinie?" in html
    assert "Mit Stufe 4 beginnt die Phase" not in html  # an explanation


def test_trainee_downloads_the_actor_map_but_anonymous_visitors_cannot(seeded, client):
    document = get_document_model().objects.get()
    client.force_login(User.objects.get(email=TRAINEE))
    page_html = client.get(lesson("akteurslandkarte-erstellen").url).content.decode()
    assert document.url in page_html
    response = client.get(document.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-")

    client.logout()
    response = client.get(document.url)
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={document.url}"


def test_anonymous_visitor_is_sent_to_the_login(seeded, client):
    url = lesson("eskalationsstufen-nach-glasl").url
    assert url == ("/qualifizierung/modul-2-konflikttheorie/eskalationsstufen-nach-glasl/")
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={url}"


def test_public_pages_render(seeded, client):
    for url in [
        "/",
        "/qualifizierung/",
        "/qualifizierung/modul-3-konfliktanalyse/",
        "/impressum/",
        "/datenschutz/",
        "/barrierefreiheit/",
        "/ueber-die-qualifizierung/",
        "/modelle-fuer-den-transfer/",
        "/modelle-fuer-den-transfer/dialogwerkstatt-jugendzentrum/",
    ]:
        assert client.get(url).status_code == 200, url


# --- Sessions and attendance -----------------------------------------------------------


def test_demo_sessions_of_the_cohort(seeded):
    from django.utils import timezone

    now = timezone.now()
    workshops = Session.objects.filter(kind="workshop").select_related("module")
    assert [s.module.specific.number for s in workshops] == ["1", "2", "3", "4", "5", "7", "8"]
    assert all(s.starts_at < now for s in workshops)
    assert [s.ue for s in workshops] == [12, 8, 12, 8, 8, 8, 8]
    first = timezone.localtime(workshops[0].starts_at)
    assert (first.date(), first.hour, first.minute) == (people.MODULE_DATES["1"], 9, 30)
    assert first.tzinfo.key == "Europe/Berlin"
    deepenings = Session.objects.filter(kind="deepening")
    assert [s.starts_at < now for s in deepenings] == [True, False, False]
    assert all(s.online_url and s.credited_ue == 4 for s in deepenings)
    for session in [*workshops, *deepenings]:
        assert [f.email for f in session.facilitators.all()] == [TRAINER]

    group = SupervisionGroup.objects.get()
    assert (group.name, group.supervisor.email) == ("Tandem Bamberg", SUPERVISOR)
    assert sorted(group.members.values_list("email", flat=True)) == sorted(
        [*demo_sessions.SUPERVISION_GROUP["members"], ABSOLVENT]
    )
    supervision = list(group.sessions.all())
    assert [s.duration_minutes for s in supervision] == [90] * 4
    assert [s.starts_at < now for s in supervision] == [True, True, False, False]
    gaps = {(b.starts_at - a.starts_at).days for a, b in pairwise(supervision)}
    assert gaps == {28}


def test_held_sessions_have_their_attendance(seeded):
    from django.utils import timezone

    for session in Session.objects.all():
        records = session.attendances.all()
        if session.starts_at > timezone.now():
            assert not records.exists(), session
            continue
        expected = {u.pk for u in attendance.expected_people(session)}
        assert {a.user_id for a in records} == expected, session
        for record in records:
            assert record.recorded_at == session.ends_at + timedelta(minutes=15)
            assert [c.status for c in record.changes.all()] == [record.status]
    statuses = set(Attendance.objects.values_list("status", flat=True))
    assert statuses == {"present", "late", "partial", "excused", "unexcused"}
    partial = Attendance.objects.get(
        session__module__slug="modul-1-auftakt", user__email="lea.moeller@example.org"
    )
    assert (partial.status, partial.ue_credited) == ("partial", 6)
    assert Attendance.objects.filter(session__kind="supervision").count() == 8
    assert Attendance.objects.filter(recorded_by__email=SUPERVISOR).count() == 8


def test_trainer_prints_the_demo_teilnahmeliste(seeded, client):
    client.force_login(User.objects.get(email=TRAINER))
    session = Session.objects.get(kind="workshop", module__slug="modul-2-konflikttheorie")
    response = client.get(f"/termine/{session.pk}/teilnahmeliste.csv")
    assert response.status_code == 200
    text = response.content.decode("utf-8-sig")
    assert text.count("\n") == 1 + 16  # header and the admitted participants
    assert "Hofmann, Lukas" in text
    assert "Krüger" not in text  # withdrawn


# --- Idempotence and safety ---------------------------------------------------------


def snapshot():
    User_groups = User.groups.through
    return {
        "pages": Page.objects.count(),
        "live pages": Page.objects.live().count(),
        "revisions": Revision.objects.count(),
        "log entries": PageLogEntry.objects.count(),
        "documents": get_document_model().objects.count(),
        "collections": Collection.objects.count(),
        "users": User.objects.count(),
        "email addresses": EmailAddress.objects.count(),
        "groups": Group.objects.count(),
        "group memberships": User_groups.objects.count(),
        "cohorts": Cohort.objects.count(),
        "cohort trainers": Cohort.trainers.through.objects.count(),
        "cohort supervisors": Cohort.supervisors.through.objects.count(),
        "enrolments": Enrolment.objects.count(),
        "sites": list(Site.objects.values_list("pk", "root_page", "site_name")),
        "site settings": list(
            SiteSettings.objects.values_list(
                "pk", "footer_text", "contact_email", "funding_notice", "main_navigation"
            )
        ),
        "page values": list(
            Page.objects.order_by("path").values_list(
                "pk", "title", "slug", "live", "latest_revision", "last_published_at"
            )
        ),
        "lesson bodies": [str(p.body.raw_data) for p in LessonPage.objects.order_by("path")],
        "passwords": list(User.objects.order_by("pk").values_list("email", "password")),
        "documents files": list(
            get_document_model().objects.values_list("pk", "file", "file_hash")
        ),
        "enrolment status": list(Enrolment.objects.values_list("pk", "status", "updated_at")),
        "municipalities": list(Municipality.objects.values_list("pk", "name", "pfd_name")),
        "milestones": list(Milestone.objects.values_list("pk", "kind", "status")),
        "cohort": list(Cohort.objects.values_list("pk", "places", "capacity", "enrolment_open")),
        "cohort municipalities": Cohort.municipalities.through.objects.count(),
        "enrolment events": list(EnrolmentEvent.objects.values_list("pk", "to_status", "at")),
        "consents": Consent.objects.count(),
        "lesson completions": list(LessonCompletion.objects.values_list("pk", "completed_at")),
        "quiz attempts": list(QuizAttempt.objects.values_list("pk", "passed", "submitted_at")),
        "reflections": list(ReflectionAnswer.objects.values_list("pk", "updated_at")),
        "sign-offs": list(ModuleSignOff.objects.values_list("pk", "signed_at", "withdrawn_at")),
        "module completions": list(ModuleCompletion.objects.values_list("pk", "completed_at")),
        "enrolment log entries": ModelLogEntry.objects.count(),
        "sessions": list(
            Session.objects.values_list("pk", "title", "starts_at", "ends_at", "ue", "place")
        ),
        "session facilitators": Session.facilitators.through.objects.count(),
        "supervision groups": list(SupervisionGroup.objects.values_list("pk", "name")),
        "supervision members": SupervisionGroup.members.through.objects.count(),
        "attendances": list(
            Attendance.objects.values_list("pk", "status", "ue_credited", "recorded_at")
        ),
        "attendance changes": AttendanceChange.objects.count(),
        "certificates": list(
            Certificate.objects.values_list("pk", "number", "status", "sha256", "issued_at")
        ),
        "praxisprojekte": list(
            Praxisprojekt.objects.values_list("pk", "title", "status", "decided_at")
        ),
        "requires sign-off": list(
            ModulePage.objects.values_list("pk", "requires_sign_off").order_by("pk")
        ),
    }


def test_running_twice_changes_nothing(seeded):
    assert (
        "Created: 39 pages, 26 accounts, 1 document, 3 municipalities, 1 cohort, "
        "22 enrolments, learning progress of 16 participants, 14 sessions, "
        "1 supervision group, attendance at 10 sessions, 1 certificate."
    ) in seeded
    before = snapshot()
    assert before["pages"] == CREATED_PAGES + 1  # and the tree's root
    assert before["live pages"] == CREATED_PAGES + 1
    assert before["revisions"] == CREATED_PAGES
    # create, edit, publish per page, and the deletion of the welcome page
    assert before["log entries"] == 3 * CREATED_PAGES + 1
    assert before["documents"] == 1
    assert before["users"] == 26
    assert before["enrolments"] == 22
    assert len(before["lesson completions"]) == 193 + 21  # the absolvent did all 21 lessons
    assert len(before["certificates"]) == 1

    second_output = run_seed_demo()

    assert snapshot() == before
    assert "The demo content already exists; nothing was changed." in second_output
    assert "Created:" not in second_output


def test_cohort_and_demo_trainee_from_an_earlier_demo_are_filled_in(seeded):
    # An earlier demo had the cohort without places, capacity and municipalities,
    # and the demo trainee's enrolment without details or progress.
    cohort = Cohort.objects.get()
    Cohort.objects.filter(pk=cohort.pk).update(places="", capacity=None)
    cohort.municipalities.clear()
    jana = Enrolment.objects.get(user__email=TRAINEE)
    Enrolment.objects.filter(pk=jana.pk).update(municipality=None, function="", organisation="")
    for model in (LessonCompletion, QuizAttempt, ReflectionAnswer, ModuleCompletion):
        model.objects.filter(enrolment=jana).delete()
    # Any enrolment left without progress gets the demo's again.
    lea = Enrolment.objects.get(user__email="lea.moeller@example.org")
    LessonCompletion.objects.filter(enrolment=lea).delete()

    output = run_seed_demo()

    cohort.refresh_from_db()
    jana.refresh_from_db()
    assert (cohort.places != "", cohort.capacity) == (True, 24)
    assert cohort.municipalities.count() == 3
    assert (jana.municipality.name, jana.function) == ("Bamberg", "administration")
    assert ModuleCompletion.objects.filter(enrolment=jana).count() == 3
    assert "Created: learning progress of 2 participants." in output
    assert "Filled in the cohort's places, capacity and municipalities." in output
    before = snapshot()
    run_seed_demo()
    assert snapshot() == before


def test_a_page_of_another_type_in_the_way_stops_the_seed(seeded):
    home = HomePage.objects.get()
    TransferModelIndexPage.objects.get().delete()
    home.add_child(
        instance=StandardPage(title="Modelle", slug="modelle-fuer-den-transfer", live=True)
    )
    pages_before = Page.objects.count()
    with pytest.raises(CommandError) as excinfo:
        run_seed_demo()
    assert str(excinfo.value) == (
        "The demo content could not be created: The slug “modelle-fuer-den-transfer” under "
        "/kokoma/ is taken by a standard page, not a transfer model overview."
    )
    assert Page.objects.count() == pages_before


def test_output_lists_the_demo_logins(seeded):
    assert "Demo content created." in seeded
    assert "Removed Wagtail's welcome page." in seeded
    assert "Demo accounts (password: kokoma-demo):" in seeded
    for email in [TRAINEE, TRAINER, SUPERVISOR, STAFF, ADMIN]:
        assert email in seeded


def test_refuses_to_run_without_debug(settings):
    settings.DEBUG = False
    before = (Page.objects.count(), User.objects.count(), Revision.objects.count())
    with translation.override("en"), pytest.raises(CommandError) as excinfo:
        call_command("seed_demo", stdout=StringIO())
    assert str(excinfo.value) == (
        "seed_demo only runs with DEBUG switched on, because it creates accounts with a "
        "publicly known password. Never run it on a production database."
    )
    assert (Page.objects.count(), User.objects.count(), Revision.objects.count()) == before


@pytest.mark.django_db(False)
def test_demo_texts_are_consistent_with_the_curriculum_data():
    assert sum(module["ue"] for module in curriculum.MODULES) == 68
    assert [module["number"] for module in curriculum.MODULES] == [str(n) for n in range(1, 9)]


# --- The absolvent and their Zertifikat ---------------------------------------------------


def test_absolvent_meets_every_requirement(seeded):
    enrolment = Enrolment.objects.get(user__email=ABSOLVENT)
    assert enrolment.status == "admitted"
    assert enrolment.user.check_password(DEMO_PASSWORD)
    assert enrolment.user.groups.filter(name=Role.TRAINEE.group_name).exists()

    result = eligibility.evaluate(enrolment)

    assert [r.key for r in result.requirements] == [
        "modules",
        "attendance",
        "deepenings",
        "praxisprojekt",
    ]
    assert all(r.met and r.met_on is not None for r in result.requirements), result.requirements
    assert result.eligible is True
    assert result.kind == CertificateKind.CERTIFICATE
    assert ModuleCompletion.objects.filter(enrolment=enrolment).count() == len(modules())
    project = Praxisprojekt.objects.get(enrolment=enrolment)
    assert (project.status, project.decided_by.email) == (PraxisprojektStatus.ACCEPTED, TRAINER)
    assert result.facts.supervision.attended_hours == 3  # two sessions of 90 minutes


def test_absolvent_holds_a_zertifikat_with_verification_url(seeded):
    certificate = Certificate.objects.get()
    assert certificate.enrolment.user.email == ABSOLVENT
    assert (certificate.kind, certificate.status) == ("certificate", CertificateStatus.VALID)
    assert certificate.issued_by.email == STAFF
    assert certificate.pdf and len(certificate.sha256) == 64
    snapshot = certificate.snapshot
    assert snapshot["holder_name"] == "Anna Lehmann"
    assert len(snapshot["modules"]) == 8
    assert snapshot["total_ue"] == 68
    assert snapshot["praxisprojekt_title"] == "Krisenpräventionsplan für den Wartburgkreis"
    assert snapshot["supervision_hours"] == "3.00"
    assert f"http://testserver{certificate.get_verification_url()}" in seeded


def test_absolvent_certificate_page_is_valid(seeded, client):
    certificate = Certificate.objects.get()
    response = client.get(certificate.get_verification_url())
    assert response.status_code == 200
    assert "Anna Lehmann" in response.content.decode()


def test_running_again_issues_no_second_certificate_unless_revoked(seeded):
    first = Certificate.objects.get()
    output = run_seed_demo()
    assert list(Certificate.objects.values_list("pk", flat=True)) == [first.pk]
    assert first.number in output

    revoke_certificate(first, by=User.objects.get(email=STAFF), reason="Demo")
    output = run_seed_demo()
    new = Certificate.objects.valid().get()
    assert new.pk != first.pk
    assert new.number in output
    assert Certificate.objects.count() == 2


def _seed_load(output_path, *extra):
    out = StringIO()
    with override_settings(DEBUG=True), translation.override("en"):
        call_command(
            "seed_load",
            "--trainees",
            "3",
            "--trainers",
            "1",
            "--output",
            str(output_path),
            *extra,
            stdout=out,
        )
    return json.loads(output_path.read_text())


def test_seed_load_opens_a_working_session_per_account(seeded, tmp_path, client):
    """The load test's remembered sessions sign a person in as the login would."""
    targets = _seed_load(tmp_path / "targets.json")
    assert len(targets["trainees"]) == 3 and len(targets["trainers"]) == 1
    assert set(targets["sessions"]) == set(targets["trainees"] + targets["trainers"])

    client.cookies["sessionid"] = targets["sessions"][targets["trainees"][0]]
    response = client.get(reverse("dashboard"))
    assert response.status_code == 200
    assert response.context["user"].email == targets["trainees"][0]

    client.cookies["sessionid"] = targets["sessions"][targets["trainers"][0]]
    assert client.get(targets["cohort_progress"]).status_code == 200
    for lesson in targets["lessons"]:
        assert client.get(lesson["url"]).status_code == 200


def test_seed_load_again_replaces_the_sessions_and_adds_no_accounts(seeded, tmp_path, client):
    path = tmp_path / "targets.json"
    first = _seed_load(path)
    users = User.objects.count()
    second = _seed_load(path)
    assert User.objects.count() == users
    email = first["trainees"][0]
    assert first["sessions"][email] != second["sessions"][email]

    client.cookies["sessionid"] = first["sessions"][email]
    assert client.get(reverse("dashboard")).status_code == 302  # the old session is gone
    client.cookies["sessionid"] = second["sessions"][email]
    assert client.get(reverse("dashboard")).status_code == 200


def test_seed_load_without_sessions(seeded, tmp_path):
    assert _seed_load(tmp_path / "targets.json", "--no-sessions")["sessions"] == {}
