"""Synthetic partner lists with the truth about who is who: to measure matching against.

    lists = generate_lists(people=5_000, seed=2)   # pure and deterministic for (people, seed)
    lists.files["org-devon-county-council"]         # a CSV in the schema of intake/SCHEMA.md
    lists.truth["org-devon-county-council|DCC-000017"]  # -> "person-001234"

Six partners of different sectors (see `PARTNERS`) each send one CSV; every person is on one to
four of them, under each partner's own reference. The truth maps each row's source key
(f"{organisation_id}|{partner_reference}") to the person it is about. What makes matching hard is
built in: households share surnames and addresses, twins share everything but their given names
and identifiers, unrelated people share houses in multiple occupation, people who moved are still
at the old address on one list, and rows carry nicknames, one-letter typos, swapped day and month
of birth, other capitalisation and spacing, and missing optional fields.

Standard library only, so the generator can run wherever intake does.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
from dataclasses import dataclass

from devtools.synthetic.partner_lists._partners import PARTNERS, Partner, age, row
from devtools.synthetic.partner_lists._population import Person, populate
from intake.schema import FIELD_NAMES, REQUIRED_FIELDS

__all__ = ["AS_AT", "PARTNERS", "Partner", "SyntheticLists", "generate_lists", "source_key"]

# The lists are dated as at this day: parse them with `today` on or after it.
AS_AT = dt.date(2026, 3, 31)
_LISTS_PER_PERSON = ((1, 2, 3, 4), (40, 30, 20, 10))


def source_key(organisation_id: str, partner_reference: str) -> str:
    return f"{organisation_id}|{partner_reference}"


@dataclass(frozen=True)
class SyntheticLists:
    files: dict[str, bytes]  # organisation id -> CSV
    truth: dict[str, str]  # source key -> person id
    people: int
    rows: int
    twins: tuple[tuple[str, str], ...]  # person ids of each pair of twins on the lists
    criteria: frozenset[str]  # the criterion codes used, for intake.parse's known_criteria
    as_at: dt.date


def generate_lists(people: int, seed: int = 1, *, as_at: dt.date = AS_AT) -> SyntheticLists:
    """Lists about `people` true people (each on 1 to 4 lists), the same for the same seed."""
    rng = random.Random(seed)
    population = populate(rng, people, as_at)[:people]
    listed: dict[str, list[tuple[dict[str, str], str]]] = {p.organisation_id: [] for p in PARTNERS}
    for person in population:
        chosen = _lists_for(rng, person, as_at)
        # Someone who moved is still at the old address with one partner, if they are on two+.
        stale = rng.choice(chosen) if person.previous_address and len(chosen) > 1 else None
        for partner in chosen:
            values = row(rng, partner, person, as_at=as_at, old_address=partner is stale)
            listed[partner.organisation_id].append((values, person.id))

    files: dict[str, bytes] = {}
    truth: dict[str, str] = {}
    for partner in PARTNERS:
        entries = listed[partner.organisation_id]
        rng.shuffle(entries)
        rows = []
        for number, (values, person_id) in enumerate(entries, start=1):
            reference = f"{partner.prefix}-{number:06d}"
            truth[source_key(partner.organisation_id, reference)] = person_id
            rows.append({"partner_reference": reference, **values})
        if rows:  # a partner with no one to list sends nothing: a header alone is refused
            files[partner.organisation_id] = _csv(partner, rows)

    ids = {person.id for person in population}
    twins = tuple((p.id, p.twin_of) for p in population if p.twin_of in ids and p.id < p.twin_of)
    codes = frozenset(code for p in PARTNERS for code, _, _ in p.criteria)
    return SyntheticLists(files, truth, len(population), len(truth), twins, codes, as_at)


def _lists_for(rng: random.Random, person: Person, as_at: dt.date) -> list[Partner]:
    years = age(person, as_at)
    eligible = [p for p in PARTNERS if p.eligible(years)]
    count = rng.choices(*_LISTS_PER_PERSON)[0]
    chosen: list[Partner] = []
    while eligible and len(chosen) < count:
        partner = rng.choices(eligible, [p.weight for p in eligible])[0]
        eligible.remove(partner)
        chosen.append(partner)
    return chosen


def _csv(partner: Partner, rows: list[dict[str, str]]) -> bytes:
    """Only the columns the partner fills, as partners leave out what they do not record."""
    filled = {name for values in rows for name, value in values.items() if value}
    columns = [name for name in FIELD_NAMES if name in REQUIRED_FIELDS or name in filled]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for values in rows:
        writer.writerow([values[name] for name in columns])
    return out.getvalue().encode()
