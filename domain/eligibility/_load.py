"""Reading framework files: JSON text to a checked `Framework`, or a `FrameworkError` saying why.

Every check a council's own file could fail is made here, before the framework decides
anything: a file is accepted whole or refused whole.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, NoReturn

from domain.eligibility._errors import FrameworkError
from domain.eligibility._framework import (
    DEFAULT_EVIDENCE_MONTHS,
    Framework,
    Headline,
    Indicator,
    Rule,
)

FIELDS = ("id", "version", "name", "source", "headline_term", "headlines", "rule", "criteria")
RULE_FIELDS = ("min_headlines", "requires_dependent_child_or_expectant_parent")
HEADLINE_FIELDS = ("code", "name")
CRITERION_FIELDS = ("headline", "name")
# Optional: how long evidence counts, for the whole framework and for one criterion.
OPTIONAL_FIELDS = ("evidence_months",)
OPTIONAL_CRITERION_FIELDS = ("evidence_months",)
# Ten years: longer is almost certainly a slip (a number of days typed as months).
MAX_EVIDENCE_MONTHS = 120

# Dotted numbers, so versions of one framework sort in the order they were made.
_VERSION = re.compile(r"\d+(\.\d+)*")
_ID = re.compile(r"[a-z0-9][a-z0-9_-]*")


class _DuplicateKey(Exception):
    def __init__(self, key: str) -> None:
        self.key = key


def _refuse_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    # json keeps the last of two equal keys silently; in a framework that would drop a criterion.
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _DuplicateKey(key)
        result[key] = value
    return result


def _kind(value: object) -> str:
    names = {dict: "an object", list: "a list", str: "a string", bool: "true/false"}
    names |= {int: "a number", float: "a number", type(None): "null"}
    return names.get(type(value), type(value).__name__)


def parse_framework(text: str, *, origin: str) -> Framework:
    """A framework from the JSON text of one file; `origin` names the file in any error."""

    def fail(problem: str) -> NoReturn:
        raise FrameworkError(origin, problem)

    try:
        data = json.loads(text, object_pairs_hook=_refuse_duplicates)
    except _DuplicateKey as dup:
        fail(f"the key {dup.key!r} appears twice in one object")
    except json.JSONDecodeError as exc:
        fail(f"is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})")
    return _framework(_object(data, FIELDS, "the top level", fail, OPTIONAL_FIELDS), fail)


def _object(
    value: object,
    fields: tuple[str, ...],
    where: str,
    fail: Callable[[str], NoReturn],
    optional: tuple[str, ...] = (),
) -> dict[str, Any]:
    if not isinstance(value, dict):
        fail(f"{where} must be a JSON object, not {_kind(value)}")
    missing = [name for name in fields if name not in value]
    if missing:
        fail(f"{where} is missing {', '.join(missing)}")
    unknown = sorted(set(value) - set(fields) - set(optional))
    if unknown:
        # Strict about extras: a misspelt optional field would otherwise be quietly ignored.
        expected = ", ".join(fields + optional)
        fail(f"{where} has unknown field(s) {', '.join(unknown)}; expected {expected}")
    return value


def _months(value: object, where: str, fail: Callable[[str], NoReturn]) -> int:
    # bool is an int in Python; true is not a number of months.
    if not isinstance(value, int) or isinstance(value, bool):
        fail(f"{where} must be a whole number of months, not {_kind(value)}")
    if not 1 <= value <= MAX_EVIDENCE_MONTHS:
        fail(f"{where} is {value}; it must be from 1 to {MAX_EVIDENCE_MONTHS} months")
    return value


def _text(value: object, where: str, fail: Callable[[str], NoReturn]) -> str:
    if not isinstance(value, str):
        fail(f"{where} must be a string, not {_kind(value)}")
    if not value.strip():
        fail(f"{where} must not be empty")
    if value != value.strip():
        fail(f"{where} {value!r} has spaces at its start or end")
    return value


def _framework(data: dict[str, Any], fail: Callable[[str], NoReturn]) -> Framework:
    id_ = _text(data["id"], "id", fail)
    if not _ID.fullmatch(id_):
        fail(f"id {id_!r} must be lower-case letters, digits, '-' or '_'")
    version = _text(data["version"], "version", fail)
    if not _VERSION.fullmatch(version):
        fail(f"version {version!r} must be dotted numbers, such as 2022.1")
    headlines = _headlines(data["headlines"], fail)
    months = DEFAULT_EVIDENCE_MONTHS
    if "evidence_months" in data:
        months = _months(data["evidence_months"], "evidence_months", fail)
    return Framework(
        id=id_,
        version=version,
        name=_text(data["name"], "name", fail),
        source=_text(data["source"], "source", fail),
        headline_term=_text(data["headline_term"], "headline_term", fail),
        headlines=headlines,
        rule=_rule(data["rule"], len(headlines), fail),
        indicators=_indicators(data["criteria"], headlines, months, fail),
    )


def _headlines(value: object, fail: Callable[[str], NoReturn]) -> tuple[Headline, ...]:
    if not isinstance(value, list):
        fail(f"headlines must be a list, not {_kind(value)}")
    if not value:
        fail("headlines must not be empty")
    headlines: list[Headline] = []
    for n, item in enumerate(value, start=1):
        entry = _object(item, HEADLINE_FIELDS, f"headline {n}", fail)
        code = _text(entry["code"], f"headline {n} code", fail)
        if any(h.code == code for h in headlines):
            fail(f"headline code {code!r} is used twice")
        headlines.append(Headline(code, _text(entry["name"], f"headline {code} name", fail)))
    return tuple(headlines)


def _rule(value: object, headline_count: int, fail: Callable[[str], NoReturn]) -> Rule:
    entry = _object(value, RULE_FIELDS, "rule", fail)
    minimum = entry["min_headlines"]
    # bool is an int in Python; true is not a threshold.
    if not isinstance(minimum, int) or isinstance(minimum, bool):
        fail(f"rule min_headlines must be a whole number, not {_kind(minimum)}")
    if not 1 <= minimum <= headline_count:
        fail(f"rule min_headlines is {minimum}; it must be from 1 to {headline_count}")
    requires = entry["requires_dependent_child_or_expectant_parent"]
    if not isinstance(requires, bool):
        fail(
            "rule requires_dependent_child_or_expectant_parent must be true or false, "
            f"not {_kind(requires)}"
        )
    return Rule(minimum, requires)


def _indicators(
    value: object,
    headlines: tuple[Headline, ...],
    months: int,
    fail: Callable[[str], NoReturn],
) -> tuple[Indicator, ...]:
    if not isinstance(value, dict):
        fail(f"criteria must be a JSON object, not {_kind(value)}")
    if not value:
        fail("criteria must not be empty")
    codes = {h.code for h in headlines}
    indicators: list[Indicator] = []
    for code, item in value.items():
        _text(code, "a criterion code", fail)
        where = f"criterion {code}"
        entry = _object(item, CRITERION_FIELDS, where, fail, OPTIONAL_CRITERION_FIELDS)
        headline = _text(entry["headline"], f"{where} headline", fail)
        if headline not in codes:
            fail(f"{where} names headline {headline!r}, which is not in headlines")
        own = months
        if "evidence_months" in entry:
            own = _months(entry["evidence_months"], f"{where} evidence_months", fail)
        indicators.append(
            Indicator(code, _text(entry["name"], f"{where} name", fail), headline, own)
        )
    # A headline nothing evidences could never be met: almost always a slip in the file.
    unmet = [h.code for h in headlines if not any(i.headline == h.code for i in indicators)]
    if unmet:
        fail(f"no criterion evidences headline(s) {', '.join(unmet)}")
    return tuple(indicators)


def load_framework(path: str | os.PathLike[str]) -> Framework:
    """The framework in one JSON file; `FrameworkError` names the file and what is wrong."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise FrameworkError(str(path), "is not UTF-8 text") from None
    except OSError as exc:
        raise FrameworkError(str(path), f"cannot be read ({exc.strerror})") from None
    return parse_framework(text, origin=str(path))


def load_frameworks(directory: str | os.PathLike[str]) -> tuple[Framework, ...]:
    """Every `*.json` framework in a directory, ordered by id, then version.

    This is how a council adds its local outcome plan: put the file beside the others. Two
    files holding the same id and version are refused, since a decision records only those two.
    """
    directory = Path(directory)
    if not directory.is_dir():
        raise FrameworkError(str(directory), "is not a directory")
    found: dict[tuple[str, str], tuple[Path, Framework]] = {}
    for path in sorted(directory.glob("*.json")):
        framework = load_framework(path)
        key = (framework.id, framework.version)
        if key in found:
            raise FrameworkError(
                str(path), f"{framework.id} version {framework.version} is also in {found[key][0]}"
            )
        found[key] = (path, framework)
    return tuple(sorted((f for _, f in found.values()), key=_order))


def _order(framework: Framework) -> tuple[str, tuple[int, ...]]:
    return framework.id, tuple(int(part) for part in framework.version.split("."))


@cache
def builtin_frameworks() -> tuple[Framework, ...]:
    """The national frameworks shipped with the package: tf2015 2015.2 and sf2022 2022.2."""
    directory = resources.files("domain.eligibility") / "frameworks"
    with resources.as_file(directory) as path:
        return load_frameworks(path)
