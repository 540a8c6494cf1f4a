"""The register of users on the real Neo4j: what an entry holds, how long a process keeps its copy,
and the migration that brings users from before the register into it."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from typing import Any, LiteralString

import pytest
import pytest_asyncio

from graph import Database, GraphUnavailable, Neo4jSettings, access_register
from graph.access_register import AccessRegister, Registration
from graph.migrations import v021

UNREACHABLE = Neo4jSettings(uri="bolt://127.0.0.1:1", user="neo4j", password="x")


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


async def _run(db: Database, query: LiteralString, **params: Any) -> list[dict[str, Any]]:
    async with db.driver.session(database=db.name) as session:
        result = await session.run(query, params)
        return [record.data() async for record in result]


@pytest_asyncio.fixture
async def user(db: Database) -> AsyncIterator[str]:
    user_id = f"t-register-{uuid.uuid4()}"
    await _run(
        db,
        """CREATE (o:Organisation {id: $id + '-org', name: 'Register', sector: 'health',
                                   signedAgreement: true})
           CREATE (u:User {id: $id, name: 'Reg', status: 'APPROVED', kind: 'PERSON',
                           roles: ['practitioner'], requestedRoles: ['practitioner'],
                           userAgreementVersion: '1'})-[:WORKS_FOR]->(o)""",
        id=user_id,
    )
    yield user_id
    await _run(db, "MATCH (n) WHERE n.id STARTS WITH $id DETACH DELETE n", id=user_id)


async def test_an_entry_holds_the_user_and_their_organisation(db: Database, user: str) -> None:
    assert await db.read(access_register.registration, user) == Registration(
        user_id=user,
        status="APPROVED",
        kind="PERSON",
        roles=frozenset({"practitioner"}),
        requested_roles=("practitioner",),
        user_agreement_version="1",
        organisation_ids=(f"{user}-org",),
        organisation_signed=True,
    )
    await _run(
        db, "MATCH (o:Organisation {id: $id}) SET o.signedAgreement = 'yes'", id=f"{user}-org"
    )
    found = await db.read(access_register.registration, user)
    assert found is not None
    assert found.organisation_signed is False  # only `true` is signed


async def test_a_user_without_status_is_not_in_the_register(db: Database, user: str) -> None:
    await _run(db, "MATCH (u:User {id: $id}) REMOVE u.status", id=user)
    assert await db.read(access_register.registration, user) is None
    assert await db.read(access_register.registration, "t-register-nobody") is None


async def test_a_process_keeps_its_copy_for_the_ttl_and_drops_it_on_a_change(
    db: Database, user: str
) -> None:
    clock = FakeClock()
    register = AccessRegister(db, ttl_seconds=2.0, clock=clock)
    assert (await register.registration(user)).status == "APPROVED"  # type: ignore[union-attr]

    await _run(db, "MATCH (u:User {id: $id}) SET u.status = 'SUSPENDED'", id=user)
    clock.now += 1.99
    assert (await register.registration(user)).status == "APPROVED"  # type: ignore[union-attr]
    clock.now += 0.02
    assert (await register.registration(user)).status == "SUSPENDED"  # type: ignore[union-attr]

    await _run(db, "MATCH (u:User {id: $id}) SET u.status = 'REVOKED'", id=user)
    access_register.changed()  # a change made through this process
    assert (await register.registration(user)).status == "REVOKED"  # type: ignore[union-attr]


async def test_a_stranger_is_remembered_as_such_and_zero_ttl_reads_every_time(
    db: Database, user: str
) -> None:
    clock = FakeClock()
    register = AccessRegister(db, ttl_seconds=2.0, clock=clock)
    stranger = f"{user}-stranger"
    assert await register.registration(stranger) is None
    await _run(
        db,
        "CREATE (:User {id: $id, name: 'S', status: 'REQUESTED', roles: []})",
        id=stranger,
    )
    assert await register.registration(stranger) is None
    clock.now += 2.0
    assert (await register.registration(stranger)).status == "REQUESTED"  # type: ignore[union-attr]

    uncached = AccessRegister(db, ttl_seconds=0.0, clock=clock)
    await uncached.registration(user)
    await _run(db, "MATCH (u:User {id: $id}) SET u.roles = ['coordinator']", id=user)
    assert (await uncached.registration(user)).roles == {"coordinator"}  # type: ignore[union-attr]


async def test_an_unreachable_register_is_an_error_not_an_answer() -> None:
    unreachable = Database.connect(UNREACHABLE, retry_seconds=0.1)
    try:
        with pytest.raises(GraphUnavailable):
            await AccessRegister(unreachable).registration("anyone")
    finally:
        await unreachable.close()


async def test_users_from_before_the_register_are_approved_but_must_accept_the_agreement(
    db: Database,
) -> None:
    ids = ["t-register-old-active", "t-register-old-inactive", "t-register-old-system"]
    await _run(
        db,
        """UNWIND $rows AS r CREATE (:User {id: r[0], name: r[0], roles: r[1], active: r[2]})""",
        rows=[
            [ids[0], ["practitioner"], True],
            [ids[1], ["coordinator"], False],
            [ids[2], ["partner_system"], True],
        ],
    )
    try:
        await _run(db, v021.MIGRATION.statements[-1])
        rows = await _run(
            db,
            """MATCH (u:User) WHERE u.id IN $ids
               RETURN u.id AS id, u.status AS status, u.kind AS kind,
                      u.userAgreementVersion AS agreement ORDER BY id""",
            ids=ids,
        )
        assert rows == [
            {"id": ids[0], "status": "APPROVED", "kind": "PERSON", "agreement": None},
            {"id": ids[1], "status": "SUSPENDED", "kind": "PERSON", "agreement": None},
            {"id": ids[2], "status": "APPROVED", "kind": "SYSTEM", "agreement": None},
        ]
    finally:
        await _run(db, "MATCH (u:User) WHERE u.id IN $ids DETACH DELETE u", ids=ids)
