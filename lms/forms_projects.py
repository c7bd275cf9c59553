"""Forms of the Praxisprojekt: the trainee's text and the trainer's decision."""

from django import forms
from django.utils.translation import gettext_lazy as _

from lms.forms import KernFormMixin
from lms.models.projects import DESCRIPTION_MAX_LENGTH, TITLE_MAX_LENGTH
from lms.projects import COMMENT_MAX_LENGTH


class PraxisprojektForm(KernFormMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=TITLE_MAX_LENGTH)
    description = forms.CharField(
        label=_("Short description"),
        required=False,
        max_length=DESCRIPTION_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "Plain text, at most %(limit)s characters: what the project is about, "
            "where and with whom."
        )
        % {"limit": DESCRIPTION_MAX_LENGTH},
    )


class DecisionForm(KernFormMixin, forms.Form):
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Required when you return the project; the participant sees it."),
    )
