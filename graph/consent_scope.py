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


def _from_summary(p: LiteralString, otherwise: LiteralString) -> LiteralString:
    # The person's number for the purpose (graph.consent_summary.encode) is read once, bound as
    # cs_x: each read of a property named by a parameter walks the person's properties again, and
    # reading it three times cost 0.25 ms of a families page. While the number holds, the viewer's
    # sector's bit answers, or the organisations named when it says there are any; integer
    # division tests the bits, as Cypher has no bitwise operators. A null sector bit (an
    # organisation of no known sector) makes its test null, so only the organisation's own id
    # can then match. No number for the purpose answers false while the day the summary is exact
    # up to holds. Anything else (lapsed, never written, or a list from before migration 17) is
    # `otherwise`.
    return (
        "[cs_x IN [" + p + "[$consentSummary]] | CASE"
        " WHEN cs_x >= $consentFloor THEN CASE"
        " WHEN (cs_x / $consentSectorBit) % 2 = 1 THEN true"
        " WHEN (cs_x / 1048576) % 2 = 1 THEN coalesce(any(cs_o IN "
        + p
        + "[$consentOrganisations] WHERE cs_o = $organisationId), false)"
        " ELSE false END"
        " WHEN cs_x IS NULL AND " + p + ".consentKeysUntil >= $today THEN false"
        " ELSE " + otherwise + " END][0]"
    )


def covered(p: LiteralString) -> LiteralString:
    """Whether the consent of the person bound to ``p`` covers this request (call with a literal
    name): their consent summary while it holds (graph.consent_summary), the Consent nodes
    themselves when it has lapsed or was never written."""
    return _from_summary(
        p,
        "EXISTS { MATCH (" + p + ")<-[:CONCERNS]-(cs_c:Consent) WHERE " + covers("cs_c") + " }",
    )


def summary_answer(p: LiteralString) -> LiteralString:
    """Whether the consent of the person bound to ``p`` covers this request, as far as their
    consent summary can tell (call with a literal name): true or false while it holds, null when
    it has lapsed or was never written, or the request rests on no consent. A null is asked again
    through :func:`consented`. No fallback here: in a statement that reads hundreds of people, even
    an untaken branch walking to their Consent nodes cost 0.3 ms."""
    return "CASE WHEN $consentPurpose IS NOT NULL THEN " + _from_summary(p, "null") + " END"


def weighs(p: LiteralString) -> LiteralString:
    """Whether a list may order or filter the person bound to ``p`` by their data (call with a
    literal name): doing so reads it, so when the request rests on consent, only people whose
    consent covers it are weighed, and the others are left out of such a list."""
    return "($consentPurpose IS NULL OR " + covered(p) + ")"


def weighs_family(f: LiteralString) -> LiteralString:
    """As :func:`weighs`, for a family's own data (its status): it concerns every current member,
    so each one's consent must cover the request (call with a literal name)."""
    return (
        "($consentPurpose IS NULL OR NOT EXISTS { MATCH ("
        + f
        + ")<-[cw_m:MEMBER_OF]-(cw_p:Person) WHERE cw_m.to IS NULL AND NOT "
        + covered("cw_p")
        + " })"
    )


# Start from each person (a unique lookup), not from every given consent in the database.
_IN_SCOPE = (
    """
UNWIND $ids AS id
MATCH (p:Person {id: id})
WHERE """
    + covered("p")
    + """
RETURN collect(DISTINCT p.id) AS ids
"""
)


async def consented(tx: Tx, ids: list[str], viewer: Viewer) -> set[str]:
    """The ids, among ``ids``, of people whose consent covers the viewer's request."""
    found = await fetch_collected(tx, _IN_SCOPE, ids=ids, **viewer.params())
    return {str(i) for i in found}
