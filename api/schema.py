"""The GraphQL schema: every feature's queries and mutations merged, with the hardening."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator

from graphql import GraphQLError
from strawberry import Schema
from strawberry.extensions import (
    AddValidationRules,
    DisableIntrospection,
    MaxAliasesLimiter,
    MaxTokensLimiter,
    ParserCache,
    QueryDepthLimiter,
    SchemaExtension,
    ValidationCache,
)
from strawberry.schema.config import StrawberryConfig
from strawberry.tools import merge_types

from api.access import Redactions
from api.access_register.gate import RegisterGate
from api.access_register.mutations import Mutation as AccessRegisterMutation
from api.access_register.queries import Query as AccessRegisterQuery
from api.break_glass.mutations import Mutation as BreakGlassMutation
from api.consent.mutations import Mutation as ConsentMutation
from api.cost import QueryCost
from api.eligibility.mutations import Mutation as EligibilityMutation
from api.error_codes import ErrorCodes
from api.families.queries import Query as FamilyQuery
from api.governance.queries import Query as GovernanceQuery
from api.households.mutations import Mutation as HouseholdMutation
from api.links.mutations import Mutation as LinkMutation
from api.matching.mutations import Mutation as MatchingMutation
from api.matching.mutations import ReviewMutation as MatchReviewMutation
from api.matching.queries import Query as MatchingQuery
from api.node import NODE_TYPES
from api.node import Query as NodeQuery
from api.organisations.queries import Query as ViewerQuery
from api.people.queries import Query as PersonQuery
from api.query_count import QueryCount
from api.sharing.mutations import Mutation as SharingMutation
from api.sharing.queries import Query as SharingQuery
from api.teams.mutations import Mutation as TeamMutation
from api.uploads.mutations import Mutation as UploadsMutation
from api.uploads.queries import Query as UploadsQuery

Query = merge_types(
    "Query",
    (
        NodeQuery,
        ViewerQuery,
        PersonQuery,
        FamilyQuery,
        GovernanceQuery,
        UploadsQuery,
        MatchingQuery,
        SharingQuery,
        AccessRegisterQuery,
    ),
)
Mutation = merge_types(
    "Mutation",
    (
        LinkMutation,
        ConsentMutation,
        BreakGlassMutation,
        TeamMutation,
        UploadsMutation,
        MatchingMutation,
        HouseholdMutation,
        MatchReviewMutation,
        EligibilityMutation,
        SharingMutation,
        AccessRegisterMutation,
    ),
)

MAX_TOKENS = 2000
MAX_DEPTH = 12
MAX_ALIASES = 30
PARSE_CACHE_SIZE = 512


# The limiters' rule classes are built once: a rule class made per request would be a new key for
# ValidationCache every time, and every request would be validated afresh.
_LIMIT_RULES = [
    *QueryDepthLimiter(max_depth=MAX_DEPTH).validation_rules,
    *MaxAliasesLimiter(max_alias_count=MAX_ALIASES).validation_rules,
]


class _ParserCache(ParserCache):
    """Leaves a document that fails to parse to Strawberry's own parse step, which reports the
    error as a result (with a code) instead of raising it out of the extension."""

    def on_parse(self) -> Iterator[None]:
        context = self.execution_context
        with contextlib.suppress(GraphQLError):
            context.graphql_document = self.cached_parse_document(
                context.query, **context.parse_options
            )
        yield


def create_schema(*, introspection: bool = True, query_count: bool = False) -> Schema:
    """The schema; production turns introspection off, tests turn the query counter on."""
    # Factories, so that each request gets fresh extension instances.
    extensions: list[Callable[[], SchemaExtension] | type[SchemaExtension]] = [
        # Reject oversized documents while parsing, before graphql-core's validation, whose cost
        # grows with the square of repeated fields.
        lambda: MaxTokensLimiter(max_token_count=MAX_TOKENS),
        lambda: _ParserCache(maxsize=PARSE_CACHE_SIZE),
        lambda: ValidationCache(maxsize=512),
        lambda: AddValidationRules(_LIMIT_RULES),
        # After validation (which the cost relies on), before anything runs.
        QueryCost,
        RegisterGate,
        ErrorCodes,
        Redactions,
    ]
    if not introspection:
        extensions.append(DisableIntrospection)
    if query_count:
        extensions.append(QueryCount)
    return Schema(
        query=Query,
        mutation=Mutation,
        types=NODE_TYPES,
        extensions=extensions,
        config=StrawberryConfig(disable_field_suggestions=True),
    )
