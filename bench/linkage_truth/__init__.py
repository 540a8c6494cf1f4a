"""A second truth set for record linkage, written apart from the matcher it measures.

    truth = generate(people=6_000, seed=1)
    truth.files            # organisation -> CSV or JSON Lines bytes in the intake schema
    truth.truth            # "organisation|partner_reference" -> person id
    truth.corruptions      # row key -> {corruption: detail}
    truth.hazards          # {person id, person id} -> why they must not be linked

A population in households across twelve towns of England, Wales, Scotland and Northern Ireland
(names from ten locales, Ukrainian and Russian ones held in Cyrillic), with twins (some with names
one letter apart) and namesakes in other towns, listed by seven partners, each with its own
fields and error model. Built from the intake schema (intake/SCHEMA.md) only: nothing here reads
the matcher or the project's other synthetic generator, so the matcher is measured on names,
spellings and errors it was not built around. ``bench.linkage`` runs the benchmark.
"""

from __future__ import annotations

from bench.linkage_truth.corruptions import CORRUPTIONS
from bench.linkage_truth.lists import TruthSet, generate
from bench.linkage_truth.population import HAZARDS

__all__ = ["CORRUPTIONS", "HAZARDS", "TruthSet", "generate"]
