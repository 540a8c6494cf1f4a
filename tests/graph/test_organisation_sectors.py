"""The cache of organisations' sectors on the real Neo4j: what it reads, and when it reads again."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from typing import Any, LiteralString

import pytest
import pytest_asyncio

from graph import Database, GraphUnavailable, Neo4jSettings, OrganisationSectors, Viewer

# Port 1 on loopback: nothing listens, so every connection is refused at once.
UNREACHABLE = Neo4jSettings(uri="bolt://127.0.0.1:1", user="neo4j", password="x")


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


async def _run(db: Database, query: LiteralString, **params: Any) -> None:
    async with db.driver.session(database=db.name) as session:
        await (await session.run(query, params)).consume()


@pytest_asyncio.fixture
async def organisation(db: Database) -> AsyncIterator[str]:
    org_id = f"t-org-sectors-{uuid.uuid4()}"
    await _run(
        db, "CREATE (:Organisation {id: $id, name: 'Sector Test', sector: 'health'})", id=org_id
    )
    yield org_id
    await _run(db, "MATCH (o:Organisation {id: $id}) DETACH DELETE o", id=org_id)


async def _set_sector(db: Database, org_id: str, sector: str) -> None:
    await _run(
        db, "MATCH (o:Organisation {id: $id}) SET o.sector = $sector", id=org_id, sector=sector
    )


async def test_reads_the_sector_of_the_organisation(db: Database, organisation: str) -> None:
    assert await OrganisationSectors(db).of(organisation) == "health"


async def test_an_unknown_organisation_has_no_sector(db: Database) -> None:
    assert await OrganisationSectors(db).of(f"t-org-missing-{uuid.uuid4()}") is None


async def test_an_entry_is_reused_within_its_ttl_and_read_again_after(
    db: Database, organisation: str
) -> None:
    clock = FakeClock()
    sectors = OrganisationSectors(db, ttl_seconds=300, clock=clock)
    assert await sectors.of(organisation) == "health"

    await _set_sector(db, organisation, "police")
    clock.now += 299
    assert await sectors.of(organisation) == "health"

    clock.now += 1
    assert await sectors.of(organisation) == "police"


async def test_an_unknown_organisation_is_cached_too(db: Database, organisation: str) -> None:
    clock = FakeClock()
    sectors = OrganisationSectors(db, clock=clock)
    late = f"t-org-late-{uuid.uuid4()}"
    assert await sectors.of(late) is None
    await _run(db, "CREATE (:Organisation {id: $id, sector: 'police'})", id=late)
    try:
        assert await sectors.of(late) is None
        clock.now += 300
        assert await sectors.of(late) == "police"
    finally:
        await _run(db, "MATCH (o:Organisation {id: $id}) DETACH DELETE o", id=late)


async def test_a_failed_read_propagates_and_is_not_cached() -> None:
    unreachable = Database.connect(UNREACHABLE, retry_seconds=0.1)
    try:
        sectors = OrganisationSectors(unreachable)
        for _ in range(2):  # a cached None would answer the second call
            with pytest.raises(GraphUnavailable):
                await sectors.of("t-org-charity")
    finally:
        await unreachable.close()


def test_a_viewer_whose_sector_could_not_be_read_runs_no_statement() -> None:
    viewer = Viewer("u", "o", consent_purpose="coordinate-support", sector_unavailable=True)
    with pytest.raises(GraphUnavailable):
        viewer.params()


def test_the_sector_is_a_parameter_of_every_statement() -> None:
    params = Viewer("u", "o", organisation_sector="health").params()
    assert params["organisationSector"] == "health"
    assert Viewer("u", "o").params()["organisationSector"] is None
