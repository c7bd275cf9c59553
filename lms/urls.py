from django.conf import settings
from django.urls import include, path
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from lms import views

urlpatterns = [
    # Everyone logs in through allauth (rate limits, 2FA), the admin included.
    path(
        "admin/login/",
        RedirectView.as_view(pattern_name="account_login", query_string=True),
        name="admin_login_redirect",
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("accounts/profile/", views.profile, name="profile"),
    path("", include("lms.privacy.urls")),
    path("", include("lms.urls_enrolment")),
    path("", include("lms.urls_learning")),
    path("", include("lms.urls_trainer")),
    path("", include("lms.urls_projects")),
    path("", include("certificates.urls_eligibility")),
    path("", include("lms.urls_sessions")),
    path("", include("lms.urls_calendar")),
    path("", include("lms.urls_lists")),
    path("", include("certificates.urls")),
    path("accounts/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]
