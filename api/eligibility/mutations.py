"""``assessFamilies``: the data team decides every family's status under one framework, each
run kept; ``dryRun`` reports what would change and writes nothing."""

from __future__ import annotations

import datetime as dt

import strawberry

from api.access import not_personal
from api.actions import Allowed
from api.context import Info
from api.families.status_history import RUN_TYPE
from api.inputs import today
from api.payloads import MutationError, MutationErrorCode
from api.relay import global_id
from policy.actions import Action, Resource
from services.eligibility import (
    Assessing,
    FrameworkError,
    assess,
    frameworks_in_force,
)

_RUN = "a run of assessFamilies: counts of families by status, naming no family"


@strawberry.type
class StatusCount:
    status: str = not_personal(_RUN)
    families: int = not_personal(_RUN)


@strawberry.type(description="How many families a run moves from one status to another.")
class StatusChange:
    from_status: str = not_personal(_RUN, "The status before the run.")
    to_status: str = not_personal(_RUN, "The status the run decides.")
    families: int = not_personal(_RUN)


@strawberry.type
class AssessmentRun:
    id: strawberry.ID | None = not_personal(
        _RUN, "The run as kept in each family's `statusHistory`; null for a dry run."
    )
    framework: str = not_personal(_RUN)
    framework_version: str = not_personal(_RUN)
    dry_run: bool = not_personal(_RUN, "True when nothing was written: what would change.")
    assessed_at: dt.datetime | None = not_personal(_RUN)
    families: int = not_personal(_RUN)
    by_status: list[StatusCount] = not_personal(_RUN)
    changes: list[StatusChange] = not_personal(
        _RUN, "The families whose status changes (or would), by old and new status."
    )


@strawberry.type
class AssessFamiliesPayload:
    run: AssessmentRun | None
    errors: list[MutationError]


def _bad(message: str) -> AssessFamiliesPayload:
    error = MutationError(code=MutationErrorCode.BAD_USER_INPUT, field="framework", message=message)
    return AssessFamiliesPayload(run=None, errors=[error])


@strawberry.type
class Mutation:
    @strawberry.mutation(
        description="Decide every family's status under an eligibility framework (the latest "
        "version unless one is named), recording the framework, its version and why, and "
        "keeping the run in each family's `statusHistory`. With `dryRun`, decide the same way "
        "and report what would change, writing nothing.",
        extensions=[
            Allowed(
                Resource.FAMILY,
                Action.ASSESS,
                denied="Your role may not assess families for the declared purpose.",
            )
        ],
    )
    async def assess_families(
        self, info: Info, framework: str, version: str | None = None, dry_run: bool = False
    ) -> AssessFamiliesPayload:
        try:
            known = frameworks_in_force()
        except FrameworkError as exc:
            return _bad(f"A council framework file is invalid: {exc}")
        chosen = [f for f in known if f.id == framework and version in (None, f.version)]
        if not chosen:
            names = ", ".join(sorted({f"{f.id} {f.version}" for f in known}))
            asked = f"{framework} {version}" if version else framework
            return _bad(f"No framework {asked}; known: {names}.")
        run = await info.context.services.run_job(
            assess, info.context.viewer, Assessing(chosen[-1], as_at=today(), dry_run=dry_run)
        )
        return AssessFamiliesPayload(
            run=AssessmentRun(
                id=global_id(RUN_TYPE, run.run_id) if run.run_id else None,
                framework=run.framework,
                framework_version=run.version,
                dry_run=run.dry_run,
                assessed_at=run.assessed_at,
                families=run.families,
                by_status=[
                    StatusCount(status=s, families=n) for s, n in sorted(run.by_status.items())
                ],
                changes=[
                    StatusChange(from_status=before, to_status=after, families=n)
                    for (before, after), n in sorted(run.changes.items())
                ],
            ),
            errors=[],
        )
