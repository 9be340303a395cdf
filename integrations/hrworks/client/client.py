"""The hr works API v2 client: every HTTP request to hr works goes through ``HrWorksClient``."""

import logging
from collections.abc import Callable, Iterator
from datetime import date

import requests
from django.views.decorators.debug import sensitive_variables

from . import parsing, types
from .api_errors import error_for_response, error_type
from .errors import InvalidCredentials, UnexpectedResponse
from .fields import require_object
from .paging import check_keyed_page, check_next_url, next_page_url, page_identity
from .ranges import batches, date_windows
from .tokens import Token, token_from_jwt
from .transport import Transport, decode_json, url_path

logger = logging.getLogger(__name__)

USER_AGENT = "Agenturverwaltung-hrworks/1.0"
DEFAULT_HEADERS = {
    "Accept": "application/json",
    # Without it, hr works may return a cached response.
    "Cache-Control": "no-cache",
    "User-Agent": USER_AGENT,
}


class HrWorksClient:
    """Read persons, types, absences and sick leaves from one hr works account.

    ``timeout`` applies to every request in seconds. Transient failures are retried up to
    ``max_retries`` times per request with exponential backoff from ``backoff_factor``
    seconds, and at most ``max_total_wait`` seconds are slept over the client's lifetime.
    ``request_count`` counts every HTTP request, including authentication and retries.
    """

    @sensitive_variables("secret_key")
    def __init__(
        self,
        base_url: str,
        access_key: str,
        secret_key: str,
        *,
        timeout: float = 30.0,
        max_total_wait: float = 120.0,
        max_retries: int = 4,
        backoff_factor: float = 1.0,
        session: requests.Session | None = None,
    ):
        self.base_url = base_url.rstrip("/")
        self.access_key = access_key
        self._secret_key = secret_key
        self._token: Token | None = None
        self._transport = Transport(
            timeout=timeout,
            max_total_wait=max_total_wait,
            max_retries=max_retries,
            backoff_factor=backoff_factor,
            session=session,
        )
        self._transport.session.headers.update(DEFAULT_HEADERS)

    def __repr__(self) -> str:
        return f"HrWorksClient(base_url={self.base_url!r}, access_key={self.access_key!r})"

    @property
    def request_count(self) -> int:
        return self._transport.request_count

    # Authentication

    def authenticate(self) -> None:
        """Fetch a new bearer token; raise ``InvalidCredentials`` for a rejected key pair."""
        url = f"{self.base_url}/v2/authentication"
        response = self._transport.send(
            "POST",
            url,
            json={"accessKey": self.access_key, "secretAccessKey": self._secret_key},
        )
        if response.status_code in (401, 403):
            raise InvalidCredentials(
                f"hr works rejected the key pair ({response.status_code} "
                f"{error_type(response) or 'no error type'})"
            )
        if response.status_code != 200:
            raise error_for_response(response, area="general")
        body = require_object(decode_json(response), "authentication response")
        token = body.get("token")
        if not isinstance(token, str) or not token:
            raise UnexpectedResponse("hr works authentication response has no token")
        self._token = token_from_jwt(token)
        logger.info("hr works authentication succeeded")

    def _bearer(self) -> str:
        if self._token is None or not self._token.is_fresh():
            self.authenticate()
        return self._token.value

    # Requests

    def _get(self, url: str, area: str, params=None) -> requests.Response:
        """GET with the bearer token, renewing it once after a 401."""
        response = self._send_authorized(url, params)
        if response.status_code == 401:
            logger.info("hr works rejected the token for %s; renewing it once", url_path(url))
            self.authenticate()
            response = self._send_authorized(url, params)
        if response.status_code != 200:
            raise error_for_response(response, area)
        return response

    def _send_authorized(self, url: str, params) -> requests.Response:
        headers = {"Authorization": f"Bearer {self._bearer()}"}
        return self._transport.send("GET", url, params=params, headers=headers)

    def _pages(self, path: str, area: str, params=None) -> Iterator:
        """Yield the JSON body of every page, following ``rel="next"`` links."""
        response = self._get(f"{self.base_url}{path}", area, params)
        seen = {page_identity(response.url)}
        while True:
            yield decode_json(response)
            url = next_page_url(response)
            if url is None:
                return
            check_next_url(url, self.base_url, seen)
            response = self._get(url, area)

    def _parse(self, path: str, parser: Callable, body):
        try:
            return parser(body)
        except UnexpectedResponse as exc:
            logger.warning("hr works %s returned a response that does not parse: %s", path, exc)
            raise

    # Public reads

    def absence_types(self, only_active: bool = False) -> list[types.AbsenceType]:
        path = "/v2/absences/absence-types"
        params = {"onlyActive": _bool(only_active)}
        body = decode_json(self._get(f"{self.base_url}{path}", "absences", params))
        return self._parse(path, parsing.parse_absence_types, body)

    def sick_leave_types(self, only_active: bool = False) -> list[types.SickLeaveType]:
        path = "/v2/sick-leaves/sick-leave-types"
        params = {"onlyActive": _bool(only_active)}
        body = decode_json(self._get(f"{self.base_url}{path}", "sick_leaves", params))
        return self._parse(path, parsing.parse_sick_leave_types, body)

    def organization_units(self) -> list[types.OrganizationUnit]:
        path = "/v2/organization-units"
        body = decode_json(self._get(f"{self.base_url}{path}", "general"))
        return self._parse(path, parsing.parse_organization_units, body)

    def persons(self, only_active: bool = False) -> list[types.Person]:
        """Return the master data of all persons, by default including those who left."""
        path = "/v2/persons/master-data"
        params = {"onlyActive": _bool(only_active)}
        result = []
        for page in self._pages(path, "persons", params):
            result.extend(self._parse(path, parsing.parse_persons_page, page))
        return result

    def persons_by_organization_unit(
        self, only_active: bool = False
    ) -> dict[str, list[types.PersonBase]]:
        """Return base data of all persons grouped by organization unit number.

        Persons without a unit are under the key ``""``. Pages are merged by unit, so a unit
        that continues on the next page keeps the persons of both pages.
        """
        path = "/v2/persons"
        params = {"onlyActive": _bool(only_active), "onlyActiveOrganizationUnits": "false"}
        merged: dict[str, list[types.PersonBase]] = {}
        for page in self._pages(path, "persons", params):
            for unit, persons in self._parse(path, parsing.parse_persons_by_unit, page).items():
                merged.setdefault(unit, []).extend(persons)
        return merged

    def persons_first_page(self) -> list[types.Person]:
        """Return the master data on the first page only, enough to check read access."""
        path = "/v2/persons/master-data"
        body = decode_json(self._get(f"{self.base_url}{path}", "persons"))
        return self._parse(path, parsing.parse_persons_page, body)

    def absences(self, begin: date, end: date, person_ids: list[str]) -> list[types.Absence]:
        """Return the absences of the persons that overlap the inclusive date range.

        The range is split into requests of at most one year and the persons into groups
        of at most 50; an absence seen in several requests is returned once.
        """
        return self._read_ranged("/v2/absences", "absences", begin, end, person_ids)

    def sick_leaves(self, begin: date, end: date, person_ids: list[str]) -> list[types.SickLeave]:
        """Return the sick leaves of the persons, requested like ``absences``."""
        return self._read_ranged("/v2/sick-leaves", "sick_leaves", begin, end, person_ids)

    def _read_ranged(self, path, area, begin, end, person_ids) -> list:
        parser = parsing.parse_absences if area == "absences" else parsing.parse_sick_leaves
        by_number = {}
        for window_begin, window_end in date_windows(begin, end):
            for group in batches(person_ids):
                params = {
                    "beginDate": window_begin.isoformat(),
                    "endDate": window_end.isoformat(),
                    "persons": group,
                }
                # Each page is parsed as it arrives, so only one page of raw JSON is
                # kept in memory. A person's items may continue on the next page.
                for page in self._pages(path, area, params):
                    for item in self._parse(path, parser, check_keyed_page(page)):
                        by_number.setdefault(item.number, item)
        return list(by_number.values())


def _bool(value: bool) -> str:
    return "true" if value else "false"
