"""Raw partner rows to `PartnerRow`s, or to every problem each row has.

A row is checked field by field and all problems are kept, so a partner fixes a row once.
Within a file a partner_reference belongs to the first row that uses it, accepted or not.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from datetime import date, timedelta

from intake import identifiers
from intake._record import RawRecord
from intake.report import Rejection, RejectionCode
from intake.schema import (
    BY_NAME,
    DUE_AFTER_EVIDENCE_MAX_DAYS,
    DUE_BEFORE_EVIDENCE_MAX_DAYS,
    PartnerRow,
    Sex,
)

EARLIEST = date(1900, 1, 1)
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
# C0 and C1 controls (tab and newline included), lone surrogates (only JSON escapes can make
# them), line and paragraph separators, and the bidirectional overrides and isolates, which can
# make a name display differently from how it matches.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_SEX = {
    "female": Sex.FEMALE,
    "f": Sex.FEMALE,
    "male": Sex.MALE,
    "m": Sex.MALE,
    "unknown": Sex.UNKNOWN,
    "u": Sex.UNKNOWN,
}

_Normaliser = Callable[[str], str | None]


def validate_records(
    records: Iterable[RawRecord], *, known_criteria: frozenset[str], today: date
) -> tuple[list[PartnerRow], list[Rejection]]:
    """Validate a file's records in order; duplicates of an earlier reference are rejected."""
    known = _known(known_criteria)
    accepted: list[PartnerRow] = []
    rejections: list[Rejection] = []
    first_use: dict[str, int] = {}
    for record in records:
        if isinstance(record.content, Rejection):
            rejections.append(record.content)
            continue
        checker = _Checker(record.row_number, record.content, known, today)
        row = checker.row()
        reference = checker.reference
        if reference is not None:
            first = first_use.setdefault(reference, record.row_number)
            if first != record.row_number:
                checker.problems.insert(0, _duplicate(record.row_number, first))
                row = None
        if row is None:
            rejections.extend(checker.problems)
        else:
            accepted.append(row)
    return accepted, rejections


def validate_row(
    row_number: int,
    values: Mapping[str, object],
    *,
    known_criteria: frozenset[str],
    today: date,
) -> PartnerRow | list[Rejection]:
    """One row on its own (no duplicate check): the row, or all of its problems."""
    checker = _Checker(row_number, values, _known(known_criteria), today)
    row = checker.row()
    return checker.problems if row is None else row


def _known(known_criteria: frozenset[str]) -> dict[str, str]:
    return {code.upper(): code for code in known_criteria}


def _duplicate(row_number: int, first: int) -> Rejection:
    return Rejection(
        row_number,
        "partner_reference",
        RejectionCode.DUPLICATE_REFERENCE,
        f"row {first} already uses this partner_reference; give each row its own reference "
        "or remove the repeated row",
    )


class _Checker:
    """Collects the problems of one row while reading each of its fields."""

    def __init__(
        self, row_number: int, values: Mapping[str, object], known: dict[str, str], today: date
    ) -> None:
        self.row_number = row_number
        self.values = values
        self.known = known
        self.today = today
        self.problems: list[Rejection] = []
        self.reference: str | None = None

    def row(self) -> PartnerRow | None:
        self.reference = self.text("partner_reference")
        given_name = self.text("given_name")
        family_name = self.text("family_name")
        other_names = self.text("other_names")
        date_of_birth = self.past_date("date_of_birth")
        sex = self.sex()
        address_line1 = self.text("address_line1")
        address_line2 = self.text("address_line2")
        town = self.text("town")
        postcode = self.identifier(
            "postcode", identifiers.listed_postcode, RejectionCode.INVALID_POSTCODE
        )
        uprn = self.identifier("uprn", identifiers.uprn, RejectionCode.INVALID_UPRN)
        nhs_number = self.nhs_number()
        upn = self.identifier("upn", identifiers.upn, RejectionCode.INVALID_UPN)
        criteria = self.criteria()
        evidence_date = self.past_date("evidence_date")
        if date_of_birth and evidence_date and evidence_date < date_of_birth:
            self.reject(
                "evidence_date",
                RejectionCode.EVIDENCE_BEFORE_BIRTH,
                "is before the date of birth; check both dates",
            )
        expected_due_date = self.due_date(evidence_date)
        if (
            self.problems
            or self.reference is None
            or given_name is None
            or family_name is None
            or date_of_birth is None
            or address_line1 is None
            or postcode is None
            or criteria is None
            or evidence_date is None
        ):
            return None
        return PartnerRow(
            self.row_number,
            self.reference,
            given_name,
            family_name,
            other_names,
            date_of_birth,
            sex,
            address_line1,
            address_line2,
            town,
            postcode,
            uprn,
            nhs_number,
            upn,
            criteria,
            evidence_date,
            expected_due_date,
        )

    def reject(self, field: str, code: RejectionCode, message: str) -> None:
        self.problems.append(Rejection(self.row_number, field, code, f"{field} {message}"))

    def scalar(self, field: str) -> str | None:
        """The trimmed string value; None when missing (MISSING_FIELD if required) or not text."""
        raw = self.values.get(field)
        if raw is not None and not isinstance(raw, str):
            self.reject(field, RejectionCode.WRONG_TYPE, f"must be a string, not {_kind(raw)}")
            return None
        value = (raw or "").strip()
        if value:
            return value
        if BY_NAME[field].required:
            self.reject(field, RejectionCode.MISSING_FIELD, "is required but empty or missing")
        return None

    def text(self, field: str) -> str | None:
        value = self.scalar(field)
        if value is None:
            return None
        value = unicodedata.normalize("NFC", value)
        ok = True
        if _CONTROL.search(value):
            self.reject(
                field,
                RejectionCode.CONTROL_CHARACTERS,
                "contains control characters (such as line breaks or tabs); use plain text on "
                "one line",
            )
            ok = False
        limit = BY_NAME[field].max_length
        if limit is not None and len(value) > limit:
            self.reject(
                field,
                RejectionCode.TOO_LONG,
                f"is {len(value)} characters long; the most allowed is {limit}",
            )
            ok = False
        return value if ok else None

    def past_date(self, field: str) -> date | None:
        """A real date from 1900-01-01 to today."""
        parsed = self.iso_date(field)
        if parsed is None:
            return None
        if parsed > self.today:
            self.reject(field, RejectionCode.FUTURE_DATE, "is in the future")
        elif parsed < EARLIEST:
            self.reject(
                field,
                RejectionCode.IMPLAUSIBLE_DATE,
                f"is before {EARLIEST.isoformat()}; check the year",
            )
        else:
            return parsed
        return None

    def iso_date(self, field: str) -> date | None:
        """The value as a real date written YYYY-MM-DD (INVALID_DATE if it is not), or None."""
        value = self.scalar(field)
        if value is None:
            return None
        if _ISO_DATE.fullmatch(value):
            try:
                return date.fromisoformat(value)
            except ValueError:
                pass
        self.reject(
            field,
            RejectionCode.INVALID_DATE,
            "is not a real date written YYYY-MM-DD (such as 2011-04-23)",
        )
        return None

    def due_date(self, evidence_date: date | None) -> date | None:
        """A due date is usually in the future, so it is judged against the evidence date (when
        the pregnancy was known) rather than against today."""
        due = self.iso_date("expected_due_date")
        if due is None or evidence_date is None:
            return due
        if due < evidence_date - timedelta(days=DUE_BEFORE_EVIDENCE_MAX_DAYS):
            self.reject(
                "expected_due_date",
                RejectionCode.DUE_DATE_TOO_EARLY,
                f"is more than {DUE_BEFORE_EVIDENCE_MAX_DAYS} days before evidence_date, so the "
                "person was no longer expecting then; check both dates, or leave it empty",
            )
        elif due > evidence_date + timedelta(days=DUE_AFTER_EVIDENCE_MAX_DAYS):
            self.reject(
                "expected_due_date",
                RejectionCode.DUE_DATE_TOO_LATE,
                f"is more than {DUE_AFTER_EVIDENCE_MAX_DAYS} days after evidence_date, longer "
                "than a pregnancy lasts; check both dates",
            )
        else:
            return due
        return None

    def sex(self) -> Sex | None:
        value = self.scalar("sex")
        if value is None:
            return None
        sex = _SEX.get(value.lower())
        if sex is None:
            self.reject(
                "sex",
                RejectionCode.INVALID_SEX,
                "must be female, male or unknown (or F, M, U), or left empty",
            )
        return sex

    def identifier(self, field: str, normalise: _Normaliser, code: RejectionCode) -> str | None:
        value = self.scalar(field)
        if value is None:
            return None
        normalised = normalise(value)
        if normalised is None:
            self.reject(field, code, _IDENTIFIER_HELP[field])
        return normalised

    def nhs_number(self) -> str | None:
        value = self.scalar("nhs_number")
        if value is None:
            return None
        normalised = identifiers.nhs_number(value)
        if normalised is None:
            advice = (
                "fails the Modulus 11 check digit; check it was copied correctly"
                if identifiers.looks_like_nhs_number(value)
                else "must be 10 digits (spaces and hyphens are allowed between them)"
            )
            self.reject("nhs_number", RejectionCode.INVALID_NHS_NUMBER, advice)
        return normalised

    def criteria(self) -> tuple[str, ...] | None:
        raw = self.values.get("criteria")
        if raw is None:
            raw = []
        if not isinstance(raw, list) or not all(isinstance(code, str) for code in raw):
            found = "an array with other values" if isinstance(raw, list) else _kind(raw)
            self.reject(
                "criteria",
                RejectionCode.WRONG_TYPE,
                f'must be an array of strings such as ["CR1", "SA1"], not {found}',
            )
            return None
        given = [code.strip().upper() for code in raw if code.strip()]
        if not given:
            self.reject("criteria", RejectionCode.MISSING_FIELD, "needs at least one code")
            return None
        # The code is named by its place, never repeated: a partner may have typed anything in
        # the cell ("Jane Smith DV risk"), and a report is kept and shown beyond the row.
        places = {code: place for place, code in reversed(list(enumerate(given, start=1)))}
        unknown = [code for code in dict.fromkeys(given) if code not in self.known]
        for code in unknown:
            self.reject(
                "criteria",
                RejectionCode.UNKNOWN_CRITERION,
                f"code {places[code]} of {len(given)} is not in the criteria catalogue; use the "
                "catalogue's codes, separated by ';' or '|' in CSV",
            )
        if unknown:
            return None
        return tuple(sorted({self.known[code] for code in given}))


_IDENTIFIER_HELP = {
    "postcode": "is not a valid UK postcode; write it like EX4 4QJ",
    "uprn": "must be 1 to 12 digits, or left empty",
    "upn": "is not a valid unique pupil number (13 characters, the check letter first), or "
    "leave it empty",
}


def _kind(value: object) -> str:
    """Name a JSON value's type the way a partner's tools do."""
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, str):
        return "a string"
    return "null"
