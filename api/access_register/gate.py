"""What a caller the register does not admit may ask for: only ``me`` (their standing),
``requestAccess`` and ``acceptUserAgreement``. Anything else is refused before execution.

Deny by default: the root fields of the operation that is to run are collected (through
fragments, inline or named, whatever their directives say) and each must be on the short list; a
document whose operation cannot be found is refused. The caller then has no role either, so a
field that slipped past would still meet the policy's own refusal.
"""

from __future__ import annotations

from collections.abc import Iterator

from graphql import (
    DocumentNode,
    ExecutionResult,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
)
from strawberry.extensions import SchemaExtension

from api.access_register.admission import RequestAdmission
from api.errors import Forbidden

NOT_ADMITTED_MAY_ASK: frozenset[str] = frozenset(
    {"me", "requestAccess", "acceptUserAgreement", "__typename"}
)


def root_fields(document: DocumentNode, operation_name: str | None) -> frozenset[str] | None:
    """The names of the root fields the operation selects; None when it is not one operation."""
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    if operation_name is None:
        chosen = operations[0] if len(operations) == 1 else None
    else:
        named = [o for o in operations if o.name is not None and o.name.value == operation_name]
        chosen = named[0] if len(named) == 1 else None
    if chosen is None:
        return None
    fragments = {
        d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
    }
    names: set[str] = set()
    seen: set[str] = set()
    pending: list[SelectionSetNode] = [chosen.selection_set]
    while pending:
        for selection in pending.pop().selections:
            if isinstance(selection, FieldNode):
                names.add(selection.name.value)
            elif isinstance(selection, InlineFragmentNode):
                pending.append(selection.selection_set)
            elif isinstance(selection, FragmentSpreadNode):
                name = selection.name.value
                if name in seen:
                    continue
                seen.add(name)
                fragment = fragments.get(name)
                if fragment is None:
                    return None
                pending.append(fragment.selection_set)
    return frozenset(names)


class RegisterGate(SchemaExtension):
    """Refuses, with HTTP 403 and the register's reason, any operation of a caller it does not
    admit that asks for more than ``NOT_ADMITTED_MAY_ASK``."""

    def on_execute(self) -> Iterator[None]:
        context = self.execution_context
        admission: RequestAdmission | None = getattr(context.context, "admission", None)
        if admission is not None and not admission.admitted:
            document = context.graphql_document
            asked = None if document is None else root_fields(document, context.operation_name)
            if asked is None or not asked <= NOT_ADMITTED_MAY_ASK:
                refused = Forbidden(admission.refuse_operation())
                error = GraphQLError(refused.message, original_error=refused)
                context.result = ExecutionResult(data=None, errors=[error])
        yield
