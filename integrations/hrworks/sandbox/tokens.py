"""Bearer tokens of the sandbox: HS256 JWTs with the claims hr works tokens carry."""

import secrets
import threading
import time
import uuid

import jwt

from .problems import ApiProblem

ISSUER = "hrworks-sandbox"
# hr works tokens are valid for 15 minutes.
DEFAULT_TOKEN_TTL = 900


def _unauthorized(error_type: str, message: str) -> ApiProblem:
    # NOTE: hr works does not document the status for token errors; 401 is a guess.
    return ApiProblem(401, error_type, message)


class TokenIssuer:
    """Issue and check tokens; ``max_uses`` per token simulates early expiry."""

    def __init__(self, ttl: int = DEFAULT_TOKEN_TTL):
        self.ttl = ttl
        self._signing_key = secrets.token_hex(32)
        self._uses: dict[str, int] = {}
        self._lock = threading.Lock()

    def issue(self, access_key: str) -> str:
        now = int(time.time())
        claims = {
            "iss": ISSUER,
            "iat": now,
            "nbf": now,
            "exp": now + self.ttl,
            "jti": str(uuid.uuid4()),
            "accessKeyId": access_key,
        }
        return jwt.encode(claims, self._signing_key, algorithm="HS256")

    def verify(self, authorization: str | None, max_uses: int | None) -> str:
        """Return the access key of a valid ``Authorization`` header or raise ApiProblem."""
        if not authorization:
            raise _unauthorized(
                "MissingAuthorizationHeaderError", "The Authorization header is missing."
            )
        scheme, _, token = authorization.partition(" ")
        if scheme != "Bearer" or not token.strip():
            raise _unauthorized(
                "MalformedAuthorizationHeaderError",
                "The Authorization header must have the form 'Bearer <token>'.",
            )
        try:
            claims = jwt.decode(
                token.strip(), self._signing_key, algorithms=["HS256"], issuer=ISSUER
            )
        except jwt.PyJWTError:
            raise _unauthorized(
                "InvalidBearerTokenError",
                "The Bearer token is invalid or expired. Request a new one via /authentication.",
            ) from None
        with self._lock:
            uses = self._uses.get(claims["jti"], 0) + 1
            self._uses[claims["jti"]] = uses
        if max_uses is not None and uses > max_uses:
            raise _unauthorized(
                "InvalidBearerTokenError",
                "The Bearer token has expired. Request a new one via /authentication.",
            )
        return claims["accessKeyId"]
