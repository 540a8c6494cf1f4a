"""Address keys: accents, case, punctuation, spacing, street types and the way a flat is written
do not make a different address; a record of no fixed abode names no shared address."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from domain.households import AddressRecord, Stored, address_key, changes, normalised_line


@pytest.mark.parametrize(
    ("line1", "postcode", "key"),
    [
        # Keyed "12 HIGH ST" before street types were written out: re-keyed when families are
        # next formed, the old residences and households superseded and kept.
        ("12 High St.", "ex1 1aa", "addr:12 HIGH STREET|EX1 1AA"),
        ("Flat 2,  Mill-House", "EX3  1AA", "addr:FLAT 2 MILLHOUSE|EX3 1AA"),
        ("1 Café Row", "EX3 1AA", "addr:1 CAFE ROW|EX3 1AA"),
        ("2 Øst Road", "EX3 1AA", "addr:2 OST ROAD|EX3 1AA"),
        ("3 Straße\u00a0Lane", "EX3 1AA", "addr:3 STRASSE LANE|EX3 1AA"),
    ],
)
def test_a_line_and_postcode_make_one_key(line1: str, postcode: str, key: str) -> None:
    assert address_key(None, line1, postcode) == key


def test_a_uprn_is_the_key_whatever_the_line() -> None:
    assert address_key("100040", "1 Café Row", "EX3 1AA") == "uprn:100040"


@pytest.mark.parametrize(
    ("lines", "normalised"),
    [
        (["7 Quay Lane", "7 Quay Ln", "7 quay ln.", "7  QUAY  LANE"], "7 QUAY LANE"),
        (
            [
                "Flat 2, 7 Quay Lane",
                "2/7 Quay Lane",
                "Apt 2 7 Quay Ln",
                "7 Quay Lane Flat 2",
                "7 Quay Lane, Flat 2",
                "Apartment 2, 7 Quay Lane",
                "flat 2 7 quay lane",
            ],
            "FLAT 2 7 QUAY LANE",
        ),
        (["St Mary's Road", "Saint Marys Rd", "ST. MARY'S RD"], "SAINT MARYS ROAD"),
        (["7 St Mary's Road", "7 Saint Mary's Rd"], "7 SAINT MARYS ROAD"),
        (["12 High St", "12 High Street", "12 High St."], "12 HIGH STREET"),
        (["Flat 3, St John's Court", "St Johns Ct Flat 3"], "FLAT 3 SAINT JOHNS COURT"),
        (["4 Elm Ave", "4 Elm Avenue"], "4 ELM AVENUE"),
        (["4 Elm Cl", "4 Elm Close"], "4 ELM CLOSE"),
        (["4 Elm Cres", "4 Elm Crescent"], "4 ELM CRESCENT"),
        (["4 Elm Dr", "4 Elm Drive"], "4 ELM DRIVE"),
        (["4 Elm Gdns", "4 Elm Gardens"], "4 ELM GARDENS"),
        (["4 Elm Pl", "4 Elm Place"], "4 ELM PLACE"),
        (["4 Elm Sq", "4 Elm Square"], "4 ELM SQUARE"),
        (["4 Elm Terr", "4 Elm Tce", "4 Elm Terrace"], "4 ELM TERRACE"),
        (["4 Elm Ct", "4 Elm Court"], "4 ELM COURT"),
        (["4 Elm Rd", "4 Elm Road"], "4 ELM ROAD"),
    ],
)
def test_one_address_written_many_ways_is_one_line(lines: list[str], normalised: str) -> None:
    assert {normalised_line(line) for line in lines} == {normalised}
    assert normalised_line(normalised) == normalised  # idempotent


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Flat 2, 7 Quay Lane", "Flat 3, 7 Quay Lane"),
        ("Flat 2, 7 Quay Lane", "7 Quay Lane"),  # the building is not the flat
        ("2/7 Quay Lane", "7/2 Quay Lane"),
        ("7 Quay Lane", "7 Quay Road"),
        ("Dr Brown's House", "Drive Brown's House"),  # a title first, not a street type
    ],
)
def test_different_addresses_stay_different(one: str, other: str) -> None:
    assert normalised_line(one) != normalised_line(other)


def _record(person: str, line1: str, postcode: str, uprn: str | None = None) -> AddressRecord:
    return AddressRecord(
        person=person,
        born=dt.date(1980, 1, 1),
        surname="Cole",
        record_surname="Cole",
        on=dt.date(2026, 1, 5),
        received=None,
        uprn=uprn,
        line1=line1,
        line2=None,
        town=None,
        postcode=postcode,
    )


_NOTHING = Stored((), (), frozenset())


def test_people_of_no_fixed_abode_never_share_an_address_or_a_household() -> None:
    records = [
        _record("p1", "No fixed abode", "ZZ99 3VZ"),
        _record("p2", "No fixed abode", "ZZ99 3VZ", uprn="100040"),  # a UPRN joins no one
        _record("p3", "No Fixed Abode", "ZZ99 3VZ"),
        _record("p4", "7 Quay Lane", "EX1 1AA", uprn="100040"),
    ]
    found = changes(records, set(), _NOTHING, dt.date(2026, 2, 1))
    keys = {c.key for c in found.by_address}
    assert keys == {"nfa:p1", "nfa:p2", "nfa:p3", "uprn:100040"}
    households = [h for c in found.by_address for h in c.new_households]
    assert sorted(sorted(h.members) for h in households) == [["p1"], ["p2"], ["p3"], ["p4"]]
    assert found.shared_addresses == 0
    # The original line is kept as received; the key only is normalised.
    [nfa] = [c.address for c in found.by_address if c.key == "nfa:p3"]
    assert nfa is not None
    assert (nfa.line1, nfa.postcode, nfa.uprn) == (
        "No Fixed Abode",
        "ZZ99 3VZ",
        None,
    )


def test_no_fixed_abode_ends_the_residence_before_it_like_a_move() -> None:
    home = _record("p1", "7 Quay Lane", "EX1 1AA")
    later = replace(home, line1="NFA", postcode="ZZ99 3VZ", on=dt.date(2026, 3, 1))
    found = changes([home, later], set(), _NOTHING, dt.date(2026, 4, 1))
    moves = sorted((r.key, r.start, r.end) for c in found.by_address for r in c.moving_in)
    assert moves == [
        ("addr:7 QUAY LANE|EX1 1AA", dt.date(2026, 1, 5), dt.date(2026, 3, 1)),
        ("nfa:p1", dt.date(2026, 3, 1), None),
    ]


def test_abbreviated_and_written_out_lines_at_one_postcode_are_one_household() -> None:
    records = [
        _record("p1", "7 Quay Lane", "EX1 1AA"),
        _record("p2", "7 Quay Ln", "EX1 1AA"),
    ]
    found = changes(records, set(), _NOTHING, dt.date(2026, 2, 1))
    [change] = found.by_address
    assert change.key == "addr:7 QUAY LANE|EX1 1AA"
    assert change.address is not None
    assert change.address.line1 == "7 Quay Lane"
    [household] = change.new_households
    assert household.members == frozenset({"p1", "p2"})


def test_a_flat_on_the_second_line_alone_tells_flats_apart() -> None:
    records = [
        replace(_record("p1", "7 Quay Lane", "EX1 1AA"), line2="Flat 2"),
        _record("p2", "Flat 2, 7 Quay Ln", "EX1 1AA"),
        replace(_record("p3", "7 Quay Lane", "EX1 1AA"), line2="Apt 3"),
        replace(_record("p4", "7 Quay Lane", "EX1 1AA"), line2="Heavitree"),  # a locality
        _record("p5", "7 Quay Lane", "EX1 1AA"),
    ]
    found = changes(records, set(), _NOTHING, dt.date(2026, 2, 1))
    households = {
        c.key: sorted(m for h in c.new_households for m in h.members) for c in found.by_address
    }
    assert households == {
        "addr:FLAT 2 7 QUAY LANE|EX1 1AA": ["p1", "p2"],
        "addr:FLAT 3 7 QUAY LANE|EX1 1AA": ["p3"],
        "addr:7 QUAY LANE|EX1 1AA": ["p4", "p5"],
    }
