"""Step 2 of Appendix 4: recognise the same person across partners' lists and give every record a
person (graph.identities), with uncertain matches queued for the data team.

    summary = await amalgamate(db)

Matching reads every record the uploads supplied (it is deterministic for a model version, so
records matched before land in the same clusters again) and applies the answer in one transaction.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass

from graph import Database, identities
from intake.matching import MatchRecord, ScoredPair, match


@dataclass(frozen=True)
class Amalgamated:
    records: int
    people_created: int
    records_attached: int
    links: int
    reviews_added: int
    model_version: str
    seconds: float


async def amalgamate(db: Database) -> Amalgamated:
    started = time.perf_counter()
    rows = await db.read(identities.source_records)
    records = [
        MatchRecord(
            key=r["sourceKey"],
            given_name=r.get("givenName") or "",
            family_name=r.get("familyName") or "",
            other_names=r.get("otherNames"),
            date_of_birth=r.get("dateOfBirth"),
            sex=r.get("sex"),
            postcode=r.get("postcode"),
            uprn=r.get("uprn"),
            nhs_number=r.get("nhsNumber"),
            upn=r.get("upn"),
        )
        for r in rows
    ]
    # Matching 100,000 records takes seconds of CPU: off the event loop.
    result = await asyncio.to_thread(match, records)
    applied = await db.write(
        identities.apply,
        result.clusters,
        [_pair(p) for p in result.links],
        [_pair(p) for p in result.review],
        result.model_version,
    )
    return Amalgamated(
        records=len(records),
        people_created=applied.people_created,
        records_attached=applied.records_attached,
        links=applied.links,
        reviews_added=applied.reviews_added,
        model_version=result.model_version,
        seconds=time.perf_counter() - started,
    )


def _pair(p: ScoredPair) -> identities.Pair:
    return identities.Pair(
        p.left, p.right, float(p.match_weight), float(p.probability), str(p.rule)
    )
