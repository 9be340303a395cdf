"""HTTP for the hr works client: timeouts, retries, and the mapping of ``requests`` errors.

This is the only module that catches ``requests`` exceptions. Only transient failures are
retried: timeouts, connection errors, 429 (honouring ``Retry-After``) and 500/502/503/504.
Log lines name the method and path, never the query string, because it carries person ids.
Django's error reports hide the request arguments for the same reason and because the
authentication request carries the secret access key.
"""

import email.utils
import logging
import time
from urllib.parse import urlsplit

import requests
from django.views.decorators.debug import sensitive_variables

from .errors import TransientError, UnexpectedResponse

logger = logging.getLogger(__name__)

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
# Upper bound for one exponential backoff step, in seconds.
MAX_BACKOFF = 30.0


def parse_retry_after(value: str | None) -> float | None:
    """Return the wait in seconds from a ``Retry-After`` header (seconds or HTTP date)."""
    if not value:
        return None
    value = value.strip()
    # isdigit() alone accepts digits such as "²" that float() rejects.
    if value.isascii() and value.isdigit():
        return float(value)
    try:
        moment = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, moment.timestamp() - time.time())


def url_path(url: str) -> str:
    return urlsplit(url).path


class Transport:
    """Send requests with a default timeout and bounded retries, and count every attempt.

    ``max_total_wait`` caps the seconds slept between retries over the transport's
    lifetime, which is one client and usually one sync run.
    """

    def __init__(
        self,
        *,
        timeout: float,
        max_total_wait: float,
        max_retries: int,
        backoff_factor: float,
        session: requests.Session | None,
    ):
        self.session = session if session is not None else requests.Session()
        self.timeout = timeout
        self.max_total_wait = max_total_wait
        self.max_retries = max_retries
        self.backoff_factor = backoff_factor
        self.request_count = 0
        self.total_wait = 0.0

    @sensitive_variables("kwargs")
    def send(self, method: str, url: str, **kwargs) -> requests.Response:
        """Send the request and return the first response that is not retried.

        Raise ``TransientError`` when retries or the wait budget are used up.
        """
        path = url_path(url)
        attempt = 0
        while True:
            attempt += 1
            response, failure = self._attempt(method, url, path, **kwargs)
            if response is not None and response.status_code not in RETRY_STATUSES:
                return response

            retry_after = None
            if response is not None:
                retry_after = parse_retry_after(response.headers.get("Retry-After"))
                failure = f"status {response.status_code}"
            delay = self._delay(attempt, retry_after)
            remaining = self.max_total_wait - self.total_wait
            if attempt > self.max_retries or delay > remaining:
                logger.warning(
                    "hr works %s %s failed after %d attempts: %s", method, path, attempt, failure
                )
                raise TransientError(
                    f"hr works {method} {path} failed after {attempt} attempts: {failure}",
                    retry_after=retry_after,
                )
            logger.info(
                "hr works %s %s failed (%s); retry %d in %.1f s",
                method,
                path,
                failure,
                attempt,
                delay,
            )
            time.sleep(delay)
            self.total_wait += delay

    @sensitive_variables("kwargs")
    def _attempt(self, method, url, path, **kwargs):
        """Return ``(response, None)`` or ``(None, reason)`` for a transient network error."""
        self.request_count += 1
        kwargs.setdefault("timeout", self.timeout)
        try:
            return self.session.request(method, url, **kwargs), None
        except requests.Timeout:
            return None, "timed out"
        except (requests.ConnectionError, requests.exceptions.ChunkedEncodingError) as exc:
            # The message of a requests exception contains the full URL with person ids,
            # so only the class name is kept.
            return None, f"connection error ({type(exc).__name__})"
        except requests.RequestException as exc:
            raise UnexpectedResponse(
                f"hr works {method} {path} could not be sent ({type(exc).__name__})"
            ) from None

    def _delay(self, attempt: int, retry_after: float | None) -> float:
        if retry_after is not None:
            return retry_after
        return min(MAX_BACKOFF, self.backoff_factor * 2 ** (attempt - 1))


def decode_json(response: requests.Response):
    """Return the parsed JSON body or raise ``UnexpectedResponse``."""
    path = url_path(response.url or "")
    try:
        return response.json()
    except ValueError:
        logger.warning(
            "hr works %s returned status %s with a body that is not JSON (%d bytes, %s)",
            path,
            response.status_code,
            len(response.content),
            response.headers.get("Content-Type", "no content type"),
        )
        raise UnexpectedResponse(f"hr works {path} returned a body that is not JSON") from None
