"""The words every access decision is made of: roles, sectors, purposes and data classes.

Values are the strings used in tokens, headers, the policy file and the audit; unknown strings
are never guessed at (a role that is not listed here grants nothing).
"""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    DATA_ANALYST = "data_analyst"  # data team: matching people and building families
    COORDINATOR = "coordinator"  # Early Help co-ordinator
    LEAD_PRACTITIONER = "lead_practitioner"
    PRACTITIONER = "practitioner"
    PARTNER_SYSTEM = "partner_system"  # a machine client of one partner organisation
    IG_OFFICER = "ig_officer"  # information governance officer
    CALDICOTT_GUARDIAN = "caldicott_guardian"  # oversees health and social care data (Appendix 2)
    ADMINISTRATOR = "administrator"
    NATIONAL_EVALUATOR = "national_evaluator"  # pseudonymised data only


class Sector(StrEnum):
    LOCAL_AUTHORITY = "local_authority"
    HEALTH = "health"
    POLICE = "police"
    EDUCATION = "education"
    HOUSING = "housing"
    EMPLOYMENT = "employment"
    PROBATION = "probation"
    YOUTH_JUSTICE = "youth_justice"
    VOLUNTARY = "voluntary"
    FIRE = "fire"


class Purpose(StrEnum):
    """What a request is for; every request declares one.

    The first six are the purposes of sharing in section 4.2 of the agreement. The last is not a
    purpose of sharing but the governance of it (Appendix 3: monitoring, review, subject access,
    breaches): it reads audit records and alerts, never the family data itself.
    """

    IDENTIFY_INDIVIDUALS = "identify-individuals"
    IDENTIFY_FAMILIES = "identify-families"
    ASSESS_NEEDS = "assess-needs"
    COORDINATE_SUPPORT = "coordinate-support"
    MONITOR_OUTCOMES = "monitor-outcomes"
    NATIONAL_EVALUATION = "national-evaluation"
    INFORMATION_GOVERNANCE = "information-governance"


class DataClass(StrEnum):
    """Each field of personal data has exactly one; fields with none are not personal data."""

    IDENTITY = "identity"
    CONTACT = "contact"
    ADDRESS = "address"
    FAMILY_LINKS = "family_links"
    EDUCATION = "education"
    EMPLOYMENT = "employment"
    HOUSING = "housing"
    SOCIAL_CARE = "social_care"
    CASE_NOTES = "case_notes"
    # Special categories (UK GDPR Art. 9) and criminal offence data (Art. 10): these need an
    # extra condition beyond the ordinary lawful basis.
    HEALTH = "health"
    ETHNICITY = "ethnicity"
    RELIGION = "religion"
    SEX_LIFE = "sex_life"
    CRIMINAL_OFFENCE = "criminal_offence"


# Steps 3 to 5 of Appendix 4 share information "with consent to help deliver that support"
# (section 2.2): for these purposes a disclosure about a person relies on that person's consent,
# unless the request offers another lawful basis the policy lets the role rely on.
CONSENT_PURPOSES: frozenset[Purpose] = frozenset(
    {Purpose.ASSESS_NEEDS, Purpose.COORDINATE_SUPPORT, Purpose.MONITOR_OUTCOMES}
)

SPECIAL: frozenset[DataClass] = frozenset(
    {
        DataClass.HEALTH,
        DataClass.ETHNICITY,
        DataClass.RELIGION,
        DataClass.SEX_LIFE,
        DataClass.CRIMINAL_OFFENCE,
    }
)
