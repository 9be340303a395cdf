"""Read side of person linking: who is linked, who is not, and why not."""

from dataclasses import dataclass, field

from django.contrib.auth import get_user_model

from users.collation import name_order

from .models import AutoLinkBlock, Person, PersonLink
from .sync.matching import PersonEmail, match_by_email


@dataclass
class SharedEmail:
    email: str
    persons: list = field(default_factory=list)
    users: list = field(default_factory=list)


@dataclass
class Conflicts:
    """Reasons why persons were not linked automatically: shared or missing business e-mails."""

    shared_by_persons: list[SharedEmail] = field(default_factory=list)
    shared_by_users: list[SharedEmail] = field(default_factory=list)
    without_email: list[Person] = field(default_factory=list)
    without_user: list[Person] = field(default_factory=list)

    @property
    def count(self) -> int:
        return (
            len(self.shared_by_persons)
            + len(self.shared_by_users)
            + len(self.without_email)
            + len(self.without_user)
        )

    @property
    def person_pks(self) -> set[int]:
        """Primary keys of the persons named in any conflict."""
        shared = [person for group in self.shared_by_persons for person in group.persons]
        return {person.pk for person in [*shared, *self.without_email, *self.without_user]}


def conflicts(tenant) -> Conflicts:
    """Return the tenant's linking conflicts from the person mirror."""
    persons = {p.uuid: p for p in Person.objects.filter(tenant=tenant, missing_since__isnull=True)}
    links = PersonLink.objects.filter(tenant=tenant).values_list("user_id", "person__uuid")
    linked_person_keys = {key for _, key in links}
    blocked = set(
        AutoLinkBlock.objects.filter(tenant=tenant).values_list("user_id", "person__uuid")
    )
    result = match_by_email(
        tenant,
        [PersonEmail(key, person.email) for key, person in persons.items()],
        linked_user_ids={user_id for user_id, _ in links},
        linked_person_keys=linked_person_keys,
        blocked_pairs=blocked,
    )
    user_ids = {user_id for ids in result.shared_by_users.values() for user_id in ids}
    users = get_user_model().objects.in_bulk(user_ids)
    found = Conflicts(
        without_email=[persons[key] for key in result.without_email],
        without_user=[persons[key] for key in result.without_user],
    )
    for key, person_keys in sorted(result.shared_by_persons.items()):
        found.shared_by_persons.append(
            SharedEmail(email=key, persons=[persons[k] for k in person_keys])
        )
    for key, ids in sorted(result.shared_by_users.items()):
        found.shared_by_users.append(SharedEmail(email=key, users=[users[i] for i in ids]))
    return found


def unlinked_persons(tenant):
    """Return the persons without a link, for the manual link form."""
    return Person.objects.filter(tenant=tenant, link__isnull=True).order_by(
        *name_order(tie="person_id")
    )
