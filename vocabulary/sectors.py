"""The sectors of the partner organisations: what an organisation is, and what a consent names."""

from __future__ import annotations

from enum import StrEnum


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
