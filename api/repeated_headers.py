"""Headers the API acts on are sent at most once.

Starlette's ``headers.get`` answers the first of a repeated header, and a proxy or another
client library might answer the last: a request declaring two purposes, or carrying two tokens,
is refused rather than resolved by picking one, even when the values are equal (the request is
malformed either way, and whatever sent it twice may send different values next time).
"""

from __future__ import annotations

from collections.abc import Iterable

from starlette.datastructures import Headers

from api.declarations import PURPOSE_HEADER, RETIRED_HEADERS

AUTHORIZATION = "authorization"
# What the request declares (api.declarations), and how its body is to be read. The retired
# headers are refused anyway; twice is refused first, and as plainly.
DECLARED = (PURPOSE_HEADER, *RETIRED_HEADERS, "content-type")


def repeated(headers: Headers, names: Iterable[str]) -> str | None:
    """The first of ``names`` sent more than once, as it is usually written
    (``X-Purpose-Of-Use``); None when each is sent at most once."""
    for name in names:
        if len(headers.getlist(name)) > 1:
            return "-".join(word.capitalize() for word in name.split("-"))
    return None
