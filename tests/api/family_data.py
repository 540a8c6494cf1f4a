"""A small, hand-written family graph whose every fact the API tests can name.

The Smiths (F-T0001, eligible) live at 1 Fore Street, Exeter (ZZ4): Alice (parent), her partner
Bob (step-parent), Chloe and Dan (children). Alice moved there from Plymouth in 2019. Alice's
mother Edna lives in Torquay (ZZ1) and is linked to Chloe by a practitioner as her grandparent.
Gary Green (F-T0002, below threshold) lives alone in Plymouth (ZZ3).
"""

from __future__ import annotations

import datetime as dt

from neo4j import AsyncManagedTransaction

from graph import Database, consent_summary

PEOPLE = [
    {
        "id": "t-alice",
        "givenName": "Alice",
        "familyName": "Smith",
        "dob": dt.date(1985, 3, 2),
        "sex": "F",
    },
    {
        "id": "t-bob",
        "givenName": "Bob",
        "familyName": "Jones",
        "dob": dt.date(1983, 7, 9),
        "sex": "M",
    },
    {
        "id": "t-chloe",
        "givenName": "Chloe",
        "familyName": "Smith",
        "dob": dt.date(2012, 5, 1),
        "sex": "F",
    },
    {
        "id": "t-dan",
        "givenName": "Dan",
        "familyName": "Smith",
        "dob": dt.date(2016, 11, 20),
        "sex": "M",
    },
    {
        "id": "t-edna",
        "givenName": "Edna",
        "familyName": "Smith",
        "dob": dt.date(1958, 1, 15),
        "sex": "F",
    },
    {
        "id": "t-gary",
        "givenName": "Gary",
        "familyName": "Green",
        "dob": dt.date(1990, 2, 28),
        "sex": "M",
    },
]

ADDRESSES = [
    {
        "id": "t-a-fore",
        "uprn": "100040000001",
        "line1": "1 Fore Street",
        "town": "Exeter",
        "postcode": "ZZ4 3AB",
        "district": "ZZ4",
    },
    {
        "id": "t-a-torquay",
        "uprn": None,
        "line1": "7 Sea View",
        "town": "Torquay",
        "postcode": "ZZ1 2CD",
        "district": "ZZ1",
    },
    {
        "id": "t-a-old",
        "uprn": None,
        "line1": "22 Union Street",
        "town": "Plymouth",
        "postcode": "ZZ2 4EF",
        "district": "ZZ2",
    },
    {
        "id": "t-a-green",
        "uprn": None,
        "line1": "3 Mill Lane",
        "town": "Plymouth",
        "postcode": "ZZ3 9GH",
        "district": "ZZ3",
    },
]

RESIDENCES = [
    {"person": "t-alice", "address": "t-a-fore", "from": dt.date(2019, 6, 1), "to": None},
    {
        "person": "t-alice",
        "address": "t-a-old",
        "from": dt.date(2010, 1, 1),
        "to": dt.date(2019, 5, 31),
    },
    {"person": "t-bob", "address": "t-a-fore", "from": dt.date(2019, 6, 1), "to": None},
    {"person": "t-chloe", "address": "t-a-fore", "from": dt.date(2019, 6, 1), "to": None},
    {"person": "t-dan", "address": "t-a-fore", "from": dt.date(2019, 6, 1), "to": None},
    {"person": "t-edna", "address": "t-a-torquay", "from": dt.date(1990, 1, 1), "to": None},
    {"person": "t-gary", "address": "t-a-green", "from": dt.date(2020, 1, 1), "to": None},
]

FAMILIES = [
    {"id": "t-fam-smith", "reference": "F-T0001", "status": "ELIGIBLE"},
    {"id": "t-fam-green", "reference": "F-T0002", "status": "BELOW_THRESHOLD"},
]

MEMBERS = [
    {"person": "t-alice", "family": "t-fam-smith", "role": "PARENT"},
    {"person": "t-bob", "family": "t-fam-smith", "role": "STEP_PARENT"},
    {"person": "t-chloe", "family": "t-fam-smith", "role": "CHILD"},
    {"person": "t-dan", "family": "t-fam-smith", "role": "CHILD"},
    {"person": "t-edna", "family": "t-fam-smith", "role": "RELATIVE"},
    {"person": "t-gary", "family": "t-fam-green", "role": "PARENT"},
]

# "from is kind of to"
RELATIONS = [
    {"id": "t-rel-1", "from": "t-alice", "to": "t-chloe", "kind": "PARENT", "source": "HOUSEHOLD"},
    {"id": "t-rel-2", "from": "t-alice", "to": "t-dan", "kind": "PARENT", "source": "HOUSEHOLD"},
    {
        "id": "t-rel-3",
        "from": "t-bob",
        "to": "t-chloe",
        "kind": "STEP_PARENT",
        "source": "HOUSEHOLD",
    },
    {"id": "t-rel-4", "from": "t-chloe", "to": "t-dan", "kind": "SIBLING", "source": "HOUSEHOLD"},
    {"id": "t-rel-5", "from": "t-alice", "to": "t-bob", "kind": "PARTNER", "source": "HOUSEHOLD"},
    {
        "id": "t-rel-6",
        "from": "t-edna",
        "to": "t-chloe",
        "kind": "GRANDPARENT",
        "source": "PRACTITIONER",
        "createdBy": "t-user-practitioner",
        "rationale": "Grandmother collects Chloe from school most days.",
    },
]

ORGANISATIONS = [
    {"id": "t-org-police", "name": "Test Police", "sector": "police"},
    {"id": "t-org-school", "name": "Test Academy", "sector": "education"},
    {"id": "t-org-charity", "name": "Test Family Support", "sector": "voluntary"},
]

USERS = [
    {
        "id": "t-user-outsider",
        "name": "Olive Outsider",
        "roles": ["practitioner"],
        "organisation": "t-org-police",
    },
    {
        "id": "t-user-practitioner",
        "name": "Pat Practitioner",
        "roles": ["practitioner"],
        "organisation": "t-org-charity",
    },
]

# The team around each family: Pat (a charity's practitioner) leads the Smiths' team and is on
# the Greens'. Olive, a practitioner of the police, is on no team.
TEAMS = [
    {"user": "t-user-practitioner", "family": "t-fam-smith", "lead": True},
    {"user": "t-user-practitioner", "family": "t-fam-green", "lead": False},
]

# Everyone here has consented to sharing for assessment, support and monitoring, with partners of
# these sectors; tests about consent withdraw (and restore) it, or use their own.
CONSENT_SECTORS = ["voluntary", "education", "police", "local_authority", "health"]
# Each decided as the rule allows (domain.consent): a child under the consent age by a parent.
CONSENTS = [
    {
        "id": f"t-consent-{p['id'][2:]}",
        "person": p["id"],
        "grantor": "PARENTAL_RESPONSIBILITY" if p["dob"] > dt.date(2013, 1, 10) else "SELF",
        "grantorName": "Alice Smith" if p["dob"] > dt.date(2013, 1, 10) else None,
    }
    for p in PEOPLE
]

# A criterion's data class is its code's, from policy/indicator_classes.csv: SA1 is education and
# DA1 (a victim of domestic abuse) social care. T_CR1 is in no framework, so it is read as the
# guarded default for a code the table does not list, criminal offence data.
CRITERIA = [
    {
        "code": "SA1",
        "name": "Child persistently absent from school for the last three consecutive terms",
        "problem": "school_attendance",
    },
    {
        "code": "DA1",
        "name": "Young person or adult known to have experienced, or be at risk of, domestic "
        "violence or abuse",
        "problem": "domestic_abuse",
    },
    {"code": "T_CR1", "name": "Proven offence in the last 12 months", "problem": "crime_asb"},
]

REPORTS = [
    {
        "id": "t-sr-1",
        "person": "t-chloe",
        "criterion": "SA1",
        "organisation": "t-org-school",
        "evidenceDate": dt.date(2026, 9, 30),
    },
    {
        "id": "t-sr-2",
        "person": "t-alice",
        "criterion": "DA1",
        "organisation": "t-org-police",
        "evidenceDate": dt.date(2026, 8, 14),
    },
    {
        "id": "t-sr-3",
        "person": "t-bob",
        "criterion": "T_CR1",
        "organisation": "t-org-police",
        "evidenceDate": dt.date(2026, 7, 3),
    },
]

_STATEMENTS = (
    (
        """UNWIND $rows AS r MERGE (p:Person {id: r.id})
        SET p.givenName = r.givenName, p.familyName = r.familyName,
            p.nameKey = toLower(r.givenName + ' ' + r.familyName),
            p.dateOfBirth = r.dob, p.sex = r.sex""",
        PEOPLE,
    ),
    (
        """UNWIND $rows AS r MERGE (a:Address {id: r.id})
        SET a.uprn = r.uprn, a.line1 = r.line1, a.town = r.town, a.postcode = r.postcode,
            a.postcodeDistrict = r.district""",
        ADDRESSES,
    ),
    (
        """UNWIND $rows AS r MATCH (p:Person {id: r.person}), (a:Address {id: r.address})
        MERGE (p)-[l:LIVES_AT {from: r.from}]->(a) SET l.to = r.to""",
        RESIDENCES,
    ),
    (
        """UNWIND $rows AS r MERGE (f:Family {id: r.id})
        SET f.reference = r.reference, f.status = r.status, f.identifiedAt = date('2026-01-10')""",
        FAMILIES,
    ),
    (
        """UNWIND $rows AS r MATCH (p:Person {id: r.person}), (f:Family {id: r.family})
        MERGE (p)-[m:MEMBER_OF]->(f) SET m.role = r.role, m.from = date('2026-01-10')""",
        MEMBERS,
    ),
    (
        """UNWIND $rows AS r MATCH (a:Person {id: r.from}), (b:Person {id: r.to})
        MERGE (a)-[l:RELATED_TO {id: r.id}]->(b)
        SET l.kind = r.kind, l.source = r.source, l.createdBy = r.createdBy,
            l.rationale = r.rationale, l.createdAt = datetime('2026-02-01T10:00:00Z')""",
        RELATIONS,
    ),
    (
        """UNWIND $rows AS r MERGE (o:Organisation {id: r.id})
        SET o.name = r.name, o.sector = r.sector, o.signedAgreement = true""",
        ORGANISATIONS,
    ),
    (
        """UNWIND $rows AS r MERGE (u:User {id: r.id})
        SET u.name = r.name, u.roles = r.roles, u.active = true
        WITH u, r MATCH (o:Organisation {id: r.organisation}) MERGE (u)-[:WORKS_FOR]->(o)""",
        USERS,
    ),
    (
        """UNWIND $rows AS r MERGE (c:Criterion {code: r.code})
        SET c.name = r.name, c.headlineProblem = r.problem, c.framework = 'TF2015'""",
        CRITERIA,
    ),
    (
        """UNWIND $rows AS r
        MATCH (p:Person {id: r.person}), (c:Criterion {code: r.criterion}),
              (o:Organisation {id: r.organisation})
        MERGE (s:SourceRecord {id: r.id})
        SET s.partnerReference = r.id, s.receivedAt = datetime('2026-10-01T09:00:00Z'),
            s.uploadId = 'test'
        MERGE (s)-[:ABOUT]->(p) MERGE (s)-[:SUPPLIED_BY]->(o)
        MERGE (s)-[rep:REPORTS]->(c) SET rep.evidenceDate = r.evidenceDate""",
        REPORTS,
    ),
    (
        """UNWIND $rows AS r MATCH (u:User {id: r.user}), (f:Family {id: r.family})
        MERGE (u)-[t:MEMBER_OF_TEAM]->(f)
        SET t.lead = r.lead, t.from = date('2026-01-10')""",
        TEAMS,
    ),
    (
        """UNWIND $rows AS r MATCH (p:Person {id: r.person})
        MERGE (c:Consent {id: r.id})
        SET c.status = 'GIVEN', c.purposes = ['assess-needs', 'coordinate-support',
              'monitor-outcomes'], c.organisations = [], c.sectors = $sectors,
            c.grantorKind = r.grantor, c.grantorName = r.grantorName,
            c.grantorRelationship = CASE WHEN r.grantorName IS NULL THEN null ELSE 'mother' END,
            c.method = 'WRITTEN', c.givenOn = date('2026-01-10'),
            c.recordedAt = datetime('2026-01-10T10:00:00Z'), c.recordedBy = 't-user-practitioner'
        MERGE (c)-[:CONCERNS]->(p)""",
        CONSENTS,
    ),
)


async def _write(tx: AsyncManagedTransaction) -> None:
    for statement, rows in _STATEMENTS:
        await (await tx.run(statement, rows=rows, sectors=CONSENT_SECTORS)).consume()


async def create(db: Database) -> None:
    await db.write(_write)
    # Written directly, so summarised as the product's own writers would (graph.consent_summary).
    await db.write(consent_summary.refresh, [p["id"] for p in PEOPLE])
