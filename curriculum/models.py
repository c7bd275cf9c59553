"""The qualification curriculum as Wagtail pages: programme → module → lesson.

The curriculum knows no learners. Who may read a lesson is decided in
``lms.access`` and attached through Wagtail hooks (see ``lms/wagtail_hooks.py``).
"""

from decimal import Decimal
from typing import NamedTuple

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Collection, Page, Site
from wagtail.search import index

from curriculum import tree_cache
from curriculum.blocks import RICH_TEXT_FEATURES, LessonStreamBlock
from curriculum.tree_cache import CachedViewRestrictionsMixin

MINUTES_PER_UE = 45


def ue_to_clock_hours(ue) -> Decimal:
    """Teaching units (Unterrichtseinheiten, 45 min) in clock hours."""
    return (Decimal(ue or 0) * MINUTES_PER_UE / 60).quantize(Decimal("0.01"))


class LessonLink(NamedTuple):
    pk: int
    title: str
    url: str | None


class ModuleFormat(models.TextChoices):
    IN_PERSON = "praesenz", _("In person")
    ONLINE = "online", _("Online")
    BLENDED = "blended", _("Blended")


class ProgrammePage(CachedViewRestrictionsMixin, Page):
    """A qualification programme (Qualifizierungsprogramm)."""

    intro = RichTextField(_("introduction"), features=RICH_TEXT_FEATURES)
    target_groups = RichTextField(_("target groups"), blank=True, features=RICH_TEXT_FEATURES)
    total_ue = models.PositiveSmallIntegerField(
        _("total teaching units (UE)"),
        default=0,
        help_text=_("One teaching unit (UE) is 45 minutes."),
    )
    certificate_requirements = RichTextField(
        _("certificate requirements"), blank=True, features=RICH_TEXT_FEATURES
    )
    # Rules for attendance and the certificate: settings of the programme, not code.
    required_attendance_percent = models.PositiveSmallIntegerField(
        _("required attendance of in-person UE (percent)"),
        default=80,
        validators=[MaxValueValidator(100)],
        help_text=_("Share of a module's in-person UE a person must attend for it to count."),
    )
    required_supervision_hours = models.DecimalField(
        _("required supervision (clock hours)"), max_digits=5, decimal_places=2, default=0
    )
    required_deepenings = models.PositiveSmallIntegerField(
        _("required online deepenings"), default=1
    )
    max_excused_absences = models.PositiveSmallIntegerField(
        _("excused absences allowed"),
        default=2,
        help_text=_("Excused absences beyond this number must be made up in a make-up session."),
    )
    requires_praxisprojekt = models.BooleanField(
        _("requires an accepted practice project"),
        default=True,
        help_text=_("The certificate requires the Praxisprojekt to be accepted."),
    )
    certificate_validity_months = models.PositiveSmallIntegerField(
        _("certificate validity (months)"),
        null=True,
        blank=True,
        help_text=_("Leave empty for certificates that do not expire."),
    )
    reminder_days_before = models.PositiveSmallIntegerField(
        _("reminder e-mail (days before a session)"), default=3
    )
    materials_collection = models.ForeignKey(
        Collection,
        verbose_name=_("materials collection"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Images and documents in this collection are visible only to participants, "
            "trainers and staff of this programme. Created automatically."
        ),
    )
    # The documents' wording and look; empty means the default template of the kind.
    certificate_template = models.ForeignKey(
        "certificates.CertificateTemplate",
        verbose_name=_("certificate template"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        limit_choices_to={"kind": "certificate"},
        help_text=_("Leave empty to use the default template for certificates."),
    )
    attendance_template = models.ForeignKey(
        "certificates.CertificateTemplate",
        verbose_name=_("confirmation of attendance template"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        limit_choices_to={"kind": "attendance"},
        help_text=_("Leave empty to use the default template for confirmations of attendance."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("target_groups"),
        FieldPanel("total_ue"),
        FieldPanel("certificate_requirements"),
    ]
    rules_panels = [
        FieldPanel("required_attendance_percent"),
        FieldPanel("required_supervision_hours"),
        FieldPanel("required_deepenings"),
        FieldPanel("max_excused_absences"),
        FieldPanel("requires_praxisprojekt"),
        FieldPanel("certificate_validity_months"),
        FieldPanel("reminder_days_before"),
        MultiFieldPanel(
            [FieldPanel("certificate_template"), FieldPanel("attendance_template")],
            heading=_("Certificate templates"),
        ),
    ]
    settings_panels = Page.settings_panels + [FieldPanel("materials_collection")]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(rules_panels, heading=_("Rules")),
            ObjectList(Page.promote_panels, heading=_("Promote")),
            ObjectList(settings_panels, heading=_("Settings")),
        ]
    )
    search_fields = Page.search_fields + [index.SearchField("intro")]

    parent_page_types = ["content.HomePage"]
    subpage_types = ["curriculum.ModulePage"]
    template = "curriculum/programme_page.html"

    class Meta:
        verbose_name = _("qualification programme")
        verbose_name_plural = _("qualification programmes")

    def save(self, *args, **kwargs):
        if self.materials_collection_id is None:
            root = Collection.get_first_root_node()
            if root is not None:
                self.materials_collection = root.add_child(
                    name=str(_("Materials: %(title)s") % {"title": self.title})[:255]
                )
        return super().save(*args, **kwargs)

    def modules(self):
        return ModulePage.objects.live().child_of(self).specific()

    @property
    def total_clock_hours(self) -> Decimal:
        return ue_to_clock_hours(self.total_ue)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["modules"] = self.modules()
        return context


class ModulePage(CachedViewRestrictionsMixin, Page):
    """A module (Modul) of a programme, e.g. a two-day in-person workshop."""

    number = models.CharField(
        _("module number"), max_length=10, help_text=_("For example 1, 2 … or V1 for a deepening.")
    )
    summary = models.TextField(_("summary"))
    learning_outcomes = RichTextField(
        _("learning outcomes"), blank=True, features=["bold", "italic", "ul", "ol", "link"]
    )
    ue = models.PositiveSmallIntegerField(
        _("teaching units (UE)"), default=0, help_text=_("One teaching unit (UE) is 45 minutes.")
    )
    format = models.CharField(
        _("format"), max_length=10, choices=ModuleFormat.choices, default=ModuleFormat.IN_PERSON
    )
    is_required = models.BooleanField(
        _("required module"),
        default=True,
        help_text=_("Required for the certificate; untick for an elective module."),
    )
    requires_sign_off = models.BooleanField(
        _("requires a trainer's sign-off"),
        default=False,
        help_text=_(
            "The module counts as completed only when a trainer confirms it, "
            "e.g. the accepted practice project."
        ),
    )
    prerequisites = ParentalManyToManyField(
        "curriculum.ModulePage",
        verbose_name=_("prerequisites"),
        blank=True,
        related_name="required_for",
        help_text=_("Modules of the same programme that should be completed first."),
    )

    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("number"), FieldPanel("ue"), FieldPanel("format")]),
        FieldPanel("summary"),
        FieldPanel("learning_outcomes"),
        MultiFieldPanel(
            [
                FieldPanel("is_required"),
                FieldPanel("requires_sign_off"),
                FieldPanel("prerequisites"),
            ],
            heading=_("Requirements"),
        ),
    ]
    search_fields = Page.search_fields + [index.SearchField("summary")]

    parent_page_types = ["curriculum.ProgrammePage"]
    subpage_types = ["curriculum.LessonPage"]
    template = "curriculum/module_page.html"

    class Meta:
        verbose_name = _("module")
        verbose_name_plural = _("modules")

    def __str__(self):
        return f"{self.number} {self.title}".strip()

    def clean(self):
        super().clean()
        # Prerequisites must be other modules of the same programme; only
        # checkable once the page exists in the tree.
        if not self.pk or not self.get_parent():
            return
        parent = self.get_parent()
        for module in self.prerequisites.all():
            if module.pk == self.pk:
                raise ValidationError(
                    {"prerequisites": _("A module cannot be its own prerequisite.")}
                )
            if module.get_parent().pk != parent.pk:
                raise ValidationError(
                    {"prerequisites": _("Prerequisites must belong to the same programme.")}
                )

    @property
    def programme(self):
        return ProgrammePage.objects.ancestor_of(self).first()

    @property
    def clock_hours(self) -> Decimal:
        return ue_to_clock_hours(self.ue)

    def lessons(self):
        return LessonPage.objects.live().child_of(self).specific()

    def lesson_links(self, request) -> list[LessonLink]:
        """The live lessons in order, as titles and URLs for the lesson pages' previous
        and next links: the same for everyone, so cached until the page tree changes
        (:mod:`curriculum.tree_cache`). URLs are relative to the request's site.
        """
        site = Site.find_for_request(request) if request is not None else None

        def compute():
            return [
                (page.pk, page.title, page.get_url(request))
                for page in Page.objects.live().child_of(self)
            ]

        key = f"module-lessons:{self.pk}:site-{site.pk if site else 0}"
        return [LessonLink(*row) for row in tree_cache.cached(key, compute)]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["programme"] = self.get_parent().specific
        context["lessons"] = self.lessons()
        context["prerequisite_modules"] = self.prerequisites.live().order_by("path")
        return context


class LessonPage(CachedViewRestrictionsMixin, Page):
    """A lesson (Lerneinheit) of a module: texts, materials, checks, reflections."""

    estimated_minutes = models.PositiveSmallIntegerField(_("estimated time (minutes)"), default=30)
    summary = models.TextField(_("summary"), blank=True)
    body = StreamField(LessonStreamBlock(), verbose_name=_("content"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("estimated_minutes"),
        FieldPanel("summary"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
    ]

    parent_page_types = ["curriculum.ModulePage"]
    subpage_types = []
    template = "curriculum/lesson_page.html"

    class Meta:
        verbose_name = _("lesson")
        verbose_name_plural = _("lessons")

    @property
    def programme(self):
        return ProgrammePage.objects.ancestor_of(self).first()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        module = self.get_parent().specific  # loaded by Wagtail's routing: no query
        siblings = module.lesson_links(request)
        index_in_module = next(
            (i for i, lesson in enumerate(siblings) if lesson.pk == self.pk), None
        )
        context["module"] = module
        context["programme"] = module.get_parent().specific
        context["previous_lesson"] = siblings[index_in_module - 1] if index_in_module else None
        context["next_lesson"] = (
            siblings[index_in_module + 1]
            if index_in_module is not None and index_in_module + 1 < len(siblings)
            else None
        )
        context["lesson_position"] = (index_in_module or 0) + 1
        context["lesson_count"] = len(siblings)
        return context
