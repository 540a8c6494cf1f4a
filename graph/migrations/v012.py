"""Migration 12: disclosures found by person through spans (audit).

Refreshing migration 7's full-text index after each shipped batch slowed the requests beside it;
``AuditSubject`` spans written with each batch replace it. Records written before get one span
per person and chain, from their first record to their last; a span already covering that first
record (the migration ran before and died before it was recorded) is not made twice.
"""

from __future__ import annotations

from graph.migrations._migration import Migration

MIGRATION = Migration(
    12,
    "disclosures found by person through spans",
    (
        "CREATE INDEX audit_subject_person IF NOT EXISTS FOR (n:AuditSubject) ON (n.personId)",
        # The people of each record: its own list, else the stored list its digest names.
        """
MATCH (d:Disclosure)
UNWIND coalesce(d.personIds, COLLECT { MATCH (dp:DisclosedPeople {digest: d.peopleDigest}) """
        """RETURN dp.personIds }[0]) AS personId
WITH d.chain AS chain, personId, min(d.sequence) AS first, max(d.sequence) AS last
WHERE NOT EXISTS {
  MATCH (s:AuditSubject {personId: personId}) WHERE s.chain = chain AND s.first <= first }
CREATE (:AuditSubject {personId: personId, chain: chain, first: first, last: last})
""",
        "DROP INDEX disclosure_people IF EXISTS",
    ),
)
