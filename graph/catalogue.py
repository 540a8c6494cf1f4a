"""Cypher for addresses and identifying criteria looked up by key."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass

from neo4j import AsyncManagedTransaction

from domain.eligibility import CatalogueEntry
from graph import records
from graph._cypher import Tx, fetch
from graph.visibility import PERSON_VISIBLE, Viewer

# An address is visible when someone the caller may see lives or lived there; those people are
# whom reading it concerns (for consent and the audit).
_ADDRESSES = (
    "UNWIND $ids AS id MATCH (a:Address {id: id}) "
    "CALL (a) { MATCH (a)<-[:LIVES_AT]-(p:Person) WHERE "
    + PERSON_VISIBLE
    + " RETURN collect(DISTINCT p.id) AS residents } "
    "WITH a, residents WHERE size(residents) > 0 RETURN a, residents"
)


@dataclass(frozen=True)
class Residents:
    """An address and the people (visible to the caller) who live or lived there."""

    address: records.Address
    person_ids: tuple[str, ...]

    @property
    def id(self) -> str:
        return self.address.id


_CRITERIA = "UNWIND $codes AS code MATCH (c:Criterion {code: code}) RETURN c"
# The catalogue is the frameworks' (services.eligibility.catalogue): a Criterion node is written
# from it, for partners' reports to point at, and kept as the frameworks word it.
_RECORD_CRITERIA = """
UNWIND $rows AS row
MERGE (c:Criterion {code: row.code})
SET c.name = row.name, c.headlineProblem = row.headline, c.framework = row.framework
"""


async def addresses(tx: Tx, ids: list[str], viewer: Viewer) -> list[Residents]:
    rows = await fetch(tx, _ADDRESSES, ids=ids, **viewer.params())
    return [Residents(records.address(r["a"]), tuple(sorted(r["residents"]))) for r in rows]


async def record_criteria(tx: AsyncManagedTransaction, entries: Sequence[CatalogueEntry]) -> None:
    """Write the catalogue's criteria as `Criterion` nodes (idempotent)."""
    await fetch(tx, _RECORD_CRITERIA, rows=[asdict(e) for e in entries])


async def criteria(tx: Tx, codes: list[str]) -> list[records.Criterion]:
    return [records.criterion(r["c"]) for r in await fetch(tx, _CRITERIA, codes=codes)]
