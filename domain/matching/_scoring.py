"""Scoring candidate pairs with the trained model: Splink on an in-memory DuckDB, per call.

Nothing is trained here and nothing is fetched: the model's parameters come from model.json, and
the only thing set per run is the prior (from the number of records, see `Model.prior`). Each
call has its own DuckDB connection, closed before it returns.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from splink import Linker
from splink.backends.duckdb import DuckDBAPI

from domain.matching._columns import columns
from domain.matching._model import RETAINED, Model
from domain.matching._record import MatchRecord

# Gamma 0 is a comparison's "else" level (an outright difference), -1 its null level.
_SELECT = """
SELECT unique_id_l, unique_id_r, match_weight, match_probability,
       nhs_number_l, nhs_number_r, upn_l, upn_r, given_name_l, given_name_r,
       family_name_l, family_name_r, postcode_l, postcode_r,
       gamma_given_name = 0 AS given_differs,
       gamma_dob = 0 AS dob_differs,
       gamma_sex = 0 AS sex_differs,
       coalesce((uprn_l = uprn_r OR postcode_l = postcode_r) AND dob_l = dob_r
                AND NOT dob_partial_l AND given_name_l <> given_name_r
                AND NOT list_has_any(given_forms_l, given_forms_r)
                AND NOT (given_name_l = family_name_r AND family_name_l = given_name_r)
                AND NOT coalesce(given_sound_l = given_sound_r
                                 OR given_skeleton_l = given_skeleton_r, false)
                AND given_latin_l AND given_latin_r, false)
           AS twins,
       coalesce(region_l <> region_r, false) AS other_regions,
       dob_l IS NULL AND dob_r IS NULL AS dobs_unknown,
       coalesce(given_name_l = given_name_r AND family_name_l = family_name_r, false)
           AS names_equal
FROM {table}
WHERE match_probability >= $at_least OR nhs_number_l = nhs_number_r OR upn_l = upn_r
ORDER BY unique_id_l, unique_id_r
"""


@dataclass(frozen=True, slots=True)
class Candidate:
    """A pair the model scored, with what the rules around it read (see _match)."""

    left: str
    right: str
    match_weight: float
    probability: float
    nhs_numbers: tuple[str | None, str | None]
    upns: tuple[str | None, str | None]
    given_names: tuple[str | None, str | None]
    family_names: tuple[str | None, str | None]
    postcodes: tuple[str | None, str | None]
    given_differs: bool  # outright: no level of the comparison above "else" holds
    dob_differs: bool  # outright: not a typo, swap, slip of a day or two, or year alone
    sex_differs: bool
    # One home, one full birth date, two given names written in Latin letters that are not
    # forms of one name, swapped, nor sound alike.
    twins: bool
    other_regions: bool  # postcode areas in two regions of the country (see _regions)
    dobs_unknown: bool  # on both sides: missing, or a placeholder
    names_equal: bool  # given and family name, as compared


def score(records: Sequence[MatchRecord], model: Model, *, at_least: float) -> list[Candidate]:
    """Pairs scoring at least `at_least`, and every pair sharing an NHS number or UPN."""
    if len(records) < 2:
        return []
    db = DuckDBAPI()
    try:
        table = db.register(columns(records), table_name="records")
        settings = {
            **model.splink,
            "probability_two_random_records_match": model.prior(len(records)),
            # What the rules around the model read is the code's, not the trained file's.
            "additional_columns_to_retain": list(RETAINED),
        }
        linker = Linker(table, settings, log_level=logging.WARNING)
        predictions = linker.inference.predict(warning_mode="never")
        rows = db.duckdb_con.execute(
            _SELECT.format(table=predictions.physical_name), {"at_least": at_least}
        ).fetchall()
    finally:
        db.duckdb_con.close()
    return [_candidate(row) for row in rows]


def _candidate(row: tuple[Any, ...]) -> Candidate:
    left, right, weight, probability, nhs_l, nhs_r, upn_l, upn_r, given_l, given_r = row[:10]
    family_l, family_r, postcode_l, postcode_r = row[10:14]
    given_differs, dob_differs, sex_differs, twins, other_regions, dobs_unknown, names_equal = (
        bool(flag) for flag in row[14:]
    )
    return Candidate(
        left=left,
        right=right,
        match_weight=float(weight),
        probability=float(probability),
        nhs_numbers=(nhs_l, nhs_r),
        upns=(upn_l, upn_r),
        given_names=(given_l, given_r),
        family_names=(family_l, family_r),
        postcodes=(postcode_l, postcode_r),
        given_differs=given_differs,
        dob_differs=dob_differs,
        sex_differs=sex_differs,
        twins=twins,
        other_regions=other_regions,
        dobs_unknown=dobs_unknown,
        names_equal=names_equal,
    )
