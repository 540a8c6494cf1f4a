"""The disclosures a response makes, gathered while it is resolved and recorded before it leaves.

Each field of personal data that is served adds its data class and the people it concerns (the
``subject_ids`` of the object it belongs to). After execution, one hash-chained record
(``graph.audit``) is written for the request; if it cannot be written, the response is replaced
by an error and no personal data is sent.
"""

from __future__ import annotations

import asyncio
import contextvars
import datetime as dt
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from api.declarations import Declaration
from auth import Principal
from graph import audit
from policy import DataClass
from policy.lawful_bases import LawfulBasis


async def _no_grant() -> bool:
    return False


@dataclass
class Disclosed:
    # Whether the user holds a break-glass grant, which flags the record; asked from the first
    # disclosure on, while the rest of the query runs, and never for a response that discloses
    # nothing.
    break_glass_check: Callable[[], Awaitable[bool]] = _no_grant
    classes: set[DataClass] = field(default_factory=set)
    people: dict[str, None] = field(default_factory=dict)  # ordered set: first seen first
    _break_glass: asyncio.Future[bool] | None = None

    async def _ask_break_glass(self) -> bool:
        return await self.break_glass_check()

    def add(self, data_class: DataClass, subjects: tuple[str, ...]) -> None:
        if self._break_glass is None:
            # In a context of its own: the audit's read is not one the query made (queryCount).
            self._break_glass = asyncio.get_running_loop().create_task(
                self._ask_break_glass(), context=contextvars.Context()
            )
        self.classes.add(data_class)
        for subject in subjects:
            self.people[subject] = None

    async def record(
        self,
        principal: Principal,
        declaration: Declaration,
        lawful_basis: LawfulBasis,
        request_id: str,
        policy_version: str,
    ) -> audit.Disclosure | None:
        """The audit record of this response, or None when it disclosed no personal data."""
        if not self.classes or self._break_glass is None:
            return None
        return audit.Disclosure(
            request_id=request_id,
            user_id=principal.user_id,
            organisation_id=principal.organisation_id,
            purpose=declaration.purpose.value,
            lawful_basis=lawful_basis.value,
            justification=declaration.justification,
            special_condition=(
                declaration.special_condition.value if declaration.special_condition else None
            ),
            person_ids=tuple(self.people),
            data_classes=tuple(sorted(c.value for c in self.classes)),
            policy_version=policy_version,
            occurred_at=dt.datetime.now(dt.UTC),
            break_glass=await self._break_glass,
        )
