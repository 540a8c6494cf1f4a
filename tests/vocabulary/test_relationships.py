"""Relationship kinds: each has one inverse, and the inverse of the inverse is the kind."""

from __future__ import annotations

import pytest

from vocabulary import INVERSE_KIND, RelationshipKind


@pytest.mark.parametrize("kind", list(RelationshipKind))
def test_each_kind_is_the_inverse_of_its_inverse(kind: RelationshipKind) -> None:
    assert INVERSE_KIND[INVERSE_KIND[kind]] is kind


def test_the_inverses() -> None:
    assert {k: v for k, v in INVERSE_KIND.items() if k != v} == {
        "PARENT": "CHILD",
        "CHILD": "PARENT",
        "CARER": "CARED_FOR",
        "CARED_FOR": "CARER",
        "GRANDPARENT": "GRANDCHILD",
        "GRANDCHILD": "GRANDPARENT",
        "STEP_PARENT": "STEP_CHILD",
        "STEP_CHILD": "STEP_PARENT",
    }
    assert INVERSE_KIND["SIBLING"] == "SIBLING"
    assert set(INVERSE_KIND) == set(RelationshipKind)


def test_the_inverses_cannot_be_changed() -> None:
    with pytest.raises(TypeError):
        INVERSE_KIND["PARENT"] = RelationshipKind.OTHER  # type: ignore[index]
