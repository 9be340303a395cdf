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


def item_limited_pages(
    entries: list, key_limit: int, item_limit: int, items_key: str
) -> list[list]:
    """Split ``(key, blocks)`` entries into pages of at most ``key_limit`` keys and
    ``item_limit`` items.

    A key whose items do not fit on the current page continues on the next page under the
    same key, with the same blocks carrying the rest of its items. The sandbox uses this to
    test that clients merge one person's items spread over many pages.
    """
    if item_limit < 1:
        raise ValueError(f"item_limit must be at least 1, not {item_limit}")
    pages: list[list] = [[]]
    room = item_limit
    for key, blocks in entries:
        rest = [list(block[items_key]) for block in blocks]
        while True:
            if len(pages[-1]) >= key_limit or room == 0:
                pages.append([])
                room = item_limit
            part = []
            for block, items in zip(blocks, rest, strict=True):
                taken = items[:room]
                del items[: len(taken)]
                room -= len(taken)
                part.append({**block, items_key: taken})
            pages[-1].append((key, part))
            if not any(rest):
                break
    return pages
