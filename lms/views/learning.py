"""The trainee's learning screens."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render


@login_required
def dashboard(request):
    """Mein Lernweg: the trainee's enrolments (progress follows with issue 3)."""
    enrolments = request.user.enrolments.select_related("cohort__programme").order_by("-created_at")
    return render(request, "lms/dashboard.html", {"enrolments": enrolments})
