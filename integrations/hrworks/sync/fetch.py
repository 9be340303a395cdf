"""Fetch phase of the sync: read everything from hr works and write nothing."""

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from django.conf import settings

from ..client import HrWorksClient, errors, types
from ..client.ranges import batches
from ..models import Connection

logger = logging.getLogger(__name__)


@dataclass
class MasterData:
    """Types and persons as hr works returned them."""

    absence_types: list[types.AbsenceType]
    # None when the key may not read sick leaves.
    sick_leave_types: list[types.SickLeaveType] | None
    persons: list[types.Person]


@dataclass
class AbsenceData:
    """Absences and sick leaves of the persons whose absences were requested."""

    person_ids: set[str] = field(default_factory=set)
    absences: list[types.Absence] = field(default_factory=list)
    # None when the key may not read sick leaves.
    sick_leaves: list[types.SickLeave] | None = None


def make_client(connection: Connection) -> HrWorksClient:
    """Return a client for the connection's key pair, with limits from the settings."""
    return HrWorksClient(
        connection.base_url,
        connection.access_key,
        connection.get_secret(),
        timeout=getattr(settings, "HRWORKS_CLIENT_TIMEOUT_SECONDS", 30.0),
        max_total_wait=getattr(settings, "HRWORKS_CLIENT_MAX_TOTAL_WAIT_SECONDS", 120.0),
        max_retries=getattr(settings, "HRWORKS_CLIENT_MAX_RETRIES", 4),
        backoff_factor=getattr(settings, "HRWORKS_CLIENT_BACKOFF_SECONDS", 1.0),
    )


def fetch_master_data(client: HrWorksClient) -> MasterData:
    """Read absence types, sick-leave types (when permitted) and all persons."""
    client.authenticate()
    absence_types = client.absence_types(only_active=False)
    try:
        sick_leave_types = client.sick_leave_types(only_active=False)
    except errors.PermissionDenied as exc:
        # Only missing sick-leave rights are a notice; any other missing right fails the run.
        if exc.area != "sick_leaves":
            raise
        logger.info("hr works key may not read sick leaves; they are skipped")
        sick_leave_types = None
    persons = client.persons(only_active=False)
    return MasterData(absence_types, sick_leave_types, persons)


def fetch_absences(
    client: HrWorksClient,
    person_ids: list[str],
    begin: date,
    end: date,
    *,
    with_sick_leaves: bool,
    on_progress: Callable[[int, int], None] | None = None,
) -> AbsenceData:
    """Read the absences (and sick leaves) of the persons between both dates.

    Persons are requested in groups of 50 so that ``on_progress(done, total)`` can report
    how far the phase is; the client splits each group's range into one-year windows and
    follows every page. An absence returned by several requests is kept once.
    """
    data = AbsenceData(person_ids=set(person_ids))
    absences: dict[str, types.Absence] = {}
    sick_leaves: dict[str, types.SickLeave] = {}
    groups = list(batches(person_ids))
    done = 0
    for group in groups:
        for absence in client.absences(begin, end, group):
            absences.setdefault(absence.number, absence)
        if with_sick_leaves:
            try:
                for sick_leave in client.sick_leaves(begin, end, group):
                    sick_leaves.setdefault(sick_leave.number, sick_leave)
            except errors.PermissionDenied as exc:
                if exc.area != "sick_leaves":
                    raise
                logger.info("hr works key may not read sick leaves; they are skipped")
                with_sick_leaves = False
        done += len(group)
        if on_progress is not None:
            on_progress(done, len(person_ids))
    data.absences = list(absences.values())
    data.sick_leaves = list(sick_leaves.values()) if with_sick_leaves else None
    return data
