"""A local server that behaves like the hr works API v2, for tests, demos and benchmarks."""

from .dataset import (
    DEMO_ACCESS_KEY,
    DEMO_SECRET_KEY,
    NO_SICK_LEAVES_ACCESS_KEY,
    NO_SICK_LEAVES_SECRET_KEY,
    load_dataset,
)
from .faults import parse_fault
from .generator import generate_dataset
from .server import SandboxServer
from .store import DataStore

__all__ = [
    "DEMO_ACCESS_KEY",
    "DEMO_SECRET_KEY",
    "NO_SICK_LEAVES_ACCESS_KEY",
    "NO_SICK_LEAVES_SECRET_KEY",
    "DataStore",
    "SandboxServer",
    "generate_dataset",
    "load_dataset",
    "parse_fault",
]
