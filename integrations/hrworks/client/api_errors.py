"""Map hr works error responses to the client's error classes."""

import logging

import requests

from .errors import HrWorksError, InvalidCredentials, PermissionDenied, UnexpectedResponse
from .transport import url_path

logger = logging.getLogger(__name__)

# Error types that mean the key pair itself is no longer valid.
CREDENTIAL_ERROR_TYPES = frozenset({"InvalidCredentialsError", "InvalidCustomerNumberError"})


def error_type(response: requests.Response) -> str:
    """Return the ``type`` of an ApiError body, or "" when the body is not one."""
    try:
        body = response.json()
    except ValueError:
        return ""
    if isinstance(body, dict) and isinstance(body.get("type"), str):
        return body["type"]
    return ""


def error_for_response(response: requests.Response, area: str) -> HrWorksError:
    """Return the error for a response that is neither a success nor retried.

    ``area`` is the permission area of the endpoint, used for a 403 PermissionDeniedError.
    """
    status = response.status_code
    kind = error_type(response)
    path = url_path(response.url or "")
    if kind in CREDENTIAL_ERROR_TYPES:
        return InvalidCredentials(f"hr works rejected the key pair ({status} {kind})")
    if status == 403:
        return PermissionDenied(
            f"the hr works key pair may not read {area} ({status} {kind or 'no error type'})",
            area=area,
        )
    # Only the error type is logged because an error message may name a person.
    logger.warning("hr works %s returned unexpected status %s (%s)", path, status, kind)
    return UnexpectedResponse(
        f"hr works {path} returned unexpected status {status} ({kind or 'no error type'})"
    )
