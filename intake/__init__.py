"""Intake of partner lists: the bytes of one upload to accepted rows and a report of the rest.

Pure: no database and no I/O beyond the bytes given. `parse` reads CSV or JSON Lines in one
schema (the full partner-facing description, with examples and what to do about each code, is
`intake/SCHEMA.md`; `intake.schema.FIELDS` is the same table as data):

    partner_reference*  given_name*  family_name*  other_names  date_of_birth*  sex
    address_line1*  address_line2  town  postcode*  uprn  nhs_number  upn  criteria*
    evidence_date*  expected_due_date                                  (* required)

Every row read is either accepted as a `PartnerRow` or rejected with a `Rejection` for each of
its problems (strict mode: any problem rejects every row). A file that cannot be read as a batch
at all raises `MalformedFile` and yields nothing.
"""

from __future__ import annotations

from intake.errors import MalformedCode, MalformedFile
from intake.reader import MAX_BYTES, MAX_ROWS, parse
from intake.report import Format, ParsedUpload, Rejection, RejectionCode
from intake.schema import FIELDS, Field, PartnerRow, Sex

__all__ = [
    "FIELDS",
    "MAX_BYTES",
    "MAX_ROWS",
    "Field",
    "Format",
    "MalformedCode",
    "MalformedFile",
    "ParsedUpload",
    "PartnerRow",
    "Rejection",
    "RejectionCode",
    "Sex",
    "parse",
]
