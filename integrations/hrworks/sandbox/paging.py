"""Pages of 50 and ``Link`` headers with absolute URLs, as hr works sends them."""

from urllib.parse import parse_qsl, urlencode

PAGE_SIZE = 50


def page_url(base_url: str, path: str, raw_query: str, page: int) -> str:
    params = [(name, value) for name, value in parse_qsl(raw_query, keep_blank_values=True)]
    params = [(name, value) for name, value in params if name != "page"]
    params.append(("page", str(page)))
    return f"{base_url}{path}?{urlencode(params)}"


def link_header(
    base_url: str, path: str, raw_query: str, page: int, last_page: int, repeat_page: bool
) -> str:
    """Build the Link header; ``repeat_page`` makes ``next`` of page 2 on point back.

    NOTE: whether hr works also sends ``first`` and ``prev`` is not documented. The sandbox
    sends them so that clients are tested to follow ``next`` only.
    """
    links = [(1, "first")]
    if page > 1:
        links.append((page - 1, "prev"))
    if page < last_page:
        links.append((page - 1 if repeat_page and page > 1 else page + 1, "next"))
    links.append((last_page, "last"))
    return ", ".join(
        f'<{page_url(base_url, path, raw_query, number)}>; rel="{rel}"' for number, rel in links
    )


def chunk(entries: list, size: int) -> list[list]:
    return [entries[start : start + size] for start in range(0, len(entries), size)] or [[]]


def keyed_pages(entries: list, size: int, items_key: str, split_key: bool) -> list[list]:
    """Split ``(key, blocks)`` entries into pages of ``size`` keys.

    With ``split_key``, the last key of each page but the last is cut in two: the first half
    of its items stays, the second half opens the next page under the same key. The
    sandbox uses this to test that clients merge a key that appears on two pages.
    """
    pages = chunk(entries, size)
    if not split_key:
        return pages
    for index in range(len(pages) - 1):
        key, blocks = pages[index][-1]
        first_blocks, second_blocks = [], []
        for block in blocks:
            items = block[items_key]
            half = (len(items) + 1) // 2
            first_blocks.append({**block, items_key: items[:half]})
            second_blocks.append({**block, items_key: items[half:]})
        pages[index][-1] = (key, first_blocks)
        pages[index + 1].insert(0, (key, second_blocks))
    return pages
