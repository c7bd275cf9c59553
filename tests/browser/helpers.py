"""Shared steps of the browser journeys: data set-up, logging in, axe-core."""

import re
import time
from pathlib import Path

from django.conf import settings
from django.core import mail

from lms.models import Municipality
from tests import factories
from tests.lms.enrolment_factories import open_cohort
from tests.lms.test_progress import STANDARD_QUIZ, make_lesson_with

AXE_JS = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
NEW_PASSWORD = "Konflikt-Kompetenz-2026"


def journey_site():
    """Home, programme, module, a quiz lesson, an open cohort and a municipality."""
    home = factories.make_home()
    programme = factories.make_programme(home, slug="qualifizierung")
    module = factories.make_module(programme, slug="konflikttheorie")
    lesson = make_lesson_with(
        module,
        [
            ("paragraph", "<p>Glasl beschreibt Eskalation in neun Stufen.</p>"),
            ("quiz", STANDARD_QUIZ),
        ],
        title="Eskalationsstufen",
        slug="eskalationsstufen",
    )
    cohort = open_cohort(programme, name="Durchgang Erfurt 2026")
    municipality = Municipality.objects.create(name="Erfurt")
    return {
        "home": home,
        "programme": programme,
        "module": module,
        "lesson": lesson,
        "cohort": cohort,
        "municipality": municipality,
    }


def log_in(page, email, password=factories.PASSWORD, next_url=""):
    page.goto("/accounts/login/" + (f"?next={next_url}" if next_url else ""))
    page.fill("#id_login", email)
    page.fill("#id_password", password)
    page.locator("form:has(#id_login) button.kern-btn--primary").click()
    page.wait_for_load_state()


def totp_code(user) -> str:
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
    from allauth.mfa.utils import decrypt

    authenticator = Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP)
    secret = decrypt(authenticator.data["secret"])
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def verification_link(address: str) -> str:
    """The confirmation link of the last e-mail to ``address`` (locmem outbox)."""
    messages = [m for m in mail.outbox if address in m.to]
    assert messages, f"no e-mail to {address}; outbox: {[m.subject for m in mail.outbox]}"
    match = re.search(r"https?://[^\s\"<>]+/accounts/confirm-email/[^\s\"<>]+", messages[-1].body)
    assert match, messages[-1].body
    return match.group(0)


def axe_violations(page, min_impact=("serious", "critical")):
    """Runs axe-core (WCAG 2.0/2.1 A and AA) on the page; the serious and critical findings.

    The page must come from ``new_page(axe=True)``, which injects axe-core.
    """
    assert page.evaluate("typeof axe") == "object", "axe-core not injected: new_page(axe=True)"
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
    )
    return [v for v in result["violations"] if v["impact"] in min_impact]


def describe(violations) -> str:
    lines = []
    for violation in violations:
        lines.append(f"- [{violation['impact']}] {violation['id']}: {violation['help']}")
        for node in violation["nodes"][:5]:
            lines.append(f"    {node['target']}: {node['html'][:160]}")
            if node.get("failureSummary"):
                lines.append("      " + node["failureSummary"].replace("\n", " ")[:300])
    return "\n".join(lines)
