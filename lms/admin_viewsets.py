"""Wagtail admin screens for SPI staff: municipalities, cohorts, enrolments, invitations,
sessions and supervision groups.

Listings, filters, search and the CSV/XLSX export are Wagtail's own. What is
ours: every change of an enrolment's status goes through the service
functions in ``lms/enrolment.py`` — the status is read-only in the edit form,
decisions are Wagtail bulk actions (also offered per row and in the edit
form, for a single person), "enrol directly" and "invite" replace the plain
create views.
"""

from urllib.parse import urlencode

from django import forms
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    Panel,
)
from wagtail.admin.ui.tables import (
    BooleanColumn,
    BulkActionsCheckboxColumn,
    Column,
    DateColumn,
)
from wagtail.admin.views import generic
from wagtail.admin.views.bulk_action import BulkAction
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.admin.widgets import Button, HeaderButton

from lms import enrolment as service
from lms.models import (
    Audience,
    Cohort,
    Enrolment,
    EnrolmentStatus,
    Invitation,
    MilestoneStatus,
    Municipality,
    Session,
    SupervisionGroup,
    User,
)
from lms.roles import Role

S = EnrolmentStatus


# --- Municipalities ------------------------------------------------------------------------


class MunicipalityIndexView(generic.IndexView):
    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .annotate(
                milestones_reached=Count(
                    "milestones", filter=Q(milestones__status=MilestoneStatus.REACHED)
                )
            )
        )


class MunicipalityViewSet(ModelViewSet):
    model = Municipality
    icon = "site"
    menu_label = _("Municipalities")
    index_view_class = MunicipalityIndexView
    list_display = [
        "name",
        "kind",
        "federal_state",
        "pfd_name",
        Column("milestones_reached", label=_("Milestones reached"), sort_key="milestones_reached"),
    ]
    list_filter = ["kind", "federal_state"]
    search_fields = ["name", "pfd_name", "local_partner"]
    list_export = [
        "name",
        "get_kind_display",
        "get_federal_state_display",
        "pfd_name",
        "local_partner",
        "project_start",
        "project_end",
        "milestones_reached",
    ]
    export_headings = {
        "get_kind_display": _("Type"),
        "get_federal_state_display": _("Federal state"),
        "milestones_reached": _("Milestones reached"),
    }
    export_filename = "kommunen"
    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("federal_state")]),
        FieldPanel("pfd_name"),
        FieldPanel("local_partner"),
        FieldRowPanel([FieldPanel("project_start"), FieldPanel("project_end")]),
        InlinePanel(
            "milestones",
            heading=_("Milestones"),
            label=_("Milestone"),
            panels=[
                FieldRowPanel([FieldPanel("kind"), FieldPanel("status")]),
                FieldRowPanel([FieldPanel("due_date"), FieldPanel("reached_on")]),
                FieldPanel("note"),
            ],
        ),
    ]


# --- Cohorts --------------------------------------------------------------------------------


def seats_taken_annotation():
    return Count("enrolments", filter=Q(enrolments__status__in=S.occupying_a_seat()))


class CohortIndexView(generic.IndexView):
    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .select_related("programme")
            .annotate(
                seats_taken_count=seats_taken_annotation(),
                waiting_count=Count("enrolments", filter=Q(enrolments__status=S.WAITLISTED)),
                applied_count=Count("enrolments", filter=Q(enrolments__status=S.APPLIED)),
            )
        )


def seats_left(cohort) -> int | str:
    if cohort.capacity is None:
        return "–"
    return max(cohort.capacity - cohort.seats_taken_count, 0)


class CohortForm(WagtailAdminModelForm):
    """Trainers and supervisors are chosen from the people with that role."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, role in (("trainers", Role.TRAINER), ("supervisors", Role.SUPERVISOR)):
            if name not in self.fields:
                continue
            current = (
                list(getattr(self.instance, name).values_list("pk", flat=True))
                if self.instance.pk
                else []
            )
            self.fields[name].queryset = (
                User.objects.filter(Q(groups__name=role.group_name) | Q(pk__in=current))
                .distinct()
                .order_by("last_name", "first_name", "email")
            )


class CohortEditView(generic.EditView):
    """Saving a cohort with more places admits people from the waiting list."""

    def save_instance(self):
        instance = super().save_instance()
        self.moved_up = service.offer_next_from_waitlist(instance, actor=self.request.user)
        return instance

    def save_action(self):
        response = super().save_action()
        if getattr(self, "moved_up", None):
            messages.success(
                self.request,
                ngettext(
                    "%(count)d person moved up from the waiting list and has been informed.",
                    "%(count)d people moved up from the waiting list and have been informed.",
                    len(self.moved_up),
                )
                % {"count": len(self.moved_up)},
            )
        return response


class CohortViewSet(ModelViewSet):
    model = Cohort
    icon = "group"
    menu_label = _("Cohorts")
    index_view_class = CohortIndexView
    edit_view_class = CohortEditView
    # The programme is a filter and in the export; as a column it squeezes the names.
    list_display = [
        "name",
        "start_date",
        BooleanColumn(
            "enrolment_open", label=_("Open for applications"), sort_key="enrolment_open"
        ),
        "capacity",
        Column("seats_taken_count", label=_("Taken"), sort_key="seats_taken_count"),
        Column("seats_left", label=_("Left"), accessor=seats_left),
        Column("applied_count", label=_("Open applications"), sort_key="applied_count"),
        Column("waiting_count", label=_("Waiting list"), sort_key="waiting_count"),
    ]
    list_filter = ["programme", "enrolment_open"]
    search_fields = ["name", "places"]
    list_export = [
        "name",
        "programme",
        "start_date",
        "end_date",
        "places",
        "enrolment_open",
        "enrolment_deadline",
        "capacity",
        "seats_taken_count",
        "applied_count",
        "waiting_count",
    ]
    export_headings = {
        "seats_taken_count": _("Seats taken"),
        "applied_count": _("Open applications"),
        "waiting_count": _("Waiting list"),
    }
    export_filename = "durchgaenge"
    edit_handler = ObjectList(
        [
            FieldPanel("programme"),
            FieldPanel("name"),
            FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
            FieldPanel("places"),
            MultiFieldPanel(
                [
                    FieldPanel("capacity"),
                    FieldRowPanel([FieldPanel("enrolment_open"), FieldPanel("enrolment_deadline")]),
                    FieldPanel("municipalities", widget=forms.CheckboxSelectMultiple),
                ],
                heading=_("Applications"),
            ),
            MultiFieldPanel(
                [
                    FieldPanel("trainers", widget=forms.CheckboxSelectMultiple),
                    FieldPanel("supervisors", widget=forms.CheckboxSelectMultiple),
                ],
                heading=_("Team"),
            ),
        ],
        base_form_class=CohortForm,
    )


# --- Enrolments ------------------------------------------------------------------------------

# The decisions staff can take, with the wording of their buttons.
DECISION_LABELS = {
    S.ADMITTED: _("Admit"),
    S.WAITLISTED: _("Waiting list"),
    S.REJECTED: _("Reject"),
    S.COMPLETED: _("Mark as completed"),
    S.WITHDRAWN: _("Withdraw"),
}
DECISION_ICONS = {
    S.ADMITTED: "check",
    S.WAITLISTED: "time",
    S.REJECTED: "cross",
    S.COMPLETED: "success",
    S.WITHDRAWN: "arrow-left",
}
DECISION_ACTION_TYPES = {
    S.ADMITTED: "admit",
    S.WAITLISTED: "waitlist",
    S.REJECTED: "reject",
    S.COMPLETED: "complete",
    S.WITHDRAWN: "withdraw",
}


def decision_url(decision: str, enrolment_ids, next_url: str) -> str:
    """The confirmation page of a decision (a Wagtail bulk action) for some enrolments."""
    url = reverse("wagtail_bulk_action", args=("lms", "enrolment", DECISION_ACTION_TYPES[decision]))
    return f"{url}?{urlencode([('id', pk) for pk in enrolment_ids] + [('next', next_url)])}"


def decisions_for(enrolment) -> list[str]:
    return [
        decision
        for decision in DECISION_ACTION_TYPES
        if decision in service.ALLOWED_TRANSITIONS[enrolment.status]
    ]


class EnrolmentStatusPanel(Panel):
    """Read-only status, the decisions possible from it, and the history of changes."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "lms/enrolment/admin/status_panel.html"

        def is_shown(self):
            return self.instance is not None and self.instance.pk is not None

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            enrolment = self.instance
            next_url = reverse("enrolments:edit", args=(enrolment.pk,))
            context.update(
                {
                    "enrolment": enrolment,
                    "decisions": [
                        (
                            DECISION_LABELS[decision],
                            decision_url(decision, [enrolment.pk], next_url),
                        )
                        for decision in decisions_for(enrolment)
                    ],
                    "events": enrolment.events.select_related("actor"),
                    "consents": enrolment.consents.all(),
                }
            )
            return context


class EnrolDirectlyForm(WagtailAdminModelForm):
    """Staff choose an existing account and a cohort; ``enrol_directly`` does the rest."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "user" in self.fields:
            self.fields["user"].queryset = User.objects.filter(is_active=True).order_by(
                "last_name", "first_name", "email"
            )
            self.fields["user"].label_from_instance = lambda user: (
                f"{user.get_full_name()} <{user.email}>" if user.get_full_name() else user.email
            )

    def _get_validation_exclusions(self):
        # An existing (e.g. withdrawn) enrolment of the same person is not an
        # error here: enrol_directly() turns it into the admission.
        exclude = super()._get_validation_exclusions()
        exclude.update({"user", "cohort"})
        return exclude


def local_datetime(value):
    """Datetimes in the CSV export in local time to the minute, e.g. 2026-11-25 19:56."""
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else ""


def naive_local_datetime(value):
    """Datetimes in the XLSX export in local time (Excel knows no time zones)."""
    return timezone.localtime(value).replace(tzinfo=None) if value else None


class EnrolmentIndexView(generic.IndexView):
    template_name = "lms/enrolment/admin/enrolment_index.html"
    custom_field_preprocess = {
        field: {"csv": local_datetime, "xlsx": naive_local_datetime}
        for field in ("created_at", "decided_at")
    }

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("user", "cohort", "municipality")

    @cached_property
    def columns(self):
        return [BulkActionsCheckboxColumn("bulk_actions", obj_type="enrolment"), *super().columns]

    def _get_title_column(self, *args, **kwargs):
        return super()._get_title_column(
            *args, **kwargs, get_title_id=lambda instance: f"enrolment_{instance.pk}_title"
        )

    @cached_property
    def add_item_label(self):
        return _("Enrol directly")

    @cached_property
    def header_buttons(self):
        buttons = super().header_buttons
        if self.request.user.has_perm("lms.add_invitation"):
            buttons.append(
                HeaderButton(_("Invite"), url=reverse("invitations:add"), icon_name="mail")
            )
        return buttons

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if self.request.user.has_perm("lms.change_enrolment"):
            next_url = self.request.get_full_path()
            for decision in decisions_for(instance):
                buttons.append(
                    Button(
                        DECISION_LABELS[decision],
                        url=decision_url(decision, [instance.pk], next_url),
                        icon_name=DECISION_ICONS[decision],
                        priority=5,
                    )
                )
        return buttons


class ServiceCreateView(generic.CreateView):
    """A create view whose object comes from a service function of lms.enrolment.

    A refusal (EnrolmentError) re-displays the form with the staff member's
    entries and the service's message; nothing is stored.
    """

    def perform(self, data):
        raise NotImplementedError

    def form_valid(self, form):
        self.form = form
        try:
            self.object = self.perform(form.cleaned_data)
        except service.EnrolmentError as error:
            form.add_error(None, error.message)
            self.produced_error_message = error.message
            return self.form_invalid(form)
        return self.save_action()


class EnrolDirectlyView(ServiceCreateView):
    """The create view of enrolments: staff enrol an existing account directly."""

    page_subtitle = _("Enrol directly")
    submit_button_label = _("Enrol")

    def perform(self, data):
        return service.enrol_directly(
            data["user"],
            data["cohort"],
            actor=self.request.user,
            municipality=data.get("municipality"),
            function=data.get("function") or "",
            organisation=data.get("organisation") or "",
        )

    def get_success_message(self, instance):
        return _("%(person)s has been enrolled in “%(cohort)s” and informed by e-mail.") % {
            "person": instance.user,
            "cohort": instance.cohort,
        }


class EnrolmentDeleteView(generic.DeleteView):
    """Deleting an enrolment (e.g. on a request for erasure) frees its seat, too."""

    def delete_action(self):
        cohort = self.object.cohort
        with transaction.atomic():
            super().delete_action()
            service.offer_next_from_waitlist(cohort, actor=self.request.user)


class EnrolmentViewSet(ModelViewSet):
    model = Enrolment
    icon = "user"
    menu_label = _("Enrolments")
    index_view_class = EnrolmentIndexView
    add_view_class = EnrolDirectlyView
    delete_view_class = EnrolmentDeleteView
    copy_view_enabled = False
    list_display = [
        "user",
        Column("email", label=_("E-mail"), accessor="user.email"),
        "cohort",
        "municipality",
        "function",
        "status",
        DateColumn("created_at", label=_("Applied on")),
    ]
    list_filter = ["status", "cohort", "municipality", "function"]
    search_fields = ["user__email", "user__first_name", "user__last_name", "organisation"]
    list_export = [
        "user.last_name",
        "user.first_name",
        "user.email",
        "cohort",
        "municipality",
        "get_function_display",
        "organisation",
        "get_status_display",
        "created_at",
        "decided_at",
    ]
    export_headings = {
        "user.last_name": _("Last name"),
        "user.first_name": _("First name"),
        "user.email": _("E-mail"),
        "get_function_display": _("Function"),
        "get_status_display": _("Status"),
    }
    export_filename = "anmeldungen"
    create_panels = ObjectList(
        [
            FieldPanel("user"),
            FieldPanel("cohort"),
            FieldPanel("municipality"),
            FieldPanel("function"),
            FieldPanel("organisation"),
        ],
        base_form_class=EnrolDirectlyForm,
    )
    edit_panels = ObjectList(
        [
            EnrolmentStatusPanel(heading=_("Status")),
            FieldPanel("municipality"),
            FieldPanel("function"),
            FieldPanel("organisation"),
            FieldPanel("motivation"),
        ]
    )

    @cached_property
    def _create_handler(self):
        return self.create_panels.bind_to_model(Enrolment)

    @cached_property
    def _edit_handler(self):
        return self.edit_panels.bind_to_model(Enrolment)

    def get_add_view_kwargs(self, **kwargs):
        return super().get_add_view_kwargs(
            panel=self._create_handler,
            form_class=self._create_handler.get_form_class(),
            **kwargs,
        )


# --- Decisions on enrolments: Wagtail bulk actions ---------------------------------------------


class DecisionForm(forms.Form):
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Stored with the change; for a rejection it is quoted in the e-mail."),
    )


class EnrolmentDecisionBulkAction(BulkAction):
    """A decision on one or more enrolments; ``decide_many`` does the work."""

    decision = None
    models = [Enrolment]
    template_name = "lms/enrolment/admin/confirm_decision.html"
    form_class = DecisionForm

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("lms.change_enrolment"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @classmethod
    def get_queryset(cls, model, object_ids):
        ids = [pk for pk in object_ids if str(pk).isdigit()]
        return list(Enrolment.objects.filter(pk__in=ids).select_related("user", "cohort"))

    def get_all_objects_in_listing_query(self, parent_id):
        # "All in listing" would ignore the listing's filters: not offered.
        return Enrolment.objects.none().values_list("pk", flat=True)

    def check_perm(self, obj):
        return self.request.user.has_perm("lms.change_enrolment")

    def object_context(self, obj):
        return {
            "item": obj,
            "edit_url": reverse("enrolments:edit", args=(obj.pk,)),
            "possible": self.decision in service.ALLOWED_TRANSITIONS[obj.status],
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["action_label"] = DECISION_LABELS[self.decision]
        context["decision"] = self.decision
        context["header_icon"] = "user"
        return context

    def get_execution_context(self):
        return {
            "actor": self.request.user,
            "note": self.cleaned_form.cleaned_data.get("note", ""),
            "view": self,
        }

    @classmethod
    def execute_action(cls, objects, actor=None, note="", view=None, **kwargs):
        try:
            outcomes = service.decide_many(objects, cls.decision, actor=actor, note=note)
        except service.EnrolmentError as error:
            messages.error(view.request, error.message)
            view.outcomes = []
            return 0, 0
        view.outcomes = outcomes
        for outcome in outcomes:
            if outcome.message:
                if outcome.changed:
                    messages.warning(view.request, outcome.message)
                else:
                    messages.error(view.request, outcome.message)
        return sum(1 for outcome in outcomes if outcome.changed and not outcome.message), 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        if not num_parent_objects:
            return None
        return ngettext(
            "%(count)d enrolment changed to “%(status)s”; the person has been informed.",
            "%(count)d enrolments changed to “%(status)s”; the people have been informed.",
            num_parent_objects,
        ) % {"count": num_parent_objects, "status": S(self.decision).label}


class AdmitBulkAction(EnrolmentDecisionBulkAction):
    decision = S.ADMITTED
    display_name = _("Admit")
    action_type = "admit"
    aria_label = _("Admit the selected people")
    action_priority = 10


class WaitlistBulkAction(EnrolmentDecisionBulkAction):
    decision = S.WAITLISTED
    display_name = _("Waiting list")
    action_type = "waitlist"
    aria_label = _("Put the selected people on the waiting list")
    action_priority = 20


class RejectBulkAction(EnrolmentDecisionBulkAction):
    decision = S.REJECTED
    display_name = _("Reject")
    action_type = "reject"
    aria_label = _("Reject the selected applications")
    action_priority = 30
    classes = {"serious"}


class CompleteBulkAction(EnrolmentDecisionBulkAction):
    decision = S.COMPLETED
    display_name = _("Mark as completed")
    action_type = "complete"
    aria_label = _("Mark the selected enrolments as completed")
    action_priority = 40


class WithdrawBulkAction(EnrolmentDecisionBulkAction):
    decision = S.WITHDRAWN
    display_name = _("Withdraw")
    action_type = "withdraw"
    aria_label = _("Withdraw the selected enrolments")
    action_priority = 50
    classes = {"serious"}


# This module is imported by the register_admin_viewset hook, i.e. when the
# admin's URLs are built and before any bulk-action page can be requested.
for _action in (
    AdmitBulkAction,
    WaitlistBulkAction,
    RejectBulkAction,
    CompleteBulkAction,
    WithdrawBulkAction,
):
    hooks.register("register_bulk_action", _action)


# --- Invitations ---------------------------------------------------------------------------------


def invitation_state(invitation) -> str:
    if invitation.accepted_at is not None:
        return _("accepted")
    if not invitation.is_usable():
        return _("expired")
    return _("open")


def valid_until(invitation) -> str:
    # Wagtail's DateColumn shows relative times, which read wrongly for the future.
    return date_format(timezone.localtime(invitation.expires_at), "SHORT_DATE_FORMAT")


class InviteView(ServiceCreateView):
    """The create view of invitations: ``invite`` creates it and sends the e-mail."""

    page_subtitle = _("Invite")
    submit_button_label = _("Send invitation")

    def perform(self, data):
        return service.invite(
            data["email"],
            data["cohort"],
            actor=self.request.user,
            municipality=data.get("municipality"),
            function=data.get("function") or "",
            organisation=data.get("organisation") or "",
        )

    def get_success_message(self, instance):
        return _("The invitation to “%(cohort)s” has been sent to %(email)s.") % {
            "cohort": instance.cohort,
            "email": instance.email,
        }

    def get_success_buttons(self):
        return []


class InvitationIndexView(generic.IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("cohort", "invited_by")


class InvitationViewSet(ModelViewSet):
    model = Invitation
    icon = "mail"
    menu_label = _("Invitations")
    index_view_class = InvitationIndexView
    add_view_class = InviteView
    copy_view_enabled = False
    inspect_view_enabled = True
    inspect_view_fields = [
        "email",
        "cohort",
        "municipality",
        "function",
        "organisation",
        "invited_by",
        "created_at",
        "expires_at",
        "accepted_at",
        "accepted_by",
    ]
    list_display = [
        "email",
        "cohort",
        "invited_by",
        DateColumn("created_at", label=_("Sent on")),
        Column("expires_at", label=_("Valid until"), accessor=valid_until, sort_key="expires_at"),
        Column("state", label=_("State"), accessor=invitation_state),
    ]
    list_filter = ["cohort"]
    search_fields = ["email"]
    list_export = ["email", "cohort", "invited_by", "created_at", "expires_at", "accepted_at"]
    export_filename = "einladungen"
    form_fields = ["email", "cohort", "municipality", "function", "organisation"]


# --- Sessions and supervision groups -----------------------------------------------------------


def _people_field(form, name):
    """A choice of accounts ordered by name (staff pick trainers, supervisors, guests)."""
    if name in form.fields:
        form.fields[name].queryset = User.objects.filter(is_active=True).order_by(
            "last_name", "first_name", "email"
        )


class SessionForm(WagtailAdminModelForm):
    """A session names what its audience needs: a cohort, a municipality, a group or people."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _people_field(self, "facilitators")
        _people_field(self, "participants")

    def clean(self):
        data = super().clean()
        audience = data.get("audience")
        needs = {
            Audience.COHORT: ["cohort"],
            Audience.TANDEM: ["cohort", "municipality"],
            Audience.STEERING_GROUP: ["cohort", "municipality"],
            Audience.SUPERVISION_GROUP: ["supervision_group"],
        }.get(audience, [])
        for name in needs:
            if not data.get(name):
                self.add_error(name, _("Needed for the audience chosen under “who is expected”."))
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("The session must end after it starts."))
        return data


def credited_ue(session) -> str:
    from lms.attendance import format_ue

    return format_ue(session.credited_ue)


def session_starts_at(session) -> str:
    # Wagtail's DateColumn shows relative times ("in 3 days"), too vague for a date.
    return date_format(timezone.localtime(session.starts_at), "SHORT_DATETIME_FORMAT")


def session_record_link(session):
    from django.utils.html import format_html

    return format_html(
        '<a href="{}">{}</a>', reverse("session_record", args=(session.pk,)), _("Record")
    )


class SessionIndexView(generic.IndexView):
    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .select_related("cohort", "municipality", "supervision_group")
            .annotate(attendance_count=Count("attendances"))
        )


class SessionViewSet(ModelViewSet):
    model = Session
    icon = "date"
    menu_label = _("Sessions")
    index_view_class = SessionIndexView
    list_display = [
        "title",
        "kind",
        Column("starts_at", label=_("Starts at"), accessor=session_starts_at, sort_key="starts_at"),
        "cohort",
        "municipality",
        Column("credited_ue", label=_("UE"), accessor=credited_ue),
        Column("attendance_count", label=_("Recorded"), sort_key="attendance_count"),
        BooleanColumn("cancelled", label=_("Cancelled"), sort_key="cancelled"),
        Column("record", label=_("Attendance"), accessor=session_record_link),
    ]
    list_filter = ["kind", "cohort", "municipality", "cancelled"]
    search_fields = ["title", "place"]
    list_export = [
        "title",
        "get_kind_display",
        "cohort",
        "module",
        "municipality",
        "supervision_group",
        "get_audience_display",
        "starts_at",
        "ends_at",
        "place",
        "online_url",
        "credited_ue",
        "is_makeup",
        "cancelled",
        "attendance_count",
    ]
    export_headings = {
        "get_kind_display": _("Kind"),
        "get_audience_display": _("Who is expected"),
        "credited_ue": _("UE credited"),
        "attendance_count": _("Attendance records"),
    }
    export_filename = "termine"
    edit_handler = ObjectList(
        [
            FieldRowPanel([FieldPanel("kind"), FieldPanel("title")]),
            FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
            FieldRowPanel([FieldPanel("place"), FieldPanel("online_url")]),
            FieldRowPanel([FieldPanel("ue"), FieldPanel("module")]),
            MultiFieldPanel(
                [
                    FieldPanel("audience"),
                    FieldRowPanel([FieldPanel("cohort"), FieldPanel("municipality")]),
                    FieldPanel("supervision_group"),
                    FieldPanel("participants"),
                    FieldPanel("is_makeup"),
                ],
                heading=_("Who is expected"),
            ),
            FieldPanel("facilitators"),
            FieldPanel("cancelled"),
        ],
        base_form_class=SessionForm,
    )


class SupervisionGroupForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _people_field(self, "members")
        if "supervisor" in self.fields:
            current = [self.instance.supervisor_id] if self.instance.supervisor_id else []
            self.fields["supervisor"].queryset = (
                User.objects.filter(Q(groups__name=Role.SUPERVISOR.group_name) | Q(pk__in=current))
                .distinct()
                .order_by("last_name", "first_name", "email")
            )


class SupervisionGroupIndexView(generic.IndexView):
    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .select_related("supervisor", "cohort", "municipality")
            .annotate(member_count=Count("members", distinct=True))
        )


class SupervisionGroupViewSet(ModelViewSet):
    model = SupervisionGroup
    icon = "group"
    menu_label = _("Supervision groups")
    index_view_class = SupervisionGroupIndexView
    list_display = [
        "name",
        "kind",
        "supervisor",
        "cohort",
        "municipality",
        Column("member_count", label=_("Members"), sort_key="member_count"),
    ]
    list_filter = ["kind", "cohort", "municipality"]
    search_fields = ["name"]
    list_export = [
        "name",
        "get_kind_display",
        "supervisor",
        "cohort",
        "municipality",
        "member_count",
    ]
    export_headings = {"get_kind_display": _("Kind"), "member_count": _("Members")}
    export_filename = "supervisionsgruppen"
    edit_handler = ObjectList(
        [
            FieldRowPanel([FieldPanel("name"), FieldPanel("kind")]),
            FieldPanel("supervisor"),
            FieldRowPanel([FieldPanel("cohort"), FieldPanel("municipality")]),
            FieldPanel("members"),
        ],
        base_form_class=SupervisionGroupForm,
    )


class LearningViewSetGroup(ModelViewSetGroup):
    menu_label = _("Qualification")
    menu_icon = "group"
    menu_order = 200
    items = (
        CohortViewSet("cohorts"),
        EnrolmentViewSet("enrolments"),
        InvitationViewSet("invitations"),
        MunicipalityViewSet("municipalities"),
        SessionViewSet("sessions"),
        SupervisionGroupViewSet("supervision_groups"),
    )
