"""Scoring candidate pairs with the trained model: Splink on an in-memory DuckDB, per call.

Nothing is trained here and nothing is fetched: the model's parameters come from model.json, and
the only thing set per run is the prior (from the number of records, see `Model.prior`). Each
call has its own DuckDB connection, closed before it returns.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass

from splink import Linker
from splink.backends.duckdb import DuckDBAPI

from domain.matching._columns import columns
from domain.matching._model import Model
from domain.matching._record import MatchRecord

_SELECT = """
SELECT unique_id_l, unique_id_r, match_weight, match_probability,
       nhs_number_l, nhs_number_r, upn_l, upn_r,
       gamma_given_name <> 0 AND gamma_dob <> 0 AS names_and_dates_agree
FROM {table}
WHERE match_probability >= $at_least OR nhs_number_l = nhs_number_r OR upn_l = upn_r
ORDER BY unique_id_l, unique_id_r
"""


@dataclass(frozen=True, slots=True)
class Candidate:
    left: str
    right: str
    match_weight: float
    probability: float
    nhs_numbers: tuple[str | None, str | None]
    upns: tuple[str | None, str | None]
    # Given names and dates of birth agree at some level above "else" (or one is missing).
    names_and_dates_agree: bool


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
        }
        linker = Linker(table, settings, log_level=logging.WARNING)
        predictions = linker.inference.predict(warning_mode="never")
        rows = db.duckdb_con.execute(
            _SELECT.format(table=predictions.physical_name), {"at_least": at_least}
        ).fetchall()
    finally:
        db.duckdb_con.close()
    return [
        Candidate(
            left, right, float(weight), float(probability), (nhs_l, nhs_r), (upn_l, upn_r), agree
        )
        for left, right, weight, probability, nhs_l, nhs_r, upn_l, upn_r, agree in rows
    ]
