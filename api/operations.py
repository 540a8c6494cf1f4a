"""Which operation of a document a request runs, as the GraphQL specification chooses it.

    document = parsed(query)                     # cached; GraphQLError when it does not parse
    operation = chosen(document, operation_name) # OperationChoiceError when there is no choice

A document with several operations runs the one ``operationName`` names; with no name, it must
hold exactly one. (Strawberry would run the first one it finds.)
"""

from __future__ import annotations

from graphql import (
    DocumentNode,
    ListTypeNode,
    NamedTypeNode,
    NonNullTypeNode,
    OperationDefinitionNode,
    TypeNode,
)
from strawberry.extensions import ParserCache

from api.schema import MAX_TOKENS, PARSE_CACHE_SIZE

# The same cache (keyed by its size) and options as the schema's own parse step, so a document
# parsed here first is not parsed again there.
_parse = ParserCache(maxsize=PARSE_CACHE_SIZE).cached_parse_document


class OperationChoiceError(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def parsed(query: str) -> DocumentNode:
    """The document of ``query`` (cached); GraphQLError when it does not parse."""
    document: DocumentNode = _parse(query, max_tokens=MAX_TOKENS)
    return document


def chosen(document: DocumentNode, operation_name: str | None) -> OperationDefinitionNode:
    """The operation a request runs; OperationChoiceError when the document gives no choice."""
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    if operation_name is None:
        if len(operations) == 1:
            return operations[0]
        if not operations:
            raise OperationChoiceError("The document holds no operation to run.")
        raise OperationChoiceError(
            f"The document holds {len(operations)} operations: "
            "name the one to run in operationName."
        )
    for operation in operations:
        if operation.name is not None and operation.name.value == operation_name:
            return operation
    raise OperationChoiceError("operationName names no operation of the document.")


def _named(type_node: TypeNode) -> str:
    while isinstance(type_node, NonNullTypeNode | ListTypeNode):
        type_node = type_node.type
    return type_node.name.value if isinstance(type_node, NamedTypeNode) else ""


def declares_variable_of(operation: OperationDefinitionNode, type_name: str) -> bool:
    """True when the operation declares a variable of the named type (or a list of it)."""
    return any(
        _named(definition.type) == type_name for definition in operation.variable_definitions or ()
    )
