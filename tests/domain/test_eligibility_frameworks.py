"""Framework files: the shipped ones, a council's own, and every way a file is refused."""

from __future__ import annotations

import ast
import copy
import json
import shutil
import sys
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

import domain.eligibility
from domain.eligibility import (
    FamilyFacts,
    FrameworkError,
    Member,
    assess,
    builtin_frameworks,
    criterion_catalogue,
    load_framework,
    load_frameworks,
    parse_framework,
)
from vocabulary import FamilyStatus as Status

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = Path(str(resources.files("domain.eligibility") / "frameworks"))

VALID: dict[str, Any] = {
    "id": "devon-local",
    "version": "2024.1",
    "name": "Devon local outcome plan",
    "source": "Devon County Council, Early Help local outcome plan (2024)",
    "headline_term": "headline need",
    "headlines": [
        {"code": "education", "name": "Getting a good education"},
        {"code": "housing", "name": "Secure housing"},
    ],
    "rule": {"min_headlines": 2, "requires_dependent_child_or_expectant_parent": True},
    "criteria": {
        "DV-EDU-1": {"headline": "education", "name": "Attendance below 90%"},
        "DV-HSG-1": {"headline": "housing", "name": "Rent arrears of two months or more"},
    },
}


def _parse(data: object) -> None:
    parse_framework(json.dumps(data), origin="devon.json")


def _with(path: str, value: object) -> dict[str, Any]:
    """VALID with the field at a dotted path replaced (or removed, when value is _DROP)."""
    data = copy.deepcopy(VALID)
    *parents, last = path.split(".")
    target: Any = data
    for key in parents:
        target = target[int(key)] if isinstance(target, list) else target[key]
    if value is _DROP:
        del target[last]
    elif isinstance(target, list):
        target[int(last)] = value
    else:
        target[last] = value
    return data


_DROP = object()


def test_the_shipped_frameworks_load_and_validate() -> None:
    frameworks = builtin_frameworks()
    assert [(f.id, f.version) for f in frameworks] == [("sf2022", "2022.2"), ("tf2015", "2015.2")]
    tf2015, sf2022 = frameworks[1], frameworks[0]
    assert (len(tf2015.headlines), tf2015.rule.min_headlines) == (6, 2)
    # The 2015 programme was for families with dependent children, as the 2022 one is.
    assert tf2015.rule.requires_dependent_child_or_expectant_parent
    assert (len(sf2022.headlines), sf2022.rule.min_headlines) == (10, 3)
    assert sf2022.rule.requires_dependent_child_or_expectant_parent
    # Evidence counts for the agreement's annual cycle, under both.
    assert {i.evidence_months for f in frameworks for i in f.indicators} == {12}


def test_the_retired_versions_are_kept_but_not_in_force() -> None:
    # What decided families before the current versions stays readable beside them.
    retired = load_frameworks(SHIPPED / "retired")
    assert [(f.id, f.version) for f in retired] == [("sf2022", "2022.1"), ("tf2015", "2015.1")]
    in_force = builtin_frameworks()
    for old in retired:
        new = next(f for f in in_force if f.id == old.id)
        assert [(i.code, i.headline) for i in old.indicators] == [
            (i.code, i.headline) for i in new.indicators
        ]


def test_the_catalogue_is_every_indicator_of_the_frameworks_once() -> None:
    frameworks = builtin_frameworks()
    entries = criterion_catalogue(frameworks)
    codes = [e.code for e in entries]
    assert codes == sorted({i.code for f in frameworks for i in f.indicators})
    cr1 = next(e for e in entries if e.code == "CR1")
    assert (cr1.headline, cr1.framework) == ("crime_asb", "tf2015")
    # A council's plan reusing a national code keeps the national wording in the catalogue.
    data = copy.deepcopy(VALID)
    data["criteria"]["CR1"] = _CR1_AGAIN
    local = parse_framework(json.dumps(data), origin="x")
    assert local.indicator("CR1") is not None
    again = criterion_catalogue((*frameworks, local))
    assert [e for e in again if e.code == "CR1"] == [cr1]
    assert "DV-HSG-1" in {e.code for e in again}


_CR1_AGAIN = {"headline": "education", "name": "A proven offence"}


def test_evidence_months_default_and_per_criterion() -> None:
    framework = parse_framework(json.dumps(VALID), origin="devon.json")
    assert {i.evidence_months for i in framework.indicators} == {12}
    data = _with("evidence_months", 6)
    data["criteria"]["DV-HSG-1"]["evidence_months"] = 24
    framework = parse_framework(json.dumps(data), origin="devon.json")
    months = {i.code: i.evidence_months for i in framework.indicators}
    assert months == {"DV-EDU-1": 6, "DV-HSG-1": 24}


def _catalogue_criteria() -> dict[str, tuple[str, str]]:
    # Parsed, not imported: importing graph would pull in the driver, and intake must not.
    tree = ast.parse((ROOT / "devtools/synthetic/reference.py").read_text())
    found: dict[str, tuple[str, str]] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.AnnAssign) and ast.unparse(node.target) == "CRITERIA":
            assert isinstance(node.value, ast.Tuple)
            for call in node.value.elts:
                assert isinstance(call, ast.Call)
                code, name, headline = (ast.literal_eval(arg) for arg in call.args[:3])
                found[code] = (headline, name)
    return found


def test_tf2015_criteria_are_the_synthetic_catalogues() -> None:
    tf2015 = next(f for f in builtin_frameworks() if f.id == "tf2015")
    ours = {i.code: (i.headline, i.name) for i in tf2015.indicators}
    assert len(_catalogue_criteria()) == 20
    assert ours == _catalogue_criteria()


def test_a_councils_own_framework_loads_beside_the_national_ones_and_decides(
    tmp_path: Path,
) -> None:
    for shipped in SHIPPED.glob("*.json"):
        shutil.copy(shipped, tmp_path)
    (tmp_path / "devon-2024.json").write_text(json.dumps(VALID))
    (tmp_path / "notes.txt").write_text("not a framework")
    frameworks = load_frameworks(tmp_path)
    assert [f.id for f in frameworks] == ["devon-local", "sf2022", "tf2015"]

    devon = frameworks[0]
    reported = dict.fromkeys(("DV-EDU-1", "DV-HSG-1"), date(2025, 12, 1))
    facts = FamilyFacts((Member(date(2019, 1, 1)),), reported)
    decision = assess(devon, facts, date(2026, 1, 1))
    assert (decision.status, decision.framework_id, decision.framework_version) == (
        Status.ELIGIBLE,
        "devon-local",
        "2024.1",
    )
    assert decision.reasons[0] == (
        "2 of 2 headline needs met (education, housing); at least 2 needed"
    )


def test_versions_of_one_framework_sort_numerically(tmp_path: Path) -> None:
    for version in ("2024.10", "2024.9"):
        (tmp_path / f"devon-{version}.json").write_text(json.dumps(_with("version", version)))
    assert [f.version for f in load_frameworks(tmp_path)] == ["2024.9", "2024.10"]


def test_two_files_with_one_id_and_version_are_refused(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text(json.dumps(VALID))
    (tmp_path / "b.json").write_text(json.dumps(VALID))
    with pytest.raises(FrameworkError) as caught:
        load_frameworks(tmp_path)
    assert caught.value.origin == str(tmp_path / "b.json")
    assert caught.value.problem == f"devon-local version 2024.1 is also in {tmp_path / 'a.json'}"


def test_load_framework_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "devon.json"
    path.write_text(json.dumps(_with("rule.min_headlines", 3)))
    with pytest.raises(FrameworkError, match="min_headlines is 3") as caught:
        load_framework(path)
    assert str(caught.value).startswith(f"{path}: ")


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"\xff\xfe{}", "is not UTF-8 text"),
        (None, "cannot be read (No such file or directory)"),
    ],
)
def test_a_file_that_cannot_be_read_is_refused(
    tmp_path: Path, content: bytes | None, problem: str
) -> None:
    path = tmp_path / "devon.json"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(FrameworkError) as caught:
        load_framework(path)
    assert (caught.value.origin, caught.value.problem) == (str(path), problem)


def test_a_missing_directory_is_refused(tmp_path: Path) -> None:
    with pytest.raises(FrameworkError, match="is not a directory"):
        load_frameworks(tmp_path / "absent")


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("{", "is not valid JSON (line 1, column 2: Expecting property name enclosed in"),
        ("[]", "the top level must be a JSON object, not a list"),
        (
            '{"criteria": {"A": 1, "A": 2}}',
            "the key 'A' appears twice in one object",
        ),
    ],
)
def test_text_that_is_not_a_framework_object_is_refused(text: str, problem: str) -> None:
    with pytest.raises(FrameworkError) as caught:
        parse_framework(text, origin="devon.json")
    assert caught.value.problem.startswith(problem)
    assert str(caught.value) == f"devon.json: {caught.value.problem}"


@pytest.mark.parametrize(
    ("path", "value", "problem"),
    [
        ("name", _DROP, "the top level is missing name"),
        (
            "min_headline",
            2,
            "the top level has unknown field(s) min_headline; expected id, version, name, "
            "source, headline_term, headlines, rule, criteria, evidence_months",
        ),
        ("evidence_months", 0, "evidence_months is 0; it must be from 1 to 120 months"),
        ("evidence_months", 365, "evidence_months is 365; it must be from 1 to 120 months"),
        ("evidence_months", "12", "evidence_months must be a whole number of months, not a string"),
        (
            "evidence_months",
            True,
            "evidence_months must be a whole number of months, not true/false",
        ),
        (
            "criteria.DV-EDU-1.evidence_months",
            1.5,
            "criterion DV-EDU-1 evidence_months must be a whole number of months, not a number",
        ),
        (
            "criteria.DV-EDU-1.evidence_month",
            6,
            "criterion DV-EDU-1 has unknown field(s) evidence_month; expected headline, name, "
            "evidence_months",
        ),
        ("id", "", "id must not be empty"),
        ("id", "Devon Local", "id 'Devon Local' must be lower-case letters, digits, '-' or '_'"),
        ("version", "v1", "version 'v1' must be dotted numbers, such as 2022.1"),
        ("version", 2024.1, "version must be a string, not a number"),
        ("source", " Devon", "source ' Devon' has spaces at its start or end"),
        ("headlines", [], "headlines must not be empty"),
        ("headlines.1", "housing", "headline 2 must be a JSON object, not a string"),
        ("headlines.1.name", _DROP, "headline 2 is missing name"),
        (
            "headlines.1",
            {"code": "education", "name": "Education again"},
            "headline code 'education' is used twice",
        ),
        ("rule.min_headlines", 0, "rule min_headlines is 0; it must be from 1 to 2"),
        ("rule.min_headlines", 3, "rule min_headlines is 3; it must be from 1 to 2"),
        ("rule.min_headlines", True, "rule min_headlines must be a whole number, not true/false"),
        ("rule.min_headlines", "2", "rule min_headlines must be a whole number, not a string"),
        (
            "rule.requires_dependent_child_or_expectant_parent",
            "yes",
            "rule requires_dependent_child_or_expectant_parent must be true or false, not a string",
        ),
        (
            "rule.requires_dependent_child_or_expectant_parent",
            _DROP,
            "rule is missing requires_dependent_child_or_expectant_parent",
        ),
        ("criteria", {}, "criteria must not be empty"),
        ("criteria", [], "criteria must be a JSON object, not a list"),
        (
            "criteria",
            {"": {"headline": "education", "name": "x"}},
            "a criterion code must not be empty",
        ),
        ("headlines", {"education": "x"}, "headlines must be a list, not an object"),
        ("headline_term", _DROP, "the top level is missing headline_term"),
        (
            "criteria.DV-EDU-1",
            "education",
            "criterion DV-EDU-1 must be a JSON object, not a string",
        ),
        (
            "criteria.DV-EDU-1.headline",
            "schooling",
            "criterion DV-EDU-1 names headline 'schooling', which is not in headlines",
        ),
        (
            "criteria.DV-HSG-1.headline",
            "education",
            "no criterion evidences headline(s) housing",
        ),
        (
            "criteria.DV-HSG-1.name",
            None,
            "criterion DV-HSG-1 name must be a string, not null",
        ),
    ],
)
def test_every_mistake_in_a_framework_is_named(path: str, value: object, problem: str) -> None:
    with pytest.raises(FrameworkError) as caught:
        _parse(_with(path, value))
    assert caught.value.origin == "devon.json"
    assert caught.value.problem == problem


def test_the_valid_example_is_valid() -> None:
    _parse(VALID)


def test_the_package_imports_only_the_standard_library() -> None:
    package = Path(domain.eligibility.__file__).parent
    for module in package.glob("*.py"):
        for node in ast.walk(ast.parse(module.read_text())):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            for name in names:
                top = name.split(".")[0]
                # The vocabulary is pure too: the standard library only.
                pure = top in sys.stdlib_module_names or top == "vocabulary"
                assert pure or name.startswith("domain.eligibility"), (
                    f"{module.name} imports {name}"
                )


def test_the_public_surface_is_declared() -> None:
    for name in domain.eligibility.__all__:
        assert hasattr(domain.eligibility, name), name
