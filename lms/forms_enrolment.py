"""Forms of the enrolment screens: applying for a cohort, accepting an invitation."""

from django import forms
from django.utils.translation import gettext_lazy as _

from lms.forms import KernAccessibleFormMixin
from lms.models import Function, Municipality


class ParticipantDataForm(KernAccessibleFormMixin, forms.Form):
    """Municipality, function and organisation, and the privacy-notice consent.

    ``municipalities`` limits the choice to the ones a cohort accepts
    (every municipality when it is empty). The privacy notice itself is linked
    by the page above the form.
    """

    municipality = forms.ModelChoiceField(
        label=_("Municipality"),
        queryset=Municipality.objects.none(),
        empty_label=_("Please choose"),
        error_messages={"required": _("Please choose your municipality.")},
    )
    function = forms.ChoiceField(
        label=_("Your function in the municipality"),
        # (the hint also keeps an error message below the floated legend)
        help_text=_("Choose the role in which you take part."),
        choices=Function.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Please choose your function.")},
    )
    organisation = forms.CharField(
        label=_("Organisation"),
        max_length=250,
        help_text=_("For example the office, association or body you work for."),
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
        error_messages={"required": _("Please enter your organisation.")},
    )
    privacy_consent = forms.BooleanField(
        label=_(
            "I agree that my details are processed for the qualification as described "
            "in the privacy notice."
        ),
        error_messages={"required": _("Please agree to the privacy notice to continue.")},
    )

    def __init__(self, *args, municipalities=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = (
            municipalities if municipalities is not None else Municipality.objects.all()
        )


class ApplicationForm(ParticipantDataForm):
    """Applying for a cohort."""

    motivation = forms.CharField(
        label=_("Motivation"),
        required=False,
        max_length=3000,
        help_text=_("Why would you like to take part? What do you hope to learn?"),
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    field_order = ["municipality", "function", "organisation", "motivation", "privacy_consent"]


class InvitationAcceptForm(ParticipantDataForm):
    """Accepting an invitation: the details staff entered are filled in already."""
