"""What every report shares: its filters, its table, its charts, its file name.

A report is a class with a :meth:`Report.table` method that reads the
database with a fixed number of aggregate queries and returns a
:class:`Table` (header, rows, an optional totals row). The page, the CSV and
the XLSX file are all made from that one table.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from urllib.parse import urlencode

from django import forms
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.widgets import AdminDateInput

from curriculum.models import ProgrammePage
from lms.models import Cohort, Municipality
from lms.reports.export import cell_text

FILTER_NAMES = ("programme", "cohort", "municipality", "date_from", "date_to")
#: German dates as people type them, and ISO dates (e.g. from a bookmarked URL).
DATE_INPUT_FORMATS = ["%d.%m.%Y", "%Y-%m-%d"]


@dataclass(frozen=True)
class Filters:
    """The filters of a report; ``None`` means "all"."""

    programme: ProgrammePage | None = None
    cohort: Cohort | None = None
    municipality: Municipality | None = None
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None

    @classmethod
    def of(cls, filters: Filters | Mapping | None) -> Filters:
        if isinstance(filters, Filters):
            return filters
        return cls(**{name: (filters or {}).get(name) for name in FILTER_NAMES})

    def period_start(self) -> datetime.datetime | None:
        """The first moment of ``date_from`` in local time (inclusive)."""
        if self.date_from is None:
            return None
        return timezone.make_aware(datetime.datetime.combine(self.date_from, datetime.time.min))

    def period_end(self) -> datetime.datetime | None:
        """The first moment after ``date_to`` in local time (exclusive)."""
        if self.date_to is None:
            return None
        day_after = self.date_to + datetime.timedelta(days=1)
        return timezone.make_aware(datetime.datetime.combine(day_after, datetime.time.min))

    def moment_q(self, lookup: str) -> Q:
        """Q for a datetime field ``lookup`` within the period (local days)."""
        q = Q()
        if self.date_from is not None:
            q &= Q(**{f"{lookup}__gte": self.period_start()})
        if self.date_to is not None:
            q &= Q(**{f"{lookup}__lt": self.period_end()})
        return q

    def date_q(self, lookup: str) -> Q:
        """Q for a date field ``lookup`` within the period."""
        q = Q()
        if self.date_from is not None:
            q &= Q(**{f"{lookup}__gte": self.date_from})
        if self.date_to is not None:
            q &= Q(**{f"{lookup}__lte": self.date_to})
        return q

    def overlap_q(self, start: str, end: str) -> Q:
        """Q for something running from ``start`` to ``end`` (dates, either may be empty)
        that overlaps the period; without a date it counts as running throughout."""
        q = Q()
        if self.date_to is not None:
            q &= Q(**{f"{start}__lte": self.date_to}) | Q(**{f"{start}__isnull": True})
        if self.date_from is not None:
            q &= Q(**{f"{end}__gte": self.date_from}) | Q(**{f"{end}__isnull": True})
        return q

    def slug(self) -> str:
        """A short suffix for file names, e.g. ``bamberg-2023-01-01-2023-12-31``."""
        parts = [
            str(value)
            for value in (self.cohort or self.programme, self.municipality)
            if value is not None
        ]
        if self.date_from or self.date_to:
            parts.append(f"{self.date_from or ''}-{self.date_to or ''}".strip("-"))
        return slugify("-".join(parts))


def percentage(part, whole) -> Decimal | None:
    """``part`` of ``whole`` in per cent with one decimal, or ``None`` when ``whole`` is 0."""
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


@dataclass
class Table:
    """A report's numbers: the header, one row per line, an optional totals row."""

    header: list[str]
    rows: list[list] = field(default_factory=list)
    totals: list | None = None

    def all_rows(self) -> list[list]:
        """Rows and the totals row: what the CSV and XLSX files contain under the header."""
        return [*self.rows, *([self.totals] if self.totals is not None else [])]

    def showing(self, rows: list[list] | None) -> Table:
        """This table with only ``rows`` (the page on screen); all rows for ``None``."""
        return self if rows is None else Table(self.header, list(rows), self.totals)

    def column(self, index: int, *, with_totals=False) -> list:
        return [row[index] for row in (self.all_rows() if with_totals else self.rows)]


@dataclass(frozen=True)
class Bar:
    label: str
    value: Decimal | int | None
    width: Decimal  # per cent of the chart's width

    @property
    def text(self) -> str:
        return cell_text(self.value)


@dataclass(frozen=True)
class Chart:
    """A horizontal bar chart of one column of the table; every bar carries its number."""

    title: str
    bars: list[Bar]
    unit: str = ""

    @classmethod
    def of_column(cls, table: Table, title, label_columns, value_column, *, unit="", maximum=None):
        """One bar per table row: the label from ``label_columns``, the value from
        ``value_column`` (indices); widths relative to ``maximum`` or the largest value."""
        values = [row[value_column] for row in table.rows]
        top = maximum if maximum is not None else max((v for v in values if v), default=0)
        bars = []
        for row in table.rows:
            value = row[value_column]
            width = (
                (Decimal(value) * 100 / Decimal(top)).quantize(Decimal("0.1"))
                if value and top
                else Decimal(0)
            )
            label = " – ".join(cell_text(row[i]) for i in label_columns)
            bars.append(Bar(label, value, min(width, Decimal(100))))
        return cls(str(title), bars, str(unit))


class ReportFilterForm(forms.Form):
    """Programme, cohort, municipality and period; checked against each other."""

    programme = forms.ModelChoiceField(
        label=_("Programme"),
        queryset=ProgrammePage.objects.order_by("title"),
        required=False,
        empty_label=_("All programmes"),
    )
    cohort = forms.ModelChoiceField(
        label=_("Cohort"),
        queryset=Cohort.objects.select_related("programme").order_by("-start_date", "name"),
        required=False,
        empty_label=_("All cohorts"),
    )
    municipality = forms.ModelChoiceField(
        label=_("Municipality"),
        queryset=Municipality.objects.order_by("name"),
        required=False,
        empty_label=_("All municipalities"),
    )
    date_from = forms.DateField(
        label=pgettext_lazy("period", "From"),
        required=False,
        widget=AdminDateInput(format="%d.%m.%Y"),
        input_formats=DATE_INPUT_FORMATS,
        help_text=_("First day of the period, e.g. 01.01.2023."),
    )
    date_to = forms.DateField(
        label=pgettext_lazy("period", "To"),
        required=False,
        widget=AdminDateInput(format="%d.%m.%Y"),
        input_formats=DATE_INPUT_FORMATS,
        help_text=_("Last day of the period, e.g. 31.12.2023."),
    )

    def __init__(self, *args, fields=FILTER_NAMES, required=(), **kwargs):
        super().__init__(*args, **kwargs)
        for name in [name for name in self.fields if name not in fields]:
            del self.fields[name]
        for name in required:
            self.fields[name].required = True
            if hasattr(self.fields[name], "empty_label"):
                self.fields[name].empty_label = _("Please choose")
        if "cohort" in self.fields:
            self.fields["cohort"].label_from_instance = lambda cohort: (
                f"{cohort.name} ({cohort.programme.title})"
            )

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", _("The end of the period must not be before its start."))
        programme, cohort = data.get("programme"), data.get("cohort")
        if programme and cohort and cohort.programme_id != programme.pk:
            self.add_error("cohort", _("This cohort does not belong to the chosen programme."))
        return data

    def filters(self) -> Filters:
        """The valid filters (call after ``is_valid()``)."""
        return Filters.of(self.cleaned_data)


class Report:
    """A report for the funder. Subclasses set the texts and implement :meth:`table`."""

    #: URL piece and registry key.
    slug = ""
    #: Title (menu, page heading, sheet name) and a sentence on what is counted.
    title = ""
    description = ""
    #: Base of the download file names (German, as the files are for German readers).
    filename = "bericht"
    icon = "table"
    #: Which filters the report offers, and which it needs.
    filter_fields = FILTER_NAMES
    required_filters: tuple[str, ...] = ()
    #: Rows per page of the on-screen table (the certificate register and the
    #: progress matrix grow with the data; the others rarely fill one page).
    #: The charts, the totals and the CSV/XLSX files always cover all rows.
    page_size = 100

    def table(self, filters: Filters | Mapping | None = None) -> Table:
        raise NotImplementedError

    @classmethod
    def url(cls, **query) -> str:
        """The report's admin page; ``query`` adds filters by pk or text, ``export=csv|xlsx``."""
        path = reverse(f"kokoma_reports:{cls.slug}")
        return f"{path}?{urlencode(query)}" if query else path

    def charts(self, table: Table, rows: list[list] | None = None) -> list[Chart]:
        """The charts above the table.

        ``rows`` are the rows on screen (a page of ``table.rows``; all for
        ``None``): a chart with one bar per row draws those, beside them; a
        chart that sums up counts the whole ``table``.
        """
        return []

    def form(self, data=None) -> ReportFilterForm:
        return ReportFilterForm(data, fields=self.filter_fields, required=self.required_filters)

    def file_name(self, filters: Filters, extension: str) -> str:
        suffix = filters.slug()
        return f"{self.filename}{'-' + suffix if suffix else ''}.{extension}"

    def check_filters(self, filters: Filters) -> Filters:
        missing = [name for name in self.required_filters if getattr(filters, name) is None]
        if missing:
            raise ValueError(f"{type(self).__name__} needs the filters {missing}")
        return filters
