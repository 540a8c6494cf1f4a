"""The probabilistic model: how it finds candidate pairs, and its trained file.

What it compares is in _comparisons. Candidate pairs are those that agree on any blocking rule:
for 100,000 records a few million pairs, not five billion. A date of birth that is a placeholder
is unknown (see _columns), so it blocks nothing: every 1900-01-01 record is not a candidate for
every other.

`model.json` holds these settings with the trained m and u probabilities (Splink's own format,
under "splink"), a version that is a hash of its content, and how many other records a record
matches on average, from which the prior is set for each run (see `prior`).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from splink import SettingsCreator, block_on
from splink.blocking_rule_library import CustomRule
from splink.internals.blocking_rule_creator import BlockingRuleCreator

from domain.matching._comparisons import comparisons

MODEL_PATH = Path(__file__).with_name("model.json")

# Measured with bench.matching (figures in BENCHMARKS.md): dropping the date of birth costs
# recall, and so does dropping given name and postcode (a family name typo and a date slip in one
# pair); family name and year of birth added many pairs and time for no recall, so it is not here.
BLOCKING_RULES: tuple[BlockingRuleCreator, ...] = (
    block_on("dob"),
    block_on("family_name", "postcode"),
    block_on("given_name", "postcode"),
    block_on("given_name", "family_name"),  # moved house and a date slip: for review at least
    block_on("uprn"),
    # Given and family name swapped, in a pair whose dates of birth do not block them together.
    CustomRule("l.given_name = r.family_name AND l.family_name = r.given_name"),
    # So that every pair an identifier links is scored too.
    block_on("nhs_number"),
    block_on("upn"),
)

# Columns the predictions keep beside those compared, for the rules around the model.
RETAINED = ("nhs_number", "upn", "given_latin", "given_skeleton", "region")


def untrained_settings() -> SettingsCreator:
    return SettingsCreator(
        link_type="dedupe_only",
        comparisons=list(comparisons()),
        blocking_rules_to_generate_predictions=list(BLOCKING_RULES),
        additional_columns_to_retain=list(RETAINED),
        retain_intermediate_calculation_columns=False,
        linker_uid="intake_matching",  # not a random one, so that training is reproducible
    )


@dataclass(frozen=True)
class Model:
    version: str
    splink: dict[str, Any]  # Splink's settings with the trained parameters
    matches_per_record: float
    trained_on: dict[str, Any]

    def prior(self, records: int) -> float:
        """Splink's probability that two records picked at random are one person, for a run.

        Pairs grow with the square of the records while each person is on a handful of lists
        whatever their size, so the model keeps matches per record and the prior falls as the
        lists grow: the more records, the likelier a chance lookalike, and the same evidence
        counts for a little less.
        """
        return min(0.5, self.matches_per_record / max(records - 1, 1))


def version_of(splink: dict[str, Any], matches_per_record: float) -> str:
    content = json.dumps(
        {"splink": splink, "matches_per_record": matches_per_record}, sort_keys=True
    )
    return "pm-" + hashlib.sha256(content.encode()).hexdigest()[:12]


def dump(model: Model) -> str:
    return (
        json.dumps(
            {
                "version": model.version,
                "trained_on": model.trained_on,
                "matches_per_record": model.matches_per_record,
                "splink": model.splink,
            },
            indent=2,
            sort_keys=False,
        )
        + "\n"
    )


@cache
def load(path: Path = MODEL_PATH) -> Model:
    data = json.loads(path.read_text())
    return Model(
        version=data["version"],
        splink=data["splink"],
        matches_per_record=float(data["matches_per_record"]),
        trained_on=data["trained_on"],
    )
