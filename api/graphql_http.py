"""GraphQL over HTTP, strictly: what a request body must be, and how a malformed one is answered.

Strawberry's view, with every malformed request a 400 with a GraphQL-style JSON error (code
BAD_USER_INPUT) instead of plain text or a 500:

- a body that is not UTF-8, not JSON, nested too deeply, or holds text that is not Unicode (a
  lone surrogate escape, which no database or encoder accepts);
- a body that is not a JSON object (a list is a batch, refused as such), an ``operationName``
  that is not a string, a document with several operations and none named, or a name that names
  none of them (the GraphQL specification's operation choice, ``api.operations``);
- a multipart request whose ``operations`` or ``map`` part is malformed, or whose map names
  files or variables the request does not have.

The files of a multipart request are closed when the request ends, whether or not a resolver
took them.
"""

from __future__ import annotations

import json
import re
from typing import Any, TypeGuard

from cross_web import AsyncHTTPRequestAdapter, HTTPException
from graphql import GraphQLError
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.types import Receive, Scope, Send
from strawberry.asgi import GraphQL
from strawberry.file_uploads.utils import replace_placeholders_with_files
from strawberry.http import GraphQLRequestData

from api.context import Context
from api.operations import OperationChoiceError, chosen, parsed

# A \uD800-\uDFFF escape: only then can decoded JSON hold a lone surrogate.
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


def error_response(
    status: int, code: str, message: str, headers: dict[str, str] | None = None
) -> Response:
    """A refusal outside GraphQL execution, shaped as a GraphQL response with one error."""
    body = {"errors": [{"message": message, "extensions": {"code": code}}]}
    return JSONResponse(body, status_code=status, headers=headers)


def _bad_request(message: str) -> HTTPException:
    return HTTPException(400, message)


def strict_json(data: str | bytes) -> dict[str, Any] | list[Any]:
    """A JSON object (or a list, which is a batch) from a request; HTTPException(400) otherwise."""
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8")
        except UnicodeDecodeError:
            raise _bad_request("The request body is not valid UTF-8.") from None
    try:
        value = json.loads(data)
    except RecursionError:
        raise _bad_request("The request body is nested too deeply.") from None
    except ValueError:  # not JSON, or a number too long to read
        raise _bad_request("The request body is not valid JSON.") from None
    if _SURROGATE_ESCAPE.search(data):
        try:
            json.dumps(value, ensure_ascii=False).encode("utf-8")
        except UnicodeEncodeError:
            raise _bad_request("The request body holds text that is not valid Unicode.") from None
    if not isinstance(value, dict | list):
        raise _bad_request("The request body must be a JSON object.")
    return value


def _valid_map(files_map: object, files: Any) -> TypeGuard[dict[str, list[str]]]:
    """The multipart map names file parts, each filling one or more ``variables.`` paths."""
    if not isinstance(files_map, dict):
        return False
    return all(
        isinstance(files.get(name), UploadFile)
        and isinstance(paths, list)
        and all(isinstance(path, str) and path.startswith("variables.") for path in paths)
        for name, paths in files_map.items()
    )


class StrictGraphQL(GraphQL[Context, None]):
    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        request = Request(scope=scope, receive=receive)
        try:
            response = await self.run(request)
        except (HTTPException, StarletteHTTPException) as exc:
            reason = exc.reason if isinstance(exc, HTTPException) else exc.detail
            response = error_response(exc.status_code, "BAD_USER_INPUT", reason)
        finally:
            # The files of a multipart body that no resolver took (and closed).
            await request.close()
        await response(scope, receive, send)

    def parse_json(self, data: str | bytes) -> Any:
        return strict_json(data)

    async def parse_http_body(
        self, request: AsyncHTTPRequestAdapter
    ) -> GraphQLRequestData | list[GraphQLRequestData]:
        data = await super().parse_http_body(request)
        if isinstance(data, GraphQLRequestData):
            operation_name: object = data.operation_name
            if not isinstance(operation_name, str | None):
                raise _bad_request("operationName must be a string or null.")
            if isinstance(data.query, str):
                try:
                    chosen(parsed(data.query), data.operation_name)
                except GraphQLError:
                    pass  # a syntax error, reported as such by the schema's own parse
                except OperationChoiceError as exc:
                    raise _bad_request(exc.message) from None
        return data

    async def parse_multipart(self, request: AsyncHTTPRequestAdapter) -> dict[str, str]:
        try:
            form = await request.get_form_data()
        except (ValueError, StarletteHTTPException):
            raise _bad_request("The multipart body could not be read.") from None
        operations = form.form.get("operations")
        files_map = form.form.get("map", "{}")
        if not isinstance(operations, str) or not isinstance(files_map, str):
            raise _bad_request("A multipart request needs its operations and map as text parts.")
        parsed_operations = strict_json(operations)
        parsed_map = strict_json(files_map)
        if not _valid_map(parsed_map, form.files):
            raise _bad_request(
                "The multipart map must name file parts and the variables they fill."
            )
        try:
            # A list of operations (a batch) goes through, to be refused as one.
            result: dict[str, str] = replace_placeholders_with_files(
                parsed_operations,  # type: ignore[arg-type]
                parsed_map,
                form.files,
            )
        except (KeyError, IndexError, ValueError, TypeError):
            raise _bad_request(
                "The multipart map names a variable the operations do not have."
            ) from None
        return result
