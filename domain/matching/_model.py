"""The probabilistic model: what it compares, how it finds candidate pairs, and its trained file.

Comparisons (each level is tried in order; the first that holds gives the pair its weight):

    given name    null | exact (weighted by how common the name is) | forms of one name (Bill,
                  William) | one edit | Jaro-Winkler >= 0.9 | else*
    family name   null | exact (weighted by how common) | one edit | Jaro-Winkler >= 0.9 | else
    other name    null | exact | else                (the first word of other names)
    date of birth null | exact | day and month swapped | one character off | else*
    sex           null | exact | else*
    address       null | same UPRN | same postcode, other UPRN | same postcode | same sector
                  | same district | else

The address is one comparison, UPRN and postcode together, because they say the same thing:
as two comparisons a shared home would be counted twice. The m probabilities of the levels
marked * are fixed rather than trained (see OUTRIGHT_DIFFERENCE). Candidate pairs are those
that agree on any blocking rule: for 100,000 records a few million pairs, not five billion.

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

import splink.comparison_level_library as cll
import splink.comparison_library as cl
from splink import SettingsCreator, block_on
from splink.internals.blocking_rule_creator import BlockingRuleCreator

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
    # So that every pair an identifier links is scored too.
    block_on("nhs_number"),
    block_on("upn"),
)

# How often one person's records have wholly different given names, dates of birth or sexes.
# Fixed, not trained: EM cannot learn it from the lists, because to EM twins (and a parent and
# child of one name) look like one person whose name (or birth date) changed, and it learns that
# some 3% of people change them. One pair in 300 is a generous allowance for partners' errors.
OUTRIGHT_DIFFERENCE = 1 / 300

# Columns the predictions keep beside those compared, for the rules on identifiers.
IDENTIFIERS = ("nhs_number", "upn")


def _else(m_probability: float) -> cll.ElseLevel:
    level = cll.ElseLevel()
    level.configure(m_probability=m_probability, fix_m_probability=True)
    return level


def _name(
    column: str, *, forms: str | None = None, fixed_m: float | None = None
) -> cl.CustomComparison:
    levels: list[Any] = [
        cll.NullLevel(column),
        cll.ExactMatchLevel(column, term_frequency_adjustments=True),
    ]
    if forms:
        levels.append(
            cll.ArrayIntersectLevel(forms, 1).configure(label_for_charts="Forms of one name")
        )
    levels += [
        cll.DamerauLevenshteinLevel(column, 1),
        cll.JaroWinklerLevel(column, 0.9),
        _else(fixed_m) if fixed_m else cll.ElseLevel(),
    ]
    return cl.CustomComparison(levels, output_column_name=column)


def comparisons() -> list[cl.CustomComparison]:
    return [
        _name("given_name", forms="given_forms", fixed_m=OUTRIGHT_DIFFERENCE),
        _name("family_name"),
        cl.CustomComparison(
            [
                cll.NullLevel("other_name"),
                cll.ExactMatchLevel("other_name"),
                cll.ElseLevel(),
            ],
            output_column_name="other_name",
        ),
        cl.CustomComparison(
            [
                cll.NullLevel("dob"),
                cll.ExactMatchLevel("dob"),
                cll.CustomLevel(
                    "dob_l = dob_swapped_r OR dob_swapped_l = dob_r", "Day and month swapped"
                ),
                cll.DamerauLevenshteinLevel("dob", 1).configure(
                    label_for_charts="One character off"
                ),
                _else(OUTRIGHT_DIFFERENCE),
            ],
            output_column_name="dob",
        ),
        cl.CustomComparison(
            [cll.NullLevel("sex"), cll.ExactMatchLevel("sex"), _else(OUTRIGHT_DIFFERENCE)],
            output_column_name="sex",
        ),
        cl.CustomComparison(
            [
                cll.NullLevel("postcode"),
                cll.CustomLevel("uprn_l = uprn_r", "Same UPRN"),
                cll.CustomLevel(
                    "postcode_l = postcode_r AND uprn_l <> uprn_r", "Same postcode, other UPRN"
                ),
                cll.ExactMatchLevel("postcode"),
                cll.ExactMatchLevel("postcode_sector"),
                cll.ExactMatchLevel("postcode_district"),
                cll.ElseLevel(),
            ],
            output_column_name="address",
        ),
    ]


def untrained_settings() -> SettingsCreator:
    return SettingsCreator(
        link_type="dedupe_only",
        comparisons=list(comparisons()),
        blocking_rules_to_generate_predictions=list(BLOCKING_RULES),
        additional_columns_to_retain=list(IDENTIFIERS),
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
