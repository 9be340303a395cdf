"""Pagination through the ``Link`` header of hr works responses."""

from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit

import requests

from .errors import UnexpectedResponse

# Stops a server that keeps sending new page URLs; 1000 pages are 50,000 persons.
MAX_PAGES = 1000


def next_page_url(response: requests.Response) -> str | None:
    """Return the absolute ``rel="next"`` URL of the response, or None on the last page."""
    link = response.links.get("next")
    if not link or not link.get("url"):
        return None
    return urljoin(response.url, link["url"])


def page_identity(url: str) -> tuple:
    """Return a key that is equal for two URLs of the same page.

    Query parameters are compared as a sorted list, and a missing ``page`` counts as 1.
    """
    parts = urlsplit(url)
    query = parse_qsl(parts.query, keep_blank_values=True)
    if not any(name == "page" for name, _ in query):
        query.append(("page", "1"))
    return (parts.scheme, parts.netloc, parts.path, urlencode(sorted(query)))


def check_next_url(url: str, base_url: str, seen: set) -> None:
    """Raise ``UnexpectedResponse`` for a page seen before or a link to another server.

    The bearer token goes along with every page request, so a ``next`` link must not lead
    away from the configured hr works server.
    """
    path = urlsplit(url).path
    if urlsplit(url)[:2] != urlsplit(base_url)[:2]:
        raise UnexpectedResponse(f"hr works {path} links its next page to another server")
    identity = page_identity(url)
    if identity in seen:
        raise UnexpectedResponse(f"hr works {path} repeats a page in its next link")
    if len(seen) >= MAX_PAGES:
        raise UnexpectedResponse(f"hr works {path} has more than {MAX_PAGES} pages")
    seen.add(identity)


def check_keyed_page(page) -> dict:
    """Return a page keyed by person or unit, or raise if it is not an object of arrays."""
    if not isinstance(page, dict):
        raise UnexpectedResponse("a page of a keyed hr works response is not a JSON object")
    for values in page.values():
        if not isinstance(values, list):
            raise UnexpectedResponse("a value of a keyed hr works response is not a JSON array")
    return page
