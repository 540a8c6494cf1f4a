"""``node(id:)``: any object by its global id."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import strawberry

from api.access import relied_on
from api.actions import ROWS_AND_FIELDS, Anyone
from api.consent.types import Consent
from api.context import Info
from api.families.types import Family
from api.links.types import RelativeLink
from api.organisations.types import Organisation, User
from api.people.criteria import Criterion
from api.people.residence import Address
from api.people.types import Person
from api.relay import Node, parse_global_id
from api.sharing.types import SharingDecision
from loaders import Loaders

Fetch = Callable[[Info, str], Awaitable[Node | None]]


def _via(loader: str, make: Callable[[Any], Node]) -> Fetch:
    async def fetch(info: Info, raw_id: str) -> Node | None:
        loaders: Loaders = info.context.loaders
        found = await getattr(loaders, loader).load(raw_id)
        return make(found) if found is not None else None

    return fetch


async def _link(info: Info, raw_id: str) -> Node | None:
    # A link is data about both people: one the caller may not be told of reads as absent, as
    # `Person.relatives` leaves it out.
    found = await info.context.loaders.link.load(raw_id)
    if found is None:
        return None
    access = info.context.access
    people = (found.from_person_id, found.to_person_id)
    if access.audited and access.needs_consent and not await relied_on(info, people, False):
        return None
    return RelativeLink.from_record(found)


async def _consent(info: Info, raw_id: str) -> Node | None:
    found = await info.context.loaders.consent.load(raw_id)
    return Consent.from_record(found, info.context.consent_age) if found is not None else None


# An allow-list: a type missing here answers null, whatever the id says.
_FETCHERS: dict[str, Fetch] = {
    "Person": _via("person", Person.from_record),
    "Family": _via("family", Family.from_record),
    "Organisation": _via("organisation", Organisation.from_record),
    "User": _via("user", User.from_record),
    "RelativeLink": _link,
    "Address": _via("address", lambda r: Address.from_record(r.address, r.person_ids)),
    "Criterion": _via("criterion", Criterion.from_record),
    "Consent": _consent,
}


@strawberry.type
class Query:
    @strawberry.field(
        description="Any object by its global id; null when there is none.",
        extensions=[Anyone(ROWS_AND_FIELDS)],
    )
    async def node(self, info: Info, id: strawberry.ID) -> Node | None:
        type_name, raw_id = parse_global_id(id)
        fetch = _FETCHERS.get(type_name)
        return await fetch(info, raw_id) if fetch else None


# Types reachable only through the Node interface must still be in the schema.
NODE_TYPES = (
    Person,
    Family,
    Organisation,
    User,
    RelativeLink,
    Address,
    Criterion,
    Consent,
    SharingDecision,
)
