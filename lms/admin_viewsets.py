"""Wagtail admin screens for SPI staff: cohorts, enrolments, municipalities."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from lms.models import Cohort, Enrolment


class CohortViewSet(ModelViewSet):
    model = Cohort
    icon = "group"
    menu_label = _("Cohorts")
    list_display = ["name", "programme", "start_date", "end_date"]
    list_filter = ["programme"]
    search_fields = ["name"]
    form_fields = ["programme", "name", "start_date", "end_date", "trainers", "supervisors"]
    list_export = ["name", "programme", "start_date", "end_date"]


class EnrolmentViewSet(ModelViewSet):
    model = Enrolment
    icon = "user"
    menu_label = _("Enrolments")
    list_display = ["user", "cohort", "status", "created_at"]
    list_filter = ["status", "cohort"]
    search_fields = ["user__email", "user__last_name"]
    form_fields = ["user", "cohort", "status"]
    list_export = ["user", "cohort", "status", "created_at"]


class LearningViewSetGroup(ModelViewSetGroup):
    menu_label = _("Qualification")
    menu_icon = "group"
    menu_order = 200
    items = (CohortViewSet("cohorts"), EnrolmentViewSet("enrolments"))
