"""Give every GraphQL error an ``extensions.code`` and keep internals away from the client."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator

from graphql import GraphQLError
from strawberry.extensions import SchemaExtension

from api.errors import ApiError
from services import GraphUnavailable

_log = logging.getLogger("api.errors")

# graphql-core ends a message with a suggestion of names the schema has ("Did you mean 'x'?") for
# misspelled arguments, enum values, input fields, types and fields; with introspection off they
# would still tell a client the schema. Every error passes here, so they end here.
_SUGGESTION = re.compile(r"\s*Did you mean\b[^?]*\?")


def classify(error: GraphQLError) -> GraphQLError:
    original = error.original_error
    if original is None or (error.path is None and isinstance(original, GraphQLError | ValueError)):
        # Syntax, validation and variable-coercion errors (no path: nothing was executed): the
        # client's request is at fault, and graphql-core's message names only what it sent.
        code = "BAD_USER_INPUT"
        message = error.message
    elif isinstance(original, ApiError):
        code, message = original.code, original.message
    elif isinstance(original, GraphUnavailable):
        code, message = "SERVICE_UNAVAILABLE", "The service is temporarily unavailable."
    else:
        _log.error("Unexpected error in resolver", exc_info=original)
        code, message = "INTERNAL_SERVER_ERROR", "Internal server error."
    return GraphQLError(
        _SUGGESTION.sub("", message),
        nodes=error.nodes,
        source=error.source,
        positions=error.positions,
        path=error.path,
        extensions={"code": code},
    )


class ErrorCodes(SchemaExtension):
    def on_operation(self) -> Iterator[None]:
        yield
        result = self.execution_context.result
        if result is not None and result.errors:
            result.errors = [classify(error) for error in result.errors]
