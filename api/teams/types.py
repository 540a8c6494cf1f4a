"""A family's team: the users on it, with the lead and the period of each membership.

The users are staff, but who is on a family's team is not only about them: it tells which
agencies are involved with an identifiable family (a youth offending worker, a health visitor).
So the team is classified as the family's links (``family_links``), as its members are: the roles
and purposes that may see who belongs to a family may see who works with it, and no other.
"""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

import strawberry

from api.access import Concern, personal
from api.context import Info
from api.organisations.types import User
from api.relay import PageInfo, slice_list
from vocabulary import DataClass


@strawberry.type(description="A member of the team around a family, and when they were on it.")
class TeamMemberEdge:
    cursor: str
    node: User
    lead: bool | None = personal(DataClass.FAMILY_LINKS, "Whether they lead the team.")
    from_date: dt.date | None = personal(DataClass.FAMILY_LINKS)
    to_date: dt.date | None = personal(
        DataClass.FAMILY_LINKS, "When the membership ended; null while it is active."
    )
    # The family's current members: whom the record is about (the audit names them); served
    # when one of them is covered, as the family's own fields are.
    subject_ids: strawberry.Private[tuple[str, ...]]
    consent_rule: ClassVar[Concern] = Concern.ANY


@strawberry.type
class TeamMemberConnection:
    edges: list[TeamMemberEdge]
    page_info: PageInfo
    total_count: int


async def team_of(
    info: Info,
    family_id: str,
    member_ids: tuple[str, ...],
    first: int | None,
    after: str | None,
    include_past: bool,
) -> TeamMemberConnection:
    """The family's team, active members first (the lead first), past ones only when asked."""
    loaders = info.context.loaders
    rows = [m for m in await loaders.team.load(family_id) if include_past or m.active]
    page, page_info = slice_list(rows, first, after)
    users = await loaders.user.load_many([m.user_id for _, m in page])
    return TeamMemberConnection(
        edges=[
            TeamMemberEdge(
                cursor=c,
                node=User.from_record(user),
                lead=m.lead,
                from_date=m.from_,
                to_date=m.to,
                subject_ids=member_ids,
            )
            for (c, m), user in zip(page, users, strict=True)
            if user is not None
        ],
        page_info=page_info,
        total_count=len(rows),
    )
