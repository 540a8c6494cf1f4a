"""Each API process summarises lapsed consent summaries afresh when it starts, just after each
midnight UTC, and hourly between (graph.consent_upkeep); how often is EHG_CONSENT_UPKEEP_MINUTES."""

from __future__ import annotations

import asyncio
import datetime as dt
import uuid

import pytest

from api.settings import ApiSettings
from auth import AuthSettings
from graph import Database, Neo4jSettings, consent_summary
from graph.consent_upkeep import seconds_until_next_run
from tests.api.conftest import make_app


async def test_a_starting_process_summarises_lapsed_summaries_afresh(
    db: Database, neo4j_settings: Neo4jSettings, auth_settings: AuthSettings
) -> None:
    person = "t-upkeep-" + uuid.uuid4().hex[:8]
    yesterday = dt.datetime.now(dt.UTC).date() - dt.timedelta(days=1)
    async with db.driver.session(database=db.name) as session:
        # A summary written when no consent was valid yet, holding until yesterday.
        await (
            await session.run(
                """CREATE (p:Person {id: $id, givenName: 'U', familyName: 'K',
                                     dateOfBirth: date('1980-01-01'), consentUntil: $yesterday})
                   CREATE (:Consent {id: $id + '-1', status: 'GIVEN', purposes: ['assess-needs'],
                     organisations: [], sectors: ['health'], grantorKind: 'SELF',
                     givenOn: $yesterday, recordedAt: datetime()})
                     -[:CONCERNS]->(p)""",
                id=person,
                yesterday=yesterday,
            )
        ).consume()
        application = make_app(neo4j_settings, auth_settings)
        async with application.router.lifespan_context(application):
            await asyncio.wait_for(application.state.consent_upkeep.ran_once(), timeout=30)
        row = await (
            await session.run("MATCH (p:Person {id: $id}) RETURN properties(p) AS p", id=person)
        ).single()
    assert row is not None
    props = row["p"]
    assert props["consentUntil"].to_native() == dt.date(9999, 12, 31)
    assert props[consent_summary.sector_key("assess-needs", "health")] == f"c:{person}-1"


@pytest.mark.parametrize(
    ("now", "seconds"),
    [
        (dt.datetime(2026, 5, 1, 12, 0, tzinfo=dt.UTC), 3600.0),  # the hourly run comes first
        (dt.datetime(2026, 5, 1, 23, 30, tzinfo=dt.UTC), 1802.0),  # midnight (+2 s) comes first
        (dt.datetime(2026, 5, 1, 23, 59, 59, tzinfo=dt.UTC), 3.0),
    ],
)
def test_a_run_follows_each_midnight_utc(now: dt.datetime, seconds: float) -> None:
    assert seconds_until_next_run(now, 3600.0) == seconds


def test_how_often_is_configurable_and_checked(monkeypatch: pytest.MonkeyPatch) -> None:
    assert ApiSettings.from_env().consent_upkeep_seconds == 3600
    monkeypatch.setenv("EHG_CONSENT_UPKEEP_MINUTES", "15")
    assert ApiSettings.from_env().consent_upkeep_seconds == 900
    for bad in ("0", "-5", "soon", "inf", "nan", ""):
        monkeypatch.setenv("EHG_CONSENT_UPKEEP_MINUTES", bad)
        with pytest.raises(ValueError, match="EHG_CONSENT_UPKEEP_MINUTES must be a positive"):
            ApiSettings.from_env()
