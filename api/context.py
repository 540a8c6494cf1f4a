"""What every resolver knows about its request."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

import strawberry

from api.access_register.admission import RequestAdmission
from api.declarations import Declaration
from audit import Disclosed, Recording
from auth import Principal
from loaders import Loaders
from policy import Policy
from policy.field_access import FieldAccess
from policy.lawful_bases import LawfulBasis
from services import Services, Viewer


async def nothing_pending() -> None:
    return None


@dataclass(frozen=True)
class Context:
    principal: Principal
    # Writes and jobs: every change to the graph goes through a service verb run here.
    services: Services
    # Reads: the DataLoaders of each level, and the top-level pages (``loaders.reads``).
    loaders: Loaders
    # Who acts and which rows they see: the actor the API passes to services.
    viewer: Viewer
    policy: Policy
    access: FieldAccess
    request_id: str
    declaration: Declaration
    lawful_basis: LawfulBasis  # what the disclosures rest on (see policy.decision.relied_on)
    # The age from which a child decides about consent for themself (EHG_CONSENT_AGE).
    consent_age: int
    redactions: list[dict[str, Any]] = field(default_factory=list)
    disclosed: Disclosed = field(default_factory=Disclosed)
    # How the disclosures are recorded, during waits on Neo4j and at the end (audit.recording);
    # None only in the benchmark's baselines, which record nothing.
    recording: Recording | None = None
    # Governance reads wait for this process's journalled disclosures to reach the chain.
    audit_shipped: Callable[[], Awaitable[None]] = nothing_pending
    # How the register of users stands on the caller (api.access_register.admission).
    admission: RequestAdmission | None = None


Info = strawberry.Info[Context, None]
