"""The partners' files and the truth behind them."""

from __future__ import annotations

import csv
import io
import json
import random
from dataclasses import dataclass
from datetime import date, timedelta

from bench.linkage_truth.corruptions import Draft, applicable, apply, choose
from bench.linkage_truth.identifiers import mistyped_nhs_number
from bench.linkage_truth.partners import CRITERIA, PARTNERS, Partner
from bench.linkage_truth.population import AS_AT, SHARED_NHS, Person, Population, build

_MISTYPED_NHS = 0.004  # rows whose NHS number fails its check digit (intake rejects them)
_COLUMNS = (
    "partner_reference", "given_name", "family_name", "other_names", "date_of_birth", "sex",
    "address_line1", "town", "postcode", "nhs_number", "upn", "criteria", "evidence_date",
)  # fmt: skip


@dataclass(frozen=True)
class TruthSet:
    """Seven partners' lists and who each row really is.

    A row's key is "organisation|partner_reference". `corruptions` holds, per row, each
    corruption applied to it with a detail (see corruptions.CORRUPTIONS); `hazards` names the
    pairs of people who must never be linked, and why.
    """

    files: dict[str, bytes]  # organisation -> file contents
    filenames: dict[str, str]  # organisation -> file name (its suffix gives the format)
    truth: dict[str, str]  # row key -> person id
    corruptions: dict[str, dict[str, str]]  # row key -> corruption -> detail
    hazards: dict[frozenset[str], str]  # pair of person ids -> kind
    households: dict[str, str]  # person id -> household id
    population: int
    criteria: frozenset[str]
    as_at: date

    @property
    def rows(self) -> int:
        return len(self.truth)


def generate(people: int, seed: int) -> TruthSet:
    """A population of about `people` people and the partners' lists of them; same seed, same
    bytes."""
    population = build(people, random.Random(f"linkage-truth:{seed}:population"))
    files: dict[str, bytes] = {}
    filenames: dict[str, str] = {}
    truth: dict[str, str] = {}
    corruptions: dict[str, dict[str, str]] = {}
    hazards = dict(population.hazards)
    for partner in PARTNERS:
        rng = random.Random(f"linkage-truth:{seed}:{partner.organisation}")
        rows = _rows(partner, population, rng, truth, corruptions, hazards)
        files[partner.organisation] = _render(partner, rows)
        filenames[partner.organisation] = f"{partner.prefix.lower()}-list.{partner.format}"
    households = {p.pid: p.household for p in population.people}
    return TruthSet(files, filenames, truth, corruptions, hazards, households,
                    len(population.people), CRITERIA, AS_AT)  # fmt: skip


def _rows(partner: Partner, population: Population, rng: random.Random, truth: dict[str, str],
          corruptions: dict[str, dict[str, str]],
          hazards: dict[frozenset[str], str]) -> list[dict[str, str | list[str]]]:  # fmt: skip
    listed = [p for p in population.people if rng.random() < partner.chance(p)]
    rng.shuffle(listed)
    rows = []
    for number, person in enumerate(listed, start=1):
        reference = f"{partner.prefix}-{number:06d}"
        key = f"{partner.organisation}|{reference}"
        household = population.households[person.household]
        draft = _draft(partner, person, rng)
        eligible = applicable(person, draft, household)
        chosen = [
            k for k, share in partner.habits.items() if k in eligible and rng.random() < share
        ]
        if rng.random() < partner.corrupt:
            more = 1 + (rng.random() < partner.second)
            chosen = choose(partner.weights, eligible, more, rng, chosen)
        tags, borrowed_from = apply(chosen, person, draft, household, rng, key)
        if borrowed_from is not None:
            hazards.setdefault(frozenset((person.pid, borrowed_from)), SHARED_NHS)
        if draft.nhs is not None and rng.random() < _MISTYPED_NHS:
            draft.nhs = mistyped_nhs_number(draft.nhs, rng)
        truth[key] = person.pid
        corruptions[key] = tags
        rows.append(_row(partner, person, draft, reference, rng))
    return rows


def _draft(partner: Partner, person: Person, rng: random.Random) -> Draft:
    def has(share: float) -> bool:
        return rng.random() < share

    return Draft(
        given=person.given,
        family=person.family,
        other_names=person.other_names if has(partner.other_names) else None,
        dob=person.dob,
        sex=person.sex if has(partner.sex) else None,
        address=person.address,
        nhs=person.nhs if has(partner.nhs) else None,
        upn=person.upn if has(partner.upn) else None,
        town=has(partner.town),
    )


def _row(partner: Partner, person: Person, draft: Draft, reference: str,
         rng: random.Random) -> dict[str, str | list[str]]:  # fmt: skip
    female, male = partner.sex_style
    # Evidence from the last year and a bit, never before the person was born, whichever
    # date of birth the row gives.
    earliest = max(person.dob, draft.dob, AS_AT - timedelta(days=420))
    evidence = earliest + timedelta(days=rng.randrange(max(1, (AS_AT - earliest).days)))
    values: dict[str, str | list[str] | None] = {
        "partner_reference": reference,
        "given_name": draft.given_text,
        "family_name": draft.family_text,
        "other_names": draft.other_names,
        "date_of_birth": draft.dob.isoformat(),
        "sex": None if draft.sex is None else (female if draft.sex == "female" else male),
        "address_line1": draft.line1,
        "town": draft.address.town if draft.town else None,
        "postcode": _spaced(draft.postcode, rng),
        "nhs_number": None if draft.nhs is None else _nhs_style(draft.nhs, rng),
        "upn": draft.upn,
        "criteria": list(partner.criteria(person)),
        "evidence_date": evidence.isoformat(),
    }
    return {k: v for k, v in values.items() if v is not None}


def _spaced(postcode: str, rng: random.Random) -> str:
    # Partners' systems differ in how they store a postcode; intake normalises all of these.
    style = rng.random()
    if style < 0.1:
        return postcode.replace(" ", "")
    if style < 0.15:
        return postcode.lower()
    return postcode


def _nhs_style(number: str, rng: random.Random) -> str:
    return f"{number[:3]} {number[3:6]} {number[6:]}" if rng.random() < 0.3 else number


def _columns(partner: Partner) -> list[str]:
    absent = {
        "nhs_number": partner.nhs == 0,
        "upn": partner.upn == 0,
        "other_names": partner.other_names == 0,
    }
    return [c for c in _COLUMNS if not absent.get(c, False)]


def _render(partner: Partner, rows: list[dict[str, str | list[str]]]) -> bytes:
    if partner.format == "jsonl":
        lines = [json.dumps(row, ensure_ascii=False) for row in rows]
        return ("\n".join(lines) + "\n").encode()
    out = io.StringIO()
    columns = _columns(partner)
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row.get(c)) for c in columns])
    return out.getvalue().encode()


def _cell(value: str | list[str] | None) -> str:
    if value is None:
        return ""
    return ";".join(value) if isinstance(value, list) else value
