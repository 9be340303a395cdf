"""Django's own form messages, listed so the project's catalogue can word them formally.

Django's German catalogue writes "Bitte ein gültiges Datum eingeben."; the product addresses
users with "Sie" throughout. The project catalogue in locale/ is searched first, so its
translations of these msgids replace Django's. Nothing imports this module: it exists for
makemessages.
"""

from django.utils.translation import gettext_noop

DJANGO_FORM_MESSAGES = [
    gettext_noop("Enter a valid date."),
    gettext_noop("Enter a valid number."),
    gettext_noop("Enter a whole number."),
    gettext_noop("Enter a valid email address."),
    gettext_noop("Ensure this value is less than or equal to %(limit_value)s."),
    gettext_noop("Ensure this value is greater than or equal to %(limit_value)s."),
    gettext_noop("Select a valid choice. %(value)s is not one of the available choices."),
]
