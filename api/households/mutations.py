"""``formFamilies``: the data team forms residences, households and families from the matched
people's records (Appendix 4, step 2), declaring `identify-families`."""

from __future__ import annotations

import strawberry

from api.actions import Allowed
from api.context import Info
from api.households.types import FamiliesFormed, FormFamiliesPayload
from api.inputs import today
from policy.actions import Action, Resource
from services.households import Forming, form


@strawberry.type
class Mutation:
    @strawberry.mutation(
        description="Form residences from the dates of matched people's records, households "
        "(people at one address over one period, split where a house is shared; past ones kept) "
        "and families from the households now: a household becomes a family unless one of its "
        "people has one, and people a practitioner linked to a family's member join it from "
        "other addresses.",
        extensions=[
            Allowed(
                Resource.FAMILY,
                Action.FORM,
                denied="Your role may not form families for the declared purpose.",
            )
        ],
    )
    async def form_families(self, info: Info) -> FormFamiliesPayload:
        formed = await info.context.services.run_job(
            form, info.context.viewer, Forming(today=today())
        )
        return FormFamiliesPayload(
            run=FamiliesFormed(
                people=formed.people,
                households=formed.households,
                households_created=formed.households_created,
                households_ended=formed.households_ended,
                shared_addresses=formed.shared_addresses,
                families_created=formed.families_created,
                members_added=formed.members_added,
                roles_changed=formed.roles_changed,
                linked_across_addresses=formed.linked_across_addresses,
            ),
            errors=[],
        )
