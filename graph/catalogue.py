"""Cypher for addresses and identifying criteria looked up by key."""

from __future__ import annotations

from graph import records
from graph._cypher import Tx, fetch
from graph.visibility import PERSON_VISIBLE, Viewer

# An address is visible when someone the caller may see lives or lived there.
_ADDRESSES = (
    "UNWIND $ids AS id MATCH (a:Address {id: id}) "
    "WHERE EXISTS { MATCH (a)<-[:LIVES_AT]-(p:Person) WHERE " + PERSON_VISIBLE + " } RETURN a"
)
_CRITERIA = "UNWIND $codes AS code MATCH (c:Criterion {code: code}) RETURN c"


async def addresses(tx: Tx, ids: list[str], viewer: Viewer) -> list[records.Address]:
    rows = await fetch(tx, _ADDRESSES, ids=ids, **viewer.params())
    return [records.address(r["a"]) for r in rows]


async def criteria(tx: Tx, codes: list[str]) -> list[records.Criterion]:
    return [records.criterion(r["c"]) for r in await fetch(tx, _CRITERIA, codes=codes)]
