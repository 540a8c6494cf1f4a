"""What matching reads of a record, and what it says about pairs of records."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal, Protocol

Rule = Literal["nhs_number", "upn", "probabilistic"]


class ListedRow(Protocol):
    """What matching reads of an accepted row of a partner's list (``intake.PartnerRow``)."""

    @property
    def partner_reference(self) -> str: ...
    @property
    def given_name(self) -> str: ...
    @property
    def family_name(self) -> str: ...
    @property
    def other_names(self) -> str | None: ...
    @property
    def date_of_birth(self) -> date | None: ...
    @property
    def sex(self) -> str | None: ...  # a str enum, its value the word
    @property
    def postcode(self) -> str | None: ...
    @property
    def uprn(self) -> str | None: ...
    @property
    def nhs_number(self) -> str | None: ...
    @property
    def upn(self) -> str | None: ...
    @property
    def town(self) -> str | None: ...


@dataclass(frozen=True, slots=True)
class MatchRecord:
    """One partner's record of a person, keyed by its source key ("organisation|reference").

    >>> MatchRecord.of("org-devon-county-council", row).key
    'org-devon-county-council|DCC-000017'
    """

    key: str
    given_name: str
    family_name: str
    other_names: str | None
    date_of_birth: date | None
    sex: str | None  # "female", "male" or "unknown"
    postcode: str | None
    uprn: str | None
    nhs_number: str | None
    upn: str | None
    town: str | None = None

    @classmethod
    def of(cls, organisation_id: str, row: ListedRow) -> MatchRecord:
        return cls(
            key=f"{organisation_id}|{row.partner_reference}",
            given_name=row.given_name,
            family_name=row.family_name,
            other_names=row.other_names,
            date_of_birth=row.date_of_birth,
            sex=None if row.sex is None else str(row.sex),
            postcode=row.postcode,
            uprn=row.uprn,
            nhs_number=row.nhs_number,
            upn=row.upn,
            town=row.town,
        )


@dataclass(frozen=True, slots=True, order=True)
class ScoredPair:
    """Two records (``left`` < ``right``) the model scored, and why they may be one person.

    ``rule`` is "nhs_number" or "upn" when that identifier is equal (linked whatever the
    score), else "probabilistic". ``match_weight`` is the model's log2 Bayes factor (prior
    included) and ``probability`` the same as a probability.
    """

    left: str
    right: str
    match_weight: float
    probability: float
    rule: Rule
