"""Which people have given consent that covers a disclosure: for the purpose the viewer's
request rests on (``Viewer.consent_purpose``), to the viewer's organisation (by name or by its
sector), given and not yet expired or withdrawn.

Withdrawal sets the status away from GIVEN, so it takes effect on the next statement that runs.
"""

from __future__ import annotations

from typing import LiteralString

from graph._cypher import Tx, fetch_collected
from graph.visibility import Viewer


def covers(c: LiteralString) -> LiteralString:
    """Whether the consent bound to ``c`` covers this request (call with a literal name). Today's
    date is a parameter: ``date()`` evaluated on every row cost a third of the statement. So is
    the sector of the viewer's organisation (``Viewer.organisation_sector``): matching the
    organisation in a subquery for every consent cost 0.5 of the families page's 3.6 ms at 100k
    people. A null sector (an unknown organisation) makes the sector test null, so only a consent
    naming the organisation itself covers the request."""
    return (
        "(" + c + ".status = 'GIVEN' AND $consentPurpose IN " + c + ".purposes"
        " AND " + c + ".givenOn <= $today"
        " AND (" + c + ".expiresOn IS NULL OR " + c + ".expiresOn >= $today)"
        " AND ($organisationId IN coalesce(" + c + ".organisations, [])"
        " OR $organisationSector IN coalesce(" + c + ".sectors, [])))"
    )


# The ids of the current members of the family bound to `f` whose consent covers this request
# (none asked for when it rests on another basis): read with the family, it saves the request a
# statement, and a consent decision on the family's fields needs no wait.
CONSENTED_MEMBERS_OF_F: LiteralString = (
    "CASE WHEN $consentPurpose IS NULL THEN [] ELSE "
    "[(f)<-[cs_m:MEMBER_OF]-(cs_p:Person)<-[:CONCERNS]-(cs_c:Consent) "
    "WHERE cs_m.to IS NULL AND " + covers("cs_c") + " | cs_p.id] END"
)

# Start from each person (a unique lookup), not from every given consent in the database.
_IN_SCOPE = (
    """
UNWIND $ids AS id
MATCH (p:Person {id: id})<-[:CONCERNS]-(c:Consent)
WHERE """
    + covers("c")
    + """
RETURN collect(DISTINCT p.id) AS ids
"""
)


async def consented(tx: Tx, ids: list[str], viewer: Viewer) -> set[str]:
    """The ids, among ``ids``, of people whose consent covers the viewer's request."""
    found = await fetch_collected(tx, _IN_SCOPE, ids=ids, **viewer.params())
    return {str(i) for i in found}
