"""Typed access to fields of hr works JSON objects.

Every getter raises ``UnexpectedResponse`` naming the object kind and the field, never the
value, because values can be personal data.
"""

from datetime import date
from functools import lru_cache

from .errors import UnexpectedResponse


def require_object(value, label: str) -> dict:
    if not isinstance(value, dict):
        raise UnexpectedResponse(f"{label} is not a JSON object")
    return value


def require_list(value, label: str) -> list:
    if not isinstance(value, list):
        raise UnexpectedResponse(f"{label} is not a JSON array")
    return value


def required_str(obj: dict, key: str, label: str) -> str:
    value = obj.get(key)
    if value is None:
        raise UnexpectedResponse(f"{label} has no field {key!r}")
    if not isinstance(value, str) or not value:
        raise UnexpectedResponse(f"field {key!r} of {label} is not a non-empty string")
    return value


def optional_str(obj: dict, key: str, label: str) -> str | None:
    """Return the string, or None when the field is missing, null or empty."""
    value = obj.get(key)
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise UnexpectedResponse(f"field {key!r} of {label} is not a string")
    return value


def optional_bool(obj: dict, key: str, label: str, default: bool) -> bool:
    value = obj.get(key)
    if value is None:
        return default
    if not isinstance(value, bool):
        raise UnexpectedResponse(f"field {key!r} of {label} is not a boolean")
    return value


def optional_number(obj: dict, key: str, label: str) -> float | None:
    value = obj.get(key)
    if value is None:
        return None
    # bool is a subclass of int but never a valid count of days.
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise UnexpectedResponse(f"field {key!r} of {label} is not a number")
    return float(value)


# A sync parses two dates per absence but only about 365 distinct days per year, so equal
# days share one ``date`` object. lru_cache does not cache a raised ValueError.
@lru_cache(maxsize=8192)
def _date_from_iso(value: str) -> date:
    # fromisoformat alone would also accept the basic form 20260101.
    if len(value) != 10:
        raise ValueError(value)
    return date.fromisoformat(value)


def _parse_date(value, key: str, label: str) -> date:
    if not isinstance(value, str):
        raise UnexpectedResponse(f"field {key!r} of {label} is not a date string")
    try:
        return _date_from_iso(value)
    except ValueError:
        raise UnexpectedResponse(f"field {key!r} of {label} is not a YYYY-MM-DD date") from None


def required_date(obj: dict, key: str, label: str) -> date:
    value = obj.get(key)
    if value is None:
        raise UnexpectedResponse(f"{label} has no field {key!r}")
    return _parse_date(value, key, label)


def optional_date(obj: dict, key: str, label: str) -> date | None:
    value = obj.get(key)
    if value is None or value == "":
        return None
    return _parse_date(value, key, label)
