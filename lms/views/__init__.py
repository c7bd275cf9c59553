from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from lms.forms import ProfileForm
from lms.middleware import has_mfa
from lms.models import Cohort, Enrolment, User
from lms.privacy.views import privacy_context


@login_required
def profile(request):
    """The person's own profile: name, links to e-mail, password and 2FA, enrolments."""
    # A copy of the user, so that invalid input never leaks into request.user
    # (ModelForm validation writes the posted values onto its instance).
    instance = User.objects.get(pk=request.user.pk)
    form = ProfileForm(request.POST if request.method == "POST" else None, instance=instance)
    if form.is_valid():
        form.save()
        messages.success(request, _("Your profile has been saved."))
        return redirect("profile")
    enrolments = Enrolment.objects.filter(user=request.user).select_related("cohort__programme")
    return render(
        request,
        "lms/profile.html",
        {
            "form": form,
            "enrolments": enrolments,
            "enrolment_labels": {
                "cohort": Cohort._meta.verbose_name,
                "programme": Cohort._meta.get_field("programme").verbose_name,
                "status": Enrolment._meta.get_field("status").verbose_name,
            },
            "mfa_active": has_mfa(request.user),
            **privacy_context(request.user),
        },
    )
