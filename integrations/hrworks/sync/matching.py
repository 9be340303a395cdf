"""Match hr works persons to users by business e-mail.

Users are narrowed in SQL case-insensitively and confirmed with ``email_key`` (NFKC,
trimmed, casefolded). A person and a user are linked automatically only when their key is
unique on both sides, neither is linked yet and no admin removed that pair before. The
private e-mail is never used for matching.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db.models.functions import Lower

from users.emails import email_key, normalize_email

from ..client import types


@dataclass(frozen=True)
class PersonEmail:
    """The part of a person that matching looks at."""

    key: str  # Person.uuid of the mirror
    email: str


@dataclass
class MatchResult:
    # (user id, person key) pairs to link automatically.
    matches: list[tuple[int, str]] = field(default_factory=list)
    # E-mail key -> person keys, for e-mails that several persons share.
    shared_by_persons: dict[str, list[str]] = field(default_factory=dict)
    # E-mail key -> user ids, for e-mails that several users share.
    shared_by_users: dict[str, list[int]] = field(default_factory=dict)
    # Persons without a business e-mail.
    without_email: list[str] = field(default_factory=list)
    # Persons whose e-mail fits no user.
    without_user: list[str] = field(default_factory=list)


PERSON_KEY_LENGTH = 100


def person_key(person: types.Person) -> str:
    """Return the mirror key of a person: the uuid, or the personId when hr works sent none.

    The key is cut to the column's 100 characters here, once, so that the stored key and the
    key the next run looks up are the same.
    """
    return (person.uuid or f"personId:{person.person_id}")[:PERSON_KEY_LENGTH]


def users_by_email_key(tenant, emails: Iterable[str]) -> dict[str, list]:
    """Return the tenant's users whose e-mail fits one of ``emails``, grouped by e-mail key."""
    candidates = set()
    for email in emails:
        candidates.add(normalize_email(email))
        candidates.add(email_key(email))
    candidates.discard("")
    grouped = defaultdict(list)
    if not candidates:
        return grouped
    users = (
        get_user_model()
        .objects.filter(tenant=tenant)
        .annotate(email_lower=Lower("email"))
        .filter(email_lower__in=candidates)
        .order_by("pk")
    )
    for user in users:
        grouped[email_key(user.email)].append(user)
    return grouped


def match_by_email(
    tenant,
    persons: Iterable[PersonEmail],
    *,
    linked_user_ids: set[int],
    linked_person_keys: set[str],
    blocked_pairs: set[tuple[int, str]],
) -> MatchResult:
    result = MatchResult()
    persons_by_email = defaultdict(list)
    for person in persons:
        key = email_key(person.email)
        if key:
            persons_by_email[key].append(person)
        elif person.key not in linked_person_keys:
            result.without_email.append(person.key)

    users_by_email = users_by_email_key(tenant, (p.email for p in _first_of_each(persons_by_email)))
    for key, people in persons_by_email.items():
        users = users_by_email.get(key, [])
        if len(people) > 1:
            result.shared_by_persons[key] = [p.key for p in people]
        if len(users) > 1:
            result.shared_by_users[key] = [u.pk for u in users]
        # A shared e-mail is listed once, as shared, even if it also fits no user.
        if not users and len(people) == 1 and people[0].key not in linked_person_keys:
            result.without_user.append(people[0].key)
        if len(people) != 1 or len(users) != 1:
            continue
        person, user = people[0], users[0]
        if person.key in linked_person_keys or user.pk in linked_user_ids:
            continue
        if (user.pk, person.key) in blocked_pairs:
            continue
        result.matches.append((user.pk, person.key))
    return result


def _first_of_each(groups: dict[str, list[PersonEmail]]) -> list[PersonEmail]:
    return [people[0] for people in groups.values()]
