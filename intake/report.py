"""What an upload came to: rows read, rows accepted, and every problem of every rejected row."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from enum import StrEnum
from typing import Literal

from intake.schema import ROW_HASH_VERSION, PartnerRow

Format = Literal["csv", "jsonl"]


class RejectionCode(StrEnum):
    MISSING_FIELD = "MISSING_FIELD"
    TOO_LONG = "TOO_LONG"
    CONTROL_CHARACTERS = "CONTROL_CHARACTERS"
    INVALID_DATE = "INVALID_DATE"
    FUTURE_DATE = "FUTURE_DATE"
    IMPLAUSIBLE_DATE = "IMPLAUSIBLE_DATE"
    INVALID_POSTCODE = "INVALID_POSTCODE"
    INVALID_UPRN = "INVALID_UPRN"
    INVALID_NHS_NUMBER = "INVALID_NHS_NUMBER"
    INVALID_UPN = "INVALID_UPN"
    INVALID_SEX = "INVALID_SEX"
    UNKNOWN_CRITERION = "UNKNOWN_CRITERION"
    EVIDENCE_BEFORE_BIRTH = "EVIDENCE_BEFORE_BIRTH"
    DUE_DATE_TOO_EARLY = "DUE_DATE_TOO_EARLY"
    DUE_DATE_TOO_LATE = "DUE_DATE_TOO_LATE"
    DUPLICATE_REFERENCE = "DUPLICATE_REFERENCE"
    WRONG_COLUMN_COUNT = "WRONG_COLUMN_COUNT"
    INVALID_CSV = "INVALID_CSV"
    NOT_AN_OBJECT = "NOT_AN_OBJECT"
    INVALID_JSON = "INVALID_JSON"
    WRONG_TYPE = "WRONG_TYPE"


@dataclass(frozen=True, slots=True)
class Rejection:
    """One problem of one row; `field` is None when the row as a whole is unreadable.

    Messages never repeat the row's personal data, so a report is no more sensitive to keep or
    show than the partner's reference and row number.
    """

    row_number: int
    field: str | None
    code: RejectionCode
    message: str


@dataclass(frozen=True, slots=True)
class ParsedUpload:
    """The outcome of one upload, with `len(accepted) + rejected_rows == rows_read` always.

    In strict mode a single problem rejects the file: `accepted` is empty, every row counts as
    rejected, and `rejections` still lists each problem found.
    """

    format: Format
    rows_read: int
    accepted: tuple[PartnerRow, ...]
    rejections: tuple[Rejection, ...]
    content_sha256: str
    strict: bool = False

    def __post_init__(self) -> None:
        # A report that loses rows would be worse than none: refuse to build one.
        accepted_numbers = {row.row_number for row in self.accepted}
        if len(accepted_numbers) != len(self.accepted):
            raise AssertionError("a row was accepted twice")
        if accepted_numbers & self.problem_row_numbers:
            raise AssertionError("a row was both accepted and rejected")
        if self.strict_rejected and self.accepted:
            raise AssertionError("strict mode rejected the file but rows were accepted")
        if len(self.accepted) + self.rejected_rows != self.rows_read:
            raise AssertionError(
                f"{len(self.accepted)} accepted + {self.rejected_rows} rejected "
                f"!= {self.rows_read} read"
            )

    @property
    def outcome_sha256(self) -> str:
        """SHA-256 of what the file came to: which rows were accepted, and every problem found.

        With the file's own fingerprint it tells whether sending the file again reads the same:
        the same bytes read differently once the criteria catalogue changes or a date is no
        longer in the future. Messages are left out, so rewording one changes nothing.
        """
        outcome = {
            "v": ROW_HASH_VERSION,
            "strict": self.strict,
            "accepted": [row.row_number for row in self.accepted],
            "rejections": [[r.row_number, r.field, str(r.code)] for r in self.rejections],
        }
        canonical = json.dumps(outcome, separators=(",", ":"))
        return hashlib.sha256(canonical.encode()).hexdigest()

    @property
    def problem_row_numbers(self) -> frozenset[int]:
        return frozenset(r.row_number for r in self.rejections)

    @property
    def rows_with_problems(self) -> int:
        return len(self.problem_row_numbers)

    @property
    def strict_rejected(self) -> bool:
        return self.strict and bool(self.rejections)

    @property
    def rejected_rows(self) -> int:
        """Rows not loaded: those with problems, or every row when strict mode refused the file."""
        return self.rows_read if self.strict_rejected else self.rows_with_problems

    @property
    def summary(self) -> str:
        if self.strict_rejected:
            return (
                f"Strict mode rejected the whole file: {self.rows_with_problems} of "
                f"{self.rows_read} rows had problems, so no row was loaded. Correct the rows "
                "listed and send the whole file again."
            )
        return (
            f"{self.rows_read} rows read: {len(self.accepted)} accepted, "
            f"{self.rejected_rows} rejected."
        )
