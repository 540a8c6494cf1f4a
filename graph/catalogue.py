"""Cypher for addresses and identifying criteria looked up by key."""

from __future__ import annotations

from dataclasses import dataclass

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
_CRITERION_CODES = "MATCH (c:Criterion) RETURN collect(c.code) AS codes"


async def addresses(tx: Tx, ids: list[str], viewer: Viewer) -> list[Residents]:
    rows = await fetch(tx, _ADDRESSES, ids=ids, **viewer.params())
    return [Residents(records.address(r["a"]), tuple(sorted(r["residents"]))) for r in rows]


async def criterion_codes(tx: Tx) -> frozenset[str]:
    """Every criterion code the catalogue knows (what a partner's list may name)."""
    rows = await fetch(tx, _CRITERION_CODES)
    return frozenset(str(code) for code in rows[0]["codes"])


async def criteria(tx: Tx, codes: list[str]) -> list[records.Criterion]:
    return [records.criterion(r["c"]) for r in await fetch(tx, _CRITERIA, codes=codes)]
