"""What forming households changes in the stored account, address by address.

The records give each matched person's residences and the households at each address over time
(``domain.households.periods``); ``changes`` compares them with what is stored and says, for each
address, what to add, redate, end and supersede so that the stored account is the records'. An
address's changes are written together (``batches``), so a reader sees each address either as it
was or as the records now give it; an address with nothing to change is not written at all, and
forming again from the same records changes nothing.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from domain.households.addresses import Address, AddressRecord, key_of, uprns
from domain.households.periods import (
    Household,
    Residence,
    Resident,
    Sighting,
    households_at,
    residences,
    surname,
)

_LONG_AGO = dt.datetime.min.replace(tzinfo=dt.UTC)


@dataclass(frozen=True)
class StoredResidence:
    id: str
    person: str
    key: str
    start: dt.date | None
    end: dt.date | None


@dataclass(frozen=True)
class StoredHousehold:
    id: str
    key: str
    end: dt.date | None


@dataclass(frozen=True)
class Stored:
    """The current (not superseded) account of residences and households, and the addresses
    marked shared."""

    residences: Sequence[StoredResidence]
    households: Sequence[StoredHousehold]
    shared: frozenset[str]


@dataclass
class AddressChange:
    """What one address's stored account needs to become the records' account."""

    key: str
    address: Address | None = None  # to be written if there is none yet (a new residence here)
    moving_in: list[Residence] = field(default_factory=list)
    redated: list[tuple[str, Residence]] = field(default_factory=list)  # (stored id, as now)
    superseded_residences: list[str] = field(default_factory=list)
    new_households: list[Household] = field(default_factory=list)
    ending: list[tuple[str, dt.date | None]] = field(default_factory=list)  # (id, end)
    superseded_households: list[str] = field(default_factory=list)
    shared: bool | None = None  # the mark to set, when it changes

    @property
    def rows(self) -> int:
        """How many rows writing this address's changes takes (a household counts its members)."""
        return (
            len(self.moving_in)
            + len(self.redated)
            + len(self.superseded_residences)
            + sum(1 + len(h.members) for h in self.new_households)
            + len(self.ending)
            + len(self.superseded_households)
            + (self.shared is not None)
        )


_At = Callable[[str], AddressChange]


@dataclass(frozen=True)
class Changes:
    people: int
    by_address: list[AddressChange]  # only addresses with something to change, in key order
    households_created: int
    households_ended: int
    shared_addresses: int


def changes(
    records: Iterable[AddressRecord],
    related: set[frozenset[str]],
    stored: Stored,
    today: dt.date,
) -> Changes:
    """What to change, address by address, for the stored account to be the records'."""
    records = list(records)
    uprn_of = uprns(records)
    addresses: dict[str, Address] = {}
    sightings: dict[str, list[Sighting]] = defaultdict(list)
    residents: dict[str, Resident] = {}
    for r in records:
        key, uprn = key_of(r, uprn_of)
        if key not in addresses:
            addresses[key] = Address(key, uprn, r.line1, r.line2, r.town, r.postcode)
        # Without an evidence date, the day the partner sent the record: they knew by then.
        on = r.on or (r.received.date() if r.received else today)
        sightings[r.person].append(Sighting(key, on, r.received or _LONG_AGO))
        known = residents.get(r.person)
        names = {surname(r.surname), surname(r.record_surname)} - {""}
        residents[r.person] = Resident(
            r.born, frozenset(names | (known.surnames if known else set()))
        )
    lived = [res for person, seen in sightings.items() for res in residences(person, seen)]
    found, shared = _households(lived, residents, related)
    by_key: dict[str, AddressChange] = {}

    def at(key: str) -> AddressChange:
        if key not in by_key:
            by_key[key] = AddressChange(key)
        return by_key[key]

    _residence_changes(lived, stored.residences, addresses, at)
    created, ended = _household_changes(found, stored.households, at)
    for key in {r.key for r in lived}:
        if (key in shared) != (key in stored.shared):
            at(key).shared = key in shared
    return Changes(
        people=len(sightings),
        by_address=[by_key[key] for key in sorted(by_key)],
        households_created=created,
        households_ended=ended,
        shared_addresses=len(shared),
    )


def batches(by_address: Sequence[AddressChange], rows: int) -> Iterator[list[AddressChange]]:
    """Whole addresses, in order, about ``rows`` rows at a time (one address may exceed it)."""
    batch: list[AddressChange] = []
    size = 0
    for change in by_address:
        if batch and size + change.rows > rows:
            yield batch
            batch, size = [], 0
        batch.append(change)
        size += change.rows
    if batch:
        yield batch


def _households(
    lived: list[Residence], residents: dict[str, Resident], related: set[frozenset[str]]
) -> tuple[list[Household], set[str]]:
    at: dict[str, list[Residence]] = defaultdict(list)
    for r in lived:
        at[r.key].append(r)
    found: list[Household] = []
    shared: set[str] = set()
    for key, here in at.items():
        households, is_shared = households_at(key, here, residents, related)
        found += households
        if is_shared:
            shared.add(key)
    return found, shared


def _residence_changes(
    lived: list[Residence],
    stored_residences: Sequence[StoredResidence],
    addresses: dict[str, Address],
    at: _At,
) -> None:
    """Redate the stored residences the records still give, add the others, supersede the rest."""
    stored: dict[tuple[str, str], list[StoredResidence]] = defaultdict(list)
    for s in stored_residences:
        stored[(s.person, s.key)].append(s)
    for r in lived:
        pool = stored.get((r.person, r.key), [])
        if not pool:
            change = at(r.key)
            change.address = addresses[r.key]
            change.moving_in.append(r)
            continue
        # The one that began the same day, else the latest: an earlier record moves a start.
        same = [s for s in pool if s.start == r.start] or pool
        match = max(same, key=lambda s: (s.start or dt.date.min, s.id))
        pool.remove(match)
        if (match.start, match.end) != (r.start, r.end):
            at(r.key).redated.append((match.id, r))
    for (_, key), pool in stored.items():
        for s in pool:
            at(key).superseded_residences.append(s.id)


def _household_changes(
    found: list[Household], stored_households: Sequence[StoredHousehold], at: _At
) -> tuple[int, int]:
    """Add the households not stored yet, end those that ended, supersede those the records no
    longer give; how many were created and how many ended."""
    stored = {h.id: h for h in stored_households}
    created = ended = 0
    for h in found:
        held = stored.get(h.id)
        if held is None:
            at(h.key).new_households.append(h)
            created += 1
        elif held.end != h.end:
            at(h.key).ending.append((h.id, h.end))
            ended += h.end is not None
    for gone in sorted(stored.keys() - {h.id for h in found}):
        at(stored[gone].key).superseded_households.append(gone)
        ended += stored[gone].end is None
    return created, ended
