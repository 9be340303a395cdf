"""Client for the hr works REST API v2; the only code that sends HTTP requests to hr works."""

from . import errors, types
from .client import HrWorksClient

__all__ = ["HrWorksClient", "errors", "types"]
