from django.contrib.auth.backends import ModelBackend

from .emails import normalize_email
from .models import User


class EmailBackend(ModelBackend):
    """Authenticate by e-mail in any letter case, ignoring surrounding spaces."""

    def authenticate(self, request, username=None, password=None, email=None, **kwargs):
        login = email if email is not None else username
        if not login or password is None:
            return None
        try:
            user = User.objects.get(email__iexact=normalize_email(login))
        except User.DoesNotExist:
            # Hash anyway so a missing account takes as long as a wrong password.
            User().set_password(password)
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None


def login_email(request, credentials=None):
    """Return the normalised login e-mail, so "Bob@X" and "bob@x " count as one account."""
    if credentials and credentials.get("username"):
        return normalize_email(credentials["username"])
    return normalize_email(request.POST.get("username", ""))
