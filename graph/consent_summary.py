"""Each person's consent decisions, summarised on the Person for the consent check of every read.

A families page checks the consent of hundreds of members; applying the rule of
``domain.consent`` to each one's decisions in every statement would cost more than the page. So
every write of a consent (and of anything the rule depends on) summarises, in the same
transaction, what the rule answers for each recipient the person's decisions name:

- ``consentUntil``: the last day on which the summary is exact (``domain.consent.holds_until``);
- ``consent:<purpose>:s:<sector>``: ``c:<consent id>`` when the consent that counts for an
  organisation of that sector (one no decision names itself) is given and in force;
- ``consent:<purpose>:o:<organisation id>``, for every organisation a decision names:
  ``c:<consent id>``, or ``-`` when the decision that counts for it (naming it, or its sector) is
  not a consent in force.

A read looks up its organisation's key, else its sector's (``graph.consent_scope``), and trusts
them only up to ``consentUntil``: after it, or for a person never summarised, nothing is covered
until the summary is written afresh (``graph.consent_upkeep`` does so just after midnight and
hourly), so a summary can lapse but never over-disclose. Special category data is decided from
the decisions themselves (``graph.consent_scope.special_answers``), as it is asked for rarely.

The rule depends on the consent age: ``refresh_all`` summarises everyone afresh when it changes
(graph.consent_upkeep checks at start). A consent changed directly in the database needs its
person summarised again (``refresh``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from functools import partial
from typing import Any, LiteralString

from domain import consent as rule
from graph import records
from graph._cypher import Tx, fetch
from graph.database import Database

KEY_PREFIX = "consent:"
COVERED = "c:"  # a summary value naming the consent relied on
NOT_COVERED = "-"


def sector_key(purpose: str, sector: str) -> str:
    return f"{KEY_PREFIX}{purpose}:s:{sector}"


def organisation_key(purpose: str, organisation_id: str) -> str:
    return f"{KEY_PREFIX}{purpose}:o:{organisation_id}"


def decision_of(node: Mapping[str, Any]) -> rule.Decision:
    """A Consent node's properties as the rule reads them (temporal values as text or as the
    driver's types). A status or grantor this version does not know decides nothing."""
    given_on = records.day(node.get("givenOn"))
    recorded_at = records.instant(node.get("recordedAt"))
    assert given_on is not None
    assert recorded_at is not None
    status = str(node.get("status"))
    grantor = str(node.get("grantorKind"))
    known_grantor = grantor in rule.Grantor._value2member_map_
    return rule.Decision(
        id=str(node["id"]),
        status=rule.Status(status)
        if status in rule.Status._value2member_map_
        else rule.Status.NOT_SOUGHT,
        purposes=frozenset(node.get("purposes") or ()),
        organisations=frozenset(node.get("organisations") or ()),
        sectors=frozenset(node.get("sectors") or ()),
        # An unknown grantor reads as an appropriate person with no reason: never standing.
        grantor=rule.Grantor(grantor) if known_grantor else rule.Grantor.APPROPRIATE_PERSON,
        given_on=given_on,
        recorded_at=recorded_at,
        expires_on=records.day(node.get("expiresOn")),
        withdrawn_at=records.instant(node.get("withdrawnAt")),
        special_categories=frozenset(node.get("specialCategories") or ()),
        grantor_name=node.get("grantorName"),
        grantor_reason=node.get("grantorReason") if known_grantor else None,
    )


def summary(
    decisions: list[rule.Decision],
    born: dt.date | None,
    today: dt.date,
    consent_age: int,
    sector_of: Mapping[str, str | None],
) -> dict[str, Any]:
    """The summary properties of a person with these decisions (``sector_of``: the sector of each
    organisation the decisions name)."""
    props: dict[str, Any] = {"consentUntil": rule.holds_until(decisions, born, today)}
    for purpose in sorted({p for d in decisions for p in d.purposes}):
        named = [d for d in decisions if purpose in d.purposes]
        ask = partial(
            rule.effective, named, born=born, today=today, consent_age=consent_age, purpose=purpose
        )
        for sector in sorted({s for d in named for s in d.sectors}):
            found = ask(recipient=rule.Recipient(None, sector))
            if found is not None:
                props[sector_key(purpose, sector)] = COVERED + found.id
        for organisation in sorted({o for d in named for o in d.organisations}):
            found = ask(recipient=rule.Recipient(organisation, sector_of.get(organisation)))
            props[organisation_key(purpose, organisation)] = (
                COVERED + found.id if found is not None else NOT_COVERED
            )
    return props


# Each of the people bound to `p` (from `$ids`) with their date of birth and their decisions, as
# ``decision_of`` reads them: what every application of the rule starts from.
DECISIONS_OF_P: LiteralString = """
UNWIND $ids AS id
MATCH (p:Person {id: id})
RETURN p.id AS id, toString(p.dateOfBirth) AS born,
  COLLECT { MATCH (p)<-[:CONCERNS]-(c:Consent)
            RETURN c {.*, givenOn: toString(c.givenOn), expiresOn: toString(c.expiresOn),
                      recordedAt: toString(c.recordedAt), withdrawnAt: toString(c.withdrawnAt)}
          } AS consents"""

# ... and the sectors of the organisations they name.
_READ = (
    DECISIONS_OF_P
    + """,
  COLLECT { MATCH (p)<-[:CONCERNS]-(c:Consent) UNWIND coalesce(c.organisations, []) AS o
            MATCH (org:Organisation {id: o}) RETURN DISTINCT [org.id, org.sector] } AS sectors
"""
)

# The old summary goes first: keys of recipients no decision names any more must not linger.
_WRITE = """
UNWIND $rows AS row
MATCH (p:Person {id: row.id})
FOREACH (k IN [k IN keys(p) WHERE k STARTS WITH 'consent:'] | REMOVE p[k])
REMOVE p.consentKeysUntil
SET p += row.props
"""

_LAPSED = """
MATCH (p:Person) WHERE p.consentUntil < $today
RETURN p.id AS id ORDER BY p.consentUntil LIMIT $limit
"""

_WITH_CONSENTS_AFTER = """
MATCH (p:Person) WHERE p.id > $after AND EXISTS { (p)<-[:CONCERNS]-(:Consent) }
RETURN p.id AS id ORDER BY p.id LIMIT $limit
"""

_SETTING = "MATCH (s:ConsentSettings {name: 'consent'}) RETURN s.consentAge AS age"
_SET_SETTING = "MERGE (s:ConsentSettings {name: 'consent'}) SET s.consentAge = $age"

BATCH = 1000


def today_utc() -> dt.date:
    """The day summaries are computed for: the UTC date, as reads compare them with."""
    return dt.datetime.now(dt.UTC).date()


async def refresh(
    tx: Tx,
    person_ids: Iterable[str],
    consent_age: int = rule.DEFAULT_CONSENT_AGE,
    today: dt.date | None = None,
) -> None:
    """Summarise these people's decisions afresh, in the caller's transaction (run it in the one
    that changed them, after locking the person, or via Database.write)."""
    ids = list(dict.fromkeys(person_ids))
    if not ids:
        return
    day = today or today_utc()
    rows = []
    for r in await fetch(tx, _READ, ids=ids):
        decisions = [decision_of(c) for c in r["consents"]]
        sectors = {str(o): s for o, s in r["sectors"]}
        props = summary(decisions, records.day(r["born"]), day, consent_age, sectors)
        rows.append({"id": r["id"], "props": props})
    await fetch(tx, _WRITE, rows=rows)


async def _lapsed(tx: Tx, today: dt.date, limit: int) -> list[str]:
    return [str(r["id"]) for r in await fetch(tx, _LAPSED, today=today, limit=limit)]


async def _with_consents_after(tx: Tx, after: str, limit: int) -> list[str]:
    return [str(r["id"]) for r in await fetch(tx, _WITH_CONSENTS_AFTER, after=after, limit=limit)]


async def refresh_lapsed(db: Database, consent_age: int, today: dt.date | None = None) -> int:
    """Summarise afresh, in batches, everyone whose summary has lapsed; how many."""
    day = today or today_utc()
    done = 0
    while ids := await db.read(_lapsed, day, BATCH):
        await db.write(refresh, ids, consent_age, day)
        done += len(ids)
    return done


async def refresh_all(db: Database, consent_age: int = rule.DEFAULT_CONSENT_AGE) -> int:
    """Summarise afresh, in batches in id order, everyone with a consent decision; how many."""
    after, done = "", 0
    while ids := await db.read(_with_consents_after, after, BATCH):
        await db.write(refresh, ids, consent_age)
        after, done = ids[-1], done + len(ids)
    return done


async def consent_age_in_force(tx: Tx) -> int | None:
    """The consent age the summaries were last written with (None before any was recorded)."""
    rows = await fetch(tx, _SETTING)
    return int(rows[0]["age"]) if rows and rows[0]["age"] is not None else None


async def record_consent_age(tx: Tx, age: int) -> None:
    await fetch(tx, _SET_SETTING, age=age)
