"""Admin pages of the hr works integration."""

from .links import link, links, unlink
from .settings import (
    activate,
    deactivate,
    preview,
    restore,
    run_detail,
    settings_page,
    sync_now,
    test_connection,
)

__all__ = [
    "activate",
    "deactivate",
    "link",
    "links",
    "preview",
    "restore",
    "run_detail",
    "settings_page",
    "sync_now",
    "test_connection",
    "unlink",
]
