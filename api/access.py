"""Field-level access: one mechanism for every field of personal data.

A field of personal data is declared with its data class, ``personal(DataClass.IDENTITY)`` for a
plain field or ``extensions=[Classified(DataClass.ADDRESS)]`` on a resolver. Its value is served
only when the request's :class:`policy.field_access.FieldAccess` allows that class; otherwise it is
``null`` and ``extensions.redactions`` in the response lists the path and the reason.

The decision depends on the field's class alone, never on where it sits in the response, so
aliases, fragments and ``node(id:)`` reach the same decision. The path is only used to tell the
client where the redaction is.
"""

from __future__ import annotations

import inspect
from collections.abc import Awaitable, Callable
from enum import Enum
from typing import Any, TypeVar

import strawberry
from strawberry.extensions import FieldExtension, SchemaExtension
from strawberry.types.field import StrawberryField

from api.access_register import not_personal as register_fields
from api.context import Info
from api.errors import Forbidden
from policy import SPECIAL, DataClass, criterion_class
from policy.field_access import Reason

T = TypeVar("T")

ClassOf = Callable[[Any], DataClass]


class Concern(Enum):
    """How the people a value concerns bear on serving it, when the request rests on consent.

    Every type with classified fields declares the people its values concern (``subject_ids``)
    and, unless it is EACH, how their consent bears on it (``consent_rule``); a schema test holds
    every such type to it."""

    EACH = "each"  # about every one of them: each must be covered (a person, a link's two people)
    ANY = "any"  # about them as a unit (a family's own fields): served when one is covered
    NONE = "none"  # the council's own record (decisions on consent, the team): public task


PUBLIC_TASK_REF = "public-task"


class Classified(FieldExtension):
    """Marks a field as personal data of one class (or of a class read off each row)."""

    def __init__(
        self,
        data_class: DataClass | None = None,
        *,
        of: ClassOf | None = None,
        consent_exempt: bool = False,
    ) -> None:
        if (data_class is None) == (of is None):
            raise ValueError("give exactly one of a data class or a function of the row")
        self.data_class = data_class
        self._of = of
        # A field of a record of the council's own (what a person decided about consent) that
        # does not wait for the person's consent, where the record's other fields do.
        self.consent_exempt = consent_exempt

    def class_of(self, source: Any) -> DataClass:
        if self.data_class is not None:
            return self.data_class
        assert self._of is not None
        return self._of(source)

    def _rule(self, source: Any) -> Concern:
        if self.consent_exempt:
            return Concern.NONE
        rule: Concern = getattr(source, "consent_rule", Concern.EACH)
        return rule

    def _decide(self, source: Any, info: Info) -> bool | None:
        """True (serve) or False (withheld) now, or None: the database must be asked first,
        for what disclosures about the people the field concerns rest on."""
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
        # Required, not defaulted: a type that forgot whom its values concern must fail loudly
        # rather than be served without a consent check and audited with no one.
        subjects: tuple[str, ...] = source.subject_ids
        if not access.needs_consent:
            context.disclosed.add(data_class, subjects, ())
            return True
        rule = (
            Concern.NONE if self.consent_exempt else getattr(source, "consent_rule", Concern.EACH)
        )
        if rule is Concern.NONE:
            context.disclosed.add(data_class, subjects, _PUBLIC_TASK)
            return True
        if data_class in SPECIAL:  # each person's own condition: asked of the database
            return None
        refs = context.loaders.consent_answers.relied_on(subjects, rule is Concern.ANY)
        if refs is None:
            return None
        if not refs:
            _redact(info, Reason.NO_CONSENT)
            return False
        context.disclosed.add(data_class, subjects, refs)
        return True

    async def _settle(self, source: Any, info: Info) -> bool:
        """Serve only when what the field's disclosure rests on is found (one batched read per
        level of the query, through the request's loaders)."""
        context = info.context
        subjects: tuple[str, ...] = source.subject_ids
        data_class = self.class_of(source)
        any_of = self._rule(source) is Concern.ANY
        refs = await relied_on(info, subjects, any_of)
        if refs and context.access.needs_special(data_class):
            refs = await relied_on(info, subjects, any_of, data_class)
            if not refs:
                _redact(info, Reason.CONDITION_REQUIRED)
                return False
        if not refs:
            _redact(info, Reason.NO_CONSENT)
            return False
        context.disclosed.add(data_class, subjects, refs)
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


_PUBLIC_TASK = (PUBLIC_TASK_REF,)


class AboutSubjects(FieldExtension):
    """For a list about the source's people whose rows are of several classes, each decided on
    its own (a person's criteria met): withheld as a whole, with NO_CONSENT, when the request rests
    on consent and nothing covers a disclosure about them, so that not even its size is told."""

    def resolve(self, next_: Callable[..., Any], source: Any, info: Info, **kwargs: Any) -> Any:
        raise TypeError("AboutSubjects guards async resolvers only")

    async def resolve_async(
        self, next_: Callable[..., Awaitable[Any]], source: Any, info: Info, **kwargs: Any
    ) -> Any:
        access = info.context.access
        if access.audited and access.needs_consent:
            subjects: tuple[str, ...] = source.subject_ids
            if not await relied_on(info, subjects, any_of=False):
                _redact(info, Reason.NO_CONSENT)
                return None
        return await next_(source, info, **kwargs)


async def readable_classes(
    info: Info, subjects: tuple[str, ...], classes: set[DataClass]
) -> dict[DataClass, tuple[str, ...]]:
    """Of ``classes``, those the caller may read about ``subjects`` (every one of them), each with
    what its disclosure would rest on; a list leaves rows of the others out, and does not count
    them."""
    access = info.context.access
    readable: dict[DataClass, tuple[str, ...]] = {}
    for data_class in classes:
        if not access.decide(data_class).allowed:
            continue
        if not (access.audited and access.needs_consent):
            readable[data_class] = ()  # rests on the request's own basis
            continue
        refs = await relied_on(info, subjects, False, data_class)
        if refs:
            readable[data_class] = refs
    return readable


async def relied_on(
    info: Info, subjects: tuple[str, ...], any_of: bool, data_class: DataClass | None = None
) -> tuple[str, ...]:
    """What a disclosure about ``subjects`` (of ``data_class``) rests on in a request that relies
    on consent: the references of the consents or decisions covering it, or () when nothing does
    (every one of them must be covered, or one when ``any_of``). Special category data needs,
    for each person, explicit consent naming the category or a decision naming a condition."""
    loaders = info.context.loaders
    answers = await loaders.sharing.load_many(list(subjects))
    refs: dict[str, list[str]] = {s: [a] for s, a in zip(subjects, answers, strict=True) if a}
    if data_class is not None and info.context.access.needs_special(data_class) and refs:
        people = list(refs)
        special = await loaders.special.load_many([(p, data_class.value) for p in people])
        for person, answer in zip(people, special, strict=True):
            if answer is None:
                del refs[person]
            else:
                refs[person].append(answer)
    if not refs or (not any_of and len(refs) < len(subjects)):
        return ()
    return tuple(dict.fromkeys(r for found in refs.values() for r in found))


async def served_rows(
    info: Info, rows: list[T], subjects_of: Callable[[T], tuple[str, ...]]
) -> list[T]:
    """The rows of a list that may be disclosed: a row about someone whose disclosure nothing
    covers (when the request rests on consent) is left out, and not counted, rather than shown
    with its fields withheld, which would tell of them all the same."""
    access = info.context.access
    if not (access.audited and access.needs_consent) or not rows:
        return rows
    people = list(dict.fromkeys(p for row in rows for p in subjects_of(row)))
    answers = dict(zip(people, await info.context.loaders.sharing.load_many(people), strict=True))
    return [row for row in rows if all(answers[p] is not None for p in subjects_of(row))]


def _redact(info: Info, reason: Reason) -> None:
    # as_list() builds a new list; the reason is a StrEnum, so it is encoded as its value.
    info.context.redactions.append({"path": info.path.as_list(), "reason": reason})


def require_readable(info: Info, data_class: DataClass, use: str) -> None:
    """Filtering or ordering by a field reads it: refuse what the caller could not read. Special
    category data, where the request rests on consent, is readable only about each person whose
    explicit consent (or a decision naming a condition) covers it, which a filter over everyone
    weighed cannot honour: such filters are refused for those purposes."""
    access = info.context.access
    if not access.decide(data_class).allowed:
        raise Forbidden(f"{use} needs read access to {data_class.value} data for this purpose.")
    if access.needs_special(data_class):
        raise Forbidden(
            f"{use} would read {data_class.value} data of everyone it weighs, which this purpose "
            "shares only with each person's explicit consent: read it person by person instead."
        )


def require_criterion_readable(info: Info, code: str | None) -> None:
    """A criterion filter reads reports of that criterion, data of the criterion's class
    (``policy.criterion_class``). The class is the code's own, whether or not any criterion has
    that code, so the answer tells nothing of what the graph holds."""
    if code is not None:
        require_readable(info, criterion_class(code), "Filtering by `criterion`")


def personal(
    data_class: DataClass, description: str | None = None, *, consent_exempt: bool = False
) -> Any:
    """A plain field holding personal data of ``data_class``."""
    return strawberry.field(
        description=description,
        extensions=[Classified(data_class, consent_exempt=consent_exempt)],
    )


def data_class_of(field: StrawberryField) -> Classified | None:
    return next((e for e in field.extensions if isinstance(e, Classified)), None)


def _path_key(redaction: dict[str, Any]) -> str:
    # Any fixed order will do; the text of the path is the cheapest to make.
    return repr(redaction["path"])


class Redactions(SchemaExtension):
    """Adds ``extensions.redactions`` (path and reason of every withheld field) to responses, in
    order of their paths: the order fields are decided in depends on how long each waited for the
    database, and a response's bytes must not depend on that (it can hang on hidden data)."""

    def get_results(self) -> dict[str, Any]:
        context = self.execution_context.context
        redactions = getattr(context, "redactions", None)
        return {"redactions": sorted(redactions, key=_path_key)} if redactions else {}


# Lists whose rows are of different classes, each row decided on its own (and, when withheld,
# left out and not counted): a person's criteria met are each of their criterion's class, from
# the reviewed table policy/indicator_classes.csv (policy.criterion_class).
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
        "Disclosure.restedOn",
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
