"""Which address a record names: one per UPRN; without one, per first line and postcode.

A record without a UPRN takes the UPRN other records sent for the same normalised first line and
postcode, when they sent exactly one; else it is keyed by those (``address_lines``: "7 Quay Ln"
is "7 Quay Lane"). A record of no fixed abode (postcode ZZ99 3VZ) names no place: it is keyed by
its person, so people of no fixed abode never share an address, and so never a household.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from domain.households.address_lines import normalised_line, with_flat_of
from intake.identifiers import is_no_fixed_abode


@dataclass(frozen=True)
class AddressRecord:
    """A partner's record (or a version it replaced) putting a matched person at an address."""

    person: str
    born: dt.date | None
    surname: str | None  # the person's, as matching named them
    record_surname: str | None  # the record's own
    on: dt.date | None  # evidence date
    received: dt.datetime | None
    uprn: str | None
    line1: str
    line2: str | None
    town: str | None
    postcode: str


@dataclass(frozen=True)
class Address:
    """An address as first written: its key and what the record that named it said."""

    key: str
    uprn: str | None
    line1: str
    line2: str | None
    town: str | None
    postcode: str

    @property
    def district(self) -> str:
        return (self.postcode or "").split(" ")[0]


def address_key(uprn: str | None, line1: str | None, postcode: str | None) -> str:
    """One address per UPRN; without one, per first line and postcode, normalised (case, accents,
    punctuation and spacing do not make a different address: 1 Café Row is 1 CAFE ROW; nor do
    street types and the way a flat is written: ``address_lines``).

    A key that changes (a rule here changes) is keyed afresh the next time families are formed:
    the residences and households at its old key are superseded and kept, like any the records
    no longer give. A record of no fixed abode is keyed by ``key_of``, never by this."""
    if uprn:
        return f"uprn:{uprn}"
    return f"addr:{normalised_line(line1)}|{' '.join((postcode or '').upper().split())}"


def key_of(record: AddressRecord, uprn_of: Mapping[str, str]) -> tuple[str, str | None]:
    """The key of the address a record names, and its UPRN (``uprn_of`` is ``uprns``' answer).
    A flat named on the second line alone counts as if on the first (``with_flat_of``)."""
    if is_no_fixed_abode(record.postcode):
        return f"nfa:{record.person}", None
    line = with_flat_of(record.line1, record.line2)
    uprn = record.uprn or uprn_of.get(address_key(None, line, record.postcode))
    return address_key(uprn, line, record.postcode), uprn


def uprns(records: Iterable[AddressRecord]) -> dict[str, str]:
    """The UPRN of each normalised first line and postcode that records gave exactly one for."""
    seen: dict[str, set[str]] = defaultdict(set)
    for r in records:
        if r.uprn and not is_no_fixed_abode(r.postcode):
            seen[address_key(None, with_flat_of(r.line1, r.line2), r.postcode)].add(r.uprn)
    return {key: next(iter(found)) for key, found in seen.items() if len(found) == 1}
