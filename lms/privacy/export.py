"""Export of everything the platform holds about a person (Art. 15 and 20 GDPR).

One ZIP: ``data.json`` with every record the registry declares for the person
(machine-readable, field names as in the database) and the stored PDFs of
their certificates under ``certificates/``.
"""

import io
import json
import zipfile
from datetime import date, datetime
from decimal import Decimal

from django.db.models.fields.files import FieldFile
from django.utils import timezone

from lms.privacy import registry

FORMAT_VERSION = 1


def _value(obj, path: str):
    """The value at a dotted ``path`` (``session.title``) in a JSON-friendly form."""
    value = obj
    for part in path.split("."):
        if value is None:
            return None
        value = getattr(value, part)
    return _plain(value)


def _plain(value):
    if isinstance(value, datetime):
        return (
            timezone.localtime(value).isoformat() if timezone.is_aware(value) else value.isoformat()
        )
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, FieldFile):
        return value.name or None
    if isinstance(value, dict | list | str | int | float | bool) or value is None:
        return value
    return str(value)


def collect(user) -> dict:
    """All records about ``user``, per declared model, as plain data."""
    records = {}
    for entry in registry.entries():
        rows = []
        for obj in entry.records_for(user):
            row = {"id": obj.pk}
            row.update({path: _value(obj, path) for path in entry.export})
            rows.append(row)
        records[entry.model_label] = {
            "description": str(entry.model._meta.verbose_name_plural),
            "category": str(entry.category),
            "purpose": str(entry.purpose),
            "legal_basis": entry.legal_basis.value,
            "records": rows,
        }
    return {
        "format_version": FORMAT_VERSION,
        "generated_at": timezone.localtime().isoformat(),
        "person": {"id": user.pk, "email": user.email, "name": user.get_full_name()},
        "data": records,
    }


def certificate_files(user):
    """(name in the ZIP, stored file) of the person's certificate PDFs."""
    from django.apps import apps

    if not apps.is_installed("certificates"):
        return []
    certificate_model = apps.get_model("certificates", "Certificate")
    return [
        (f"certificates/{certificate.number}.pdf", certificate.pdf)
        for certificate in certificate_model.objects.filter(enrolment__user=user).order_by("pk")
        if certificate.pdf
    ]


def build_zip(user) -> bytes:
    """The export ZIP of ``user`` as bytes."""
    data = collect(user)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        files = []
        for name, stored in certificate_files(user):
            with stored.open("rb") as handle:
                archive.writestr(name, handle.read())
            files.append(name)
        data["files"] = files
        archive.writestr("data.json", json.dumps(data, ensure_ascii=False, indent=2))
    return buffer.getvalue()
