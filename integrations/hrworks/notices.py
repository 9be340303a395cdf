"""Translated texts of sync errors, run warnings and per-person problems.

Runs store codes and parameters instead of text so that each admin reads them in their
own language. ``error_text_de`` renders the German text stored for commands and logs.
"""

from django.utils import translation
from django.utils.translation import gettext_lazy as _

# Names of the permission areas of an hr works key pair, as hr works shows them.
AREA_NAMES = {
    "persons": _("Persons"),
    "general": _("General"),
    "absences": _("Absences"),
    "sick_leaves": _("Sick leaves"),
}

ERROR_TEXTS = {
    "credentials": _(
        "hr works rejected the API key. Please check the access key and the secret access "
        "key and save them again. The scheduled sync is paused until then."
    ),
    "permission": _(
        "The hr works API key may not read the area “%(area)s”. Please grant the key read "
        "access to this area in hr works and then test the connection again. The scheduled "
        "sync is paused until then."
    ),
    "transient": _(
        "hr works could not be reached or asked us to wait. The sync will be retried automatically."
    ),
    "unexpected": _(
        "hr works sent a response that could not be read. The sync was cancelled and will be "
        "tried again on the next run."
    ),
    "internal": _(
        "The sync failed because of an internal error. No data was changed. If this happens "
        "again, please contact support."
    ),
    "secret": _(
        "The stored secret access key cannot be decrypted. Please enter the secret access key "
        "again."
    ),
    "deactivated": _(
        "The integration was deactivated while the sync was running. No data was changed."
    ),
    "incomplete": _("Please enter the access key and the secret access key first."),
    "interrupted": _(
        "The sync was interrupted, for example because its worker stopped. No data was "
        "changed. The next run starts over."
    ),
}

WARNING_TEXTS = {
    "sick_leaves_denied": _(
        "The API key may not read sick leaves, so sick leaves were not imported. Grant the key "
        "read access to “Sick leaves” in hr works if you want to import them."
    ),
    "unknown_status": _(
        "hr works sent the unknown status “%(status)s” (%(count)s times). These absences were "
        "imported as pending."
    ),
    "unknown_sick_leave_status": _(
        "hr works sent the unknown sick leave status “%(status)s” (%(count)s times). These sick "
        "leaves were imported."
    ),
}

PROBLEM_TEXTS = {
    "unknown_type": _(
        "The absence %(number)s has the type “%(type)s”, which hr works did not list. It was "
        "not imported."
    ),
    "both_half_days": _(
        "The one-day absence %(number)s is marked as afternoon only and forenoon only at once. "
        "It was not imported."
    ),
}


def area_name(area: str) -> str:
    return str(AREA_NAMES.get(area, area))


def error_text(kind: str, area: str = "") -> str:
    """Return the admin's message for an error kind in the active language."""
    template = ERROR_TEXTS.get(kind) or ERROR_TEXTS["internal"]
    if kind == "permission":
        return template % {"area": area_name(area)}
    return str(template)


def error_text_de(kind: str, area: str = "") -> str:
    with translation.override("de"):
        return error_text(kind, area)


def warning_text(warning: dict) -> str:
    template = WARNING_TEXTS.get(warning.get("code"))
    if template is None:
        return str(warning.get("code", ""))
    return template % warning.get("params", {})


def problem_text(problem: dict) -> str:
    template = PROBLEM_TEXTS.get(problem.get("code"))
    if template is None:
        return str(problem.get("code", ""))
    return template % problem.get("params", {})
