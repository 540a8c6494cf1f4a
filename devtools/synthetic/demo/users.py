"""The demo users (one per role, fixed ids) and a fixed roster of practitioner users.

Neither depends on the dataset's seed: datasets of different seeds can then share one database
without two versions of the same user, and demo tokens keep working whatever data is loaded.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from typing import Any

from devtools.synthetic.names import COMMON_FAMILY, COMMON_GIVEN

_DCC = "org-devon-county-council"


@dataclass(frozen=True)
class SyntheticUser:
    id: str
    name: str
    email: str
    role: str
    organisation_id: str

    def as_row(self) -> dict[str, Any]:
        # In the register (graph.access_register) as approved; the load adds the user agreement
        # they have accepted, the version the API is configured with.
        return {
            "id": self.id,
            "name": self.name,
            "email": self.email,
            "kind": "SYSTEM" if self.role == "partner_system" else "PERSON",
            "status": "APPROVED",
            "roles": [self.role],
            "active": True,
        }


DEMO_USERS: tuple[SyntheticUser, ...] = (
    SyntheticUser(
        "user-demo-analyst", "Priya Sharma", "demo.analyst@devon.example", "data_analyst", _DCC
    ),
    SyntheticUser(
        "user-demo-coordinator", "Tom Hughes", "demo.coordinator@devon.example", "coordinator", _DCC
    ),
    SyntheticUser(
        "user-demo-lead", "Rachel Moore", "demo.lead@devon.example", "lead_practitioner", _DCC
    ),
    SyntheticUser(
        "user-demo-practitioner",
        "Jamie Carter",
        "demo.practitioner@afc.example",
        "practitioner",
        "org-action-for-children",
    ),
    SyntheticUser(
        "user-demo-police-system",
        "Devon and Cornwall Police case system",
        "demo.police-system@police.example",
        "partner_system",
        "org-devon-and-cornwall-police",
    ),
    SyntheticUser("user-demo-ig", "Helen Ward", "demo.ig@devon.example", "ig_officer", _DCC),
    SyntheticUser(
        "user-demo-caldicott",
        "Ruth Adeyemi",
        "demo.caldicott@devon.example",
        "caldicott_guardian",
        _DCC,
    ),
    SyntheticUser(
        "user-demo-admin", "Mark Ellis", "demo.admin@devon.example", "administrator", _DCC
    ),
    SyntheticUser(
        "user-demo-evaluator",
        "Grace Okafor",
        "demo.evaluator@devon.example",
        "national_evaluator",
        _DCC,
    ),
)

# (organisation id, practitioners, of whom lead practitioners)
_ROSTER: tuple[tuple[str, int, int], ...] = (
    (_DCC, 6, 3),
    ("org-action-for-children", 4, 1),
    ("org-barnardos", 3, 1),
    ("org-devon-partnership-nhs-trust", 3, 1),
    ("org-exeter-city-council", 3, 1),
    ("org-plymouth-city-council", 3, 1),
    ("org-torbay-council", 3, 1),
    ("org-babcock-learning-and-development-partnership-ldp", 2, 0),
    ("org-job-centre-plus", 2, 0),
)


def _email_part(name: str) -> str:
    return re.sub(r"[^a-z]", "", name.lower())


def practitioner_roster() -> tuple[SyntheticUser, ...]:
    """Practitioner and lead practitioner users of a handful of partners, the same every time."""
    rng = random.Random("early-help-practitioner-roster")
    users = []
    for organisation_id, count, leads in _ROSTER:
        short = organisation_id.removeprefix("org-")
        for number in range(1, count + 1):
            given = rng.choice(COMMON_GIVEN[rng.choice("FM")])
            family = rng.choice(COMMON_FAMILY)
            users.append(
                SyntheticUser(
                    id=f"user-{short}-{number:02d}",
                    name=f"{given} {family}",
                    email=f"{_email_part(given)}.{_email_part(family)}{number}@{short}.example",
                    role="lead_practitioner" if number <= leads else "practitioner",
                    organisation_id=organisation_id,
                )
            )
    return tuple(users)
