"""The allowlist of hosts that the hr works base URL may name.

The server sends the stored secret key to the base URL, so an admin must not be able to point
it at an arbitrary host, such as an internal address of the server's network.
"""

from urllib.parse import urlsplit

from django.conf import settings


def allowed_hosts() -> list[str]:
    return [host.lower() for host in settings.HRWORKS_ALLOWED_BASE_HOSTS]


def is_allowed_base_url(url: str) -> bool:
    """Return whether ``url``'s host is one of ``HRWORKS_ALLOWED_BASE_HOSTS``."""
    host = (urlsplit(url).hostname or "").lower()
    return host in allowed_hosts()
