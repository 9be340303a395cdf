"""Encryption at rest for the hr works secret access key.

The key is ``settings.FIELD_ENCRYPTION_KEY``, a Fernet key (urlsafe base64 of 32 bytes).
Settings are read on every call so that tests can override them.
"""

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings
from django.views.decorators.debug import sensitive_variables


class EncryptionKeyError(Exception):
    """FIELD_ENCRYPTION_KEY is missing or not a valid Fernet key."""


class UnreadableSecret(Exception):
    """The stored secret was encrypted with another key or is damaged."""


def _fernet() -> Fernet:
    key = getattr(settings, "FIELD_ENCRYPTION_KEY", "") or ""
    if not key:
        raise EncryptionKeyError("FIELD_ENCRYPTION_KEY is not set")
    try:
        return Fernet(key)
    except (ValueError, TypeError):
        # The message of the original error may echo parts of the key, so it is dropped.
        raise EncryptionKeyError("FIELD_ENCRYPTION_KEY is not a valid Fernet key") from None


def key_problem() -> str | None:
    """Return why the encryption key cannot be used, or None when it is fine."""
    try:
        _fernet()
    except EncryptionKeyError as exc:
        return str(exc)
    return None


@sensitive_variables("plaintext")
def encrypt(plaintext: str) -> str:
    """Encrypt a text and return the token as ASCII text."""
    return _fernet().encrypt(plaintext.encode("utf-8")).decode("ascii")


def decrypt(token: str) -> str:
    """Decrypt a token made by ``encrypt``; raise ``UnreadableSecret`` if that fails."""
    try:
        return _fernet().decrypt(token.encode("ascii")).decode("utf-8")
    except (InvalidToken, UnicodeError):
        raise UnreadableSecret("the stored hr works secret cannot be decrypted") from None
