"""Residences, households and families from the dates and addresses of partners' records.

Pure: the standard library and the vocabulary only. ``periods`` says where each person lived
when and who lived together; ``addresses`` which address a record names; ``changes`` what that
changes in the stored account, address by address; ``families`` the families the households
living together now make.

    found = changes(records, related, stored, today)     # what to write, address by address
    for batch in batches(found.by_address, rows=2_000):  # each batch one transaction
        ...
    made = groups(households_now, links, today)          # families to form, and who joins them
    moved = recast(households_now, today)                # members whose role their age changed
"""

from __future__ import annotations

from domain.households.address_lines import normalised_line
from domain.households.addresses import Address, AddressRecord, address_key, key_of, uprns
from domain.households.changes import (
    AddressChange,
    Changes,
    Stored,
    StoredHousehold,
    StoredResidence,
    batches,
    changes,
)
from domain.households.families import (
    FamilyGroup,
    HouseholdNow,
    Joining,
    Link,
    Occupant,
    Recast,
    groups,
    recast,
    role,
)
from domain.households.periods import (
    ADULT_AGE,
    Household,
    Residence,
    Resident,
    Sighting,
    households_at,
    residences,
    split,
    surname,
)

__all__ = [
    "ADULT_AGE",
    "Address",
    "AddressChange",
    "AddressRecord",
    "Changes",
    "FamilyGroup",
    "Household",
    "HouseholdNow",
    "Joining",
    "Link",
    "Occupant",
    "Recast",
    "Residence",
    "Resident",
    "Sighting",
    "Stored",
    "StoredHousehold",
    "StoredResidence",
    "address_key",
    "batches",
    "changes",
    "groups",
    "households_at",
    "key_of",
    "normalised_line",
    "recast",
    "residences",
    "role",
    "split",
    "surname",
    "uprns",
]
