"""The cached bearer token and when to renew it."""

import logging
import time
from dataclasses import dataclass

import jwt

logger = logging.getLogger(__name__)

# hr works documents a token lifetime of 15 minutes; used when a token has no readable exp.
DEFAULT_LIFETIME = 15 * 60
# Renew this many seconds before expiry, but at most a quarter of the lifetime, so that
# short-lived sandbox tokens are not renewed on every request.
RENEWAL_MARGIN = 60
# JWT times are usually whole seconds, so ``iat`` can lie up to a second before the moment
# of issue, and the token then has up to a second less left than ``exp - iat``.
CLAIM_RESOLUTION = 1


@dataclass
class Token:
    value: str
    renew_at: float  # time.monotonic() value

    def __repr__(self) -> str:
        return f"Token(renew_at={self.renew_at!r})"

    def is_fresh(self) -> bool:
        return time.monotonic() < self.renew_at


def token_from_jwt(value: str) -> Token:
    """Build a Token, timing its renewal from the JWT claims ``exp`` and ``iat``.

    The signature is not verified because the client has no key for it; the claims only
    decide when to renew. The lifetime ``exp - iat``, less ``CLAIM_RESOLUTION``, is counted
    from the local clock, so a clock difference to hr works does not matter. Without
    ``iat``, ``exp`` is compared with the local wall clock.
    """
    lifetime = DEFAULT_LIFETIME
    try:
        claims = jwt.decode(value, options={"verify_signature": False, "verify_exp": False})
    except jwt.PyJWTError:
        logger.warning("hr works token is not a readable JWT; assuming a 15-minute lifetime")
        claims = {}
    exp = claims.get("exp")
    iat = claims.get("iat")
    if isinstance(exp, int | float) and isinstance(iat, int | float) and exp > iat:
        lifetime = max(0.0, exp - iat - CLAIM_RESOLUTION)
    elif isinstance(exp, int | float):
        lifetime = max(0.0, exp - time.time())
    margin = min(RENEWAL_MARGIN, lifetime / 4)
    return Token(value=value, renew_at=time.monotonic() + lifetime - margin)
