"""Peeking at what a client selected below a field, to fetch it in one query ahead of time.

Only an optimisation: what is fetched is what the resolvers would have loaded anyway.
"""

from __future__ import annotations

from strawberry.types.nodes import FragmentSpread, InlineFragment, Selection

from api.context import Info


def _selects(selections: list[Selection], name: str) -> bool:
    for selection in selections:
        if isinstance(selection, FragmentSpread | InlineFragment):
            if _selects(selection.selections, name):
                return True
        elif selection.name == name:
            return True
    return False


def selects(info: Info, name: str) -> bool:
    """True when the field being resolved has a sub-field ``name`` (through fragments)."""
    return any(_selects(field.selections, name) for field in info.selected_fields)
