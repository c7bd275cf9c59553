# ruff: noqa: E501 - the expectation table keeps one URL per line
"""Every URL pattern of the site, and the Wagtail admin's top-level views,
requested (GET) as each role; the status must match the table below.

A URL pattern without an entry fails the test by name: add one line to
EXPECTED (or ADMIN_EXPECTED) with the statuses for

    anon  trainee  other_trainee  trainer  other_trainer  supervisor  staff

and, when the route has parameters, which objects of the world (conftest)
fill them, e.g. ``E("login 200 404 ...", pk="cohort")``; "login" is a
redirect to the login page, "deny" Wagtail's redirect back to the admin
dashboard ("no permission"), any other redirect "302". A model stands for its
primary key; ``url=`` gives the address directly (regular-expression routes).
"""

import pytest
from django.db import models
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.security.conftest import ROLES

pytestmark = pytest.mark.django_db


def E(codes: str, **kwargs):
    statuses = codes.split()
    assert len(statuses) == len(ROLES), codes
    return statuses, kwargs


def outcome(response) -> str:
    """The status; a redirect to the login page is "login", Wagtail's refusal
    inside the admin (back to the dashboard with a message) is "deny"."""
    if response.status_code == 302:
        location = response["Location"]
        if location.startswith(("/accounts/login/", "/admin/login/")):
            return "login"
        if location == "/admin/":
            return "deny"
    return str(response.status_code)


# fmt: off
EXPECTED = {
    # name (or route when unnamed):        anon trainee other_tr trainer other_trainer supervisor staff
    "admin_login_redirect":                E("login login login login login login login"),
    "wagtaildocs_serve":                   E("login 200 403 200 403 403 200", url=lambda w: w["document"].url),
    "wagtaildocs_authenticate_with_password": E("404 404 404 404 404 404 404", restriction_id=999),
    "profile":                             E("login 200 200 200 200 200 200"),
    "cohort_list":                         E("200 200 200 200 200 200 200"),
    "cohort_apply":                        E("login 200 200 200 200 200 200", pk="cohort"),
    "enrolment_withdraw":                  E("login 200 404 404 404 404 404", pk="enrolment"),
    "invitation_accept":                   E("302 403 403 403 403 403 403", token="invitation.token"),
    "dashboard":                           E("login 200 200 200 200 200 200"),
    "lesson_mark_done":                    E("login 405 405 405 405 405 405", lesson_id="lesson"),
    "lesson_undo_done":                    E("login 405 405 405 405 405 405", lesson_id="lesson"),
    "lesson_quiz_submit":                  E("login 405 405 405 405 405 405", lesson_id="lesson", block_id="quiz_id"),
    "lesson_reflection_save":              E("login 405 405 405 405 405 405", lesson_id="lesson", block_id="reflection_id"),
    "my_cohorts":                          E("login 403 403 200 200 403 200"),
    "cohort_progress":                     E("login 403 403 200 403 403 200", pk="cohort"),
    "cohort_progress_csv":                 E("login 403 403 200 403 403 200", pk="cohort"),
    "trainee_progress":                    E("login 403 403 200 403 403 200", pk="cohort", enrolment_pk="enrolment"),
    "sign_off_module":                     E("login 405 405 405 405 405 405", pk="cohort", enrolment_pk="enrolment", module_pk="module"),
    "withdraw_sign_off":                   E("login 405 405 405 405 405 405", pk="cohort", enrolment_pk="enrolment", module_pk="module"),
    "session_list":                        E("login 200 200 200 200 200 200"),
    "session_detail":                      E("login 200 403 200 403 403 200", pk="session"),
    "session_record":                      E("login 403 403 200 403 403 200", pk="session"),
    "session_checkin_code":                E("login 403 403 200 403 403 200", pk="session"),
    "session_checkin":                     E("login 200 403 200 403 403 200", pk="session"),
    "session_ics":                         E("login 200 403 200 403 403 200", pk="session"),
    "calendar_settings":                   E("login 200 200 200 200 200 200"),
    "calendar_feed":                       E("200 200 200 200 200 200 200", token="feed.token"),
    "session_signature_list_pdf":          E("login 403 403 200 403 403 200", pk="session"),
    "session_signature_list_csv":          E("login 403 403 200 403 403 200", pk="session"),
    "attended_sessions":                   E("login 200 200 200 200 200 200"),
    "attended_sessions_csv":               E("login 200 200 200 200 200 200"),
    "certificate_verify":                  E("200 200 200 200 200 200 200"),
    "certificate_pdf":                     E("login 200 403 403 403 403 200", pk="certificate"),
    "certificate_verify_detail":           E("200 200 200 200 200 200 200", code="certificate.verification_code"),
    "certificate_openbadge":               E("login 200 403 403 403 403 200", pk="certificate"),
    "certificate_verify_json":             E("200 200 200 200 200 200 200", code="certificate.verification_code"),
    "cohort_eligibility":                  E("login 403 403 200 403 403 200", pk="cohort"),
    "praxisprojekt":                       E("login 200 404 404 404 404 404", enrolment_pk="enrolment"),
    "praxisprojekt_review":                E("login 403 403 200 403 403 200", pk="cohort", enrolment_pk="enrolment"),
    "privacy_export":                      E("login 200 200 200 200 200 200"),
    "privacy_erasure_request":             E("login 405 405 405 405 405 405"),
    "privacy_notice_accept":               E("login 302 302 302 302 302 302"),
    "account_login":                       E("200 200 200 200 200 200 200"),
    "account_logout":                      E("302 200 200 200 200 200 200"),
    "account_inactive":                    E("200 200 200 200 200 200 200"),
    "account_signup":                      E("200 200 200 200 200 200 200"),
    "account_reauthenticate":              E("login 200 200 200 200 200 200"),
    "account_request_reauthentication_code": E("login 403 403 403 403 403 403"),
    "account_confirm_reauthentication_code": E("login 403 403 403 403 403 403"),
    "account_email":                       E("login 200 200 200 200 200 200"),
    "account_email_verification_sent":     E("200 200 200 200 200 200 200"),
    "account_change_password":             E("login 200 200 200 200 200 200"),
    "account_set_password":                E("login 302 302 302 302 302 302"),
    "account_reset_password":              E("200 200 200 200 200 200 200"),
    "account_confirm_login_code":          E("login 302 302 302 302 302 302"),
    "account_confirm_email":               E("200 200 200 200 200 200 200", key="bogus-key"),
    "account_reset_password_from_key_done": E("200 200 200 200 200 200 200"),
    "account_reset_password_from_key":     E("200 200 200 200 200 200 200", uidb36="1", key="bogus-key"),
    "account_reset_password_done":         E("200 200 200 200 200 200 200"),
    "mfa_index":                           E("login 200 200 200 200 200 200"),
    "mfa_authenticate":                    E("login 302 302 302 302 302 302"),
    "mfa_reauthenticate":                  E("login 302 302 302 302 302 302"),
    "mfa_activate_totp":                   E("login 302 302 302 302 302 302"),
    "mfa_deactivate_totp":                 E("login 404 404 404 404 404 404"),
    "mfa_view_recovery_codes":             E("login 404 404 404 404 404 404"),
    "mfa_generate_recovery_codes":         E("login 302 302 302 302 302 302"),
    "mfa_download_recovery_codes":         E("login 404 404 404 404 404 404"),
    "set_language":                        E("302 302 302 302 302 302 302"),
    "wagtailcore_authenticate_with_password": E("404 404 404 404 404 404 404", page_view_restriction_id=999, page_id="lesson"),
    "wagtailcore_login":                   E("200 200 200 200 200 200 200"),
    # The page tree: a lesson (only its cohort, its trainers and staff see it).
    "wagtail_serve":                       E("login 200 403 200 403 403 200", url=lambda w: w["lesson"].url),
}

# The Wagtail admin: its home, the page explorer and editor, and every
# top-level listing (a URL named "…:index"); new listings need a line here.
ADMIN_EXPECTED = {
    "wagtailadmin_home":                   E("login login login 200 200 login 200"),
    "wagtailadmin_explore_root":           E("login login login 302 302 login 200"),
    "wagtailadmin_explore":                E("login login login 200 302 login 200", args=["programme"]),
    "wagtailadmin_pages:edit":             E("login login login 200 deny login 200", args=["lesson"]),
    "wagtailadmin_pages:add_subpage":      E("login login login 302 deny login 302", args=["module"]),
    "wagtailadmin_account":                E("login login login 200 200 login 200"),
}
ADMIN_INDEX_EXPECTED = {
    "certificates:index":                  E("login login login deny deny login 200"),
    "certificate_issuing:index":         E("login login login deny deny login 200"),
    "kokoma_reports:index":              E("login login login deny deny login 200"),
    "privacy_notice_versions:index":     E("login login login deny deny login 200"),
    "cohorts:index":                       E("login login login deny deny login 200"),
    "wagtailadmin_collections:index":      E("login login login deny deny login deny"),
    "wagtaildocs:index":                   E("login login login 200 200 login 200"),
    "enrolments:index":                    E("login login login deny deny login 200"),
    "wagtailforms:index":                  E("login login login 200 200 login 200"),
    "wagtailusers_groups:index":           E("login login login deny deny login deny"),
    "wagtailimages:index":                 E("login login login 200 200 login 200"),
    "invitations:index":                   E("login login login deny deny login 200"),
    "municipalities:index":                E("login login login deny deny login 200"),
    "wagtailredirects:index":              E("login login login deny deny login deny"),
    "sessions:index":                      E("login login login deny deny login 200"),
    "wagtailsites:index":                  E("login login login deny deny login deny"),
    "wagtailsnippets:index":               E("login login login deny deny login deny"),
    "supervision_groups:index":            E("login login login deny deny login 200"),
    "wagtailusers_users:index":            E("login login login deny deny login 200"),
    "wagtailadmin_workflows:index":        E("login login login deny deny login 200"),
    "wagtailadmin_workflows:task_index":   E("login login login deny deny login 200"),
}
# fmt: on


def site_patterns():
    """(key, route) of every URL pattern outside the admin; key = name, or route if unnamed."""

    def walk(patterns, prefix=""):
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                if not route.startswith("admin/"):
                    yield from walk(pattern.url_patterns, route)
            elif isinstance(pattern, URLPattern):
                yield pattern.name or route, route

    return list(walk(get_resolver().url_patterns))


def admin_index_names():
    def walk(patterns, prefix="", namespace=""):
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                ns = namespace + (f"{pattern.namespace}:" if pattern.namespace else "")
                yield from walk(pattern.url_patterns, route, ns)
            elif (
                route.startswith("admin/")
                and pattern.name == "index"
                and "<" not in route
                and "(" not in route
            ):
                yield namespace + pattern.name

    return sorted(set(walk(get_resolver().url_patterns)))


def value(world, ref):
    if isinstance(ref, int):
        return ref
    if isinstance(ref, str) and ref.split(".")[0] in world:
        obj = world[ref.split(".")[0]]
        for attr in ref.split(".")[1:]:
            obj = getattr(obj, attr)
        return obj.pk if isinstance(obj, models.Model) else obj
    return ref


def url_for(world, name, spec):
    spec = dict(spec)
    if "url" in spec:
        return spec["url"](world)
    args = [value(world, ref) for ref in spec.pop("args", [])]
    kwargs = {key: value(world, ref) for key, ref in spec.items()}
    return reverse(name, args=args or None, kwargs=kwargs or None)


def statuses(client, world, url):
    found = []
    for role in ROLES:
        client.logout()
        user = world["users"][role]
        if user is not None:
            client.force_login(user)
        found.append(outcome(client.get(url)))
    return found


def table_line(name, found, spec):
    params = "".join(
        f", {key}={ref!r}" if not callable(ref) else f", {key}=…" for key, ref in spec.items()
    )
    return f'    "{name}": E("{" ".join(map(str, found))}"{params}),'


def check(client, world, table):
    wrong = []
    for name, (expected, spec) in table.items():
        url = url_for(world, name, spec)
        found = statuses(client, world, url)
        if found != expected:
            wrong.append(f"{url}\n  expected {expected}\n{table_line(name, found, spec)}")
    return wrong


def test_every_url_pattern_has_an_expectation():
    missing = [key for key, route in site_patterns() if key not in EXPECTED]
    gone = sorted(set(EXPECTED) - {key for key, _ in site_patterns()})
    assert not missing, (
        "URL patterns without an entry in EXPECTED (tests/security/test_permission_matrix.py); "
        f"add a line with the expected status per role for: {missing}"
    )
    assert not gone, f"EXPECTED names URL patterns that no longer exist: {gone}"


def test_every_admin_listing_has_an_expectation():
    missing = [name for name in admin_index_names() if name not in ADMIN_INDEX_EXPECTED]
    assert not missing, (
        "Wagtail admin listings without an entry in ADMIN_INDEX_EXPECTED "
        f"(tests/security/test_permission_matrix.py): {missing}"
    )


def test_site_urls_answer_each_role_as_expected(client, world):
    wrong = check(client, world, EXPECTED)
    assert not wrong, "Unexpected statuses (anon … staff):\n" + "\n".join(wrong)


def test_admin_views_answer_each_role_as_expected(client, world):
    wrong = check(client, world, {**ADMIN_EXPECTED, **ADMIN_INDEX_EXPECTED})
    assert not wrong, "Unexpected statuses (anon … staff):\n" + "\n".join(wrong)
