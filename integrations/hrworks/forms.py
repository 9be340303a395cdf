from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from django.views.decorators.debug import sensitive_variables

from .base_urls import allowed_hosts, is_allowed_base_url
from .models import Connection, Person

SECRET_MASK = "••••••••"


class ConnectionForm(forms.ModelForm):
    """The key pair, base URL and start date. The secret is write-only."""

    secret_key = forms.CharField(
        label=_("Secret access key"),
        required=False,
        strip=True,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "new-password"}),
    )

    base_url = forms.URLField(
        label=_("Base URL"),
        assume_scheme="https",
        help_text=_(
            "Usually https://api.hrworks.de. Change it only for the hr works demo host or "
            "a local sandbox."
        ),
    )

    class Meta:
        model = Connection
        fields = ["access_key", "secret_key", "base_url", "start_date"]
        labels = {
            "access_key": _("Access key"),
            "start_date": _("Start date"),
        }
        help_texts = {
            "start_date": _(
                "From this date on, hr works is the only source of absences for linked users."
            ),
        }
        widgets = {"start_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["access_key"].required = True
        secret = self.fields["secret_key"]
        if self.instance.secret_encrypted:
            secret.widget.attrs["placeholder"] = SECRET_MASK
            secret.help_text = _("A secret access key is stored. Leave blank to keep it.")
        else:
            secret.help_text = _("Stored encrypted and never shown again.")

    def clean_base_url(self):
        url = self.cleaned_data["base_url"].rstrip("/")
        if not url.startswith(("https://", "http://")):
            raise forms.ValidationError(_("Enter a URL that starts with https://."))
        if not is_allowed_base_url(url):
            raise forms.ValidationError(
                _(
                    "This host is not allowed for hr works. Allowed hosts: %(hosts)s. An "
                    "operator can extend the list with the setting HRWORKS_ALLOWED_BASE_HOSTS."
                )
                % {"hosts": ", ".join(allowed_hosts())}
            )
        return url

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("secret_key") and not self.instance.secret_encrypted:
            self.add_error("secret_key", _("Enter the secret access key."))
        # The stored secret is sent to whatever base URL is saved, so only an admin who can
        # enter the secret may point it at another host.
        base_url = cleaned.get("base_url")
        moved = base_url is not None and base_url != self.instance.base_url
        if moved and self.instance.secret_encrypted and not cleaned.get("secret_key"):
            self.add_error(
                "secret_key",
                _("Enter the secret access key again when you change the base URL."),
            )
        return cleaned

    @sensitive_variables("secret")
    def save(self, commit=True):
        connection = super().save(commit=False)
        secret = self.cleaned_data.get("secret_key")
        if secret:
            connection.set_secret(secret)
        credentials_changed = bool(secret) or "access_key" in self.changed_data
        if credentials_changed and connection.schedule_stopped:
            # The admin changed the key, so the paused schedule may try again.
            connection.state = (
                Connection.State.ACTIVE if connection.is_active else Connection.State.INACTIVE
            )
        if commit:
            if connection.pk is None:
                connection.save()
            else:
                # Only the form's columns: a running sync writes the lock, state and results
                # of the same row meanwhile, and a full save would put back stale values.
                connection.save(update_fields=FORM_COLUMNS)
        return connection


FORM_COLUMNS = ["access_key", "secret_encrypted", "base_url", "start_date", "state"]


class ConfirmForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("I have checked the preview and want to continue."),
        error_messages={"required": _("Please confirm first.")},
    )


class LinkForm(forms.Form):
    """Link a user to an hr works person by hand."""

    user = forms.ModelChoiceField(label=_("User"), queryset=None)
    person = forms.ModelChoiceField(label=_("hr works person"), queryset=None)

    def __init__(self, *args, tenant, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = get_user_model().objects.filter(
            tenant=tenant, hrworks_link__isnull=True
        )
        self.fields["person"].queryset = Person.objects.filter(tenant=tenant, link__isnull=True)
        self.fields["person"].label_from_instance = person_label


def person_label(person: Person) -> str:
    email = person.email or _("no business e-mail")
    return f"{person.full_name or '—'} · {person.person_id} · {email}"
