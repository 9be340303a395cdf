"""Fault injection for the sandbox, configured by spec strings.

A spec is a kind followed by ``:name=value`` options, for example
``429:every=7:retry-after=1`` or ``500:path=/v2/absences:times=2``. The README in this
folder lists every kind and option.
"""

import threading
from dataclasses import dataclass, field

# Kinds that change or replace the endpoint's response. Status codes are handled separately.
ACTION_KINDS = frozenset({"timeout", "drop", "malformed", "repeat-page", "split-key", "slow"})
TOKEN_KINDS = frozenset({"expire-token"})
INTEGER_OPTIONS = frozenset({"every", "times", "after", "ms"})
DEFAULT_MS = {"slow": 200, "timeout": 10_000}


@dataclass
class Fault:
    kind: str
    path: str | None = None
    every: int | None = None
    times: int | None = None
    after: int = 0
    retry_after: str | None = None
    ms: int | None = None
    spec: str = ""
    matched: int = field(default=0, compare=False)
    fired: int = field(default=0, compare=False)

    @property
    def status(self) -> int | None:
        return int(self.kind) if self.kind.isdigit() else None

    @property
    def delay_seconds(self) -> float:
        return (self.ms if self.ms is not None else DEFAULT_MS.get(self.kind, 0)) / 1000

    def should_fire(self, path: str) -> bool:
        """Count a request on a matching path and decide whether the fault hits it."""
        if self.path is not None and path != self.path:
            return False
        self.matched += 1
        position = self.matched - self.after
        if position <= 0:
            return False
        if self.every is not None and position % self.every != 0:
            return False
        if self.times is not None and self.fired >= self.times:
            return False
        self.fired += 1
        return True


def parse_fault(spec: str) -> Fault:
    """Parse one spec string; raise ValueError naming the invalid part."""
    kind, *options = spec.strip().split(":")
    is_status = kind.isdigit() and 400 <= int(kind) <= 599
    if not (is_status or kind in ACTION_KINDS or kind in TOKEN_KINDS):
        raise ValueError(f"unknown fault kind {kind!r} in {spec!r}")
    fault = Fault(kind=kind, spec=spec)
    for option in options:
        name, separator, value = option.partition("=")
        if not separator or not value:
            raise ValueError(f"fault option {option!r} in {spec!r} is not name=value")
        if name == "path":
            if not value.startswith("/"):
                raise ValueError(f"fault path {value!r} in {spec!r} must start with /")
            fault.path = value
        elif name == "retry-after":
            fault.retry_after = value
        elif name in INTEGER_OPTIONS:
            if not value.isdigit() or (name != "after" and int(value) == 0):
                raise ValueError(f"fault option {name} in {spec!r} must be a positive integer")
            setattr(fault, name, int(value))
        else:
            raise ValueError(f"unknown fault option {name!r} in {spec!r}")
    if kind == "expire-token" and not fault.after:
        raise ValueError(f"fault {spec!r} needs after=N, the requests allowed per token")
    return fault


class FaultSet:
    """The active faults of one sandbox server; safe to change while it serves."""

    def __init__(self, specs=()):
        self._lock = threading.Lock()
        self._faults: list[Fault] = [parse_fault(spec) for spec in specs]

    def add(self, spec: str) -> Fault:
        fault = parse_fault(spec)
        with self._lock:
            self._faults.append(fault)
        return fault

    def clear(self) -> None:
        with self._lock:
            self._faults.clear()

    def __iter__(self):
        with self._lock:
            return iter(list(self._faults))

    def firing(self, path: str) -> list[Fault]:
        """Return the faults that hit this request, counting it for every matching fault."""
        with self._lock:
            return [
                fault
                for fault in self._faults
                if fault.kind not in TOKEN_KINDS and fault.should_fire(path)
            ]

    def token_use_limit(self) -> int | None:
        """Return how many requests one token may serve, or None without limit."""
        with self._lock:
            limits = [fault.after for fault in self._faults if fault.kind in TOKEN_KINDS]
        return min(limits) if limits else None
