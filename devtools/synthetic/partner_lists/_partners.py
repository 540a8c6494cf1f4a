"""The six partners whose lists are generated, what each records, and one row of a list.

Each partner is an organisation of devtools.synthetic.reference, so the lists load into the demo
graph. They differ as real partners do: the NHS trust has NHS numbers, the education service has
unique pupil numbers (for school-age children only), housing knows its properties' UPRNs, the
police and the voluntary sector record less and make more slips.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from devtools.synthetic.partner_lists import _noise
from devtools.synthetic.partner_lists._population import Address, Person
from intake.identifiers import UPN_LETTERS, upn_check_letter

_YEAR = 365.25


@dataclass(frozen=True, slots=True)
class Partner:
    organisation_id: str
    sector: str
    prefix: str  # of its partner references
    ages: tuple[int, int]  # of the people it lists, inclusive
    weight: int  # how often it is one of a person's lists
    nhs_number: tuple[float, float]  # share of rows with it: (children, adults)
    upn: float  # share of school-age children's rows with their UPN
    uprn: float
    sex: float
    other_names: float
    slips: float  # scales every kind of noise
    criteria: tuple[tuple[str, int, int], ...]  # (code, min age, max age) from the reference data

    def eligible(self, age: float) -> bool:
        return self.ages[0] <= age < self.ages[1] + 1


PARTNERS: tuple[Partner, ...] = (
    Partner(
        organisation_id="org-rd-e-nhs-foundation-trust",
        sector="health",
        prefix="RDE",
        ages=(0, 120),
        weight=30,
        nhs_number=(0.97, 0.97),
        upn=0,
        uprn=0.3,
        sex=1.0,
        other_names=0.6,
        slips=0.6,
        criteria=(
            ("CN3", 0, 17),
            ("HE2", 5, 17),
            ("HE1", 18, 99),
            ("HE3", 14, 99),
            ("HE4", 16, 45),
        ),
    ),
    Partner(
        organisation_id="org-babcock-learning-and-development-partnership-ldp",
        sector="education",
        prefix="LDP",
        ages=(4, 16),
        weight=25,
        nhs_number=(0, 0),
        upn=0.98,
        uprn=0,
        sex=1.0,
        other_names=0.5,
        slips=0.6,
        criteria=(("CN3", 0, 17), ("SA1", 5, 16), ("SA2", 5, 16), ("SA3", 5, 16)),
    ),
    Partner(
        organisation_id="org-devon-and-cornwall-police",
        sector="police",
        prefix="DCP",
        ages=(10, 120),
        weight=20,
        nhs_number=(0, 0),
        upn=0,
        uprn=0.1,
        sex=0.95,
        other_names=0.7,
        slips=1.2,
        criteria=(
            ("CR1", 10, 17),
            ("CR2", 10, 99),
            ("CR4", 18, 99),
            ("DA1", 16, 99),
            ("DA2", 16, 99),
        ),
    ),
    Partner(
        organisation_id="org-dch-devon-cornwall-housing",
        sector="housing",
        prefix="DCH",
        ages=(16, 120),
        weight=15,
        nhs_number=(0, 0),
        upn=0,
        uprn=1.0,
        sex=0.6,
        other_names=0.2,
        slips=1.0,
        criteria=(("CR2", 10, 99), ("WK1", 18, 66), ("WK3", 18, 99)),
    ),
    Partner(
        organisation_id="org-devon-county-council",
        sector="local_authority",
        prefix="DCC",
        ages=(0, 120),
        weight=25,
        nhs_number=(0.6, 0.2),
        upn=0.5,
        uprn=0.7,
        sex=0.9,
        other_names=0.4,
        slips=1.0,
        criteria=(
            ("CN1", 0, 17),
            ("CN2", 0, 17),
            ("CN3", 0, 17),
            ("WK2", 16, 24),
            ("WK3", 18, 99),
        ),
    ),
    Partner(
        organisation_id="org-action-for-children",
        sector="voluntary",
        prefix="AFC",
        ages=(0, 120),
        weight=15,
        nhs_number=(0.05, 0.05),
        upn=0,
        uprn=0,
        sex=0.5,
        other_names=0.1,
        slips=1.6,
        criteria=(("CN3", 0, 17), ("HE3", 14, 99), ("DA1", 16, 99), ("WK3", 18, 99)),
    ),
)

# Base rates of each kind of noise in a row, before a partner's `slips`.
NICKNAME = 0.15
GIVEN_TYPO = 0.03
FAMILY_TYPO = 0.03
CASING = 0.12
DAY_MONTH_SWAP = 0.04
DIGIT_SLIP = 0.01
POSTCODE_FORMAT = 0.2
TEMPORARY_UPN = 0.03  # the council still holds the temporary UPN a school first gave


def age(person: Person, as_at: dt.date) -> float:
    return (as_at - person.date_of_birth).days / _YEAR


def row(
    rng: random.Random,
    partner: Partner,
    person: Person,
    *,
    as_at: dt.date,
    old_address: bool,
) -> dict[str, str]:
    """The partner's row for the person, without its reference (given after shuffling)."""
    slips = partner.slips
    years = age(person, as_at)
    evidence = as_at - dt.timedelta(days=rng.randint(0, 300))
    evidence = max(evidence, person.date_of_birth)

    def chance(p: float) -> bool:
        return rng.random() < p

    given = person.given_name
    if chance(NICKNAME * slips):
        given = _noise.nickname(rng, given)
    if chance(GIVEN_TYPO * slips):
        given = _noise.typo(rng, given)
    if chance(CASING * slips):
        given = _noise.casing(rng, given)
    family = person.family_name
    if chance(FAMILY_TYPO * slips):
        family = _noise.typo(rng, family)
    if chance(CASING * slips):
        family = _noise.casing(rng, family)

    dob: dt.date | None = person.date_of_birth
    if chance(DAY_MONTH_SWAP * slips):
        dob = _noise.swapped_day_and_month(person.date_of_birth)
    elif chance(DIGIT_SLIP * slips):
        dob = _noise.digit_slip(rng, person.date_of_birth)
    if dob is None or not dt.date(1900, 1, 1) <= dob <= evidence:
        dob = person.date_of_birth

    address: Address = (
        person.previous_address if old_address and person.previous_address else person.address
    )
    postcode = address.postcode
    if chance(POSTCODE_FORMAT):
        postcode = _noise.postcode(rng, postcode)

    nhs_share = partner.nhs_number[0] if years < 18 else partner.nhs_number[1]
    upn = person.upn if person.upn and chance(partner.upn) else None
    if upn and partner.sector == "local_authority" and chance(TEMPORARY_UPN):
        tail = upn[1:-1] + rng.choice(UPN_LETTERS)
        upn = upn_check_letter(tail) + tail
    codes = [code for code, low, high in partner.criteria if low <= years < high + 1]
    chosen = sorted(rng.sample(codes, min(len(codes), rng.choice((1, 1, 2)))))
    return {
        "given_name": given,
        "family_name": family,
        "other_names": person.other_names
        if person.other_names and chance(partner.other_names)
        else "",
        "date_of_birth": dob.isoformat(),
        "sex": _sex(rng, partner, person.sex) if chance(partner.sex) else "",
        "address_line1": address.line1,
        "address_line2": address.line2 or "",
        "town": address.town if chance(0.8) else "",
        "postcode": postcode,
        "uprn": address.uprn if chance(partner.uprn) else "",
        "nhs_number": _noise.nhs_number(rng, person.nhs_number) if chance(nhs_share) else "",
        "upn": upn or "",
        "criteria": rng.choice((";", "|")).join(chosen),
        "evidence_date": evidence.isoformat(),
    }


def _sex(rng: random.Random, partner: Partner, sex: str) -> str:
    if partner.sector == "health":
        return sex[0].upper()
    return rng.choice((sex, sex.capitalize(), sex.upper()))
