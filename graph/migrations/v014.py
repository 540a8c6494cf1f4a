"""Migration 14: each person's consents summarised on the person.

The consent check of every read trusts a summary on the person while it holds: every person's
given consents summarised afresh, in batches.
"""

from __future__ import annotations

from graph.migrations._migration import Migration

MIGRATION = Migration(
    14,
    "each person's consents summarised on the person",
    (
        """MATCH (p:Person) CALL (p) {
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
} IN TRANSACTIONS OF 1000 ROWS""",
    ),
)
