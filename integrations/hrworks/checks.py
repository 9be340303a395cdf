"""System checks of the hr works integration."""

from django.core.checks import Error, register

from . import crypto


@register()
def check_encryption_key(app_configs=None, **kwargs):
    """Report a missing or invalid FIELD_ENCRYPTION_KEY, which the stored secrets need."""
    problem = crypto.key_problem()
    if problem is None:
        return []
    check_id = "hrworks.E001" if "not set" in problem else "hrworks.E002"
    return [
        Error(
            f"{problem}; the hr works secret access key cannot be stored or read.",
            hint=(
                "Set FIELD_ENCRYPTION_KEY to a key made by "
                "cryptography.fernet.Fernet.generate_key(). Keep it: secrets stored with "
                "another key cannot be decrypted."
            ),
            id=check_id,
        )
    ]
