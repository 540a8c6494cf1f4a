"""Eligibility frameworks as versioned data, and a family's status under one of them.

    frameworks = builtin_frameworks()           # tf2015 2015.2 and sf2022 2022.2
    frameworks += load_frameworks("/etc/early-help/frameworks")   # a council's local plan
    sf2022 = next(f for f in frameworks if (f.id, f.version) == ("sf2022", "2022.2"))
    # indicators: each code reported about a current member, with its latest evidence date
    decision = assess(sf2022, FamilyFacts(members, indicators, closed=False), date.today())
    decision.status, decision.framework_id, decision.framework_version, decision.reasons

A framework is one JSON file (see README.md beside this module): its headlines, a threshold,
and the criteria (indicator codes partners report) mapped to headlines, each with how many
months its evidence counts; `criterion_catalogue(frameworks)` is every code they know. Files are
checked whole when loaded and refused with a `FrameworkError` naming the file and the problem.
Pure: the standard library and the vocabulary only, and no I/O beyond reading the framework files
asked for.
"""

from __future__ import annotations

from domain.eligibility._assess import (
    DEPENDENT_UNDER,
    Assessment,
    Evidence,
    FamilyFacts,
    Member,
    assess,
    is_current,
)
from domain.eligibility._catalogue import CatalogueEntry, criterion_catalogue
from domain.eligibility._errors import FrameworkError
from domain.eligibility._framework import (
    DEFAULT_EVIDENCE_MONTHS,
    Framework,
    Headline,
    Indicator,
    Rule,
)
from domain.eligibility._load import (
    builtin_frameworks,
    load_framework,
    load_frameworks,
    parse_framework,
)

__all__ = [
    "DEFAULT_EVIDENCE_MONTHS",
    "DEPENDENT_UNDER",
    "Assessment",
    "CatalogueEntry",
    "Evidence",
    "FamilyFacts",
    "Framework",
    "FrameworkError",
    "Headline",
    "Indicator",
    "Member",
    "Rule",
    "assess",
    "builtin_frameworks",
    "criterion_catalogue",
    "is_current",
    "load_framework",
    "load_frameworks",
    "parse_framework",
]
