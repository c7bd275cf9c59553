"""The records of processing (Verzeichnis von Verarbeitungstätigkeiten, Art. 30 GDPR),
generated from the registry so that it cannot drift from the models."""

from dataclasses import dataclass

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from lms.attendance_lists import csv_safe, csv_writer
from lms.privacy import erasure, registry
from lms.privacy.registry import Retention


@dataclass(frozen=True)
class Activity:
    category: str
    data_kind: str
    model_label: str
    purpose: str
    legal_basis: str
    retention: str
    fields: str
    people_involved: str


def retention_text(entry) -> str:
    label = str(entry.retention.label)
    if entry.retention != Retention.ANONYMISE:
        return label
    end = erasure.retention_end()
    from django.conf import settings

    if end is None:
        period = _("%(years)s years after the end of the project (project end not set yet)") % {
            "years": settings.KOKOMA_RETENTION_YEARS
        }
    else:
        period = _("until %(date)s (project end + %(years)s years)") % {
            "date": date_format(end, "SHORT_DATE_FORMAT"),
            "years": settings.KOKOMA_RETENTION_YEARS,
        }
    return f"{label}: {period}"


def _field_label(model, path: str) -> str:
    name = path.split(".")[0].removesuffix("_id")
    try:
        return str(model._meta.get_field(name).verbose_name)
    except Exception:
        return name


def activities() -> list[Activity]:
    rows = []
    for entry in registry.entries():
        model = entry.model
        rows.append(
            Activity(
                category=str(entry.category),
                data_kind=str(model._meta.verbose_name_plural).capitalize(),
                model_label=entry.model_label,
                purpose=str(entry.purpose),
                legal_basis=str(entry.legal_basis.label),
                retention=retention_text(entry),
                fields=", ".join(dict.fromkeys(_field_label(model, p) for p in entry.export)),
                people_involved=", ".join(_field_label(model, a) for a in entry.actors),
            )
        )
    return sorted(rows, key=lambda row: (row.category, row.data_kind))


def headers() -> list[str]:
    return [
        _("Category"),
        _("Kind of data"),
        _("Model"),
        _("Purpose"),
        _("Legal basis"),
        _("Retention"),
        _("Data stored"),
        _("Other people named"),
    ]


def write_csv(out) -> None:
    writer = csv_writer(out)
    writer.writerow(headers())
    for row in activities():
        writer.writerow(
            [
                csv_safe(value)
                for value in (
                    row.category,
                    row.data_kind,
                    row.model_label,
                    row.purpose,
                    row.legal_basis,
                    row.retention,
                    row.fields,
                    row.people_involved,
                )
            ]
        )
