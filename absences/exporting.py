"""Absences as CSV, JSON and an iCal feed; used by the export pages and `export_absences`."""

import csv
import io
import json
from datetime import UTC, timedelta

from django.utils.translation import gettext as _

from .days import working_day_count
from .models import Absence
from .policy import can_see_details

EXPORT_FIELDS = [
    "user",
    "type",
    "type_key",
    "type_source",
    "start",
    "end",
    "start_half_day",
    "end_half_day",
    "status",
    "source",
    "external_number",
    "working_days",
]


def export_queryset(tenant, user=None, first=None, last=None):
    """Return the visible absences of a tenant (or of one user), optionally within two dates.

    An absence is included when it overlaps `first`..`last`; either bound may be None.
    """
    absences = (
        Absence.objects.visible()
        .filter(tenant=tenant)
        .select_related("user", "type")
        .order_by("user__email", "start_date", "type__name", "pk")
    )
    if user is not None:
        absences = absences.filter(user=user)
    if first is not None:
        absences = absences.filter(end_date__gte=first)
    if last is not None:
        absences = absences.filter(start_date__lte=last)
    return absences


def _number(value):
    return int(value) if value == value.to_integral_value() else float(value)


def export_row(absence, viewer=None):
    """Return one absence as a dict with the keys of EXPORT_FIELDS.

    `working_days` is the count hr works sent, or else the count from the user's working days
    with half days counting half. Without `viewer` every detail is included; a viewer who may
    not see the details of a colleague's sick leave gets its type fields as None.
    """
    show_details = viewer is None or can_see_details(viewer, absence)
    days = absence.working_days
    if days is None:
        days = working_day_count(absence, absence.user.working_days)
    return {
        "user": absence.user.email,
        "type": absence.type.name if show_details else None,
        "type_key": absence.type.external_key if show_details else None,
        "type_source": absence.type.source if show_details else None,
        "start": absence.start_date.isoformat(),
        "end": absence.end_date.isoformat(),
        "start_half_day": absence.start_half_day,
        "end_half_day": absence.end_half_day,
        "status": absence.status,
        "source": absence.source,
        "external_number": absence.external_number,
        "working_days": _number(days),
    }


def export_rows(absences, viewer=None):
    """Return the export dicts of `absences`, sorted by user e-mail, first day and type name."""
    rows = [export_row(absence, viewer) for absence in absences]
    rows.sort(key=lambda row: (row["user"], row["start"], row["type"] or ""))
    return rows


def rows_to_json(rows):
    return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"


def rows_to_csv(rows):
    """Return `rows` as CSV for German spreadsheets: a byte order mark and `;` between fields.

    German Excel expects `;` because the comma is its decimal separator, and it reads a file
    without a byte order mark in the Windows code page, which garbles umlauts. For the same
    reason `working_days` is written with a decimal comma, such as `0,5`, so Excel reads a number.
    """
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.DictWriter(buffer, fieldnames=EXPORT_FIELDS, delimiter=";", lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow(
            {
                **row,
                "start_half_day": str(row["start_half_day"]).lower(),
                "end_half_day": str(row["end_half_day"]).lower(),
                "working_days": str(row["working_days"]).replace(".", ","),
            }
        )
    return buffer.getvalue()


def _ical_text(value):
    """Escape a TEXT value as RFC 5545 section 3.3.11 requires."""
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _fold(line):
    """Fold a content line into pieces of at most 75 octets (RFC 5545 section 3.1)."""
    encoded = line.encode()
    if len(encoded) <= 75:
        return line
    pieces = []
    current = b""
    for char in line:
        octets = char.encode()
        limit = 75 if not pieces else 74
        if len(current) + len(octets) > limit:
            pieces.append(current.decode())
            current = b""
        current += octets
    pieces.append(current.decode())
    return "\r\n ".join(pieces)


def _event_summary(absence):
    if absence.type.is_sick_leave:
        summary = _("Absent")
    else:
        summary = absence.type.name
    if absence.start_date == absence.end_date and absence.start_half_day:
        return _("%(summary)s (afternoon)") % {"summary": summary}
    if absence.start_date == absence.end_date and absence.end_half_day:
        return _("%(summary)s (forenoon)") % {"summary": summary}
    if absence.start_half_day and absence.end_half_day:
        return _("%(summary)s (first day from noon, last day until noon)") % {"summary": summary}
    if absence.start_half_day:
        return _("%(summary)s (first day from noon)") % {"summary": summary}
    if absence.end_half_day:
        return _("%(summary)s (last day until noon)") % {"summary": summary}
    return summary


def ical_feed(user, domain):
    """Return the user's approved absences as an iCalendar document of all-day events.

    Sick leave appears without its type and no event carries a note. Half days are named in
    the summary because all-day events cannot start at noon.
    """
    absences = (
        Absence.objects.visible()
        .filter(user=user, status=Absence.Status.APPROVED)
        .select_related("type")
        .order_by("start_date", "pk")
    )
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Agenturverwaltung//Abwesenheiten//DE",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "X-WR-CALNAME:" + _ical_text(_("Absences of %(name)s") % {"name": str(user)}),
    ]
    for absence in absences:
        stamp = absence.updated_at.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
        # DTEND of an all-day event is exclusive, so it is the day after the last day.
        end = absence.end_date + timedelta(days=1)
        lines += [
            "BEGIN:VEVENT",
            f"UID:absence-{absence.pk}@{domain}",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{absence.start_date:%Y%m%d}",
            f"DTEND;VALUE=DATE:{end:%Y%m%d}",
            "SUMMARY:" + _ical_text(_event_summary(absence)),
            "TRANSP:OPAQUE",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(_fold(line) + "\r\n" for line in lines)
