from django.urls import path

from certificates import views

urlpatterns = [
    path("zertifikate/pruefen/", views.verify, name="certificate_verify"),
    path("zertifikate/<int:pk>/pdf/", views.certificate_pdf, name="certificate_pdf"),
    path(
        "zertifikate/<int:pk>/openbadge.json",
        views.certificate_openbadge,
        name="certificate_openbadge",
    ),
    path("zertifikate/pruefen/<str:code>/", views.verify_detail, name="certificate_verify_detail"),
    path("zertifikate/pruefen/<str:code>/json/", views.verify_json, name="certificate_verify_json"),
]
