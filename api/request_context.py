"""Each GraphQL request's Context, assembled once its guard (api.guard) has let it through: who
asks and for which purpose, which rows and fields they may see, and how what they are shown is
recorded (audit.recording) before it leaves.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from api.consent.inputs import consent_age
from api.context import Context, nothing_pending
from api.declarations import Declaration
from api.settings import ApiSettings
from audit import AuditJournal, Disclosed, Disclosure, Recording
from auth import Principal
from loaders import create_loaders
from policy.decision import needs_consent, relied_on, row_scope
from policy.field_access import FieldAccess, Unrestricted
from policy.lawful_bases import CONDITIONS, LawfulBasis
from services import GraphUnavailable, Services, Viewer
from vocabulary import SPECIAL, DataClass

# The special categories each condition may be used for, as the readers of decisions need it.
CONDITION_COVERS = {code.value: frozenset(c.covers) for code, c in CONDITIONS.items()}


def _recording(
    state: Any,
    settings: ApiSettings,
    disclosed: Disclosed,
    principal: Principal,
    declared: Declaration,
    basis: LawfulBasis,
    access: FieldAccess,
    request_id: str,
    shared: Callable[[], bool],
) -> Recording | None:
    """How this request's disclosures are recorded; None when they are not (the benchmark's
    baselines only). ``shared``: whether other responses are being made at the same time."""
    journal: AuditJournal | None = state.audit
    if journal is None or not (settings.enforce_access and settings.record_disclosures):
        return None
    policy_version = state.policy.version

    def condition_of(classes: frozenset[DataClass]) -> str | None:
        found = {access.condition_for(c) for c in classes & SPECIAL}
        return ",".join(sorted(c.value for c in found if c is not None)) or None

    def make() -> Disclosure | None:
        return disclosed.record(
            principal, declared.purpose, basis, request_id, policy_version, condition_of
        )

    def append(record: Disclosure) -> Awaitable[None]:
        # Shared with other responses' records when several are being made at once.
        return journal.append(record, shared=shared())

    return Recording(make, append)


async def request_context(
    state: Any, settings: ApiSettings, request: Any, response: Any, shared: Callable[[], bool]
) -> Context:
    """The Context of one request, from the app's state and what the guard put in its scope."""
    principal = request.scope["principal"]
    declared: Declaration = request.scope["declaration"]
    purpose = declared.purpose
    enforced = settings.enforce_access
    basis = relied_on(purpose)
    consent_gates = enforced and needs_consent(basis)
    rows = row_scope(state.policy, principal.roles, purpose)
    sector: str | None = None
    sector_unavailable = False
    if consent_gates:
        try:
            sector = await state.sectors.of(principal.organisation_id)
        except GraphUnavailable:
            # Every read of this request then fails as the database's own failures do
            # (SERVICE_UNAVAILABLE on its fields): none decides consent without the sector,
            # and a query needing no data (`me`) is still answered.
            sector_unavailable = True
    viewer = Viewer(
        user_id=principal.user_id,
        organisation_id=principal.organisation_id,
        see_all=not enforced or rows.see_all,
        via_organisation=rows.via_organisation,
        via_relation=rows.via_relation,
        consent_purpose=purpose.value if consent_gates else None,
        organisation_sector=sector,
        sector_unavailable=sector_unavailable,
    )
    access = (
        FieldAccess(state.policy, principal.roles, purpose, needs_consent=consent_gates)
        if enforced
        else Unrestricted(state.policy, purpose)
    )
    request_id = request.scope["request_id"]
    disclosed = Disclosed()
    recording = _recording(
        state, settings, disclosed, principal, declared, basis, access, request_id, shared
    )
    # The audit's own path: the request's database records its disclosures while it waits.
    db = state.db if recording is None else state.db.for_request(recording.while_waiting)
    return Context(
        principal=principal,
        services=Services(db, state.jobs),
        loaders=create_loaders(db, viewer, consent_age(), CONDITION_COVERS),
        viewer=viewer,
        policy=state.policy,
        access=access,
        request_id=request_id,
        declaration=declared,
        lawful_basis=basis,
        consent_age=consent_age(),
        disclosed=disclosed,
        recording=recording,
        audit_shipped=state.audit.shipped if state.audit is not None else nothing_pending,
        admission=request.scope["admission"].for_response(response),
    )
