"""Relay conventions: opaque global ids, opaque cursors, bounded page sizes, PageInfo."""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Sequence
from typing import Protocol, TypeVar

import strawberry

from api.errors import BadUserInput

T = TypeVar("T")

DEFAULT_PAGE = 20
MAX_PAGE = 100
_MAX_OPAQUE = 512


@strawberry.interface(description="An object with a global id, fetchable with `node(id:)`.")
class Node:
    id: strawberry.ID


@strawberry.type(description="Where a page sits in its list.")
class PageInfo:
    has_next_page: bool
    has_previous_page: bool
    start_cursor: str | None
    end_cursor: str | None


def _encode(text: str) -> str:
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


def _decode(opaque: str, what: str) -> str:
    if len(opaque) > _MAX_OPAQUE:
        raise BadUserInput(f"Invalid {what}.")
    try:
        return base64.urlsafe_b64decode(opaque + "=" * (-len(opaque) % 4)).decode()
    except (binascii.Error, UnicodeDecodeError, ValueError):
        raise BadUserInput(f"Invalid {what}.") from None


def global_id(type_name: str, raw_id: str) -> strawberry.ID:
    return strawberry.ID(_encode(f"{type_name}:{raw_id}"))


def parse_global_id(value: str) -> tuple[str, str]:
    """(type name, raw id) of a global id; BAD_USER_INPUT when it is not one of ours."""
    type_name, sep, raw = _decode(value, "id").partition(":")
    if not sep or not type_name or not raw:
        raise BadUserInput("Invalid id.")
    return type_name, raw


def expect_global_id(value: str, type_name: str) -> str:
    """The raw id of a global id that must be of the given type."""
    kind, raw = parse_global_id(value)
    if kind != type_name:
        raise BadUserInput(f"Expected the id of a {type_name}.")
    return raw


def cursor(position: Sequence[str | int]) -> str:
    return _encode(json.dumps(list(position), separators=(",", ":")))


def parse_cursor(value: str | None, arity: int) -> list[str | int] | None:
    if value is None:
        return None
    try:
        position = json.loads(_decode(value, "cursor"))
    except json.JSONDecodeError:
        raise BadUserInput("Invalid cursor.") from None
    if (
        not isinstance(position, list)
        or len(position) != arity
        or not all(isinstance(p, str | int) and not isinstance(p, bool) for p in position)
    ):
        raise BadUserInput("Invalid cursor.")
    return position


def text_pair_cursor(value: str | None) -> tuple[str, str] | None:
    """A keyset position of two texts (e.g. a time and an id), as the previous page's cursor."""
    position = parse_cursor(value, 2)
    if position is None:
        return None
    if not all(isinstance(p, str) for p in position):
        raise BadUserInput("Invalid cursor.")
    return str(position[0]), str(position[1])


def page_size(first: int | None) -> int:
    size = DEFAULT_PAGE if first is None else first
    if not 0 <= size <= MAX_PAGE:
        raise BadUserInput(f"`first` must be between 0 and {MAX_PAGE}.")
    return size


class HasCursor(Protocol):
    @property
    def cursor(self) -> str: ...


def keyset_page_info(edges: Sequence[HasCursor], fetched: int, size: int, after: bool) -> PageInfo:
    """PageInfo of a keyset page read with ``size + 1`` rows (``fetched`` of them came back)."""
    return PageInfo(
        has_next_page=fetched > size,
        has_previous_page=after,
        start_cursor=edges[0].cursor if edges else None,
        end_cursor=edges[-1].cursor if edges else None,
    )


def slice_list(
    items: Sequence[T], first: int | None, after: str | None
) -> tuple[list[tuple[str, T]], PageInfo]:
    """A page of an in-memory list, with offset cursors: for the short lists under one record."""
    size = page_size(first)
    position = parse_cursor(after, 1)
    start = 0
    if position is not None:
        offset = position[0]
        if not isinstance(offset, int) or offset < 0:
            raise BadUserInput("Invalid cursor.")
        start = offset + 1
    page = [(cursor([i]), items[i]) for i in range(start, min(start + size, len(items)))]
    info = PageInfo(
        has_next_page=start + size < len(items),
        has_previous_page=start > 0,
        start_cursor=page[0][0] if page else None,
        end_cursor=page[-1][0] if page else None,
    )
    return page, info
