"""General CMS pages: home page, standard pages, transfer models, site settings."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from curriculum.blocks import RICH_TEXT_FEATURES, BaseStreamBlock
from curriculum.tree_cache import CachedViewRestrictionsMixin


class HomePage(CachedViewRestrictionsMixin, Page):
    """The start page, with an explanation in Leichte Sprache (easy German)."""

    intro = RichTextField(_("introduction"), features=RICH_TEXT_FEATURES)
    easy_language_title = models.CharField(
        _("heading of the easy-language section"),
        max_length=200,
        blank=True,
        default="Leichte Sprache",
    )
    easy_language = RichTextField(
        _("explanation in easy language (Leichte Sprache)"),
        blank=True,
        features=["h3", "bold", "ul", "link"],
    )
    body = StreamField(BaseStreamBlock(), verbose_name=_("content"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        MultiFieldPanel(
            [FieldPanel("easy_language_title"), FieldPanel("easy_language")],
            heading=_("Leichte Sprache"),
        ),
        FieldPanel("body"),
    ]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "curriculum.ProgrammePage",
        "content.StandardPage",
        "content.TransferModelIndexPage",
    ]
    max_count_per_parent = 1
    template = "content/home_page.html"

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")

    def get_context(self, request, *args, **kwargs):
        from curriculum.models import ProgrammePage

        context = super().get_context(request, *args, **kwargs)
        context["programmes"] = ProgrammePage.objects.live().child_of(self).specific()
        return context


class StandardPage(CachedViewRestrictionsMixin, Page):
    """A general page, e.g. Impressum, Datenschutzerklärung, Barrierefreiheit."""

    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(BaseStreamBlock(), verbose_name=_("content"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("body")]

    parent_page_types = ["content.HomePage", "content.StandardPage"]
    subpage_types = ["content.StandardPage"]
    template = "content/standard_page.html"

    class Meta:
        verbose_name = _("standard page")
        verbose_name_plural = _("standard pages")


class TransferModelIndexPage(CachedViewRestrictionsMixin, Page):
    """Lists the practice models for transfer (praxiswirksame Modelle)."""

    intro = RichTextField(_("introduction"), blank=True, features=RICH_TEXT_FEATURES)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["content.HomePage"]
    subpage_types = ["content.TransferModelPage"]
    max_count_per_parent = 1
    template = "content/transfer_model_index_page.html"

    class Meta:
        verbose_name = _("transfer model overview")
        verbose_name_plural = _("transfer model overviews")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["models"] = TransferModelPage.objects.live().child_of(self).order_by("title")
        return context


class TransferModelPage(CachedViewRestrictionsMixin, Page):
    """A procedure of local conflict management that other municipalities can adopt."""

    municipality = models.CharField(_("municipality"), max_length=200)
    municipality_type = models.CharField(
        _("type of municipality"),
        max_length=100,
        blank=True,
        help_text=_("For example town, district or rural community."),
    )
    summary = models.TextField(_("summary"))
    starting_point = RichTextField(_("starting point"), features=RICH_TEXT_FEATURES)
    procedure = RichTextField(_("procedure"), features=RICH_TEXT_FEATURES)
    actors = RichTextField(_("actors involved"), blank=True, features=RICH_TEXT_FEATURES)
    results = RichTextField(_("results"), blank=True, features=RICH_TEXT_FEATURES)
    transferability = RichTextField(
        _("what others need to adopt it"), blank=True, features=RICH_TEXT_FEATURES
    )
    contact = models.CharField(_("contact"), max_length=300, blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("municipality"),
        FieldPanel("municipality_type"),
        FieldPanel("summary"),
        FieldPanel("starting_point"),
        FieldPanel("procedure"),
        FieldPanel("actors"),
        FieldPanel("results"),
        FieldPanel("transferability"),
        FieldPanel("contact"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("procedure"),
        index.FilterField("municipality"),
    ]

    parent_page_types = ["content.TransferModelIndexPage"]
    subpage_types = []
    template = "content/transfer_model_page.html"

    class Meta:
        verbose_name = _("transfer model")
        verbose_name_plural = _("transfer models")


class LinkBlock(blocks.StructBlock):
    page = blocks.PageChooserBlock(label=_("Page"))
    label = blocks.CharBlock(
        label=_("Link text"), required=False, help_text=_("Leave empty to use the page title.")
    )

    class Meta:
        icon = "link"
        label = _("Link")


@register_setting(icon="list-ul")
class SiteSettings(BaseSiteSetting):
    """Navigation, footer and contact details, edited by SPI staff."""

    main_navigation = StreamField(
        [("link", LinkBlock())], verbose_name=_("main navigation"), blank=True
    )
    footer_navigation = StreamField(
        [("link", LinkBlock())],
        verbose_name=_("footer links"),
        blank=True,
        help_text=_("Impressum, privacy policy and accessibility statement belong here."),
    )
    footer_text = models.TextField(_("footer text"), blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    funding_notice = models.TextField(
        _("funding notice"),
        blank=True,
        help_text=_("Shown in the footer; the exact wording is supplied by SPI."),
    )

    panels = [
        FieldPanel("main_navigation"),
        FieldPanel("footer_navigation"),
        FieldPanel("footer_text"),
        FieldPanel("contact_email"),
        FieldPanel("funding_notice"),
    ]

    class Meta:
        verbose_name = _("site settings")
