"""German alphabetical order of names ("Öztürk" between "Otto" and "Peters"), on every database.

PostgreSQL here compares with the server's collation, often C.UTF-8, which puts umlauts after
"Z". Names are therefore ordered with ICU's German collation on PostgreSQL and with a
collation this module registers on SQLite.
"""

import unicodedata

from django.db import connection
from django.db.backends.signals import connection_created
from django.db.models import F
from django.db.models.functions import Collate

SQLITE_COLLATION = "de_name"
# ICU collations ship with PostgreSQL packages built with ICU (Debian's and the Docker image).
POSTGRESQL_COLLATION = "de-x-icu"


def sort_key(text):
    """Return the DIN 5007-1 key: umlauts as their base letter, ß as ss, case ignored."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    base = "".join(char for char in decomposed if not unicodedata.combining(char))
    return base.casefold()


def _compare(left, right):
    left_key, right_key = (sort_key(left), left), (sort_key(right), right)
    return (left_key > right_key) - (left_key < right_key)


def register_sqlite_collation(sender, connection, **kwargs):
    if connection.vendor == "sqlite":
        connection.connection.create_collation(SQLITE_COLLATION, _compare)


connection_created.connect(register_sqlite_collation)


def german(field):
    """Return an expression that orders ``field`` alphabetically in German."""
    collation = {"postgresql": POSTGRESQL_COLLATION, "sqlite": SQLITE_COLLATION}.get(
        connection.vendor
    )
    return Collate(field, collation) if collation else F(field)


def name_order(*, last="last_name", first="first_name", tie="email"):
    """Return ``order_by`` arguments for people: last name, first name, then a unique tie."""
    return [german(last), german(first), tie]
