"""Services without a database: what each verb asks of it, and what it does besides."""

from __future__ import annotations

import datetime as dt
from typing import Any

from graph import AccessRegister, Viewer
from graph import links as link_repository
from services import Services, access_register, links
from services.access_register import AccessChange, Registration, Stale

ACTOR = Viewer(user_id="u-1", organisation_id="o-1")
ENTRY = Registration(
    user_id="u-2",
    status="APPROVED",
    kind="PERSON",
    roles=frozenset({"practitioner"}),
    requested_roles=(),
    user_agreement_version="1",
    organisation_ids=("o-1",),
    organisation_signed=True,
)
CHANGE = AccessChange(
    id="c-1",
    at=dt.datetime(2025, 1, 1, tzinfo=dt.UTC),
    action="SUSPENDED",
    actor_id="u-1",
    user_id="u-2",
    organisation_id="o-1",
    reason="Left",
    status_before="APPROVED",
    status_after="SUSPENDED",
    roles_before=("practitioner",),
    roles_after=("practitioner",),
    agreement_before="1",
    agreement_after="1",
)


class FakeDatabase:
    """Records each transaction function it is asked to run, and answers ``answer``."""

    def __init__(self, answer: Any = None) -> None:
        self.answer = answer
        self.writes: list[tuple[Any, tuple[Any, ...], dict[str, Any]]] = []
        self.reads = 0

    async def write(self, work: Any, *args: Any, **kwargs: Any) -> Any:
        self.writes.append((work, args, kwargs))
        return self.answer

    async def read(self, work: Any, *args: Any, **kwargs: Any) -> Any:
        self.reads += 1
        return ENTRY


async def test_services_run_a_verb_on_the_database_they_are_bound_to() -> None:
    db = FakeDatabase()
    seen: list[tuple[Any, ...]] = []

    async def verb(db: Any, actor: str, input: int) -> str:
        seen.append((db, actor, input))
        return "done"

    assert await Services(db).run(verb, "actor", 3) == "done"
    assert seen == [(db, "actor", 3)]


async def test_a_link_is_written_as_the_relative_being_kind_of_the_person() -> None:
    db = FakeDatabase()

    def ages(older: dt.date | None, younger: dt.date | None) -> str | None:
        return None

    new = links.NewLink("p-child", "p-gran", "GRANDPARENT", "Cares after school", ages)
    await links.link_relatives(db, ACTOR, new)
    assert db.writes == [
        (
            link_repository.link_relatives,
            ("p-gran", "p-child", "GRANDPARENT", "Cares after school", ACTOR, ages),
            {},
        )
    ]


async def _standing_changed(answer: AccessChange | Stale) -> int:
    """How many times a cached register reads the user's entry around one change."""
    db = FakeDatabase(answer)
    register = AccessRegister(db, ttl_seconds=60)
    await register.registration("u-2")
    change = access_register.StandingChange(
        "u-2", expected=ENTRY, action="SUSPENDED", status="SUSPENDED", roles=[], reason="Left"
    )
    await access_register.set_standing(db, ACTOR, change)
    await register.registration("u-2")
    return db.reads


async def test_a_change_to_the_register_counts_from_the_next_read() -> None:
    assert await _standing_changed(CHANGE) == 2


async def test_a_stale_change_leaves_the_cached_register_as_it_was() -> None:
    assert await _standing_changed(Stale()) == 1
