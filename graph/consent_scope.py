"""Which people have given consent that covers a disclosure: for this purpose, to this caller's
organisation (by name or by its sector), given and not yet expired or withdrawn."""

from __future__ import annotations

from graph._cypher import Tx, fetch

# Withdrawal sets the status away from GIVEN, so it takes effect on the next statement that runs.
_IN_SCOPE = """
MATCH (o:Organisation {id: $organisationId})
UNWIND $ids AS id
MATCH (p:Person {id: id})
// Start from each person (a unique lookup), not from every given consent in the database.
WITH o, p
MATCH (p)<-[:CONCERNS]-(c:Consent)
WHERE c.status = 'GIVEN' AND $purpose IN c.purposes
  AND c.givenOn <= date() AND (c.expiresOn IS NULL OR c.expiresOn >= date())
  AND (o.id IN coalesce(c.organisations, []) OR o.sector IN coalesce(c.sectors, []))
RETURN DISTINCT p.id AS id
"""


async def consented(tx: Tx, ids: list[str], purpose: str, organisation_id: str) -> set[str]:
    """The ids, among ``ids``, of people whose consent covers this purpose and organisation."""
    rows = await fetch(tx, _IN_SCOPE, ids=ids, purpose=purpose, organisationId=organisation_id)
    return {str(r["id"]) for r in rows}
