"""The roles a user acts in: what tokens claim, the register of users holds and the policy names."""

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
