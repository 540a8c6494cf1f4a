"""``generate(people, seed)``: a reproducible synthetic population of Devon families.

Each family draws from its own ``random.Random`` seeded by (seed, family number), so family n is
the same whatever the dataset's size (only the last, cut to fit, can differ) and a demo database
loaded with more people keeps the families it had. Nothing here reads the clock: dates are relative
to ``as_at``.
"""

from __future__ import annotations

import datetime as dt
import random
import uuid
from dataclasses import dataclass, field

from devtools.synthetic.demo.dataset import Dataset
from devtools.synthetic.demo.household import FamilyDraft, Member
from devtools.synthetic.demo.structures import draft_family
from devtools.synthetic.demo.users import DEMO_USERS, practitioner_roster
from devtools.synthetic.reference import (
    CRITERIA,
    ORGANISATIONS,
    PROBLEMS_BY_SECTOR,
    Criterion,
    Organisation,
)
from domain.consent import ADULT_AGE, DEFAULT_CONSENT_AGE, age_on
from domain.eligibility import Assessment, FamilyFacts, builtin_frameworks, criterion_catalogue
from domain.eligibility import Member as Assessed
from domain.eligibility import assess as assess_family

AS_AT = dt.date(2025, 10, 1)
MEETS_CRITERIA = 0.6  # share of families some partner reports a criterion about
CLOSED_SHARE = 0.1  # share of eligible families whose case has since closed
# The demo's criteria are the 2015 programme's, so that framework decides its statuses.
FRAMEWORK = next(f for f in builtin_frameworks() if f.id == "tf2015")
_MAX_FAMILIES = 999_999  # the reference keeps six digits per seed

_ORGS_BY_SECTOR: dict[str, list[Organisation]] = {}
for _org in ORGANISATIONS:
    _ORGS_BY_SECTOR.setdefault(_org.sector, []).append(_org)
# Sector first, then organisation: otherwise the one police force would hardly ever report crime.
_SECTORS_BY_PROBLEM: dict[str, list[str]] = {}
for _sector, _problems in PROBLEMS_BY_SECTOR.items():
    for _problem in _problems:
        if _sector in _ORGS_BY_SECTOR:
            _SECTORS_BY_PROBLEM.setdefault(_problem, []).append(_sector)


def family_reference(seed: int, number: int) -> str:
    """``F-000123`` for seed 1; other seeds get their own block so datasets never collide."""
    return f"F-{(seed - 1) * 1_000_000 + number:06d}"


@dataclass
class _Context:
    seed: int
    as_at: dt.date
    practitioners: tuple[str, ...]
    leads: tuple[str, ...]
    address_keys: set[tuple[str, str | None, str]] = field(default_factory=set)
    uploads: dict[tuple[str, int], tuple[str, dt.datetime]] = field(default_factory=dict)

    def upload(self, organisation_id: str, months_ago: int) -> tuple[str, dt.datetime]:
        """One upload per partner per month, shared by every record in it."""
        key = (organisation_id, months_ago)
        if key not in self.uploads:
            rng = random.Random(f"upload:{self.seed}:{organisation_id}:{months_ago}")
            month = self.as_at.year * 12 + self.as_at.month - 1 - months_ago
            received = dt.datetime(
                month // 12,
                month % 12 + 1,
                rng.randint(1, 28),
                rng.randint(7, 19),
                rng.randint(0, 59),
                rng.randint(0, 59),
                tzinfo=dt.UTC,
            )
            self.uploads[key] = (str(uuid.UUID(int=rng.getrandbits(128), version=4)), received)
        return self.uploads[key]


def generate(people: int, seed: int = 1, *, as_at: dt.date = AS_AT) -> Dataset:
    """A dataset of exactly ``people`` people in families, with partners, users and criteria."""
    if people < 1:
        raise ValueError(f"people must be at least 1, got {people}")
    if seed < 1:
        raise ValueError(f"seed must be at least 1, got {seed}")
    data = Dataset(seed=seed)
    data.organisations = [org.as_row() for org in ORGANISATIONS]
    # The catalogue is the frameworks', as intake's is; the reference's criteria are what the
    # demo reports (2015 codes, each with the ages it fits).
    data.criteria = [
        {"code": e.code, "name": e.name, "headlineProblem": e.headline, "framework": e.framework}
        for e in criterion_catalogue(builtin_frameworks())
    ]
    users = DEMO_USERS + practitioner_roster()
    data.users = [user.as_row() for user in users]
    data.works_for = [{"userId": u.id, "organisationId": u.organisation_id} for u in users]
    practitioners = tuple(u.id for u in users if u.role in ("practitioner", "lead_practitioner"))
    leads = tuple(u.id for u in users if u.role == "lead_practitioner")
    context = _Context(seed, as_at, practitioners, leads)
    number = 0
    while len(data.people) < people:
        number += 1
        if number > _MAX_FAMILIES:
            raise ValueError(f"at most {_MAX_FAMILIES} families per dataset")
        _family(data, context, number, people - len(data.people))
    return data


def _family(data: Dataset, context: _Context, number: int, budget: int) -> None:
    rng = random.Random(f"family:{context.seed}:{number}")
    family_id = str(uuid.UUID(int=rng.getrandbits(128), version=4))
    draft = draft_family(rng, context.as_at, context.address_keys, budget)
    received = _criteria(data, context, rng, draft.members)
    decision = _decision(draft.members, received, context.as_at, closed=False)
    # Closing a case is a practitioner's act, not the framework's: some eligible families' are.
    if decision.status.value == "ELIGIBLE" and rng.random() < CLOSED_SHARE:
        decision = _decision(draft.members, received, context.as_at, closed=True)
    if received:
        first = min(when for _, when, _ in received).date()
        identified = min(first + dt.timedelta(days=rng.randint(0, 14)), context.as_at)
    else:
        identified = context.as_at - dt.timedelta(days=rng.randint(30, 700))
    data.families.append(
        {
            "id": family_id,
            "reference": family_reference(context.seed, number),
            "status": decision.status.value,
            "identifiedAt": identified,
            "statusFramework": decision.framework_id,
            "statusFrameworkVersion": decision.framework_version,
            "statusReasons": list(decision.reasons),
            "statusAssessedAt": dt.datetime.combine(context.as_at, dt.time(6), tzinfo=dt.UTC),
        }
    )
    _finish(data, context, rng, draft, family_id, identified)
    if received:  # a family with needs: someone reported a criterion about a member
        _team(data, context, rng, family_id, number, identified)
        if rng.random() < CONSENTED_SHARE:
            _consents(data, rng, draft.members, identified, context.as_at)


CONSENTED_SHARE = 0.8  # families with needs whose members consented to sharing (steps 3 to 5)
_CONSENT_SECTORS = [
    "local_authority", "health", "education", "housing", "employment", "voluntary", "police",
]  # fmt: skip


def _consents(
    data: Dataset, rng: random.Random, members: list[Member], identified: dt.date, as_at: dt.date
) -> None:
    """Each member's consent to sharing for assessment, support and monitoring, as the API would
    take it (domain.consent): the member's own from the consent age, else a parent's (named) for
    a child; nobody's before they were born, and none dated after the data's own day."""
    given = min(identified + dt.timedelta(days=rng.randint(7, 45)), as_at)
    adults = [m for m in members if age_on(m.dob, given) >= ADULT_AGE]
    for member in members:
        if member.dob > given:
            continue  # born since: their decision is still to be sought
        child = age_on(member.dob, given) < DEFAULT_CONSENT_AGE
        parent = rng.choice(adults) if child and adults else None
        if child and parent is None:
            continue  # nobody here may decide for them
        grantor: dict[str, str] = {"grantorKind": "SELF"}
        if parent is not None:
            grantor = {
                "grantorKind": "PARENTAL_RESPONSIBILITY",
                "grantorName": f"{parent.person['givenName']} {parent.person['familyName']}",
                "grantorRelationship": "parent",
            }
        data.consents.append(
            {
                "id": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                "personId": member.id,
                "status": "GIVEN",
                "purposes": ["assess-needs", "coordinate-support", "monitor-outcomes"],
                "organisations": [],
                "sectors": _CONSENT_SECTORS,
                **grantor,
                "method": "WRITTEN",
                "formReference": f"EH-CF-{given:%Y%m%d}-{member.id[-6:]}",
                "privacyNoticeVersion": "2025-04",
                "privacyNoticeGivenOn": given,
                "givenOn": given,
                "recordedAt": dt.datetime.combine(given, dt.time(10), dt.UTC),
                "recordedBy": "user-demo-lead",
            }
        )


# Every fifth family with needs has the demo practitioner on its team, and every tenth is led by
# the demo lead practitioner, so their demo tokens see some families (need-to-know).
_DEMO_PRACTITIONER_EVERY = 5
_DEMO_LEAD_EVERY = 10


def _team(
    data: Dataset,
    context: _Context,
    rng: random.Random,
    family_id: str,
    number: int,
    identified: dt.date,
) -> None:
    """The team around a family that has needs: a lead practitioner and a few practitioners."""
    lead = "user-demo-lead" if number % _DEMO_LEAD_EVERY == 0 else rng.choice(context.leads)
    others = set(rng.sample(context.practitioners, k=rng.randint(0, 2))) - {lead}
    if number % _DEMO_PRACTITIONER_EVERY == 0:
        others.add("user-demo-practitioner")
    since = min(identified + dt.timedelta(days=rng.randint(7, 60)), context.as_at)
    for user_id in [lead, *sorted(others)]:
        data.teams.append(
            {"userId": user_id, "familyId": family_id, "lead": user_id == lead, "from": since}
        )


def _decision(
    members: list[Member],
    received: list[tuple[str, dt.datetime, dt.date]],
    as_at: dt.date,
    *,
    closed: bool,
) -> Assessment:
    """The family's status as the framework decides it on ``as_at`` from what was reported."""
    latest: dict[str, dt.date | None] = {}
    for code, _, evidence in received:
        before = latest.get(code)
        latest[code] = evidence if before is None else max(before, evidence)
    facts = FamilyFacts(
        members=tuple(Assessed(m.dob) for m in members), indicators=latest, closed=closed
    )
    return assess_family(FRAMEWORK, facts, as_at)


def _criteria(
    data: Dataset, context: _Context, rng: random.Random, members: list[Member]
) -> list[tuple[str, dt.datetime, dt.date]]:
    """Report criteria about some members; return each (criterion code, receivedAt, evidence
    date)."""
    if rng.random() >= MEETS_CRITERIA:
        return []
    feasible: dict[str, list[tuple[Member, Criterion]]] = {}
    for member in members:
        days = (context.as_at - member.dob).days
        if days < 120:
            continue  # no partner has reported on a newborn yet
        age = days // 365
        for criterion in CRITERIA:
            if criterion.min_age <= age <= criterion.max_age:
                feasible.setdefault(criterion.headline_problem, []).append((member, criterion))
    wanted = rng.choices((1, 2, 3, 4, 5), (30, 35, 20, 11, 4))[0]
    received = []
    for problem in rng.sample(list(feasible), min(wanted, len(feasible))):
        # Sometimes a second partner evidences the same problem, as happens in real lists.
        for _ in range(2 if rng.random() < 0.2 else 1):
            member, criterion = rng.choice(feasible[problem])
            received.append((criterion.code, *_report(data, context, rng, member, criterion)))
    return received


def _report(
    data: Dataset, context: _Context, rng: random.Random, member: Member, criterion: Criterion
) -> tuple[dt.datetime, dt.date]:
    sector = rng.choice(_SECTORS_BY_PROBLEM[criterion.headline_problem])
    organisation = rng.choice(_ORGS_BY_SECTOR[sector])
    months_alive = (context.as_at - member.dob).days // 31
    # Only complete past months, and only since the person was born.
    upload_id, received_at = context.upload(
        organisation.id, rng.randint(1, max(1, min(24, months_alive - 2)))
    )
    evidence = max(member.dob, received_at.date() - dt.timedelta(days=rng.randint(0, 330)))
    record_id = str(uuid.UUID(int=rng.getrandbits(128), version=4))
    prefix = "".join(word[0] for word in organisation.name.split() if word[0].isalpha())
    data.source_records.append(
        {
            "id": record_id,
            "partnerReference": f"{prefix.upper()[:5]}-{rng.randint(0, 9_999_999):07d}",
            "receivedAt": received_at,
            "uploadId": upload_id,
        }
    )
    data.supplied_by.append({"sourceRecordId": record_id, "organisationId": organisation.id})
    data.about.append({"sourceRecordId": record_id, "personId": member.id})
    data.reports.append(
        {"sourceRecordId": record_id, "criterionCode": criterion.code, "evidenceDate": evidence}
    )
    return received_at, evidence


def _finish(
    data: Dataset,
    context: _Context,
    rng: random.Random,
    draft: FamilyDraft,
    family_id: str,
    identified: dt.date,
) -> None:
    """Date the relationships and memberships from the identification date, then emit rows."""
    grouped = dt.datetime.combine(identified, dt.time(9), tzinfo=dt.UTC) + dt.timedelta(
        minutes=rng.randint(0, 480)
    )
    # The end of the as-at day: nothing is dated in the future, nothing before its grouping.
    latest = dt.datetime.combine(context.as_at, dt.time(18), tzinfo=dt.UTC)
    for row in draft.relations:
        row["createdAt"] = grouped
    linked_since: dict[str, dt.date] = {}
    for row in draft.links:
        later = dt.timedelta(days=rng.randint(1, 120), minutes=rng.randint(0, 480))
        created = min(grouped + later, latest)
        row["createdAt"] = created
        row["createdBy"] = rng.choice(context.practitioners)
        for person_id in (row["fromId"], row["toId"]):
            if person_id not in linked_since or created.date() < linked_since[person_id]:
                linked_since[person_id] = created.date()
    for member in draft.members:
        joined = linked_since[member.id] if member.elsewhere else max(identified, member.dob)
        data.member_of.append(
            {
                "personId": member.id,
                "familyId": family_id,
                "role": member.role,
                "from": joined,
                "to": None,
            }
        )
        data.people.append(member.person)
    data.addresses.extend(draft.addresses)
    data.lives_at.extend(draft.lives_at)
    data.related_to.extend(draft.relations)
    data.related_to.extend(draft.links)
