"""Which address a record names: one per UPRN; without one, per first line and postcode.

A record without a UPRN takes the UPRN other records sent for the same normalised first line and
postcode, when they sent exactly one; else it is keyed by those.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from vocabulary import fold


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
    punctuation and spacing do not make a different address: 1 Café Row is 1 CAFE ROW).

    A line in plain ASCII keeps the key it had before accents were folded; one with other letters
    (which were dropped then) is keyed afresh the next time families are formed, and the
    residences and households at its old key are superseded and kept, like any the records no
    longer give."""
    if uprn:
        return f"uprn:{uprn}"
    line = "".join(c for c in fold(line1) if c.isalnum() or c.isspace()).upper()
    return f"addr:{' '.join(line.split())}|{' '.join((postcode or '').upper().split())}"


def uprns(records: Iterable[AddressRecord]) -> dict[str, str]:
    """The UPRN of each normalised first line and postcode that records gave exactly one for."""
    seen: dict[str, set[str]] = defaultdict(set)
    for r in records:
        if r.uprn:
            seen[address_key(None, r.line1, r.postcode)].add(r.uprn)
    return {key: next(iter(found)) for key, found in seen.items() if len(found) == 1}
