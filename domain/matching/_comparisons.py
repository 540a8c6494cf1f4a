"""What the model compares, level by level (the first level that holds gives the pair its weight).

    given name    null | exact (weighted by how common the name is) | forms of one name (Bill,
                  William; Sasha, Alexander) | given and family name swapped | one edit | sounds
                  alike (Mohammed, Muhammad) or the same consonants (Viktoriia, Viktoriya) |
                  Jaro-Winkler >= 0.9 | the same first three letters (Dougie, Douglas) | else*
    family name   null | exact (weighted by how common) | swapped (weighs nothing: the given name
                  counts the swap) | one edit | one part of a double-barrelled name | sounds alike
                  | Jaro-Winkler >= 0.9 | another name, both women (a name changed at marriage)
                  | else
    other name    null | exact | else            (the first word of other names)
    date of birth null (unknown, or a placeholder) | exact | the year alone agrees (one side gave
                  1 January) | day and month swapped | within two days (across a month's end) |
                  one character off | else*
    sex           null | exact | else*
    address       null | same UPRN | same postcode, other UPRN | same postcode | same sector
                  | same district | same town | same postcode area | else (another town)

The address is one comparison, UPRN and postcode together, because they say the same thing: as two
comparisons a shared home would be counted twice. Candidate pairs are those that agree on any
blocking rule (see _model).

Which probabilities are trained. u (how often two different people agree at a level) is always
estimated from random pairs of the training lists. m (how often one person's two records do) is
trained by expectation maximisation for the levels any partner's lists show, and fixed here for the
rest: for outright differences (marked *, see OUTRIGHT_DIFFERENCE), and for the slips a set of
training lists may not happen to contain (swapped names, spellings, double-barrelled and married
names, year-only dates, dates a day or two off), whose m is the allowance below. Trained on lists
without them, EM would learn that one person's records never differ that way, and an unseen list
that does would lose every such pair.
"""

from __future__ import annotations

from typing import Any

import splink.comparison_level_library as cll
import splink.comparison_library as cl

# How often one person's records have wholly different given names, dates of birth or sexes.
# Fixed, not trained: EM cannot learn it from the lists, because to EM twins (and a parent and
# child of one name) look like one person whose name (or birth date) changed, and it learns that
# some 3% of people change them. One pair in 300 is a generous allowance for partners' errors.
OUTRIGHT_DIFFERENCE = 1 / 300

# Allowances for slips some lists have and others not: the share of one person's pairs of
# records that show each. Generous rather than exact: they say "this happens", and u (trained)
# says how rare it is among different people.
SWAPPED_NAMES = 1 / 200
SPELLING = 1 / 100  # sounds alike, or Jaro-Winkler: transliterations and other spellings
PET_FORM = 1 / 100  # a pet form no list knows, by its first letters (Dougie, Douglas)
DOUBLE_BARRELLED = 1 / 100
MARRIED_NAME = 1 / 30  # among women: a family name changed while the rest agrees
OTHER_FAMILY_NAME = 1 / 300  # anyone else: adoption, a step-family's name, an alias
OTHER_MIDDLE_NAME = 1 / 20  # a middle name dropped, reordered or given as another
YEAR_ONLY = 1 / 100
DAYS_OFF = 1 / 200

# How often two different people's names are each other's swapped: too rare for random pairs to
# show (no sample of millions holds one), so fixed at a rate that still counts it as strong.
SWAPPED_BY_CHANCE = 1e-5

# A swap is counted once, by the given name; the family name's level weighs nothing.
_NEUTRAL = 0.5

SAME_START = "left(given_name_l, 3) = left(given_name_r, 3)"
SWAPPED = "given_name_l = family_name_r AND family_name_l = given_name_r"
BOTH_WOMEN = "coalesce(sex_l, sex_r) = 'female' AND coalesce(sex_r, sex_l) = 'female'"
ONE_PART = (
    "(family_parts_l IS NOT NULL OR family_parts_r IS NOT NULL) AND list_has_any("
    "coalesce(family_parts_l, [family_name_l]), coalesce(family_parts_r, [family_name_r]))"
)
YEAR_ALONE = "(dob_partial_l OR dob_partial_r) AND dob_year_l = dob_year_r"
DAYS_APART = "abs(date_diff('day', CAST(dob_l AS DATE), CAST(dob_r AS DATE))) <= 2"


def _alike(name: str) -> str:
    """Two names that sound alike (metaphone) or share their skeleton (see _columns)."""
    return f"{name}_sound_l = {name}_sound_r OR {name}_skeleton_l = {name}_skeleton_r"


def _fixed(level: Any, m_probability: float, label: str | None = None) -> Any:
    if label:
        return level.configure(
            m_probability=m_probability, fix_m_probability=True, label_for_charts=label
        )
    return level.configure(m_probability=m_probability, fix_m_probability=True)


def _else(m_probability: float) -> cll.ElseLevel:
    level = cll.ElseLevel()
    level.configure(m_probability=m_probability, fix_m_probability=True)
    return level


def given_name() -> cl.CustomComparison:
    return cl.CustomComparison(
        [
            cll.NullLevel("given_name"),
            cll.ExactMatchLevel("given_name", term_frequency_adjustments=True),
            cll.ArrayIntersectLevel("given_forms", 1).configure(
                label_for_charts="Forms of one name"
            ),
            cll.CustomLevel(SWAPPED).configure(
                m_probability=SWAPPED_NAMES,
                u_probability=SWAPPED_BY_CHANCE,
                fix_m_probability=True,
                fix_u_probability=True,
                label_for_charts="Given and family name swapped",
            ),
            cll.DamerauLevenshteinLevel("given_name", 1),
            _fixed(cll.CustomLevel(_alike("given")), SPELLING, "Sounds alike"),
            _fixed(cll.JaroWinklerLevel("given_name", 0.9), SPELLING),
            _fixed(cll.CustomLevel(SAME_START), PET_FORM, "The same first three letters"),
            _else(OUTRIGHT_DIFFERENCE),
        ],
        output_column_name="given_name",
    )


def family_name() -> cl.CustomComparison:
    swapped = cll.CustomLevel(SWAPPED).configure(
        m_probability=_NEUTRAL,
        u_probability=_NEUTRAL,
        fix_m_probability=True,
        fix_u_probability=True,
        label_for_charts="Swapped (counted by the given name)",
    )
    return cl.CustomComparison(
        [
            cll.NullLevel("family_name"),
            cll.ExactMatchLevel("family_name", term_frequency_adjustments=True),
            swapped,
            cll.DamerauLevenshteinLevel("family_name", 1),
            _fixed(cll.CustomLevel(ONE_PART), DOUBLE_BARRELLED, "One part of a double name"),
            _fixed(cll.CustomLevel(_alike("family")), SPELLING, "Sounds alike"),
            _fixed(cll.JaroWinklerLevel("family_name", 0.9), SPELLING),
            _fixed(cll.CustomLevel(BOTH_WOMEN), MARRIED_NAME, "Another name, both women"),
            _else(OTHER_FAMILY_NAME),
        ],
        output_column_name="family_name",
    )


def other_name() -> cl.CustomComparison:
    return cl.CustomComparison(
        [
            cll.NullLevel("other_name"),
            cll.ExactMatchLevel("other_name"),
            _else(OTHER_MIDDLE_NAME),
        ],
        output_column_name="other_name",
    )


def date_of_birth() -> cl.CustomComparison:
    return cl.CustomComparison(
        [
            cll.NullLevel("dob"),
            cll.CustomLevel("dob_l = dob_r AND NOT dob_partial_l", "Exact match on dob"),
            _fixed(cll.CustomLevel(YEAR_ALONE), YEAR_ONLY, "The year alone agrees"),
            cll.CustomLevel("dob_l = dob_swapped_r OR dob_swapped_l = dob_r", "Day/month swapped"),
            _fixed(cll.CustomLevel(DAYS_APART), DAYS_OFF, "Within two days"),
            cll.DamerauLevenshteinLevel("dob", 1).configure(label_for_charts="One character off"),
            _else(OUTRIGHT_DIFFERENCE),
        ],
        output_column_name="dob",
    )


def sex() -> cl.CustomComparison:
    return cl.CustomComparison(
        [cll.NullLevel("sex"), cll.ExactMatchLevel("sex"), _else(OUTRIGHT_DIFFERENCE)],
        output_column_name="sex",
    )


def address() -> cl.CustomComparison:
    return cl.CustomComparison(
        [
            cll.NullLevel("postcode"),
            cll.CustomLevel("uprn_l = uprn_r", "Same UPRN"),
            cll.CustomLevel(
                "postcode_l = postcode_r AND uprn_l <> uprn_r", "Same postcode, other UPRN"
            ),
            cll.ExactMatchLevel("postcode"),
            cll.ExactMatchLevel("postcode_sector"),
            cll.ExactMatchLevel("postcode_district"),
            cll.ExactMatchLevel("town"),
            cll.ExactMatchLevel("postcode_area"),
            cll.ElseLevel(),
        ],
        output_column_name="address",
    )


def comparisons() -> list[cl.CustomComparison]:
    return [given_name(), family_name(), other_name(), date_of_birth(), sex(), address()]
