"""Every decision of ``policy.decision.decide``, as a table for information governance to review,
with what ``domain.consent`` makes of who decided what and when, the caller's standing, and who
may take which action and how far it reaches (``policy.action_table``).

python -m devtools.decision_table > tests/policy/decisions.txt
    (tests/policy/test_decisions.py fails when the committed table and the policy drift apart)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType

from domain import consent as rule
from policy import admission
from policy.action_table import action_table
from policy.decision import Basis, Kind, Outcome, Relation, Sharing, UserStanding, decide
from policy.enforcer import Policy
from policy.field_access import Reason
from vocabulary import DataClass, Purpose, Role

# One letter per outcome, so that a cell holds one letter per sharing state and a line stays
# narrow enough to read. Upper case is served, lower case withheld.
SERVED: Mapping[Basis, str] = MappingProxyType(
    {Basis.CONSENT: "C", Basis.DECISION: "D", Basis.PUBLIC_TASK: "T"}
)
WITHHELD: Mapping[Reason, str] = MappingProxyType(
    {Reason.NOT_PERMITTED: "p", Reason.CONDITION_REQUIRED: "s", Reason.NO_CONSENT: "n"}
)
ABSENT = "-"
FORBIDDEN = "F"
UNAUTHORISED = "U"

_COLUMNS = {
    Relation.TEAM: "team",
    Relation.ORGANISATION_TEAM: "org-team",
    Relation.SUPPLIER: "supplier",
    Relation.BREAK_GLASS: "b-glass",
    Relation.NONE: "none",
}
_SHARING = {
    Sharing.CONSENT: "consent in force",
    Sharing.EXPLICIT: "consent in force naming the special category (explicit consent)",
    Sharing.DECISION: "no consent; a decision to share without consent in force",
    Sharing.DECISION_CONDITION: "... naming a condition that covers the special category",
    Sharing.NONE: "nothing (no consent, refused, withdrawn, expired, out of scope, no standing)",
}
_ROLE_WIDTH = max(len(r.value) for r in Role) + 2
_CLASS_WIDTH = max(len(c.value) for c in DataClass) + 2
_CELL_WIDTH = max(len(Sharing), *(len(c) for c in _COLUMNS.values())) + 1


def code(outcome: Outcome) -> str:
    """The outcome's letter in the table."""
    if outcome.kind is Kind.UNAUTHORISED:
        return UNAUTHORISED
    if outcome.kind is Kind.FORBIDDEN:
        return FORBIDDEN
    if outcome.kind is Kind.ABSENT:
        return ABSENT
    if outcome.kind is Kind.WITHHELD:
        assert outcome.reason is not None
        return WITHHELD[outcome.reason]
    assert outcome.basis is not None
    return SERVED[outcome.basis]


# Who decided what, and when: the people of the second table. Their ages and the decisions'
# dates are counted from this day; the caller is an organisation of the health sector.
TODAY = dt.date(2026, 6, 1)
CONSENT_AGE = rule.DEFAULT_CONSENT_AGE
PURPOSE = Purpose.ASSESS_NEEDS.value
RECIPIENT = rule.Recipient("org-caller", "health")


@dataclass(frozen=True)
class Step:
    """One recorded decision of a scenario, dated in days before TODAY."""

    status: str
    grantor: str = "SELF"
    days_ago: int = 30
    purposes: tuple[str, ...] = (PURPOSE,)
    organisations: tuple[str, ...] = ()
    sectors: tuple[str, ...] = ("health",)
    special: tuple[str, ...] = ()
    grantor_name: str | None = None
    grantor_reason: str | None = None
    withdrawn_days_ago: int | None = None
    expires_days_ago: int | None = None


@dataclass(frozen=True)
class Scenario:
    """A person of an age, and their decisions in the order they were recorded."""

    description: str
    age: int
    steps: tuple[Step, ...]
    category: str | None = None
    born: dt.date | None = field(default=None)

    def person_born(self) -> dt.date:
        return self.born or dt.date(TODAY.year - self.age, 1, 15)


_GIVEN, _REFUSED = Step("GIVEN"), Step("REFUSED")
_BY_PARENT = Step("GIVEN", "PARENTAL_RESPONSIBILITY", grantor_name="A Parent")
_BY_DEPUTY = Step("GIVEN", "APPROPRIATE_PERSON", grantor_name="A Deputy")
SCENARIOS: tuple[Scenario, ...] = (
    Scenario("an adult's own consent", 40, (_GIVEN,)),
    Scenario(
        "an adult's own consent, then their refusal", 40, (replace(_GIVEN, days_ago=60), _REFUSED)
    ),
    Scenario(
        "an adult's own consent, then withdrawn", 40, (replace(_GIVEN, withdrawn_days_ago=5),)
    ),
    Scenario(
        "an adult's refusal, then their consent", 40, (replace(_REFUSED, days_ago=60), _GIVEN)
    ),
    Scenario("an adult's own consent, expired", 40, (replace(_GIVEN, expires_days_ago=1),)),
    Scenario(
        "an adult's consent for another purpose",
        40,
        (replace(_GIVEN, purposes=("monitor-outcomes",)),),
    ),
    Scenario("an adult's consent for another sector", 40, (replace(_GIVEN, sectors=("police",)),)),
    Scenario(
        "consent naming the organisation, then a refusal naming its sector",
        40,
        (replace(_GIVEN, days_ago=60, organisations=("org-caller",), sectors=()), _REFUSED),
    ),
    Scenario(
        "consent for the sector, then a refusal naming another of its organisations",
        40,
        (replace(_GIVEN, days_ago=60), replace(_REFUSED, organisations=("org-other",), sectors=())),
    ),
    Scenario("consent dated later than today", 40, (replace(_GIVEN, days_ago=-3),)),
    Scenario(
        "consent dated before the person was born",
        0,
        (replace(_BY_PARENT, days_ago=200),),
        born=TODAY - dt.timedelta(days=100),
    ),
    Scenario("a parent's consent for a child of 10", 10, (_BY_PARENT,)),
    Scenario("a parent's consent, no parent named", 10, (replace(_BY_PARENT, grantor_name=None),)),
    Scenario("a parent's consent for a child of 15", 15, (_BY_PARENT,)),
    Scenario(
        "a parent's consent given at 17, the person now 18",
        18,
        (replace(_BY_PARENT, days_ago=400),),
    ),
    Scenario("a parent's consent for someone of 37", 37, (_BY_PARENT,)),
    Scenario("a child of 15's own consent", 15, (_GIVEN,)),
    Scenario("a child of 12's own consent (under the consent age)", 12, (_GIVEN,)),
    Scenario(
        "a child of 17's own consent withdrawn, then a parent's consent",
        17,
        (replace(_GIVEN, days_ago=60, withdrawn_days_ago=40), _BY_PARENT),
    ),
    Scenario(
        "a child of 16's refusal, then a parent's consent",
        16,
        (replace(_REFUSED, days_ago=60), _BY_PARENT),
    ),
    Scenario(
        "an appropriate person for an adult, with a reason",
        50,
        (replace(_BY_DEPUTY, grantor_reason="lacks capacity"),),
    ),
    Scenario("an appropriate person for an adult, no reason", 50, (_BY_DEPUTY,)),
    Scenario(
        "an appropriate person for a child of 10",
        10,
        (replace(_BY_DEPUTY, grantor_reason="carer"),),
    ),
    Scenario(
        "health data: consent naming health", 40, (replace(_GIVEN, special=("health",)),), "health"
    ),
    Scenario("health data: consent naming no category", 40, (_GIVEN,), "health"),
    Scenario(
        "health data: consent naming health, then a later one naming none",
        40,
        (replace(_GIVEN, days_ago=60, special=("health",)), _GIVEN),
        "health",
    ),
)


def _days_before(days: int | None) -> dt.date | None:
    return None if days is None else TODAY - dt.timedelta(days=days)


def _decisions(scenario: Scenario) -> list[rule.Decision]:
    found = []
    for i, step in enumerate(scenario.steps):
        given_on = TODAY - dt.timedelta(days=step.days_ago)
        at = dt.datetime.combine(given_on, dt.time(10), dt.UTC) + dt.timedelta(minutes=i)
        withdrawn = _days_before(step.withdrawn_days_ago)
        found.append(
            rule.Decision(
                id=f"d{i + 1}",
                status=rule.Status("WITHDRAWN" if withdrawn else step.status),
                purposes=frozenset(step.purposes),
                organisations=frozenset(step.organisations),
                sectors=frozenset(step.sectors),
                grantor=rule.Grantor(step.grantor),
                given_on=given_on,
                recorded_at=at,
                expires_on=_days_before(step.expires_days_ago),
                withdrawn_at=dt.datetime.combine(withdrawn, dt.time(11), dt.UTC)
                if withdrawn
                else None,
                special_categories=frozenset(step.special),
                grantor_name=step.grantor_name,
                grantor_reason=step.grantor_reason,
            )
        )
    return found


def sharing_of(scenario: Scenario) -> tuple[Sharing, rule.Decision | None, bool]:
    """What ``domain.consent`` makes of the scenario: the sharing state, the decision relied on,
    and whether a review is due (a parent's consent relied on for a child who may now decide)."""
    decisions = _decisions(scenario)
    born = scenario.person_born()

    def relied_on(category: str | None) -> rule.Decision | None:
        return rule.effective(
            decisions,
            born=born,
            today=TODAY,
            consent_age=CONSENT_AGE,
            purpose=PURPOSE,
            recipient=RECIPIENT,
            category=category,
        )

    ordinary = relied_on(None)
    if ordinary is None:
        return Sharing.NONE, None, False
    review = rule.review_due(ordinary, born, TODAY, CONSENT_AGE)
    explicit = relied_on(scenario.category) if scenario.category else None
    if explicit is not None:
        return Sharing.EXPLICIT, explicit, review
    return Sharing.CONSENT, ordinary, review


def _header() -> list[str]:
    order = ", ".join(s.value.replace("_", " ") for s in Sharing)
    lines = [
        "What each role gets for one field of personal data about a person, for each purpose,",
        "by data class, by how the caller stands to the person (column) and by what covers a",
        "disclosure about the person (one letter per sharing state within a column). Generated",
        "from policy/policy.csv by policy/decision.py, the functions the API itself uses, and",
        "from domain/consent.py for the second table: do not edit by hand.",
        "",
        "Columns (how the caller stands to the person):",
        "  team         the caller is on the team around the person's family",
        "  org-team     someone from the caller's organisation is (counts for partner systems)",
        "  supplier     the caller's organisation supplied a record about the person",
        "  b-glass      the caller holds an unexpired break-glass grant for the family (which",
        "               records a decision to share without consent for its members)",
        "  none         none of these",
        "Sharing states, one letter each, in this order in every cell:",
        f"  {order}:",
    ]
    lines += [f"  {s.value:<20}{text}" for s, text in _SHARING.items()]
    lines += [
        "  Only assessing needs, co-ordinating support and monitoring outcomes rest on them;",
        "  the other purposes rest on the council's public task, and special category data",
        "  there on a standing condition the policy names for the role (p, ROLE, CONDITION,",
        "  condition, PURPOSE).",
        "Letters:",
        f"  {UNAUTHORISED}  unauthorised: the caller is not an active user in the register",
        f"  {FORBIDDEN}  forbidden: the role may not declare this purpose (HTTP 403)",
        f"  {ABSENT}  absent: the person is not visible (left out of lists, null by id)",
    ]
    lines += [f"  {letter}  served, resting on {basis.value}" for basis, letter in SERVED.items()]
    lines += [f"  {letter}  withheld (null): {reason.value}" for reason, letter in WITHHELD.items()]
    return lines


def _line(policy: Policy, purpose: Purpose, role: Role, data_class: DataClass) -> str:
    cells = [
        "".join(
            code(decide(policy, {role.value}, purpose, data_class, relation, sharing))
            for sharing in Sharing
        )
        for relation in Relation
    ]
    return (
        role.value.ljust(_ROLE_WIDTH)
        + data_class.value.ljust(_CLASS_WIDTH)
        + "".join(c.ljust(_CELL_WIDTH) for c in cells).rstrip()
    )


def _who_decided() -> list[str]:
    lines = [
        "",
        "## who decided, and when (domain/consent.py)",
        "",
        "What a person's recorded decisions come to for a disclosure to an organisation of the",
        f"health sector for {PURPOSE} on {TODAY.isoformat()}, with the consent age at "
        f"{CONSENT_AGE}:",
        "the sharing state (a column letter of the grid above), the decision relied on, and",
        "whether a review is due (a parent's consent for a child who may now decide).",
        "",
    ]
    width = max(len(s.description) for s in SCENARIOS) + 2
    lines.append("person and decisions".ljust(width) + "sharing   relied on  review")
    for scenario in SCENARIOS:
        sharing, relied_on, review = sharing_of(scenario)
        lines.append(
            (
                scenario.description.ljust(width)
                + sharing.value.ljust(10)
                + (relied_on.id if relied_on else "-").ljust(11)
                + ("due" if review else "-")
            ).rstrip()
        )
    return lines


_APPROVED = admission.Standing(
    status=admission.AccountStatus.APPROVED,
    kind=admission.AccountKind.PERSON,
    roles=frozenset({"practitioner"}),
    organisation_ids=("org-caller",),
    organisation_signed=True,
    user_agreement_version="1",
)
# The caller's standing in the register, and the token they present (organisation, roles).
_ORG = "org-caller"
STANDINGS: tuple[tuple[str, admission.Standing | None, str, frozenset[str] | None], ...] = (
    ("approved, agreement accepted, organisation signed", _APPROVED, _ORG, None),
    ("... a token narrowing the roles to one held", _APPROVED, _ORG, frozenset({"practitioner"})),
    ("... a token claiming a role not held", _APPROVED, _ORG, frozenset({"coordinator"})),
    ("... a token naming another organisation", _APPROVED, "org-other", None),
    ("not in the register", None, _ORG, None),
    ("access requested, not approved", replace(_APPROVED, status="REQUESTED"), _ORG, None),
    ("suspended", replace(_APPROVED, status="SUSPENDED"), _ORG, None),
    ("revoked", replace(_APPROVED, status="REVOKED"), _ORG, None),
    ("organisation has not signed", replace(_APPROVED, organisation_signed=False), _ORG, None),
    ("user agreement not accepted", replace(_APPROVED, user_agreement_version=None), _ORG, None),
    (
        "an older user agreement accepted",
        replace(_APPROVED, user_agreement_version="0"),
        _ORG,
        None,
    ),
)


def _standing(policy: Policy) -> list[str]:
    lines = [
        "",
        "## the caller's standing in the register of users (policy/admission.py)",
        "",
        "What a practitioner on the team around a person's family gets for their identity while",
        "assessing needs, with consent in force, by the caller's standing and the token they",
        "present (U: refused before anything is read, with the reason; 401 where another token",
        "would help, 403 otherwise).",
        "",
    ]
    width = max(len(d) for d, *_ in STANDINGS) + 2
    for description, standing, organisation, claimed in STANDINGS:
        admitted = admission.admit(
            standing, organisation_id=organisation, claimed_roles=claimed, user_agreement="1"
        )
        user = UserStanding.ACTIVE if admitted.admitted else UserStanding.NOT_ACTIVE
        outcome = code(
            decide(
                policy,
                admitted.roles,
                Purpose.ASSESS_NEEDS,
                DataClass.IDENTITY,
                Relation.TEAM,
                Sharing.CONSENT,
                user,
            )
        )
        if admitted.refusal is not None:
            status = 401 if admitted.refusal in admission.UNAUTHENTICATED else 403
            outcome += f" ({status}, {admitted.refusal.value})"
        lines.append((description.ljust(width) + outcome).rstrip())
    return lines


def decision_table(policy: Policy) -> str:
    lines = _header()
    heading = (
        "role".ljust(_ROLE_WIDTH)
        + "data class".ljust(_CLASS_WIDTH)
        + "".join(_COLUMNS[r].ljust(_CELL_WIDTH) for r in Relation).rstrip()
    )
    for purpose in Purpose:
        lines += ["", f"## {purpose.value}", "", heading]
        lines += [
            _line(policy, purpose, role, data_class) for role in Role for data_class in DataClass
        ]
    lines += _who_decided()
    lines += _standing(policy)
    lines += action_table(policy)
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(decision_table(Policy.load()), end="")
