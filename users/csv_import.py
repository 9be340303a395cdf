"""Import users of one tenant from a CSV file: all rows or none."""

import csv
import io
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _

from .emails import normalize_email
from .models import User

# Header aliases, compared in lower case, so German exports import as they are.
COLUMN_ALIASES = {
    "email": {"email", "e-mail", "e-mail-adresse", "mail"},
    "first_name": {"first_name", "firstname", "vorname"},
    "last_name": {"last_name", "lastname", "nachname"},
    "role": {"role", "rolle"},
    "weekly_hours": {"weekly_hours", "wochenstunden", "stunden"},
    "working_days": {"working_days", "arbeitstage"},
}
ROLE_ALIASES = {
    "admin": User.Role.ADMIN,
    "administrator": User.Role.ADMIN,
    "administratorin": User.Role.ADMIN,
    "staff": User.Role.STAFF,
    "mitarbeiter": User.Role.STAFF,
    "mitarbeiterin": User.Role.STAFF,
}
DAY_ALIASES = {
    "mo": 0, "mon": 0, "montag": 0, "monday": 0,
    "di": 1, "tu": 1, "tue": 1, "dienstag": 1, "tuesday": 1,
    "mi": 2, "we": 2, "wed": 2, "mittwoch": 2, "wednesday": 2,
    "do": 3, "th": 3, "thu": 3, "donnerstag": 3, "thursday": 3,
    "fr": 4, "fri": 4, "freitag": 4, "friday": 4,
    "sa": 5, "sat": 5, "samstag": 5, "saturday": 5,
    "so": 6, "su": 6, "sun": 6, "sonntag": 6, "sunday": 6,
}  # fmt: skip
MAX_ROWS = 1000


@dataclass
class ImportResult:
    created: list = field(default_factory=list)
    errors: list = field(default_factory=list)

    @property
    def ok(self):
        return not self.errors


def parse_working_days(text):
    """Parse "Mo-Fr", "Mo,Di,Do" or "1-5" (1 = Monday) into sorted weekday numbers."""
    days = set()
    for part in text.replace(";", ",").replace(" ", "").split(","):
        if not part:
            continue
        bounds = part.split("-")
        if len(bounds) > 2:
            raise ValueError(part)
        numbers = [_parse_day(bound) for bound in bounds]
        if len(numbers) == 2 and numbers[0] > numbers[1]:
            raise ValueError(part)
        days.update(range(numbers[0], numbers[-1] + 1))
    if not days:
        raise ValueError(text)
    return sorted(days)


def _parse_day(token):
    token = token.lower().rstrip(".")
    if token.isdigit() and 1 <= int(token) <= 7:
        return int(token) - 1
    if token in DAY_ALIASES:
        return DAY_ALIASES[token]
    raise ValueError(token)


def _read_rows(data):
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise ValidationError(
                _("The file is not UTF-8 encoded. Save it as CSV UTF-8.")
            ) from error
    first_line = data.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(data), delimiter=delimiter)
    rows = list(reader)
    if not rows:
        raise ValidationError(_("The file is empty."))
    return rows


def _map_header(header):
    columns = {}
    for index, title in enumerate(header):
        key = title.strip().lower()
        for column, aliases in COLUMN_ALIASES.items():
            if key in aliases:
                columns[column] = index
    if "email" not in columns:
        raise ValidationError(_("The first line must name the columns and contain “email”."))
    return columns


def _validate_row(line, values, seen_emails, existing_emails):
    errors = []
    email = normalize_email(values.get("email"))
    try:
        validate_email(email)
    except ValidationError:
        errors.append(
            _("Line %(line)s: “%(value)s” is not a valid e-mail address.")
            % {"line": line, "value": values.get("email", "").strip()}
        )
    else:
        if email in seen_emails:
            errors.append(
                _("Line %(line)s: %(email)s appears twice in the file.")
                % {"line": line, "email": email}
            )
        elif email in existing_emails:
            errors.append(
                _("Line %(line)s: a user with %(email)s already exists.")
                % {"line": line, "email": email}
            )
    seen_emails.add(email)

    role_text = (values.get("role") or "staff").strip().lower()
    role = ROLE_ALIASES.get(role_text)
    if role is None:
        errors.append(
            _("Line %(line)s: role “%(value)s” is unknown; use admin or staff.")
            % {"line": line, "value": role_text}
        )

    hours_text = (values.get("weekly_hours") or "40").strip().replace(",", ".")
    try:
        hours = Decimal(hours_text)
        if not Decimal(0) <= hours <= Decimal(80):
            raise InvalidOperation
    except InvalidOperation:
        hours = None
        errors.append(
            _("Line %(line)s: weekly hours “%(value)s” must be a number from 0 to 80.")
            % {"line": line, "value": values.get("weekly_hours", "").strip()}
        )

    days_text = (values.get("working_days") or "Mo-Fr").strip()
    try:
        days = parse_working_days(days_text)
    except ValueError:
        days = None
        errors.append(
            _(
                "Line %(line)s: working days “%(value)s” are not readable; "
                "write for example Mo-Fr or Mo,Di,Mi."
            )
            % {"line": line, "value": days_text}
        )

    user = User(
        email=email,
        first_name=(values.get("first_name") or "").strip(),
        last_name=(values.get("last_name") or "").strip(),
        role=role or User.Role.STAFF,
        weekly_hours=hours if hours is not None else 40,
        working_days=days or [],
    )
    return user, errors


def import_users(tenant, data):
    """Validate every row, then create all users in one transaction, or none on any error."""
    result = ImportResult()
    try:
        rows = _read_rows(data)
        columns = _map_header(rows[0])
    except ValidationError as error:
        result.errors.extend(error.messages)
        return result
    body = [
        (number, row) for number, row in enumerate(rows[1:], start=2) if any(c.strip() for c in row)
    ]
    if not body:
        result.errors.append(_("The file contains no users."))
        return result
    if len(body) > MAX_ROWS:
        result.errors.append(
            _("The file contains more than %(max)s users; split it.") % {"max": MAX_ROWS}
        )
        return result

    candidate_emails = {
        normalize_email(row[columns["email"]]) for _n, row in body if len(row) > columns["email"]
    }
    existing = {
        normalize_email(email)
        for email in User.objects.filter(email__in=candidate_emails).values_list("email", flat=True)
    }
    seen = set()
    users = []
    for line, row in body:
        values = {
            column: row[index] if index < len(row) else "" for column, index in columns.items()
        }
        user, errors = _validate_row(line, values, seen, existing)
        result.errors.extend(errors)
        users.append(user)
    if result.errors:
        return result

    with transaction.atomic():
        for user in users:
            user.tenant = tenant
            user.set_unusable_password()
            user.save()
    result.created = users
    return result
