"""Field-level access: one mechanism for every field of personal data.

A field of personal data is declared with its data class, ``personal(DataClass.IDENTITY)`` for a
plain field or ``extensions=[Classified(DataClass.ADDRESS)]`` on a resolver. Its value is
served only when the request's :class:`policy.access.FieldAccess` allows that class; otherwise
it is ``null`` and ``extensions.redactions`` in the response lists the path and the reason.

The decision depends on the field's class alone, never on where it sits in the response, so
aliases, fragments and ``node(id:)`` reach the same decision. The path is only used to tell the
client where the redaction is.
"""

from __future__ import annotations

import inspect
from collections.abc import Awaitable, Callable
from typing import Any

import strawberry
from strawberry.extensions import FieldExtension, SchemaExtension
from strawberry.types.field import StrawberryField

from api.access_register import not_personal as register_fields
from api.context import Info
from api.errors import Forbidden
from policy import DataClass, headline_problem_class
from policy.access import Reason

ClassOf = Callable[[Any], DataClass]


class Classified(FieldExtension):
    """Marks a field as personal data of one class (or of a class read off each row)."""

    def __init__(self, data_class: DataClass | None = None, *, of: ClassOf | None = None) -> None:
        if (data_class is None) == (of is None):
            raise ValueError("give exactly one of a data class or a function of the row")
        self.data_class = data_class
        self._of = of

    def class_of(self, source: Any) -> DataClass:
        if self.data_class is not None:
            return self.data_class
        assert self._of is not None
        return self._of(source)

    def _decide(self, source: Any, info: Info) -> bool | None:
        """True (serve) or False (withheld) now, or None: the database must be asked first,
        for the consent of people the field concerns whose answer the request has not read."""
        # Run for every field of personal data of a response (hundreds on a dashboard page), so
        # each attribute is looked up once.
        context = info.context
        access = context.access
        data_class = self.data_class if self.data_class is not None else self.class_of(source)
        decision = access.decide(data_class)
        if not decision.allowed:
            assert decision.reason is not None
            _redact(info, decision.reason)
            return False
        if not access.audited:
            return True
        subjects: tuple[str, ...] = getattr(source, "subject_ids", ())
        if access.needs_consent and subjects and not getattr(source, "consent_exempt", False):
            consented = context.loaders.consent_answers.of(subjects)
            if consented is None:
                return None
            if not consented:
                _redact(info, Reason.NO_CONSENT)
                return False
        context.disclosed.add(data_class, subjects)
        return True

    async def _settle(self, source: Any, info: Info) -> bool:
        """Serve only when every person the field concerns has consented (one batched check
        per level of the query, through the request's loader)."""
        subjects: tuple[str, ...] = source.subject_ids
        if not await info.context.loaders.all_consented.load(subjects):
            _redact(info, Reason.NO_CONSENT)
            return False
        info.context.disclosed.add(self.class_of(source), subjects)
        return True

    def resolve(self, next_: Callable[..., Any], source: Any, info: Info, **kwargs: Any) -> Any:
        decided = self._decide(source, info)
        if decided is True:
            return next_(source, info, **kwargs)
        if decided is False:
            return None
        # The rest needs the database: answer with an awaitable, which GraphQL awaits.
        return self._after_settling(next_, source, info, kwargs)

    async def _after_settling(
        self, next_: Callable[..., Any], source: Any, info: Info, kwargs: dict[str, Any]
    ) -> Any:
        if not await self._settle(source, info):
            return None
        value = next_(source, info, **kwargs)
        return await value if inspect.isawaitable(value) else value

    async def resolve_async(
        self, next_: Callable[..., Awaitable[Any]], source: Any, info: Info, **kwargs: Any
    ) -> Any:
        decided = self._decide(source, info)
        if decided is False or (decided is None and not await self._settle(source, info)):
            return None
        return await next_(source, info, **kwargs)


def _redact(info: Info, reason: Reason) -> None:
    # as_list() builds a new list; the reason is a StrEnum, so it is encoded as its value.
    info.context.redactions.append({"path": info.path.as_list(), "reason": reason})


def require_readable(info: Info, data_class: DataClass, use: str) -> None:
    """Filtering or ordering by a field reads it: refuse what the caller could not read."""
    if not info.context.access.decide(data_class).allowed:
        raise Forbidden(f"{use} needs read access to {data_class.value} data for this purpose.")


async def require_criterion_readable(info: Info, code: str | None) -> None:
    """A criterion filter reads data of the criterion's headline problem."""
    if code is None:
        return
    criterion = await info.context.loaders.criterion.load(code)
    if criterion is not None:
        require_readable(
            info, headline_problem_class(criterion.headline_problem), "Filtering by `criterion`"
        )


def personal(data_class: DataClass, description: str | None = None) -> Any:
    """A plain field holding personal data of ``data_class``."""
    return strawberry.field(description=description, extensions=[Classified(data_class)])


def data_class_of(field: StrawberryField) -> Classified | None:
    return next((e for e in field.extensions if isinstance(e, Classified)), None)


class Redactions(SchemaExtension):
    """Adds ``extensions.redactions`` (path and reason of every withheld field) to responses."""

    def get_results(self) -> dict[str, Any]:
        context = self.execution_context.context
        redactions = getattr(context, "redactions", None)
        return {"redactions": redactions} if redactions else {}


# Lists whose rows are of different classes, each row decided on its own (and, when withheld,
# left out and not counted): a person's criteria met are data of each criterion's headline problem.
PER_ROW: frozenset[str] = frozenset({"Person.criteriaMet"})

# Fields of object types that are not personal data, beyond the structural ones (ids, cursors,
# edges, nodes, page info, counts, mutation payloads): each is catalogue data, data about staff
# and organisations, or the caller's own. tests/api/test_data_classes.py fails for any field of
# the schema that is neither classified nor listed here.
NOT_PERSONAL: frozenset[str] = frozenset(
    {
        # A case reference the council assigns; it names no one.
        "Family.reference",
        # The outcomes plan's catalogue of identifying factors.
        "Criterion.code",
        "Criterion.name",
        "Criterion.headlineProblem",
        "Criterion.framework",
        # Partner organisations and their users (staff) are not the subjects of the agreement.
        "Organisation.name",
        "Organisation.sector",
        "Organisation.signedAgreement",
        "User.name",
        "User.roles",
        "User.organisation",
        # The caller, about themself.
        "Viewer.userId",
        "Viewer.roles",
        "Viewer.user",
        "Viewer.organisation",
        # Governance records, served only for information governance (policy/policy.csv).
        "Disclosure.sequence",
        "Disclosure.occurredAt",
        "Disclosure.requestId",
        "Disclosure.userId",
        "Disclosure.organisationId",
        "Disclosure.purpose",
        "Disclosure.lawfulBasis",
        "Disclosure.justification",
        "Disclosure.specialCondition",
        "Disclosure.personIds",
        "Disclosure.dataClasses",
        "Disclosure.policyVersion",
        "Disclosure.breakGlass",
        "Disclosure.hash",
        "AuditChainStatus.ok",
        "AuditChainStatus.checked",
        "AuditChainStatus.firstBadSequence",
        "AuditChainStatus.problem",
        "BreakGlassNotification.createdAt",
        "BreakGlassNotification.message",
        "BreakGlassNotification.grant",
        "BreakGlassGrant.familyId",
        "BreakGlassGrant.grantedAt",
        "BreakGlassGrant.expiresAt",
        "BreakGlassGrant.justification",
        # Reports of partners' uploads: counts, row numbers, codes and messages that never
        # repeat a row's values (intake/SCHEMA.md); served to the partner and the data team only.
        "PartnerUpload.organisationId",
        "PartnerUpload.uploadedBy",
        "PartnerUpload.receivedAt",
        "PartnerUpload.filename",
        "PartnerUpload.format",
        "PartnerUpload.status",
        "PartnerUpload.strict",
        "PartnerUpload.rowsRead",
        "PartnerUpload.accepted",
        "PartnerUpload.rejected",
        "PartnerUpload.created",
        "PartnerUpload.updated",
        "PartnerUpload.unchanged",
        "PartnerUpload.rejections",
        "UploadRejection.rowNumber",
        "UploadRejection.field",
        "UploadRejection.code",
        "UploadRejection.message",
        # The matching queue and merges: source keys (partner|reference), scores, the model,
        # who decided and why; the people themselves are served through Person and its classes.
        "MatchReview.leftRecord",
        "MatchReview.rightRecord",
        "MatchReview.matchWeight",
        "MatchReview.probability",
        "MatchReview.rule",
        "MatchReview.modelVersion",
        "MatchReview.createdAt",
        "MatchReview.status",
        "MatchReview.decidedBy",
        "MatchReview.reason",
        "MatchReview.leftPerson",
        "MatchReview.rightPerson",
        "PersonMerge.survivorId",
        "PersonMerge.absorbedId",
        "PersonMerge.at",
        "PersonMerge.by",
        "PersonMerge.reason",
        "PersonMerge.undoneAt",
        "MatchingRun.records",
        "MatchingRun.peopleCreated",
        "MatchingRun.recordsAttached",
        "MatchingRun.links",
        "MatchingRun.reviewsAdded",
        "MatchingRun.modelVersion",
        "MatchingRun.seconds",
        "FamiliesFormed.people",
        "FamiliesFormed.households",
        "FamiliesFormed.householdsCreated",
        "FamiliesFormed.householdsEnded",
        "FamiliesFormed.sharedAddresses",
        "FamiliesFormed.familiesCreated",
        "FamiliesFormed.membersAdded",
        "FamiliesFormed.linkedAcrossAddresses",
        # Parts of Family.statusDecision, which is itself social care data (classified there).
        "StatusDecision.framework",
        "StatusDecision.frameworkVersion",
        "StatusDecision.reasons",
        "StatusDecision.assessedAt",
        # A run of assessFamilies: counts of families by status.
        "AssessmentRun.framework",
        "AssessmentRun.frameworkVersion",
        "AssessmentRun.families",
        "AssessmentRun.byStatus",
        "StatusCount.status",
        "StatusCount.families",
        # Why a mutation did nothing.
        "MutationError.code",
        "MutationError.field",
        "MutationError.message",
    }
)
# The register of users: staff and partner systems, and the register's own records.
NOT_PERSONAL |= register_fields.NOT_PERSONAL
