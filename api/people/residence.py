"""Addresses, and a person's residence at one over a period."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

import strawberry

from api.access import Concern, personal
from api.relay import Node, PageInfo, global_id
from loaders import records
from vocabulary import DataClass

TYPE_NAME = "Address"


@strawberry.type(description="A postal address (a household is who lives at one over a period).")
class Address(Node):
    id: strawberry.ID
    uprn: str | None = personal(DataClass.ADDRESS, "Unique Property Reference Number, if known.")
    line1: str | None = personal(DataClass.ADDRESS)
    line2: str | None = personal(DataClass.ADDRESS)
    town: str | None = personal(DataClass.ADDRESS)
    postcode: str | None = personal(DataClass.ADDRESS)
    postcode_district: str | None = personal(DataClass.ADDRESS)
    # Whose address this is, as far as the request knows: the audit records them.
    subject_ids: strawberry.Private[tuple[str, ...]]
    consent_rule: ClassVar[Concern] = Concern.EACH

    @classmethod
    def from_record(cls, r: records.Address, subject_ids: tuple[str, ...]) -> Address:
        return cls(
            subject_ids=subject_ids,
            id=global_id(TYPE_NAME, r.id),
            uprn=r.uprn,
            line1=r.line1,
            line2=r.line2,
            town=r.town,
            postcode=r.postcode,
            postcode_district=r.postcode_district,
        )


@strawberry.type(description="Living at an address from one date to another (open while current).")
class ResidenceEdge:
    cursor: str
    node: Address
    from_date: dt.date | None = personal(DataClass.ADDRESS)
    to_date: dt.date | None = personal(DataClass.ADDRESS)
    current: bool | None = personal(DataClass.ADDRESS)
    subject_ids: strawberry.Private[tuple[str, ...]]
    consent_rule: ClassVar[Concern] = Concern.EACH

    @classmethod
    def from_record(cls, cursor: str, r: records.Residence) -> ResidenceEdge:
        return cls(
            cursor=cursor,
            node=Address.from_record(r.address, (r.person_id,)),
            subject_ids=(r.person_id,),
            from_date=r.from_,
            to_date=r.to,
            current=r.to is None,
        )


@strawberry.type
class ResidenceConnection:
    edges: list[ResidenceEdge]
    page_info: PageInfo
    total_count: int
