from django import forms
from django.contrib.auth import get_user_model
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from users.collation import name_order

from .models import Absence, AbsenceType, Source


class LocalTypeForm(forms.ModelForm):
    """All fields of a local absence type."""

    class Meta:
        model = AbsenceType
        fields = ["name", "color", "category", "counts_for_hour_balance", "counts_for_capacity"]
        labels = {
            "name": _("Name"),
            "color": _("Colour"),
            "category": _("Category"),
            "counts_for_hour_balance": _("Affects the hour balance"),
            "counts_for_capacity": _("Affects capacity planning"),
        }
        help_texts = {
            "category": _("Colleagues see sick leave only as “absent”, without the type."),
            "counts_for_hour_balance": _(
                "Approved absences of this type credit the target hours of their working days."
            ),
            "counts_for_capacity": _(
                "Absences of this type reduce the available hours in capacity planning."
            ),
        }
        widgets = {"color": forms.TextInput(attrs={"type": "color"})}

    def __init__(self, *args, tenant, **kwargs):
        self.tenant = tenant
        super().__init__(*args, **kwargs)

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        clash = AbsenceType.objects.filter(
            tenant=self.tenant, source=Source.LOCAL, name__iexact=name, archived_at__isnull=True
        ).exclude(pk=self.instance.pk)
        if clash.exists():
            raise forms.ValidationError(_("An active local type with this name already exists."))
        return name

    def clean_color(self):
        color = self.cleaned_data["color"]
        valid = len(color) == 7 and color.startswith("#")
        if not valid or any(c not in "0123456789abcdefABCDEF" for c in color[1:]):
            raise forms.ValidationError(_("Enter a colour as #RRGGBB, for example #4C7BD9."))
        return color.upper()

    def save(self, commit=True):
        absence_type = super().save(commit=False)
        absence_type.tenant = self.tenant
        if absence_type.pk is None:
            absence_type.source = Source.LOCAL
        # A former hr works type keeps its source and key, so a reactivation finds it again.
        absence_type.reviewed = True
        if commit:
            absence_type.save()
        return absence_type


class HrworksTypeForm(forms.ModelForm):
    """The two switches of a type that comes from hr works; saving marks it as reviewed."""

    class Meta:
        model = AbsenceType
        fields = ["counts_for_hour_balance", "counts_for_capacity"]
        labels = LocalTypeForm.Meta.labels
        help_texts = LocalTypeForm.Meta.help_texts

    def save(self, commit=True):
        absence_type = super().save(commit=False)
        absence_type.reviewed = True
        if commit:
            absence_type.save()
        return absence_type


class AbsenceForm(forms.ModelForm):
    """A local absence. Admins choose the user and the status; staff record their own requests."""

    class Meta:
        model = Absence
        fields = [
            "user",
            "type",
            "start_date",
            "start_half_day",
            "end_date",
            "end_half_day",
            "status",
            "note",
        ]
        labels = {
            "user": _("User"),
            "type": _("Absence type"),
            "start_date": _("First day"),
            "start_half_day": _("First day afternoon only"),
            "end_date": _("Last day"),
            "end_half_day": _("Last day forenoon only"),
            "status": _("Status"),
            "note": _("Note"),
        }
        help_texts = {
            "start_half_day": _("The first day counts as a half day from noon on."),
            "end_half_day": _("The last day counts as a half day until noon."),
            "note": _("Only you and the administrators see the note."),
        }
        widgets = {
            "start_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "end_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "note": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, tenant, editor, **kwargs):
        self.tenant = tenant
        self.editor = editor
        super().__init__(*args, **kwargs)
        self.instance.tenant = tenant
        if not self.instance.pk and not editor.is_tenant_admin:
            self.instance.user = editor
        for name in ("start_date", "end_date"):
            self.fields[name].input_formats = ["%Y-%m-%d", "%d.%m.%Y"]

        types = AbsenceType.objects.filter(tenant=tenant)
        current_type = self.instance.type_id if self.instance.pk else None
        # Archived types stay selectable only for the absence that already uses one.
        self.fields["type"].queryset = types.filter(archived_at__isnull=True) | types.filter(
            pk=current_type
        )

        if editor.is_tenant_admin:
            # An admin often enters the absence of someone else, so "you" would be the admin.
            self.fields["note"].help_text = _(
                "Only the absent person and the administrators see the note."
            )
            users = get_user_model().objects.filter(tenant=tenant, is_active=True)
            if self.instance.pk:
                users = users | get_user_model().objects.filter(pk=self.instance.user_id)
            self.fields["user"].queryset = users.order_by(*name_order())
            if not self.instance.pk:
                self.fields["user"].initial = editor.pk
        else:
            del self.fields["user"]
            del self.fields["status"]

    def clean(self):
        cleaned = super().clean()
        start = cleaned.get("start_date")
        end = cleaned.get("end_date")
        user = cleaned.get("user") if "user" in self.fields else self.editor
        if start is None or end is None:
            return cleaned

        if end < start:
            self.add_error("end_date", _("The last day must not be before the first day."))
        elif start == end and cleaned.get("start_half_day") and cleaned.get("end_half_day"):
            self.add_error(
                "end_half_day",
                _(
                    "A one-day absence is either the afternoon or the forenoon. "
                    "Tick only one of the two half days."
                ),
            )

        managed_since = user.absences_managed_since if user else None
        if managed_since is not None and end >= managed_since:
            self.add_error(None, self._managed_message(user, managed_since))
        return cleaned

    def _managed_message(self, user, managed_since):
        """Return why hr works rejects the absence, addressing the editor when it is their own."""
        day = date_format(managed_since, "SHORT_DATE_FORMAT")
        if user.pk == self.editor.pk:
            return _(
                "Your absences have been managed in hr works since %(date)s. Please request "
                "absences from that day on in hr works. They appear here after the next sync."
            ) % {"date": day}
        return _(
            "hr works manages the absences of %(name)s since %(date)s. Enter absences "
            "from that day on in hr works; they appear here after the next sync."
        ) % {"name": user, "date": day}

    def save(self, commit=True):
        absence = super().save(commit=False)
        absence.tenant = self.tenant
        absence.source = Source.LOCAL
        if not self.editor.is_tenant_admin:
            absence.user = self.editor
            # A staff member's new or changed absence is a request until an admin approves it.
            absence.status = Absence.Status.PENDING
        if commit:
            absence.save()
        return absence


class ExportForm(forms.Form):
    """Export scope (the own absences or the whole tenant's) and an optional date range."""

    OWN = "own"
    TEAM = "team"

    scope = forms.ChoiceField(
        label=_("Absences of"),
        choices=[(OWN, _("me")), (TEAM, _("the whole agency"))],
        initial=OWN,
        required=False,
    )
    start = forms.DateField(
        label=_("From"),
        required=False,
        input_formats=["%Y-%m-%d", "%d.%m.%Y"],
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Absences that end on or after this day."),
    )
    end = forms.DateField(
        label=_("Until"),
        required=False,
        input_formats=["%Y-%m-%d", "%d.%m.%Y"],
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Absences that begin on or before this day."),
    )

    def __init__(self, *args, editor, **kwargs):
        self.editor = editor
        super().__init__(*args, **kwargs)
        if not editor.is_tenant_admin:
            self.fields["scope"].choices = [(self.OWN, _("me"))]

    def clean_scope(self):
        return self.cleaned_data["scope"] or self.OWN

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end < start:
            self.add_error("end", _("The end date must not be before the start date."))
        return cleaned
