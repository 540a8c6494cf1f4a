"""How much of a request body is read: the body limit, or room for a file for an upload.

Every body is bounded by the body limit (``EHG_MAX_BODY_BYTES``), except a multipart request
that (1) comes from a caller the policy lets create uploads for the declared purpose and (2) runs
an operation that takes an upload (declares a variable of the ``Upload`` scalar). For such a
request the operation is read first (the GraphQL multipart request specification puts the
``operations`` part first) within the body limit, and only then is the file let through, up to
``EHG_MAX_UPLOAD_BYTES`` more. Anything else is refused with 413 as it crosses the body limit, or
at once when its declared length is over it: a file is never read for an operation that does not
take one.

    limits = BodyLimits(max_body, max_upload)
    receive = await limits.receive(headers, receive, may_upload=...)   # BodyTooLarge
"""

from __future__ import annotations

import json
from collections import deque
from collections.abc import Mapping
from typing import TYPE_CHECKING

from graphql import GraphQLError
from python_multipart import MultipartParser
from python_multipart.exceptions import MultipartParseError
from python_multipart.multipart import parse_options_header
from starlette.types import Message, Receive

from api.operations import OperationChoiceError, chosen, declares_variable_of, parsed

if TYPE_CHECKING:
    from python_multipart.multipart import MultipartCallbacks

UPLOAD_SCALAR = "Upload"
OPERATIONS_PART = "operations"


class BodyTooLarge(Exception):
    pass


class _Bounded:
    """Counts the body's bytes as they are received; BodyTooLarge past the limit."""

    def __init__(self, receive: Receive, limit: int) -> None:
        self._receive = receive
        self.limit = limit
        self._received = 0

    async def __call__(self) -> Message:
        message = await self._receive()
        self._received += len(message.get("body", b""))
        if self._received > self.limit:
            raise BodyTooLarge
        return message


class _FirstPart:
    """Multipart parser callbacks that keep the first part's name and content."""

    def __init__(self) -> None:
        self.parts = 0
        self.name: str | None = None
        self.content = bytearray()
        self.complete = False
        self._header = b""
        self._value = b""

    def callbacks(self) -> MultipartCallbacks:
        return {
            "on_part_begin": self._begin,
            "on_part_data": self._data,
            "on_part_end": self._end,
            "on_header_field": self._field,
            "on_header_value": self._header_value,
            "on_header_end": self._header_end,
        }

    def _begin(self) -> None:
        self.parts += 1

    def _field(self, data: bytes, start: int, end: int) -> None:
        self._header += data[start:end]

    def _header_value(self, data: bytes, start: int, end: int) -> None:
        self._value += data[start:end]

    def _header_end(self) -> None:
        if self.parts == 1 and self._header.lower() == b"content-disposition":
            _, options = parse_options_header(self._value)
            name = options.get(b"name")
            self.name = name.decode("latin-1") if isinstance(name, bytes) else None
        self._header = self._value = b""

    def _data(self, data: bytes, start: int, end: int) -> None:
        if self.parts == 1:
            self.content += data[start:end]

    def _end(self) -> None:
        if self.parts == 1:
            self.complete = True


async def _read_first_part(receive: Receive, boundary: bytes) -> tuple[list[Message], bytes | None]:
    """Reads until the first part is complete: the messages read (to be given to the view in
    turn), and the part's content when it is the operations."""
    first = _FirstPart()
    parser = MultipartParser(boundary, first.callbacks())
    messages: list[Message] = []
    while not first.complete:
        message = await receive()
        messages.append(message)
        if message["type"] != "http.request":
            break
        try:
            parser.write(message.get("body", b""))
        except MultipartParseError:
            break  # the view's own parse reports it
        if not message.get("more_body", False):
            break
    if first.complete and first.name == OPERATIONS_PART:
        return messages, bytes(first.content)
    return messages, None


def _takes_upload(operations: bytes) -> bool:
    try:
        request = json.loads(operations.decode("utf-8"))
    except (ValueError, RecursionError):
        return False
    if not isinstance(request, dict):
        return False
    query, name = request.get("query"), request.get("operationName")
    if not isinstance(query, str) or not isinstance(name, str | None):
        return False
    try:
        operation = chosen(parsed(query), name)
    except (GraphQLError, OperationChoiceError):
        return False
    return declares_variable_of(operation, UPLOAD_SCALAR)


def _replaying(messages: list[Message], receive: Receive) -> Receive:
    pending = deque(messages)

    async def replay() -> Message:
        return pending.popleft() if pending else await receive()

    return replay


class BodyLimits:
    def __init__(self, max_body: int, max_upload: int) -> None:
        self._max_body = max_body
        # Room for the file, and for the operation beside it.
        self._max_upload = max_upload + max_body

    async def receive(
        self, headers: Mapping[str, str], receive: Receive, *, may_upload: bool
    ) -> Receive:
        """The request's body channel, bounded; BodyTooLarge when it is (or declares it is)
        over what the request may send."""
        content_type, options = parse_options_header(headers.get("content-type", ""))
        boundary = options.get(b"boundary")
        uploading = may_upload and content_type == b"multipart/form-data" and bool(boundary)
        length = headers.get("content-length")
        declared: int | None = None
        if length is not None:
            if not length.isdigit():
                raise BodyTooLarge
            declared = int(length)
        if declared is not None and declared > (self._max_upload if uploading else self._max_body):
            raise BodyTooLarge
        bounded = _Bounded(receive, self._max_body)
        if not uploading or (declared is not None and declared <= self._max_body):
            return bounded
        assert isinstance(boundary, bytes)
        messages, operations = await _read_first_part(bounded, boundary)
        if operations is not None and _takes_upload(operations):
            bounded.limit = self._max_upload
        elif declared is not None:
            raise BodyTooLarge
        return _replaying(messages, bounded)
