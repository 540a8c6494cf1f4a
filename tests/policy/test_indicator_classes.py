"""The reviewed table of indicator data classes (policy/indicator_classes.csv): what it must hold,
and every way a table is refused.

A council that edits the table (or adds a framework in EHG_FRAMEWORKS_DIR) runs these tests: they
fail until every indicator of every framework in force has exactly one row, worded as its
framework words it, with a class whose article the row's law names.
"""

from __future__ import annotations

import os
from itertools import product
from pathlib import Path

import pytest

from devtools.synthetic.reference import CRITERIA
from domain.eligibility import Framework, builtin_frameworks, load_frameworks
from policy import Policy
from policy import enforcer as enforcer_module
from policy.indicator_classes import (
    COLUMNS,
    TABLE,
    UNLISTED,
    IndicatorTableError,
    criterion_class,
    load_indicator_classes,
)
from vocabulary import SPECIAL, DataClass, Purpose, Role

SHIPPED = load_indicator_classes()
HEADER = ",".join(COLUMNS) + "\n"


def _frameworks_in_force() -> list[Framework]:
    known = list(builtin_frameworks())
    if directory := os.environ.get("EHG_FRAMEWORKS_DIR"):
        known += load_frameworks(Path(directory))
    return known


def _indicators(frameworks: list[Framework]) -> list[tuple[str, str, str]]:
    return [(f.id, i.code, i.name) for f in frameworks for i in f.indicators]


def test_the_table_classifies_exactly_the_indicators_of_every_framework_in_force() -> None:
    frameworks = _frameworks_in_force()
    table = load_indicator_classes(indicators=_indicators(frameworks))
    assert {"tf2015", "sf2022"} <= {f.id for f in frameworks}
    assert len(table) == sum(len(f.indicators) for f in frameworks)


def test_every_synthetic_criterion_is_classified_as_its_framework_words_it() -> None:
    for criterion in CRITERIA:
        row = SHIPPED[criterion.code]
        assert (row.framework, row.name) == ("tf2015", criterion.name)


def test_each_row_cites_the_article_its_class_needs() -> None:
    for row in SHIPPED.values():
        if row.data_class is DataClass.CRIMINAL_OFFENCE:
            article = "UK GDPR Art. 10"
        elif row.data_class in SPECIAL:
            article = "UK GDPR Art. 9"
        else:
            article = "UK GDPR Art. 6 only"
        assert row.law.startswith(article), (row.code, row.law)
        assert "DPA 2018" in row.law, row.code


@pytest.mark.parametrize(
    "code",
    [
        "CR1",  # proven offence
        "CR2",  # anti-social behaviour intervention: civil measures a breach of which is a crime
        "CR3",  # prison
        "CR4",  # licence or supervision
        "DA2",  # perpetrating domestic abuse
        "DA3",  # police call-out to a domestic incident: alleged offending
        "SF-CRM-1",
        "SF-CRM-2",  # risk of offending
        "SF-DA-2",
    ],
)
def test_offending_alleged_or_proven_is_criminal_offence_data(code: str) -> None:
    assert criterion_class(code) is DataClass.CRIMINAL_OFFENCE


@pytest.mark.parametrize(
    ("code", "data_class"),
    [
        ("DA1", DataClass.SOCIAL_CARE),  # a victim, not an offender
        ("SF-DA-1", DataClass.SOCIAL_CARE),
        ("CN2", DataClass.SOCIAL_CARE),
        ("HE3", DataClass.HEALTH),
        ("SF-EY-1", DataClass.HEALTH),  # the health visitor's development review
        ("SA1", DataClass.EDUCATION),
        ("WK1", DataClass.EMPLOYMENT),
        ("SF-FIN-2", DataClass.EMPLOYMENT),
        ("SF-HSG-1", DataClass.HOUSING),
    ],
)
def test_other_indicators_keep_the_class_of_what_they_report(
    code: str, data_class: DataClass
) -> None:
    assert criterion_class(code) is data_class


def test_the_same_fact_has_the_same_class_in_both_frameworks() -> None:
    for tf2015, sf2022 in (("WK2", "SF-EDU-3"), ("DA2", "SF-DA-2"), ("DA1", "SF-DA-1")):
        assert criterion_class(tf2015) is criterion_class(sf2022)


def test_a_code_the_table_does_not_list_is_read_as_the_most_guarded_class() -> None:
    assert criterion_class("NO-SUCH-CODE") is UNLISTED
    assert criterion_class("da2") is UNLISTED  # codes are exact, as in the graph
    assert UNLISTED in SPECIAL  # it needs a condition on top of the role's permission
    # Whoever may read it may read every class the table gives an indicator.
    policy = Policy.load()
    classes = {row.data_class for row in SHIPPED.values()}
    for role, purpose in product(Role, Purpose):
        if policy.allows({role}, UNLISTED.value, "read", purpose):
            assert all(policy.allows({role}, c.value, "read", purpose) for c in classes)


def test_the_policy_version_changes_with_the_table(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    edited = tmp_path / "indicator_classes.csv"
    edited.write_text(TABLE.read_text().replace(",social_care,", ",health,", 1))
    before = Policy.load().version
    monkeypatch.setattr(enforcer_module, "INDICATOR_CLASSES", edited)
    assert Policy.load().version != before


def _write(tmp_path: Path, *rows: str, header: str = HEADER) -> Path:
    path = tmp_path / "indicator_classes.csv"
    path.write_text(header + "".join(row + "\n" for row in rows))
    return path


ROW = "tf2015,DA2,Perpetrated abuse,criminal_offence,UK GDPR Art. 10,An offence"
OTHER = "tf2015,DA1,Experienced abuse,social_care,UK GDPR Art. 6 only,A victim"


def test_a_councils_table_loads_with_a_byte_order_mark_and_spaces_around_cells(
    tmp_path: Path,
) -> None:
    path = tmp_path / "indicator_classes.csv"
    path.write_bytes(("\ufeff" + HEADER + " tf2015 , DA2 ,x, criminal_offence ,law,why\n").encode())
    row = load_indicator_classes(path)["DA2"]
    assert (row.framework, row.data_class, row.name) == ("tf2015", DataClass.CRIMINAL_OFFENCE, "x")


@pytest.mark.parametrize(
    ("rows", "header", "problem"),
    [
        ([ROW.replace("criminal_offence", "crime")], HEADER, "line 2: unknown data class 'crime'"),
        ([ROW, OTHER, ROW], HEADER, "line 4: code DA2 is already on line 2"),
        ([ROW + ",extra"], HEADER, "line 2: has 7 cells; each row has 6"),
        ([ROW.replace("An offence", " ")], HEADER, "line 2: the reason is empty"),
        ([ROW.replace("tf2015", "TF 2015")], HEADER, "framework 'TF 2015' is not a framework id"),
        ([ROW.replace("DA2", "DA 2")], HEADER, "code 'DA 2' has spaces in it"),
        ([ROW], HEADER.replace("law", "legal"), "line 1: the first line must name the columns"),
        ([], "", "line 1: the first line must name the columns"),
        ([], HEADER, "has no rows"),
        (['tf2015,DA2,"Perpetrated" abuse,criminal_offence,law,why'], HEADER, "well-formed CSV"),
    ],
)
def test_a_table_that_cannot_be_used_is_refused_naming_the_line(
    tmp_path: Path, rows: list[str], header: str, problem: str
) -> None:
    path = _write(tmp_path, *rows, header=header)
    with pytest.raises(IndicatorTableError) as refused:
        load_indicator_classes(path)
    assert str(refused.value).startswith("indicator_classes.csv")
    assert problem in str(refused.value)


def test_a_table_that_is_not_utf8_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "indicator_classes.csv"
    path.write_bytes(HEADER.encode() + b"tf2015,DA2,Perp\xe9trated,criminal_offence,law,why\n")
    with pytest.raises(IndicatorTableError, match="is not UTF-8 text"):
        load_indicator_classes(path)


@pytest.mark.parametrize(
    ("indicators", "problem"),
    [
        # An indicator of a framework in force with no row.
        (
            [
                ("tf2015", "DA2", "Perpetrated abuse"),
                ("tf2015", "DA1", "Experienced abuse"),
                ("tf2015", "DA3", "Call-out"),
            ],
            "has no row for indicator(s) tf2015 DA3",
        ),
        # A row for an indicator no framework names (a stale row).
        ([("tf2015", "DA2", "Perpetrated abuse")], "no framework names: tf2015 DA1"),
        # A row filed under another framework.
        (
            [("sf2022", "DA2", "Perpetrated abuse"), ("tf2015", "DA1", "Experienced abuse")],
            "DA2 is an indicator of sf2022, not tf2015",
        ),
        # A reworded indicator: what it reports may have changed, so its class is reviewed.
        (
            [("tf2015", "DA2", "Perpetrated or witnessed"), ("tf2015", "DA1", "Experienced abuse")],
            "DA2 is worded 'Perpetrated or witnessed' in tf2015; review its class",
        ),
        # Two frameworks with one code: the graph holds one criterion per code.
        (
            [
                ("tf2015", "DA2", "Perpetrated abuse"),
                ("tf2015", "DA1", "Experienced abuse"),
                ("local", "DA1", "Experienced abuse"),
            ],
            "code DA1 is in both tf2015 and local",
        ),
    ],
)
def test_a_table_that_does_not_cover_the_frameworks_exactly_is_refused(
    tmp_path: Path, indicators: list[tuple[str, str, str]], problem: str
) -> None:
    path = _write(tmp_path, ROW, OTHER)
    with pytest.raises(IndicatorTableError) as refused:
        load_indicator_classes(path, indicators=indicators)
    assert problem in str(refused.value)
