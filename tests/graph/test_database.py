"""Database.for_request: a request's own view of the database, told when each statement begins."""

from __future__ import annotations

from graph import Database
from graph._cypher import Tx, fetch


async def _one(tx: Tx) -> int:
    rows = await fetch(tx, "RETURN 1 AS one")
    return int(rows[0]["one"])


async def test_each_read_and_write_of_a_request_first_tells_it(db: Database) -> None:
    told: list[str] = []
    mine = db.for_request(lambda: told.append("waiting"))
    assert await mine.read(_one) == 1
    assert await mine.write(_one) == 1
    assert await mine.write_statement(_one) == 1
    assert told == ["waiting"] * 3
    # The shared database, and so every other request, is not told.
    assert await db.read(_one) == 1
    assert told == ["waiting"] * 3
    assert mine.driver is db.driver
