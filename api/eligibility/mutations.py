"""``assessFamilies``: the data team decides every family's status under one framework."""

from __future__ import annotations

import os
from pathlib import Path

import strawberry

from api.access import not_personal
from api.actions import Allowed
from api.context import Info
from api.inputs import today
from api.payloads import MutationError, MutationErrorCode
from policy.actions import Action, Resource
from services.eligibility import (
    Assessing,
    Framework,
    FrameworkError,
    assess,
    builtin_frameworks,
    load_frameworks,
)

_RUN = "a run of assessFamilies: counts of families by status"


def frameworks() -> list[Framework]:
    """The national frameworks, and a council's own from ``EHG_FRAMEWORKS_DIR`` when set."""
    known = list(builtin_frameworks())
    directory = os.environ.get("EHG_FRAMEWORKS_DIR", "").strip()
    if directory:
        known += load_frameworks(Path(directory))
    return known


@strawberry.type
class StatusCount:
    status: str = not_personal(_RUN)
    families: int = not_personal(_RUN)


@strawberry.type
class AssessmentRun:
    framework: str = not_personal(_RUN)
    framework_version: str = not_personal(_RUN)
    families: int = not_personal(_RUN)
    by_status: list[StatusCount] = not_personal(_RUN)


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
        "version unless one is named), recording the framework, its version and why.",
        extensions=[
            Allowed(
                Resource.FAMILY,
                Action.ASSESS,
                denied="Your role may not assess families for the declared purpose.",
            )
        ],
    )
    async def assess_families(
        self, info: Info, framework: str, version: str | None = None
    ) -> AssessFamiliesPayload:
        try:
            known = frameworks()
        except FrameworkError as exc:
            return _bad(f"A council framework file is invalid: {exc}")
        chosen = [f for f in known if f.id == framework and version in (None, f.version)]
        if not chosen:
            names = ", ".join(sorted({f"{f.id} {f.version}" for f in known}))
            asked = f"{framework} {version}" if version else framework
            return _bad(f"No framework {asked}; known: {names}.")
        run = await info.context.services.run(
            assess, info.context.viewer, Assessing(chosen[-1], as_at=today())
        )
        return AssessFamiliesPayload(
            run=AssessmentRun(
                framework=run.framework,
                framework_version=run.version,
                families=run.families,
                by_status=[
                    StatusCount(status=s, families=n) for s, n in sorted(run.by_status.items())
                ],
            ),
            errors=[],
        )
