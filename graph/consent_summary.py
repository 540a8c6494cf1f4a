"""Each person's consents, summarised on the Person for the consent check of every read.

A families page checks the consent of its 450 members: walking each one's relationships to their
Consent nodes and testing them took 1.0 ms of a 2.8 ms statement (100,000 people). So every write
of a consent also writes, in the same transaction, on its person:

- ``consent:<purpose>``, for each purpose a consent valid today names: whom those consents cover
  for it, as ``o|<organisation id>`` and ``s|<sector>`` keys (a purpose with none has no property);
- ``consentKeysUntil``: the last day on which that is exact (the day before a consent given
  for a later day starts, or the day the first of them expires; 9999-12-31 when none will change).

``graph.consent_scope.covered`` trusts the keys only up to that day; after it, or for a person
with no summary (consents written before migration 14, or outside the API), it checks the Consent
nodes themselves (graph.consent_scope.covers), so a summary can lapse but never over-disclose by
date. Consents are changed through the API (graph.consent) and the synthetic loader, which keep
the summary; a consent changed directly in the database needs ``REBUILD`` run afterwards.
"""

from __future__ import annotations

from typing import LiteralString

from graph._cypher import Tx, fetch

# The summary's properties: one per purpose a valid consent names, ``consent:<purpose>``, read
# as ``p[$consentSummary]``: a purpose's list is a few entries, where one list of every purpose's
# keys made the check 0.3 ms slower on a families page (451 people of 21 keys each).

# Recompute the summary of the person bound to `p` (inside a write; names start with `cs_`).
REFRESH_P: LiteralString = """
CALL (p) {
  FOREACH (cs_k IN [cs_k IN keys(p) WHERE cs_k STARTS WITH 'consent:'] | REMOVE p[cs_k])
  WITH p
  OPTIONAL MATCH (p)<-[:CONCERNS]-(cs_c:Consent) WHERE cs_c.status = 'GIVEN'
  WITH p, collect(cs_c) AS cs_given, date() AS cs_today
  SET p.consentKeysUntil = reduce(until = date('9999-12-31'), cs_c IN cs_given |
        CASE
          WHEN cs_c.givenOn > cs_today AND cs_c.givenOn - duration('P1D') < until
            THEN cs_c.givenOn - duration('P1D')
          WHEN cs_c.givenOn <= cs_today AND cs_c.expiresOn >= cs_today AND cs_c.expiresOn < until
            THEN cs_c.expiresOn
          ELSE until
        END)
  WITH p, [cs_v IN cs_given WHERE cs_v.givenOn <= cs_today
           AND (cs_v.expiresOn IS NULL OR cs_v.expiresOn >= cs_today)] AS cs_valid
  UNWIND reduce(ps = [], cs_c IN cs_valid | ps + cs_c.purposes) AS cs_purpose
  WITH DISTINCT p, cs_valid, cs_purpose
  SET p['consent:' + cs_purpose] = reduce(keys = [], cs_c IN cs_valid |
        keys + CASE WHEN cs_purpose IN cs_c.purposes
          THEN [o IN coalesce(cs_c.organisations, []) | 'o|' + o]
               + [s IN coalesce(cs_c.sectors, []) | 's|' + s]
          ELSE [] END)
}
"""

# Every person summarised afresh: migration 14, and after a consent is changed directly in the
# database.
REBUILD: LiteralString = (
    "MATCH (p:Person) CALL (p) {" + REFRESH_P + "} IN TRANSACTIONS OF 1000 ROWS"
)

_REFRESH_PEOPLE: LiteralString = "UNWIND $ids AS id MATCH (p:Person {id: id})" + REFRESH_P


async def refresh(tx: Tx, person_ids: list[str]) -> None:
    """Summarise these people's consents afresh (after a consent of theirs was changed directly
    in the database). Run via Database.write."""
    await fetch(tx, _REFRESH_PEOPLE, ids=person_ids)
