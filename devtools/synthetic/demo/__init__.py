"""Seeded, reproducible synthetic demo data: Devon families, the agreement's partners, users.

    dataset = generate(people=2_000, seed=1)   # pure, no I/O; same arguments, same dataset
    report = await load(db, dataset)           # idempotent batched MERGE into Neo4j

``DEMO_USERS`` holds one user per role, with fixed ids, for demos and tests.
"""

from __future__ import annotations

from devtools.synthetic.demo.dataset import Dataset
from devtools.synthetic.demo.generate import generate
from devtools.synthetic.demo.load import LoadReport, load, register_users
from devtools.synthetic.demo.users import DEMO_USERS

__all__ = ["DEMO_USERS", "Dataset", "LoadReport", "generate", "load", "register_users"]
