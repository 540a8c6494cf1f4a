"""The one documented schema partners send rows in: as a table of fields, and as a typed row.

`intake/SCHEMA.md` is the partner-facing version of `FIELDS`; a test keeps the two in step.
Every field is text in both formats except `criteria`, which a CSV cell holds as codes separated
by ';' or '|' and a JSON Lines object holds as an array of strings. `PartnerRow` is a row that
passed validation, its values normalised and typed.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

NAME_LENGTH = 100
REFERENCE_LENGTH = 64
_TEXT = f"text, at most {NAME_LENGTH} characters"


@dataclass(frozen=True, slots=True)
class Field:
    name: str
    required: bool
    description: str
    format: str
    example: str
    max_length: int | None = None  # set for free-text fields: characters after trimming


FIELDS: tuple[Field, ...] = (
    Field(
        "partner_reference",
        True,
        "Your own identifier for this row, unique within the file",
        f"text, at most {REFERENCE_LENGTH} characters",
        "HSG-2024-00017",
        REFERENCE_LENGTH,
    ),
    Field("given_name", True, "First name", _TEXT, "Amelia", NAME_LENGTH),
    Field("family_name", True, "Surname", _TEXT, "Hughes", NAME_LENGTH),
    Field("other_names", False, "Middle or other names", _TEXT, "Jane", NAME_LENGTH),
    Field("date_of_birth", True, "Date of birth", "date, YYYY-MM-DD", "2011-04-23"),
    Field(
        "sex",
        False,
        "Sex as you record it",
        "female, male or unknown (any case; F, M or U also accepted)",
        "female",
    ),
    Field("address_line1", True, "First line of the address", _TEXT, "12 Fore Street", NAME_LENGTH),
    Field("address_line2", False, "Second line of the address", _TEXT, "Heavitree", NAME_LENGTH),
    Field("town", False, "Town or city", _TEXT, "Exeter", NAME_LENGTH),
    Field(
        "postcode",
        True,
        "Postcode of the address",
        "a UK postcode in any case and spacing (stored as EX4 4QJ)",
        "EX4 4QJ",
    ),
    Field("uprn", False, "Unique Property Reference Number", "1 to 12 digits", "100040212345"),
    Field(
        "nhs_number",
        False,
        "NHS number",
        "10 digits with a valid check digit; spaces and hyphens allowed",
        "943 476 5919",
    ),
    Field(
        "upn",
        False,
        "Unique pupil number",
        "13 characters: a check letter, 11 digits, then a digit (or a letter if temporary)",
        "D878200323001",
    ),
    Field(
        "criteria",
        True,
        "Codes of the identifying criteria the person meets",
        "one or more codes; in CSV separated by ';' or '|', in JSON Lines an array of strings",
        "CR1;SA1",
    ),
    Field(
        "evidence_date",
        True,
        "Date of the evidence that the criteria are met",
        "date, YYYY-MM-DD, not in the future and not before the date of birth",
        "2024-03-01",
    ),
    Field(
        "expected_due_date",
        False,
        "Expected date of delivery, for a pregnant person or an expectant father or partner "
        "(health data: pregnancy)",
        "date, YYYY-MM-DD, from 14 days before to 300 days after the evidence date",
        "2024-09-15",
    ),
)

FIELD_NAMES: tuple[str, ...] = tuple(f.name for f in FIELDS)
REQUIRED_FIELDS: frozenset[str] = frozenset(f.name for f in FIELDS if f.required)
BY_NAME: dict[str, Field] = {f.name: f for f in FIELDS}


class Sex(StrEnum):
    FEMALE = "female"
    MALE = "male"
    UNKNOWN = "unknown"


# How far an expected due date may lie from the row's evidence date. A pregnancy lasts about 280
# days from its start, which no evidence can predate; 300 allows for dating by scan. Labour may
# be induced up to 2 weeks after the due date, so evidence later than that cannot show someone
# still expecting.
DUE_AFTER_EVIDENCE_MAX_DAYS = 300
DUE_BEFORE_EVIDENCE_MAX_DAYS = 14

# Part of every row fingerprint: bump it when normalisation changes, so that old and new
# fingerprints of the same row can never be mistaken for each other.
ROW_HASH_VERSION = 1


@dataclass(frozen=True, slots=True)
class PartnerRow:
    """One accepted row; `row_number` is where it starts in the file (see SCHEMA.md)."""

    row_number: int
    partner_reference: str
    given_name: str
    family_name: str
    other_names: str | None
    date_of_birth: date
    sex: Sex | None
    address_line1: str
    address_line2: str | None
    town: str | None
    postcode: str
    uprn: str | None
    nhs_number: str | None
    upn: str | None
    criteria: tuple[str, ...]
    evidence_date: date
    expected_due_date: date | None = None

    @property
    def row_sha256(self) -> str:
        """SHA-256 of the normalised content, row number excluded.

        The same row sent again (in any position, in either format, with different spacing or
        case where those are normalised) has the same fingerprint; a corrected row has another.
        """
        content = {
            "v": ROW_HASH_VERSION,
            "partner_reference": self.partner_reference,
            "given_name": self.given_name,
            "family_name": self.family_name,
            "other_names": self.other_names,
            "date_of_birth": self.date_of_birth.isoformat(),
            "sex": None if self.sex is None else self.sex.value,
            "address_line1": self.address_line1,
            "address_line2": self.address_line2,
            "town": self.town,
            "postcode": self.postcode,
            "uprn": self.uprn,
            "nhs_number": self.nhs_number,
            "upn": self.upn,
            "criteria": list(self.criteria),
            "evidence_date": self.evidence_date.isoformat(),
        }
        # Only when sent: rows without one keep the fingerprints already stored for them, so
        # adding the column changes no partner's unchanged rows.
        if self.expected_due_date is not None:
            content["expected_due_date"] = self.expected_due_date.isoformat()
        canonical = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        return hashlib.sha256(canonical.encode()).hexdigest()
