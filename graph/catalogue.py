"""Cypher for addresses and identifying criteria looked up by key."""

from __future__ import annotations

from graph import records
from graph._cypher import Tx, fetch

_ADDRESSES = "UNWIND $ids AS id MATCH (a:Address {id: id}) RETURN a"
_CRITERIA = "UNWIND $codes AS code MATCH (c:Criterion {code: code}) RETURN c"


async def addresses(tx: Tx, ids: list[str]) -> list[records.Address]:
    return [records.address(r["a"]) for r in await fetch(tx, _ADDRESSES, ids=ids)]


async def criteria(tx: Tx, codes: list[str]) -> list[records.Criterion]:
    return [records.criterion(r["c"]) for r in await fetch(tx, _CRITERIA, codes=codes)]
