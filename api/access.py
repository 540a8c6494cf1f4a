"""Field-level access: one mechanism for every field of personal data.

Every field of an object type says at the field what it holds:

- personal data of one class: ``personal(DataClass.IDENTITY)`` for a plain field, or
  ``extensions=[Classified(DataClass.ADDRESS)]`` on a resolver (``Classified(of=...)`` when the
  class is read off each value);
- a list whose rows are each of their own class: ``extensions=[ClassifiedRows(of=...)]``;
- nothing personal: ``not_personal("why")``, as a plain field or a resolver's decorator.

(Ids, cursors, edges, nodes, page info, counts and mutation payloads are structural and need no
word; tests/api/test_data_classes.py fails for any other field that says nothing.) A field of
personal data is served only when the request's :class:`policy.field_access.FieldAccess` allows its
class; otherwise it is ``null`` and ``extensions.redactions`` in the response lists the path and
the reason. A type with such fields says whom each value concerns and how their consent bears on
it (``AboutPeople``), which the consent check and the audit read.

The decision depends on the field's class alone, never on where it sits in the response, so
aliases, fragments and ``node(id:)`` reach the same decision. The path is only used to tell the
client where the redaction is.
"""

from __future__ import annotations

import inspect
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Any, ClassVar, Protocol, TypeVar

import strawberry
from strawberry.extensions import FieldExtension, SchemaExtension
from strawberry.types.field import StrawberryField

from api.context import Info
from api.errors import Forbidden
from policy import criterion_class
from policy.field_access import Reason
from vocabulary import SPECIAL, DataClass

T = TypeVar("T")

ClassOf = Callable[[Any], DataClass]


class Concern(Enum):
    """How the people a value concerns bear on serving it, when the request rests on consent."""

    EACH = "each"  # about every one of them: each must be covered (a person, a link's two people)
    ANY = "any"  # about them as a unit (a family's own fields): served when one is covered
    NONE = "none"  # the council's own record (decisions on consent, the team): public task


class AboutPeople(Protocol):
    """What every type with fields of personal data declares (a schema test holds each to it):
    whom its values concern, whose consent they wait for and whom the audit names
    (``subject_ids``, an attribute or a property), and how their consent bears on serving them
    (``consent_rule``). Neither has a default: a type that forgot them fails loudly rather than
    being served unchecked and recorded as about no one."""

    consent_rule: ClassVar[Concern]

    @property
    def subject_ids(self) -> tuple[str, ...]: ...


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

    def _rule(self, source: AboutPeople) -> Concern:
        return Concern.NONE if self.consent_exempt else source.consent_rule

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
        # Required, not defaulted (AboutPeople): a type that forgot whom its values concern must
        # fail loudly rather than be served without a consent check and audited with no one.
        subjects: tuple[str, ...] = source.subject_ids
        if not access.needs_consent:
            context.disclosed.add(data_class, subjects, ())
            return True
        rule = Concern.NONE if self.consent_exempt else source.consent_rule
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


class ClassifiedRows(FieldExtension):
    """Marks a list about the source's people whose rows are each of their own class, read off
    the row by ``of`` (a person's criteria met: each report of its criterion's class).

    The list is withheld as a whole, with NO_CONSENT, when the request rests on consent and
    nothing covers a disclosure about the people, so that not even its size is told. Otherwise
    the resolver keeps the rows ``served`` returns: those of classes the caller may read, whose
    disclosure it records. The rows are kept before they are paged and counted, which are the
    resolver's, so the field's own resolver calls ``served`` on what it loaded:

        REPORTS = ClassifiedRows(of=report_class)

        @strawberry.field(extensions=[REPORTS])
        async def criteria_met(self, info: Info, ...) -> CriterionReportConnection | None:
            rows = await REPORTS.served(info, self.subject_ids, await load(...))
            ...  # page and count ``rows``
    """

    def __init__(self, *, of: Callable[[Any], DataClass]) -> None:
        self.class_of = of

    def resolve(self, next_: Callable[..., Any], source: Any, info: Info, **kwargs: Any) -> Any:
        raise TypeError("ClassifiedRows guards async resolvers only")

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

    async def served(self, info: Info, subjects: tuple[str, ...], rows: Sequence[T]) -> list[T]:
        """The rows of classes the caller may read about ``subjects``; a row of another class is
        left out, and not counted. Every row kept is recorded as disclosed: the list's count
        tells of each, not only of those on the page."""
        class_of = self.class_of
        readable = await readable_classes(info, subjects, {class_of(r) for r in rows})
        kept = [r for r in rows if class_of(r) in readable]
        if info.context.access.audited:
            for data_class in {class_of(r) for r in kept}:
                info.context.disclosed.add(data_class, subjects, readable[data_class])
        return kept


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


@dataclass(frozen=True)
class NotPersonal:
    """Marks a field as not personal data, saying why (catalogue data, staff and organisations,
    the caller's own, governance records). A declaration only: kept in the field's metadata, not
    its extensions, so the field stays a plain attribute Strawberry reads without a resolver."""

    why: str


def not_personal(why: str, description: str | None = None) -> Any:
    """A field that is not personal data, and why: a plain field's value, or a resolver's
    decorator."""
    if not why.strip():
        raise ValueError("say why the field is not personal data")
    return strawberry.field(description=description, metadata={NotPersonal: NotPersonal(why)})


def data_class_of(field: StrawberryField) -> Classified | None:
    return next((e for e in field.extensions if isinstance(e, Classified)), None)


Declared = Classified | ClassifiedRows | NotPersonal


def declarations_of(field: StrawberryField) -> list[Declared]:
    """What a field says it holds: exactly one declaration on every field that is not structural
    (tests/api/test_data_classes.py)."""
    found: list[Declared] = [
        e for e in field.extensions if isinstance(e, Classified | ClassifiedRows)
    ]
    marker = field.metadata.get(NotPersonal)
    if isinstance(marker, NotPersonal):
        found.append(marker)
    return found


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
