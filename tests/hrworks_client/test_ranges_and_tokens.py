"""Request splitting and token renewal timing, without HTTP."""

import time
from datetime import date

import jwt

from integrations.hrworks.client.ranges import batches, date_windows
from integrations.hrworks.client.tokens import token_from_jwt


def test_calendar_year_is_one_window():
    assert date_windows(date(2026, 1, 1), date(2026, 12, 31)) == [
        (date(2026, 1, 1), date(2026, 12, 31))
    ]


def test_year_and_a_day_is_two_windows():
    assert date_windows(date(2026, 1, 1), date(2027, 1, 1)) == [
        (date(2026, 1, 1), date(2026, 12, 31)),
        (date(2027, 1, 1), date(2027, 1, 1)),
    ]


def test_window_from_leap_day_ends_on_28_february():
    windows = date_windows(date(2024, 2, 29), date(2025, 6, 1))

    assert windows[0] == (date(2024, 2, 29), date(2025, 2, 28))
    assert windows[1][0] == date(2025, 3, 1)


def test_batches_drop_duplicates_and_keep_order():
    ids = [f"p{n}" for n in range(120)] + ["p0"]

    groups = list(batches(ids))

    assert [len(group) for group in groups] == [50, 50, 20]
    assert groups[0][0] == "p0"


def make_token(lifetime: int) -> str:
    issued = int(time.time())
    claims = {"iat": issued, "exp": issued + lifetime}
    return jwt.encode(claims, "k" * 32, algorithm="HS256")


def test_token_renews_60_seconds_before_expiry():
    token = token_from_jwt(make_token(900))

    assert 838 < token.renew_at - time.monotonic() <= 840


def test_short_token_renews_at_three_quarters():
    token = token_from_jwt(make_token(8))

    # 8 s less 1 s for the whole-second iat leaves 7 s; three quarters of that is 5.25 s.
    assert 5.0 < token.renew_at - time.monotonic() <= 5.25


def test_unreadable_token_gets_15_minutes():
    token = token_from_jwt("not-a-jwt")

    assert token.is_fresh()
    assert "not-a-jwt" not in repr(token)
