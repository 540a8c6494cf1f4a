"""Which people have given consent that covers a disclosure: for this purpose, to this caller's
organisation (by name or by its sector), given and not yet expired or withdrawn."""

from __future__ import annotations

import datetime as dt

from graph._cypher import Tx, fetch_collected

# Withdrawal sets the status away from GIVEN, so it takes effect on the next statement that runs.
# Today's date is a parameter: `date()` evaluated on every row cost a third of the statement.
_IN_SCOPE = """
MATCH (o:Organisation {id: $organisationId})
UNWIND $ids AS id
MATCH (p:Person {id: id})
// Start from each person (a unique lookup), not from every given consent in the database.
WITH o, p
MATCH (p)<-[:CONCERNS]-(c:Consent)
WHERE c.status = 'GIVEN' AND $purpose IN c.purposes
  AND c.givenOn <= $today AND (c.expiresOn IS NULL OR c.expiresOn >= $today)
  AND (o.id IN coalesce(c.organisations, []) OR o.sector IN coalesce(c.sectors, []))
RETURN collect(DISTINCT p.id) AS ids
"""


async def consented(tx: Tx, ids: list[str], purpose: str, organisation_id: str) -> set[str]:
    """The ids, among ``ids``, of people whose consent covers this purpose and organisation."""
    today = dt.datetime.now(dt.UTC).date()  # the server's date() is UTC too
    found = await fetch_collected(
        tx, _IN_SCOPE, ids=ids, purpose=purpose, organisationId=organisation_id, today=today
    )
    return {str(i) for i in found}
