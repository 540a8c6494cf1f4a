"""Every field of personal data has a data class: a new field fails here until it has one.

What each field holds is declared at the field (api.access: ``personal``/``Classified``,
``ClassifiedRows``, or ``not_personal`` with the reason); these tests read the declarations."""

from __future__ import annotations

from graphql import GraphQLNonNull, GraphQLObjectType

from api.access import (
    AboutPeople,
    ClassifiedRows,
    Concern,
    NotPersonal,
    data_class_of,
    declarations_of,
)
from api.schema import create_schema

STRUCTURAL = {"id", "cursor", "node", "edges", "pageInfo", "totalCount"}
ROOTS = {"Query", "Mutation"}


def _object_fields() -> list[tuple[str, str, list[object]]]:
    """Each field of each object type (but the roots), with what it declares it holds."""
    schema = create_schema()
    found = []
    for name, graphql_type in schema._schema.type_map.items():
        if (
            name.startswith("__")
            or name in ROOTS
            or not isinstance(graphql_type, GraphQLObjectType)
        ):
            continue
        definition = schema.get_type_by_name(name)
        assert definition is not None
        for field in definition.fields:  # type: ignore[union-attr]
            graphql_name = schema.config.name_converter.get_graphql_name(field)
            if graphql_name in graphql_type.fields:  # private attributes are not in the schema
                found.append((name, graphql_name, list[object](declarations_of(field))))
    return found


def _personal(declared: list[object]) -> bool:
    return any(not isinstance(d, NotPersonal) for d in declared)


def test_every_personal_field_has_a_data_class() -> None:
    unclassified = [
        f"{type_name}.{field}"
        for type_name, field, declared in _object_fields()
        if not declared
        and field not in STRUCTURAL
        and type_name != "PageInfo"
        and not type_name.endswith("Payload")
    ]
    assert unclassified == [], (
        "Give these fields a data class (api.access.personal / Classified / ClassifiedRows), or "
        f"mark them api.access.not_personal with the reason they are not personal data: "
        f"{unclassified}"
    )


def test_not_personal_lists_only_real_unclassified_fields() -> None:
    # A field is one thing or the other, declared once; a not-personal mark says why.
    contradictory = sorted(f"{t}.{f}" for t, f, declared in _object_fields() if len(declared) > 1)
    assert contradictory == []
    reasons = [
        d.why for _, _, declared in _object_fields() for d in declared if isinstance(d, NotPersonal)
    ]
    assert reasons
    assert all(why.strip() for why in reasons)


def test_person_fields_carry_the_expected_classes() -> None:
    schema = create_schema()
    person = schema.get_type_by_name("Person")
    classes = {
        f.python_name: (data_class_of(f).data_class if data_class_of(f) else None)  # type: ignore[union-attr]
        for f in person.fields  # type: ignore[union-attr]
        if f.python_name != "raw_id"
    }
    assert {k: v.value if v else None for k, v in classes.items()} == {
        "id": None,
        "given_name": "identity",
        "family_name": "identity",
        "date_of_birth": "identity",
        "sex": "identity",
        "addresses": "address",
        "current_address": "address",
        "sharing_decisions": "social_care",
        "relatives": "family_links",
        "families": "family_links",
        "consents": "social_care",
        "criteria_met": None,  # filtered row by row on each criterion's class
    }


def test_every_classified_field_is_nullable() -> None:
    """A withheld field answers null; a non-null one would null its whole parent instead."""
    schema = create_schema()
    non_null = []
    for name, graphql_type in schema._schema.type_map.items():
        if name.startswith("__") or not isinstance(graphql_type, GraphQLObjectType):
            continue
        definition = schema.get_type_by_name(name)
        for field in definition.fields:  # type: ignore[union-attr]
            graphql_name = schema.config.name_converter.get_graphql_name(field)
            if not _personal(declarations_of(field)) or graphql_name not in graphql_type.fields:
                continue
            if isinstance(graphql_type.fields[graphql_name].type, GraphQLNonNull):
                non_null.append(f"{name}.{graphql_name}")
    assert non_null == []


def _types_with_personal_fields() -> list[tuple[str, type]]:
    schema = create_schema()
    found = []
    for name, graphql_type in schema._schema.type_map.items():
        if name.startswith("__") or not isinstance(graphql_type, GraphQLObjectType):
            continue
        definition = schema.get_type_by_name(name)
        fields = getattr(definition, "fields", [])
        if any(_personal(declarations_of(f)) for f in fields):
            found.append((name, definition.origin))  # type: ignore[union-attr]
    return found


def test_every_type_with_personal_fields_says_whom_they_concern() -> None:
    """Whom a value concerns decides whose consent it waits for and whom the audit names: a type
    that forgot it would be served unchecked and recorded as about no one."""
    missing = []
    for name, cls in _types_with_personal_fields():
        declared = "subject_ids" in getattr(cls, "__dataclass_fields__", {}) or isinstance(
            getattr(cls, "subject_ids", None), property
        )
        if not declared:
            missing.append(name)
    assert missing == []


def test_every_type_with_personal_fields_says_how_consent_bears_on_them() -> None:
    """The other half of ``AboutPeople``: declared by the type, never defaulted."""
    assert "consent_rule" in AboutPeople.__annotations__
    missing = [
        name
        for name, cls in _types_with_personal_fields()
        if not isinstance(getattr(cls, "consent_rule", None), Concern)
    ]
    assert missing == []
    assert len(_types_with_personal_fields()) > 10


def test_a_list_of_rows_of_many_classes_is_declared_as_such() -> None:
    schema = create_schema()
    person = schema.get_type_by_name("Person")
    criteria = next(f for f in person.fields if f.python_name == "criteria_met")  # type: ignore[union-attr]
    assert [type(d) for d in declarations_of(criteria)] == [ClassifiedRows]
