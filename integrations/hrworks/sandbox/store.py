"""The mutable data of a running sandbox.

Tests change persons, absences and permissions through these methods, or edit the
``data`` dict directly while holding ``lock``. Changes apply from the next request on.
"""

import copy
import threading

from .dataset import normalize_dataset

STATUS_TEXTS = {
    "validatedOk": "Geprüft, OK",
    "validatedNotOk": "Abgelehnt",
    "requested": "Beantragt",
    "cancelled": "Storniert",
    "cancellationRequested": "Stornierung beantragt",
    "changesRequested": "Änderung angefordert",
    "editing": "In Bearbeitung",
    "editingChanges": "Änderungen in Bearbeitung",
    "deletionRequested": "Löschung beantragt",
    "substitutionRequested": "Vertretung angefragt",
    "substitutionRejected": "Vertretung abgelehnt",
    "reported": "Gemeldet",
    "certificatePending": "AU ausstehend",
    "electronicCertificatePending": "eAU ausstehend",
    "electronicCertificateAvailable": "eAU liegt vor",
    "electronicCertificateRequestSent": "eAU angefragt",
    "electronicCertificateRequestFailed": "eAU-Abruf fehlgeschlagen",
}


class DataStore:
    def __init__(self, data: dict):
        self.lock = threading.RLock()
        self.data = normalize_dataset(copy.deepcopy(data))

    def replace(self, data: dict) -> None:
        """Serve another data set from the next request on."""
        data = normalize_dataset(copy.deepcopy(data))
        with self.lock:
            self.data = data

    @property
    def persons(self) -> list[dict]:
        return self.data["persons"]

    @property
    def absences(self) -> dict:
        return self.data["absences"]

    @property
    def sick_leaves(self) -> dict:
        return self.data["sickLeaves"]

    # Credentials

    def credentials(self, access_key: str) -> dict | None:
        with self.lock:
            for pair in self.data["credentials"]:
                if pair["accessKey"] == access_key:
                    return pair
        return None

    def set_permissions(self, access_key: str, areas: list[str]) -> None:
        with self.lock:
            pair = self.credentials(access_key)
            if pair is None:
                raise KeyError(access_key)
            pair["permissions"] = list(areas)

    # Persons

    def person(self, person_id: str) -> dict:
        with self.lock:
            for person in self.persons:
                if person["personId"] == person_id:
                    return person
        raise KeyError(person_id)

    def add_person(self, person: dict) -> dict:
        with self.lock:
            if any(p["personId"] == person["personId"] for p in self.persons):
                raise ValueError(f"personId {person['personId']!r} already exists")
            self.persons.append(person)
        return person

    def update_person(self, person_id: str, **changes) -> dict:
        with self.lock:
            person = self.person(person_id)
            person.update(changes)
        return person

    def remove_person(self, person_id: str) -> None:
        """Delete a person with their absences and sick leaves, as hr works deletes them."""
        with self.lock:
            self.persons.remove(self.person(person_id))
            self.absences.pop(person_id, None)
            self.sick_leaves.pop(person_id, None)

    # Absences and sick leaves

    def add_absence(self, person_id: str, absence: dict) -> dict:
        """Add an absence; a missing ``number`` gets the person's next running number."""
        return self._add(self.absences, person_id, absence)

    def add_sick_leave(self, person_id: str, sick_leave: dict) -> dict:
        return self._add(self.sick_leaves, person_id, sick_leave)

    def update_absence(self, number: str, **changes) -> dict:
        return self._update(self.absences, number, changes)

    def update_sick_leave(self, number: str, **changes) -> dict:
        return self._update(self.sick_leaves, number, changes)

    def set_absence_status(self, number: str, status_identifier: str) -> dict:
        """Set ``statusIdentifier`` and the matching ``status`` text."""
        return self.update_absence(
            number,
            statusIdentifier=status_identifier,
            status=STATUS_TEXTS.get(status_identifier, status_identifier),
        )

    def remove_absence(self, number: str) -> None:
        self._remove(self.absences, number)

    def remove_sick_leave(self, number: str) -> None:
        self._remove(self.sick_leaves, number)

    def _add(self, keyed: dict, person_id: str, item: dict) -> dict:
        with self.lock:
            person = self.person(person_id)
            if "number" not in item:
                item = {"number": self._next_number(person), **item}
            if "statusIdentifier" in item and "status" not in item:
                item["status"] = STATUS_TEXTS.get(item["statusIdentifier"], "")
            keyed.setdefault(person_id, []).append(item)
        return item

    def _next_number(self, person: dict) -> str:
        prefix = f"{person.get('personLicenseNumber', person['personId'])}_"
        used = [
            int(item["number"][len(prefix) :])
            for keyed in (self.absences, self.sick_leaves)
            for item in keyed.get(person["personId"], [])
            if item["number"].startswith(prefix) and item["number"][len(prefix) :].isdigit()
        ]
        return f"{prefix}{max(used, default=0) + 1}"

    def _find(self, keyed: dict, number: str) -> tuple[list, dict]:
        for items in keyed.values():
            for item in items:
                if item["number"] == number:
                    return items, item
        raise KeyError(number)

    def _update(self, keyed: dict, number: str, changes: dict) -> dict:
        with self.lock:
            _, item = self._find(keyed, number)
            item.update(changes)
        return item

    def _remove(self, keyed: dict, number: str) -> None:
        with self.lock:
            items, item = self._find(keyed, number)
            items.remove(item)
