"""The two default templates, with the wording the documents had before templates existed."""

from django.db import migrations

ISSUER = "Stiftung SPI, Servicestelle Kommunales Konfliktmanagement"
ISSUER_DETAILS = "Sozialpädagogisches Institut Berlin »Walter May«"
FUNDING_NOTICE = (
    "Gefördert vom Bundesministerium für Familie, Senioren, Frauen und Jugend "
    "im Rahmen des Bundesprogramms »Demokratie leben!«"
)

DEFAULTS = [
    {
        "kind": "certificate",
        "name": "Zertifikat (Standard)",
        "title": "Zertifikat",
        "body": "hat erfolgreich teilgenommen an\n{programme}",
    },
    {
        "kind": "attendance",
        "name": "Teilnahmebescheinigung (Standard)",
        "title": "Teilnahmebescheinigung",
        "body": "hat teilgenommen an\n{programme}",
    },
]


def create_defaults(apps, schema_editor):
    CertificateTemplate = apps.get_model("certificates", "CertificateTemplate")
    for values in DEFAULTS:
        if CertificateTemplate.objects.filter(kind=values["kind"], is_default=True).exists():
            continue
        CertificateTemplate.objects.create(
            is_default=True,
            issuer_name=ISSUER,
            issuer_details=ISSUER_DETAILS,
            place="Berlin",
            funding_notice=FUNDING_NOTICE,
            **values,
        )


class Migration(migrations.Migration):
    dependencies = [("certificates", "0003_certificate_templates")]

    operations = [migrations.RunPython(create_defaults, migrations.RunPython.noop)]
