"""What every mutation's payload shares: its expected failures, listed in ``errors`` (nothing was
changed when there are any). Unexpected, authentication and transport failures are GraphQL errors
instead (api.errors)."""

from __future__ import annotations

from enum import Enum

import strawberry

from api.access import not_personal

_WHY_NOT = "why a mutation did nothing"


@strawberry.enum(description="Why a mutation did not do what was asked.")
class MutationErrorCode(Enum):
    BAD_USER_INPUT = "BAD_USER_INPUT"
    NOT_FOUND = "NOT_FOUND"
    CONFLICT = "CONFLICT"


@strawberry.type(description="An expected failure of a mutation; nothing was changed.")
class MutationError:
    code: MutationErrorCode = not_personal(_WHY_NOT)
    field: str | None = not_personal(_WHY_NOT)
    message: str = not_personal(_WHY_NOT)
