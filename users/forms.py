from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from .emails import normalize_email
from .models import WEEKDAY_CHOICES, User


class EmailAuthenticationForm(AuthenticationForm):
    username = forms.CharField(
        label=_("E-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )
    error_messages = {
        "invalid_login": _("E-mail address or password is wrong. Please try again."),
        "inactive": _("This account is deactivated."),
    }


class WorkingDaysField(forms.TypedMultipleChoiceField):
    def __init__(self, **kwargs):
        super().__init__(
            choices=WEEKDAY_CHOICES,
            coerce=int,
            widget=forms.CheckboxSelectMultiple,
            label=_("Working days"),
            **kwargs,
        )


class UserForm(forms.ModelForm):
    working_days = WorkingDaysField()

    class Meta:
        model = User
        fields = ["email", "first_name", "last_name", "role", "weekly_hours", "working_days"]
        # German users type "20,5"; the English UI accepts "20.5".
        localized_fields = ["weekly_hours"]

    def __init__(self, *args, tenant, **kwargs):
        self.tenant = tenant
        super().__init__(*args, **kwargs)

    def clean_email(self):
        email = normalize_email(self.cleaned_data["email"])
        clash = User.objects.filter(email__iexact=email).exclude(pk=self.instance.pk)
        if clash.exists():
            raise forms.ValidationError(_("A user with this e-mail address already exists."))
        return email

    def clean_working_days(self):
        days = self.cleaned_data["working_days"]
        if not days:
            raise forms.ValidationError(_("Choose at least one working day."))
        return days

    def save(self, commit=True):
        user = super().save(commit=False)
        user.tenant = self.tenant
        if not user.pk:
            user.set_unusable_password()
        if commit:
            user.save()
        return user


class UserImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_(
            "Columns: email, first_name, last_name, role (admin or staff), weekly_hours, "
            "working_days (for example Mo-Fr or Mo,Di,Mi). Separated by comma or semicolon, UTF-8."
        ),
    )
