"""Each person's consents, summarised on the Person for the consent check of every read.

A families page checks the consent of its 450 members: walking each one's relationships to their
Consent nodes and testing them took 1.0 ms of a 2.8 ms statement (100,000 people). So every write
of a consent also writes, in the same transaction, on its person:

- ``consentKeysUntil``: the last day on which the summary is exact (the day before a consent
  given for a later day starts, or the day the first of them expires; 9999-12-31 when none will
  change);
- ``consent:<purpose>``, for each purpose a consent valid today names, one integer (see
  :func:`encode`): that day again, the sectors those consents name, and whether any of them
  names organisations;
- ``consent:<purpose>:orgs``, only when some do: the organisations' ids.

One integer, not a list of keys: the check reads one property of each person, and a small number
is held in the person's own record, where a list is read from a store of its own (0.2 ms less of a
families page's 2.2 ms statement). ``graph.consent_scope`` trusts the summary only up to its day;
after it, or for a person with no summary (consents written before migration 14, or outside the
API), it checks the Consent nodes themselves (graph.consent_scope.covers), so a summary can lapse
but never over-disclose by date; each API process summarises the lapsed afresh
(graph.consent_upkeep). Consents are changed through the API (graph.consent) and the
synthetic loader, which keep the summary; a consent changed directly in the database needs
``REBUILD`` run afterwards.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import LiteralString

from graph._cypher import Tx, fetch

# A sector's bit in a purpose's number, in the order of policy.vocabulary.Sector (graph does not
# import policy; a test holds the three to one list). New sectors only ever go at the end: a
# summary written earlier would otherwise name other sectors.
SECTORS: tuple[str, ...] = (
    "local_authority",
    "health",
    "police",
    "education",
    "housing",
    "employment",
    "probation",
    "youth_justice",
    "voluntary",
    "fire",
)
SECTOR_BITS: dict[str, int] = {sector: 1 << i for i, sector in enumerate(SECTORS)}
NAMES_ORGANISATIONS = 1 << 20  # above every sector's bit
_DAY = 1 << 21  # the summary's last day counts from here up, in days since 2000-01-01
_EPOCH = dt.date(2000, 1, 1)


def encode(until: dt.date, sectors: Iterable[str], names_organisations: bool) -> int:
    """A purpose's number: what REFRESH_P writes, for tests and the readers' parameters."""
    bits = sum({SECTOR_BITS[s] for s in sectors if s in SECTOR_BITS})
    return (until - _EPOCH).days * _DAY + (NAMES_ORGANISATIONS if names_organisations else 0) + bits


def floor(today: dt.date) -> int:
    """The least number of a summary that still holds on ``today``: its day is today or later."""
    return (today - _EPOCH).days * _DAY


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
  WITH p, cs_purpose, [cs_c IN cs_valid WHERE cs_purpose IN cs_c.purposes] AS cs_for
  WITH p, cs_purpose,
       reduce(os = [], cs_c IN cs_for | os + coalesce(cs_c.organisations, [])) AS cs_orgs,
       reduce(ss = [], cs_c IN cs_for | ss + coalesce(cs_c.sectors, [])) AS cs_sectors
  SET p['consent:' + cs_purpose] =
        duration.inDays(date('2000-01-01'), p.consentKeysUntil).days * 2097152
        + CASE WHEN size(cs_orgs) > 0 THEN 1048576 ELSE 0 END
        + reduce(bits = 0, cs_s IN [
            ['local_authority', 1], ['health', 2], ['police', 4], ['education', 8],
            ['housing', 16], ['employment', 32], ['probation', 64], ['youth_justice', 128],
            ['voluntary', 256], ['fire', 512]
          ] | bits + CASE WHEN cs_s[0] IN cs_sectors THEN cs_s[1] ELSE 0 END)
  SET p['consent:' + cs_purpose + ':orgs'] = CASE WHEN size(cs_orgs) > 0 THEN cs_orgs END
}
"""

# Every person summarised afresh: migration 14, and after a consent is changed directly in the
# database.
REBUILD: LiteralString = (
    "MATCH (p:Person) CALL (p) {" + REFRESH_P + "} IN TRANSACTIONS OF 1000 ROWS"
)

_REFRESH_PEOPLE: LiteralString = "UNWIND $ids AS id MATCH (p:Person {id: id})" + REFRESH_P

# Everyone whose summary's day has passed (a consent began or expired since it was written),
# found through the range index of migration 18 and summarised afresh. Until then every check of
# them reads their Consent nodes instead, and a families page asks for their answers in a
# statement of its own.
_REFRESH_LAPSED: LiteralString = (
    "MATCH (p:Person) WHERE p.consentKeysUntil < date()"
    " CALL (p) {" + REFRESH_P + "} IN TRANSACTIONS OF 1000 ROWS"
    " RETURN count(p) AS refreshed"
)


async def refresh_lapsed(session: Tx) -> int:
    """Summarise afresh everyone whose summary has lapsed; how many. Run via
    Database.write_statement: it commits in transactions of its own."""
    rows = await fetch(session, _REFRESH_LAPSED)
    return int(rows[0]["refreshed"]) if rows else 0


async def refresh(tx: Tx, person_ids: list[str]) -> None:
    """Summarise these people's consents afresh (after a consent of theirs was changed directly
    in the database). Run via Database.write."""
    await fetch(tx, _REFRESH_PEOPLE, ids=person_ids)
