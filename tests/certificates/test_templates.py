"""Certificate templates: the snippet, its rules, and what is frozen into a certificate."""

import base64
import io
import json
import math
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont
from pypdf import PdfReader
from wagtail.images import get_image_model

from certificates import issuing
from certificates.models import (
    CertificateKind,
    CertificateTemplate,
    CertificateTemplateLogo,
    CertificateTemplateSignature,
)
from certificates.pdf import render_certificate_pdf
from certificates.templating import template_snapshot
from lms.models import ModuleCompletion


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def make_image(title, size=(600, 200), kind="logo", colour=(24, 57, 92)):
    """A Wagtail image drawn with Pillow: a logo with text, or a signature-like stroke."""
    picture = PILImage.new("RGBA", size, (255, 255, 255, 0))
    draw = ImageDraw.Draw(picture)
    width, height = size
    if kind == "signature":
        points = [
            (x, height / 2 + math.sin(x / 18) * height / 4 * math.cos(x / 70))
            for x in range(20, width - 20, 4)
        ]
        draw.line(points, fill=(20, 30, 110, 255), width=5)
    else:
        draw.rectangle([0, 0, height, height], fill=colour + (255,))
        font = ImageFont.load_default(size=height // 4)
        draw.text((height + 20, height // 3), title, fill=colour + (255,), font=font)
    out = io.BytesIO()
    picture.save(out, "PNG")
    return get_image_model().objects.create(
        title=title, file=ImageFile(io.BytesIO(out.getvalue()), name=f"{kind}.png")
    )


def pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def new_template(kind=CertificateKind.CERTIFICATE, **kwargs):
    values = {
        "name": "Sondervorlage",
        "kind": kind,
        "title": "Urkunde",
        "body": "hat vom {period} an {programme} teilgenommen ({total_ue} UE, {clock_hours} h).",
        "issuer_name": "Stiftung SPI",
        "place": "Hamburg",
    }
    values.update(kwargs)
    return CertificateTemplate.objects.create(**values)


@pytest.fixture
def enrolment(trainee, module):
    trainee.first_name, trainee.last_name = "Erika", "Muster"
    trainee.save()
    enrolment = trainee.enrolments.get()
    ModuleCompletion.objects.create(
        enrolment=enrolment,
        module=module,
        source=ModuleCompletion.Source.RULE,
        completed_at=datetime(2026, 5, 4, 10, tzinfo=ZoneInfo("Europe/Berlin")),
    )
    return enrolment


def test_migration_creates_one_default_per_kind_with_todays_wording(db):
    defaults = CertificateTemplate.objects.filter(is_default=True).order_by("kind")
    assert [(t.kind, t.title, t.place) for t in defaults] == [
        ("attendance", "Teilnahmebescheinigung", "Berlin"),
        ("certificate", "Zertifikat", "Berlin"),
    ]
    certificate = CertificateTemplate.objects.default_for(CertificateKind.CERTIFICATE)
    assert certificate.issuer_name == issuing.ISSUER
    assert "{programme}" in certificate.body
    assert "»Demokratie leben!«" in certificate.funding_notice
    assert not certificate.logos.exists() and certificate.funding_logo is None


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ("hat am {kurs} teilgenommen", "unknown_placeholder"),
        ("hat {name.upper} teilgenommen", "unknown_placeholder"),
        ("hat {name teilgenommen", "braces"),
        ("hat name} teilgenommen", "braces"),
    ],
)
def test_body_with_bad_placeholder_is_refused(db, body, code):
    template = CertificateTemplate(
        name="X", kind="certificate", title="Z", body=body, issuer_name="I", place="P"
    )
    with pytest.raises(ValidationError) as error:
        template.full_clean()
    assert [e.code for e in error.value.error_dict["body"]] == [code]


def test_unknown_placeholder_message_names_it_and_the_allowed_ones(db):
    template = CertificateTemplate(
        name="X", kind="certificate", title="Z", body="{kurs}", issuer_name="I", place="P"
    )
    with pytest.raises(ValidationError) as error:
        template.full_clean()
    message = error.value.message_dict["body"][0]
    assert "{kurs}" in message
    assert "{name}" in message and "{clock_hours}" in message


def test_literal_braces_and_all_placeholders_are_accepted(db):
    body = "{{x}} {name} {programme} {period}"
    template = CertificateTemplate(
        name="X", kind="certificate", title="Z", body=body, issuer_name="I", place="P"
    )
    template.full_clean()


def test_new_default_takes_the_mark_from_the_previous_one(db):
    previous = CertificateTemplate.objects.default_for(CertificateKind.CERTIFICATE)
    template = new_template(is_default=True)
    assert CertificateTemplate.objects.default_for(CertificateKind.CERTIFICATE) == template
    previous.refresh_from_db()
    assert not previous.is_default
    # The other kind keeps its default.
    assert CertificateTemplate.objects.default_for(CertificateKind.ATTENDANCE) is not None


def test_the_only_default_cannot_be_unmarked(db):
    template = CertificateTemplate.objects.default_for(CertificateKind.CERTIFICATE)
    template.is_default = False
    with pytest.raises(ValidationError) as error:
        template.full_clean()
    assert "is_default" in error.value.message_dict


def test_funding_logo_needs_alt_text(db):
    template = new_template(funding_logo=make_image("Logo"))
    with pytest.raises(ValidationError) as error:
        template.full_clean()
    assert "funding_logo_alt" in error.value.message_dict


def test_programme_choice_is_limited_to_the_kind(db):
    from django.forms.models import modelform_factory

    from curriculum.models import ProgrammePage

    attendance = new_template(kind=CertificateKind.ATTENDANCE, name="Andere")
    form = modelform_factory(ProgrammePage, fields=["certificate_template"])()
    field = form.fields["certificate_template"]
    assert attendance not in field.queryset
    assert CertificateTemplate.objects.default_for(CertificateKind.CERTIFICATE) in field.queryset


def test_snapshot_uses_default_then_programme_choice(enrolment, programme):
    from datetime import date

    cohort = enrolment.cohort
    cohort.start_date, cohort.end_date = date(2026, 3, 1), date(2026, 11, 30)
    cohort.save()
    data = issuing.build_snapshot(enrolment)
    assert template_snapshot(programme, "certificate", data)["title"] == "Zertifikat"

    chosen = new_template()
    programme.certificate_template = chosen
    programme.save()
    snapshot = template_snapshot(programme, "certificate", data)
    assert snapshot["title"] == "Urkunde"
    assert snapshot["place"] == "Hamburg"
    assert snapshot["body"] == (
        "hat vom 01.03.2026 – 30.11.2026 an Qualifizierung Konfliktmanagement teilgenommen "
        f"({data['total_ue']} UE, 6 h)."
    )
    assert [s["text"] for s in snapshot["body_segments"] if s["value"]][1] == data["programme"]
    # Attendance still uses its default.
    assert template_snapshot(programme, "attendance", data)["title"] == "Teilnahmebescheinigung"


def test_images_are_frozen_as_data_uris(enrolment, programme):
    template = CertificateTemplate.objects.default_for(CertificateKind.CERTIFICATE)
    CertificateTemplateLogo.objects.create(
        template=template, image=make_image("SPI"), alt_text="Stiftung SPI"
    )
    CertificateTemplateSignature.objects.create(
        template=template,
        name="Dr. Anna Beispiel",
        role="Projektleitung",
        image=make_image("sig", kind="signature"),
    )
    template.funding_logo = make_image("Demokratie leben!")
    template.funding_logo_alt = "Demokratie leben!"
    template.save()

    snapshot = template_snapshot(programme, "certificate", issuing.build_snapshot(enrolment))
    logo = snapshot["logos"][0]
    assert logo["alt"] == "Stiftung SPI"
    png = base64.b64decode(logo["src"].removeprefix("data:image/png;base64,"))
    assert png.startswith(b"\x89PNG")
    assert PILImage.open(io.BytesIO(png)).size == (logo["width"], logo["height"])
    assert logo["width"] <= 700 and logo["height"] <= 210
    signature = snapshot["signatures"][0]
    assert (signature["name"], signature["role"]) == ("Dr. Anna Beispiel", "Projektleitung")
    assert signature["image"]["alt"]
    assert snapshot["funding"]["logo"]["alt"] == "Demokratie leben!"
    json.dumps(snapshot)  # plain JSON data


def test_issued_certificate_prints_its_template_and_ignores_later_edits(
    enrolment, programme, staff
):
    template = new_template(issuer_details="Musterstraße 1\n10000 Berlin")
    CertificateTemplateSignature.objects.create(
        template=template,
        name="Dr. Anna Beispiel",
        role="Projektleitung",
        image=make_image("sig", kind="signature"),
    )
    CertificateTemplateLogo.objects.create(
        template=template, image=make_image("SPI"), alt_text="Stiftung SPI"
    )
    programme.certificate_template = template
    programme.save()
    certificate = issuing.issue_certificate(enrolment, CertificateKind.CERTIFICATE, by=staff)
    assert certificate.snapshot["template"]["title"] == "Urkunde"
    assert certificate.snapshot["issuer"] == "Stiftung SPI"

    text = pdf_text(certificate.pdf.open("rb").read())
    assert "Urkunde" in text
    assert "Hamburg, " in text
    assert "Berlin," not in text
    assert "Musterstraße 1" in text
    assert "Dr. Anna Beispiel" in text and "Projektleitung" in text
    assert "Erika Muster" in text

    template.title = "Geändert"
    template.place = "München"
    template.save()
    template.signatures.all().delete()
    certificate.refresh_from_db()
    again = pdf_text(render_certificate_pdf(certificate))
    assert "Urkunde" in again and "Hamburg" in again and "Dr. Anna Beispiel" in again
    assert "Geändert" not in again and "München" not in again


def test_certificate_from_before_templates_renders_todays_wording(enrolment, staff):
    from wagtail.models import Site

    from content.models import SiteSettings

    site = Site.objects.get(is_default_site=True)
    SiteSettings.objects.update_or_create(site=site, defaults={"funding_notice": "Alt gefördert"})
    certificate = issuing.issue_certificate(enrolment, CertificateKind.CERTIFICATE, by=staff)
    del certificate.snapshot["template"]
    text = pdf_text(render_certificate_pdf(certificate))
    assert "Zertifikat" in text
    assert "Berlin, " in text
    assert "hat erfolgreich teilgenommen an der Qualifizierung" in text
    assert "Alt gefördert" in text


def test_legacy_funding_notice_comes_from_the_cache_and_follows_the_settings(
    enrolment, staff, django_assert_num_queries
):
    """Re-rendering old certificates asks for the site's notice each time: from the page
    tree's cache, renewed when the site settings are saved."""
    from wagtail.models import Site

    from certificates import pdf
    from content.models import SiteSettings

    site = Site.objects.get(is_default_site=True)
    settings_row, _ = SiteSettings.objects.update_or_create(
        site=site, defaults={"funding_notice": "Alt gefördert"}
    )
    certificate = issuing.issue_certificate(enrolment, CertificateKind.CERTIFICATE, by=staff)
    del certificate.snapshot["template"]
    assert "Alt gefördert" in pdf_text(render_certificate_pdf(certificate))
    with django_assert_num_queries(0):
        assert pdf._funding_notice() == "Alt gefördert"
    settings_row.funding_notice = "Neu gefördert"
    settings_row.save()
    text = pdf_text(render_certificate_pdf(certificate))
    assert "Neu gefördert" in text and "Alt gefördert" not in text


def test_pdf_images_carry_their_alt_text(enrolment, staff):
    template = CertificateTemplate.objects.default_for(CertificateKind.CERTIFICATE)
    CertificateTemplateLogo.objects.create(
        template=template, image=make_image("SPI"), alt_text="Logo der Stiftung SPI"
    )
    certificate = issuing.issue_certificate(enrolment, CertificateKind.CERTIFICATE, by=staff)
    reader = PdfReader(certificate.pdf.open("rb"))
    alts = []

    def walk(node):
        node = node.get_object()
        if "/Alt" in node:
            alts.append(str(node["/Alt"]))
        kids = node.get("/K")
        if kids is None:
            return
        for kid in kids if isinstance(kids, list) else [kids]:
            if hasattr(kid, "get_object") and hasattr(kid.get_object(), "get"):
                walk(kid)

    walk(reader.trailer["/Root"]["/StructTreeRoot"])
    assert "Logo der Stiftung SPI" in alts


def test_snippet_for_staff_only(client, staff, trainer, db):
    url = "/admin/snippets/certificates/certificatetemplate/"
    client.force_login(staff)
    response = client.get(url)
    assert response.status_code == 200
    assert "Zertifikat (Standard)" in response.content.decode()
    assert client.get(url + "add/").status_code == 200
    client.force_login(trainer)
    assert client.get(url).status_code in (302, 403)


def test_snippet_form_shows_placeholder_error(client, staff, db):
    template = CertificateTemplate.objects.default_for(CertificateKind.CERTIFICATE)
    client.force_login(staff)
    url = f"/admin/snippets/certificates/certificatetemplate/edit/{template.pk}/"
    response = client.get(url)
    assert response.status_code == 200
    form = response.context["form"]
    data = {}
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        if value is not None and not hasattr(value, "management_form"):
            data[name] = value.pk if hasattr(value, "pk") else value
    for prefix in ("logos", "signatures"):
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": 0,
                f"{prefix}-INITIAL_FORMS": 0,
                f"{prefix}-MIN_NUM_FORMS": 0,
                f"{prefix}-MAX_NUM_FORMS": 1000,
            }
        )
    data["is_default"] = "on"
    data["body"] = "hat am {kurs} teilgenommen"
    data = {k: v for k, v in data.items() if v is not False and v is not None}
    response = client.post(url, data)
    assert response.status_code == 200
    assert "{kurs}" in response.content.decode()
    template.refresh_from_db()
    assert "{kurs}" not in template.body


def test_default_template_cannot_be_deleted_in_the_admin(client, staff, db):
    default = CertificateTemplate.objects.default_for(CertificateKind.CERTIFICATE)
    other = new_template()
    client.force_login(staff)
    url = "/admin/snippets/certificates/certificatetemplate/delete/{}/"
    response = client.post(url.format(default.pk))
    assert response.status_code == 302
    assert CertificateTemplate.objects.filter(pk=default.pk).exists()
    response = client.post(url.format(other.pk))
    assert response.status_code == 302
    assert not CertificateTemplate.objects.filter(pk=other.pk).exists()


def test_attendance_confirmation_uses_the_programmes_attendance_template(
    enrolment, programme, staff
):
    programme.attendance_template = new_template(
        kind=CertificateKind.ATTENDANCE, title="Bescheinigung", place="Erfurt"
    )
    programme.save()
    certificate = issuing.issue_certificate(enrolment, CertificateKind.ATTENDANCE, by=staff)
    text = pdf_text(certificate.pdf.open("rb").read())
    assert "Bescheinigung" in text and "Erfurt, " in text


def test_programme_edit_form_offers_the_templates(client, superuser, programme):
    client.force_login(superuser)
    response = client.get(f"/admin/pages/{programme.pk}/edit/")
    content = response.content.decode()
    assert response.status_code == 200
    assert 'name="certificate_template"' in content
    assert 'name="attendance_template"' in content


def test_pdf_with_twelve_modules_and_a_full_template_fits_one_page(enrolment, staff):
    # The default wording (a two-line statement and issuer) with every image a template can have.
    template = CertificateTemplate.objects.default_for(CertificateKind.CERTIFICATE)
    template.issuer_details = "Sozialpädagogisches Institut Berlin »Walter May«"
    template.funding_logo = make_image("Demokratie leben!")
    template.funding_logo_alt = "Demokratie leben!"
    template.save()
    for title in ("SPI", "KoKoMa"):
        CertificateTemplateLogo.objects.create(
            template=template, image=make_image(title, size=(700, 210)), alt_text=title
        )
    for name in ("Dr. Anna Beispiel", "Max Mustermann"):
        CertificateTemplateSignature.objects.create(
            template=template,
            name=name,
            role="Projektleitung",
            image=make_image(name, kind="signature"),
        )
    certificate = issuing.issue_certificate(enrolment, CertificateKind.CERTIFICATE, by=staff)
    # Every fact filled in, with the longest values of the demo data.
    (module,) = certificate.snapshot["modules"]
    certificate.snapshot.update(
        municipality="Wartburgkreis",
        pfd_name="Partnerschaft für Demokratie im Wartburgkreis",
        places="Bamberg, Eisenach und Neubrandenburg (Präsenzmodule); online (Vertiefungen)",
        period_start="2026-02-02",
        period_end="2026-11-27",
        praxisprojekt_title="Krisenpräventionsplan für den Wartburgkreis",
        local_partner=(
            "Koordinierungs- und Fachstelle der Partnerschaft für Demokratie im Wartburgkreis"
        ),
        modules=[
            dict(
                module,
                number=number,
                title=f"Konflikte in der Kommune, Rollen und Haltung {number}",
            )
            for number in range(1, 13)
        ],
    )
    reader = PdfReader(io.BytesIO(render_certificate_pdf(certificate)))
    assert len(reader.pages) == 1
    text = " ".join(reader.pages[0].extract_text().split())
    assert "Haltung 1 " in text and "Haltung 12 " in text
    assert "Max Mustermann" in text
    assert certificate.verification_code in text
    assert "Demokratie leben!" in text


def test_pdf_images_are_not_interpolated(enrolment, staff):
    """PDF/A-2 and -3 (ISO 19005-2 6.2.8) forbid /Interpolate true on any image."""
    template = CertificateTemplate.objects.default_for(CertificateKind.CERTIFICATE)
    CertificateTemplateLogo.objects.create(
        template=template, image=make_image("SPI"), alt_text="SPI"
    )
    CertificateTemplateSignature.objects.create(
        template=template, name="A", image=make_image("sig", kind="signature")
    )
    certificate = issuing.issue_certificate(enrolment, CertificateKind.CERTIFICATE, by=staff)
    reader = PdfReader(certificate.pdf.open("rb"))

    images = []
    for x_object in reader.pages[0]["/Resources"]["/XObject"].values():
        image = x_object.get_object()
        images.append(image)
        if "/SMask" in image:
            images.append(image["/SMask"].get_object())
    assert len(images) >= 3  # logo, signature, QR code (and their masks)
    assert [image.get("/Interpolate", False) for image in images] == [False] * len(images)
