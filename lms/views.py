from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from lms.forms import ProfileForm


@login_required
def profile(request):
    """The person's own profile: name and links to e-mail, password and 2FA."""
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your profile has been saved."))
        return redirect("profile")
    return render(
        request,
        "lms/profile.html",
        {"form": form, "enrolments": request.user.enrolments.select_related("cohort__programme")},
    )
