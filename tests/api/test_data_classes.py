"""Every field of personal data has a data class: a new field fails here until it has one."""

from __future__ import annotations

from graphql import GraphQLNonNull, GraphQLObjectType

from api.access import NOT_PERSONAL, PER_ROW, data_class_of
from api.schema import create_schema

STRUCTURAL = {"id", "cursor", "node", "edges", "pageInfo", "totalCount"}
ROOTS = {"Query", "Mutation"}


def _object_fields() -> list[tuple[str, str, bool]]:
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
                found.append((name, graphql_name, data_class_of(field) is not None))
    return found


def test_every_personal_field_has_a_data_class() -> None:
    unclassified = [
        f"{type_name}.{field}"
        for type_name, field, classified in _object_fields()
        if not classified
        and field not in STRUCTURAL
        and type_name != "PageInfo"
        and not type_name.endswith("Payload")
        and f"{type_name}.{field}" not in NOT_PERSONAL | PER_ROW
    ]
    assert unclassified == [], (
        "Give these fields a data class (api.access.personal / Classified), or list them in "
        f"api.access.NOT_PERSONAL with the reason they are not personal data: {unclassified}"
    )


def test_not_personal_lists_only_real_unclassified_fields() -> None:
    fields = {f"{t}.{f}": classified for t, f, classified in _object_fields()}
    stale = sorted(name for name in NOT_PERSONAL | PER_ROW if name not in fields or fields[name])
    assert stale == []


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
            if data_class_of(field) is None or graphql_name not in graphql_type.fields:
                continue
            if isinstance(graphql_type.fields[graphql_name].type, GraphQLNonNull):
                non_null.append(f"{name}.{graphql_name}")
    assert non_null == []


def test_every_type_with_personal_fields_says_whom_they_concern() -> None:
    """Whom a value concerns decides whose consent it waits for and whom the audit names: a type
    that forgot it would be served unchecked and recorded as about no one."""
    schema = create_schema()
    missing = []
    for name, graphql_type in schema._schema.type_map.items():
        if name.startswith("__") or not isinstance(graphql_type, GraphQLObjectType):
            continue
        definition = schema.get_type_by_name(name)
        fields = getattr(definition, "fields", [])
        if not any(data_class_of(f) is not None for f in fields):
            continue
        cls = definition.origin  # type: ignore[union-attr]
        declared = "subject_ids" in getattr(cls, "__dataclass_fields__", {}) or isinstance(
            getattr(cls, "subject_ids", None), property
        )
        if not declared:
            missing.append(name)
    assert missing == []
