from django.urls import path

from certificates import views

urlpatterns = [
    path("zertifikate/pruefen/", views.verify, name="certificate_verify"),
    path("zertifikate/pruefen/<str:code>/", views.verify_detail, name="certificate_verify_detail"),
]
