"""E-mail normalisation shared by login, user forms, imports and the hr works matching."""

import unicodedata


def normalize_email(value):
    """Return the e-mail as it is stored: trimmed (any Unicode space) and lower-cased."""
    if value is None:
        return ""
    return unicodedata.normalize("NFKC", str(value)).strip().lower()


def email_key(value):
    """Return the key two e-mails are compared by: NFKC-normalised, trimmed and casefolded."""
    return unicodedata.normalize("NFKC", str(value or "")).strip().casefold()
