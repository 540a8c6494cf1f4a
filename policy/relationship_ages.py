"""The ages a relationship implies (``policy/relationship_ages.toml``): a link that cannot be true,
such as a 12-year-old as the parent of a 48-year-old, is refused before it is written.

    rules = RelationshipAges.current()
    rules.broken("PARENT", dt.date(2014, 1, 1), dt.date(1978, 1, 1), today)   # the PARENT rule
    rules.broken("CHILD", dt.date(2014, 1, 1), dt.date(1978, 1, 1), today)    # None

``broken(kind, from_born, to_born, today)`` reads a link as stored: the person born ``from_born``
is ``kind`` of the person born ``to_born``. A rule is named by the elder's kind and applies to its
inverse too, with the two people the other way round. A date of birth that is not known checks
nothing that needs it.
"""

from __future__ import annotations

import datetime as dt
import os
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DEFAULT_FILE = Path(__file__).resolve().parent / "relationship_ages.toml"
VARIABLE = "EHG_RELATIONSHIP_AGES"
_MAX_YEARS = 100
_KEYS = {"inverse", "older_by", "at_least"}


def age_on(born: dt.date, day: dt.date) -> int:
    """Whole years of age on ``day`` (negative before birth); someone born on 29 February is a
    year older on 1 March in a common year, as English law counts it."""
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


@dataclass(frozen=True)
class AgeRule:
    kind: str  # the elder's kind (PARENT)
    inverse: str  # the younger's (CHILD)
    older_by: int | None = None
    at_least: int | None = None

    def describe(self) -> str:
        """The rule in words, as an error message names it."""
        parts = []
        if self.older_by is not None:
            parts.append(f"is at least {self.older_by} years older than their {self.inverse}")
        if self.at_least is not None:
            parts.append(f"is at least {self.at_least} years old")
        return f"a {self.kind} " + " and ".join(parts)

    def broken_by(self, elder: dt.date | None, younger: dt.date | None, today: dt.date) -> bool:
        """Whether these dates of birth (None when unknown) break the rule."""
        if elder is None:
            return False
        too_close = (
            self.older_by is not None
            and younger is not None
            and age_on(elder, younger) < self.older_by
        )
        too_young = self.at_least is not None and age_on(elder, today) < self.at_least
        return too_close or too_young


@dataclass(frozen=True)
class RelationshipAges:
    rules: tuple[AgeRule, ...]

    @classmethod
    def load(cls, path: Path = DEFAULT_FILE) -> RelationshipAges:
        """The rules of one file, checked strictly: a mistake names itself rather than letting
        an implausible link through."""
        return _load(str(path))

    @classmethod
    def current(cls) -> RelationshipAges:
        """The rules in force: the file ``EHG_RELATIONSHIP_AGES`` names, else the committed one;
        read for each request (each file once per process), so the configuration in force is the
        one applied."""
        override = os.environ.get(VARIABLE, "").strip()
        return cls.load(Path(override) if override else DEFAULT_FILE)

    def broken(
        self, kind: str, from_born: dt.date | None, to_born: dt.date | None, today: dt.date
    ) -> AgeRule | None:
        """The rule broken when the person born ``from_born`` is ``kind`` of the person born
        ``to_born``, or None when no rule of the kind is broken."""
        for rule in self.rules:
            if kind == rule.kind and rule.broken_by(from_born, to_born, today):
                return rule
            if kind == rule.inverse and rule.broken_by(to_born, from_born, today):
                return rule
        return None

    def check(
        self, kind: str, today: dt.date
    ) -> Callable[[dt.date | None, dt.date | None], str | None]:
        """``broken`` for one kind and day, answering the rule broken in words (naming it)."""

        def broken(from_born: dt.date | None, to_born: dt.date | None) -> str | None:
            rule = self.broken(kind, from_born, to_born, today)
            return None if rule is None else f"{rule.describe()} (rule {rule.kind})"

        return broken


def _years(value: object, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= _MAX_YEARS:
        raise ValueError(f"{where} must be a whole number of years from 0 to {_MAX_YEARS}")
    return value


@lru_cache(maxsize=8)
def _load(path: str) -> RelationshipAges:
    with open(path, "rb") as file:
        try:
            tables = tomllib.load(file)
        except tomllib.TOMLDecodeError as exc:
            raise ValueError(f"{path} is not TOML: {exc}") from exc
    rules: list[AgeRule] = []
    named: set[str] = set()
    for kind, table in tables.items():
        where = f"{path}: [{kind}]"
        if not isinstance(table, dict):
            raise ValueError(f"{where} must be a table")
        unknown = set(table) - _KEYS
        if unknown:
            raise ValueError(f"{where} has unknown keys {sorted(unknown)}")
        inverse = table.get("inverse")
        if not isinstance(inverse, str) or not inverse:
            raise ValueError(f"{where} must name its inverse kind")
        if kind in named or inverse in named or kind == inverse:
            raise ValueError(f"{where}: each kind may have one rule")
        named |= {kind, inverse}
        older_by = table.get("older_by")
        at_least = table.get("at_least")
        if older_by is None and at_least is None:
            raise ValueError(f"{where} needs older_by or at_least")
        rules.append(
            AgeRule(
                kind=kind,
                inverse=inverse,
                older_by=None if older_by is None else _years(older_by, f"{where} older_by"),
                at_least=None if at_least is None else _years(at_least, f"{where} at_least"),
            )
        )
    return RelationshipAges(tuple(rules))
