"""The top-level reads of one request: the pages of every list a query starts from, their
counts, and the single records no level of a query asks for in batches.

Created with the request's loaders and bound to the same database and viewer, so the API reads
nothing but through ``loaders``. Nothing here is cached: a mutation that reads, writes and reads
again (the register of users) sees its own write.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable
from typing import Concatenate, ParamSpec, TypeVar

from audit import chain, listings
from audit.chain import ChainReport
from audit.listings import DisclosureRecord
from graph import (
    Database,
    Viewer,
    access_changes,
    access_register,
    break_glass,
    families,
    people,
    records,
    sharing_decisions,
)
from graph.access_changes import AccessChange, PartnerAgreement
from graph.access_register import Registration
from graph.break_glass import Notification
from graph.families import FamilyFilter
from graph.people import PersonFilter
from graph.sharing_decisions import Decision

P = ParamSpec("P")
T = TypeVar("T")


class Reads:
    """Pages are keyset-paged: ``limit`` rows after the previous page's last position."""

    def __init__(self, db: Database, viewer: Viewer) -> None:
        self._db = db
        self._viewer = viewer

    async def run(
        self, read: Callable[Concatenate[Database, P], Awaitable[T]], *args: P.args, **kw: P.kwargs
    ) -> T:
        """A capability's own read (``loaders.matching``, ``loaders.intake``) on this request's
        database: ``read(db, *args)``."""
        return await read(self._db, *args, **kw)

    async def people(
        self, criteria: PersonFilter, after: tuple[str, str] | None, limit: int
    ) -> list[tuple[records.Person, tuple[str, str]]]:
        """People in name order, as far as the viewer sees them, each with its position."""
        return await self._db.read(people.search, criteria, after, limit, self._viewer)

    async def people_count(self, criteria: PersonFilter) -> int:
        return await self._db.read(people.count, criteria, self._viewer)

    async def families(
        self, criteria: FamilyFilter, after: str | None, limit: int
    ) -> list[records.Family]:
        """Families in reference order, as far as the viewer sees them."""
        return await self._db.read(families.search, criteria, after, limit, self._viewer)

    async def families_count(self, criteria: FamilyFilter) -> int:
        return await self._db.read(families.count, criteria, self._viewer)

    async def sharing_decisions(
        self, statuses: list[str], before: tuple[str, str] | None, limit: int
    ) -> list[Decision]:
        """Decisions to share without consent in these states, newest first."""
        return await self._db.read(sharing_decisions.listing, statuses, before, limit)

    async def sharing_decisions_count(self, statuses: list[str]) -> int:
        return await self._db.read(sharing_decisions.count, statuses)

    async def registration(self, user_id: str) -> Registration | None:
        """The user's entry in the register as it is now (not the admission's cached copy)."""
        return await self._db.read(access_register.registration, user_id)

    async def registrations(
        self, status: str | None, after: str | None, limit: int
    ) -> list[Registration]:
        """Users in the register, in id order, of ``status`` or of any."""
        return await self._db.read(access_register.listing, status, after, limit)

    async def registrations_count(self, status: str | None) -> int:
        return await self._db.read(access_register.count, status)

    async def partner_agreement(self, organisation_id: str) -> PartnerAgreement | None:
        """The organisation's signature of the agreement; None when it is no partner."""
        return await self._db.read(access_changes.partner_agreement, organisation_id)

    async def access_changes(
        self,
        *,
        user_id: str | None,
        organisation_id: str | None,
        action: str | None,
        before: tuple[dt.datetime, str] | None,
        limit: int,
    ) -> list[AccessChange]:
        """Recorded changes to the register, newest first, filtered as given."""
        return await self._db.read(
            access_changes.changes,
            before=before,
            limit=limit,
            user_id=user_id,
            organisation_id=organisation_id,
            action=action,
        )

    async def access_changes_count(
        self, *, user_id: str | None, organisation_id: str | None, action: str | None
    ) -> int:
        return await self._db.read(
            access_changes.count_changes,
            user_id=user_id,
            organisation_id=organisation_id,
            action=action,
        )

    async def disclosures_about(
        self, person_id: str, limit: int, before: int | None
    ) -> list[DisclosureRecord]:
        """Disclosures concerning a person, newest first, before the sequence ``before``."""
        return await self._db.read(listings.by_person, person_id, limit, before)

    async def disclosures_about_count(self, person_id: str) -> int:
        return await self._db.read(listings.count_by_person, person_id)

    async def disclosures_to(
        self, user_id: str, limit: int, before: int | None
    ) -> list[DisclosureRecord]:
        """Disclosures made to a user, newest first, before the sequence ``before``."""
        return await self._db.read(listings.by_user, user_id, limit, before)

    async def disclosures_to_count(self, user_id: str) -> int:
        return await self._db.read(listings.count_by_user, user_id)

    async def audit_chain(self) -> ChainReport:
        """The whole audit chain verified now."""
        return await self._db.read(chain.verify)

    async def break_glass_notifications(
        self, before: tuple[str, str] | None, limit: int
    ) -> list[Notification]:
        """Break-glass alerts, newest first."""
        return await self._db.read(break_glass.notifications, before, limit)

    async def break_glass_notifications_count(self) -> int:
        return await self._db.read(break_glass.count_notifications)
