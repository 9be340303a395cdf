"""Errors raised by the hr works client.

The class decides what the caller does next. A ``permanent`` error (wrong key pair, missing
permission) needs an admin, and retrying cannot help. A ``TransientError`` may pass if the
call is retried later. An ``UnexpectedResponse`` fails the current run and is logged.
No message contains a secret, a token or personal data.
"""

# German names of the permission areas of an hr works key pair, as an admin finds them
# in hr works when editing the key.
AREA_NAMES_DE = {
    "persons": "Personen",
    "general": "Allgemein",
    "absences": "Abwesenheiten",
    "sick_leaves": "Krankmeldungen",
}


class HrWorksError(Exception):
    """Base class of every error the client raises."""

    permanent = False

    @property
    def message_de(self) -> str:
        """German message for the admin, without technical detail."""
        return "Bei der Verbindung mit hr works ist ein Fehler aufgetreten."


class InvalidCredentials(HrWorksError):
    """hr works rejected the key pair (wrong, deleted or expired contract)."""

    permanent = True

    @property
    def message_de(self) -> str:
        return (
            "hr works hat den API-Schlüssel abgelehnt. Bitte prüfen Sie den Access Key und "
            "den Secret Access Key in den hr-works-Einstellungen."
        )


class PermissionDenied(HrWorksError):
    """The key pair lacks read permission for one area of the API."""

    permanent = True

    def __init__(self, message: str, *, area: str):
        super().__init__(message)
        self.area = area

    @property
    def message_de(self) -> str:
        area_name = AREA_NAMES_DE.get(self.area, self.area)
        return (
            f"Der hr-works-API-Schlüssel hat keine Leseberechtigung für den Bereich "
            f"„{area_name}“. Bitte erteilen Sie dem Schlüssel diese Berechtigung in hr works."
        )


class TransientError(HrWorksError):
    """hr works was rate limited, unavailable, timed out or unreachable.

    ``retry_after`` is the wait in seconds that hr works asked for, or None.
    """

    def __init__(self, message: str, *, retry_after: float | None = None):
        super().__init__(message)
        self.retry_after = retry_after

    @property
    def message_de(self) -> str:
        return (
            "hr works ist vorübergehend nicht erreichbar. Die Synchronisierung wird später "
            "automatisch wiederholt."
        )


class UnexpectedResponse(HrWorksError):
    """hr works sent something the client cannot read.

    Examples: a body that is not JSON, a missing or mistyped required field, a page that
    repeats, or an error status the client does not expect. It is not permanent because
    the next scheduled run may succeed, but retrying within the same run is pointless.
    """

    @property
    def message_de(self) -> str:
        return (
            "hr works hat eine unerwartete Antwort gesendet. Die Synchronisierung wurde "
            "abgebrochen und beim nächsten Lauf erneut versucht."
        )
