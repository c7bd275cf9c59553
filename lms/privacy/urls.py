from django.urls import path

from lms.privacy import views

urlpatterns = [
    path("accounts/profile/meine-daten.zip", views.export_data, name="privacy_export"),
    path("accounts/profile/loeschung/", views.request_erasure, name="privacy_erasure_request"),
    path("accounts/datenschutz/zustimmen/", views.accept_notice, name="privacy_notice_accept"),
]
