"""Errors the API shows to clients, each with its ``extensions.code``.

    ApiError
     ├── BadUserInput         BAD_USER_INPUT       malformed id, cursor, page size, argument
     ├── NotFound             NOT_FOUND
     ├── Forbidden            FORBIDDEN
     ├── Conflict             CONFLICT
     └── ServiceUnavailable   SERVICE_UNAVAILABLE  the graph database cannot be reached

Authentication failures never reach GraphQL: ``api.guard`` answers them with HTTP 401 first.
Any other exception is an internal error: logged in full, shown to the client as a bare
INTERNAL_SERVER_ERROR (``api.error_codes``).
"""

from __future__ import annotations

from typing import ClassVar


class ApiError(Exception):
    code: ClassVar[str] = "INTERNAL_SERVER_ERROR"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class BadUserInput(ApiError):
    code = "BAD_USER_INPUT"


class NotFound(ApiError):
    code = "NOT_FOUND"


class Forbidden(ApiError):
    code = "FORBIDDEN"


class Conflict(ApiError):
    code = "CONFLICT"


class ServiceUnavailable(ApiError):
    code = "SERVICE_UNAVAILABLE"
