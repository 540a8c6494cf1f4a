"""The cost of a query, worked out before it runs, and the budget every request must fit.

A query's cost is the number of rows it may ask for:

- a connection (a field taking ``first``) may return ``first`` rows (20 when absent, at most 100)
  each time it is resolved: it costs that many times the rows of the lists around it;
- a list of objects that takes no ``first`` counts as ``LIST_FACTOR`` rows (the ``edges`` of a
  connection excepted: they are the connection's own rows);
- every root field (each alias, each mutation) costs at least 1;
- single objects, scalars, enums, ``__typename`` and introspection cost nothing more: they are
  read with the row they belong to (introspection is answered from memory).

Aliases count separately, fragments and inline fragments count wherever they are spread, and
``@skip``/``@include`` are ignored: the cost is an upper bound. An operation over ``BUDGET`` is
refused with BAD_USER_INPUT naming both numbers, and nothing of it runs.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLField,
    GraphQLInterfaceType,
    GraphQLNamedType,
    GraphQLObjectType,
    GraphQLSchema,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
    Undefined,
    get_named_type,
    get_nullable_type,
    get_operation_ast,
    get_variable_values,
    is_list_type,
)
from graphql.execution.values import VariableValues
from graphql.utilities.coerce_input_value import coerce_input_literal
from strawberry.extensions import SchemaExtension
from strawberry.types import ExecutionResult

from api.relay import DEFAULT_PAGE, MAX_PAGE

BUDGET = 50_000
LIST_FACTOR = 20
PAGE_ARGUMENT = "first"


def _fields(parent: GraphQLNamedType) -> Mapping[str, GraphQLField]:
    # A union has no fields of its own: only __typename and fragments are selected on it.
    fields: Mapping[str, GraphQLField] = {}
    if isinstance(parent, GraphQLObjectType | GraphQLInterfaceType):
        fields = parent.fields
    return fields


class _Walk:
    """One operation's cost. Each fragment is costed once per kind of place it is spread, so a
    document spreading fragments within fragments costs linear time to weigh, not exponential."""

    def __init__(
        self,
        schema: GraphQLSchema,
        fragments: Mapping[str, FragmentDefinitionNode],
        variables: VariableValues,
    ) -> None:
        self._schema = schema
        self._fragments = fragments
        self._variables = variables
        self._memo: dict[tuple[str, bool, bool], int] = {}
        self._visiting: set[str] = set()

    def selections(
        self, selection_set: SelectionSetNode, parent: GraphQLNamedType, rows: bool, root: bool
    ) -> int:
        """The cost of a selection set for one object of ``parent``; ``rows`` when ``parent`` is
        a connection (its lists are its rows, already counted)."""
        total = 0
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                total += self._field(selection, parent, rows, root)
            elif isinstance(selection, InlineFragmentNode):
                condition = selection.type_condition
                inner = parent if condition is None else self._type(condition.name.value)
                total += self.selections(selection.selection_set, inner, rows, root)
            elif isinstance(selection, FragmentSpreadNode):
                total += self._spread(selection.name.value, rows, root)
        return total

    def _type(self, name: str) -> GraphQLNamedType:
        named = self._schema.get_type(name)
        return named if named is not None else GraphQLObjectType(name, {})

    def _spread(self, name: str, rows: bool, root: bool) -> int:
        key = (name, rows, root)
        if key not in self._memo:
            fragment = self._fragments.get(name)
            # Validation refuses unknown fragments and cycles before this runs; stay safe anyway.
            if fragment is None or name in self._visiting:
                return 0
            self._visiting.add(name)
            try:
                parent = self._type(fragment.type_condition.name.value)
                self._memo[key] = self.selections(fragment.selection_set, parent, rows, root)
            finally:
                self._visiting.discard(name)
        return self._memo[key]

    def _field(self, node: FieldNode, parent: GraphQLNamedType, rows: bool, root: bool) -> int:
        name = node.name.value
        definition = None if name.startswith("__") else _fields(parent).get(name)
        if definition is None:
            return 0
        if node.selection_set is None:  # a scalar or an enum
            return 1 if root else 0
        if PAGE_ARGUMENT in definition.args:
            size = own = self._page(node, definition)
            below_rows = True
        elif is_list_type(get_nullable_type(definition.type)) and not rows:
            size = own = LIST_FACTOR
            below_rows = False
        else:  # a single object, or the edges of a connection
            size, own, below_rows = 1, 0, False
        named = get_named_type(definition.type)
        total = own + size * self.selections(node.selection_set, named, below_rows, False)
        return max(total, 1) if root else total

    def _page(self, node: FieldNode, definition: GraphQLField) -> int:
        argument = definition.args[PAGE_ARGUMENT]
        value: Any = Undefined
        for given in node.arguments or ():
            if given.name.value == PAGE_ARGUMENT:
                value = coerce_input_literal(given.value, argument.type, self._variables)
        if not isinstance(value, int) or isinstance(value, bool):
            return DEFAULT_PAGE
        # A size out of range is refused by the resolver with its own message; counting it as the
        # nearest allowed size keeps that message the one the client sees.
        return min(max(value, 0), MAX_PAGE)


def cost(
    schema: GraphQLSchema,
    document: DocumentNode,
    operation: OperationDefinitionNode,
    variables: Mapping[str, Any] | None,
) -> int | None:
    """The cost of ``operation`` in a validated ``document``; None when the variables do not
    coerce (execution then refuses them before anything runs)."""
    coerced = get_variable_values(
        schema, operation.variable_definitions or (), dict(variables or {})
    )
    root = schema.get_root_type(operation.operation)
    if isinstance(coerced, list) or root is None:
        return None
    fragments = {
        definition.name.value: definition
        for definition in document.definitions
        if isinstance(definition, FragmentDefinitionNode)
    }
    return _Walk(schema, fragments, coerced).selections(operation.selection_set, root, False, True)


class QueryCost(SchemaExtension):
    """Refuses an operation over the budget before it executes: nothing of it runs."""

    def on_execute(self) -> Iterator[None]:
        context = self.execution_context
        document = context.graphql_document
        operation = None
        if document is not None:
            operation = get_operation_ast(document, context.operation_name)
        if document is not None and operation is not None:
            spent = cost(context.schema._schema, document, operation, context.variables)
            if spent is not None and spent > BUDGET:
                message = (
                    f"This query may cost {spent:,} rows, over the budget of {BUDGET:,} rows a "
                    "request: ask for smaller pages (first) or fewer nested lists."
                )
                # Setting the result before execution is how an extension stops it.
                context.result = ExecutionResult(
                    data=None,
                    errors=[GraphQLError(message, extensions={"code": "BAD_USER_INPUT"})],
                )
        yield
