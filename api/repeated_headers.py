"""Headers the API acts on are sent at most once.

Starlette's ``headers.get`` answers the first of a repeated header, and a proxy or another
client library might answer the last: a request declaring two purposes, or carrying two tokens,
is refused rather than resolved by picking one, even when the values are equal (the request is
malformed either way, and whatever sent it twice may send different values next time).
"""

from __future__ import annotations

from collections.abc import Iterable

from starlette.datastructures import Headers

from api.declarations import BASIS_HEADER, CONDITION_HEADER, JUSTIFICATION_HEADER, PURPOSE_HEADER

AUTHORIZATION = "authorization"
# What the request declares (api.declarations), and how its body is to be read.
DECLARED = (PURPOSE_HEADER, BASIS_HEADER, JUSTIFICATION_HEADER, CONDITION_HEADER, "content-type")


def repeated(headers: Headers, names: Iterable[str]) -> str | None:
    """The first of ``names`` sent more than once, as it is usually written
    (``X-Purpose-Of-Use``); None when each is sent at most once."""
    for name in names:
        if len(headers.getlist(name)) > 1:
            return "-".join(word.capitalize() for word in name.split("-"))
    return None
