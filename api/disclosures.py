"""The disclosures a response makes, gathered while it is resolved and recorded before it leaves.

Each field of personal data that is served adds its data class and the people it concerns (the
``subject_ids`` of the object it belongs to). After execution, one record is made durable for the
request (graph.audit_journal, which ships it to the hash-chained audit); if it cannot be, the
response is replaced by an error and no personal data is sent. Whether the user held a break-glass
grant is settled when the record reaches the chain (graph.audit_writer): grants only expire, so
the record's time decides it, without a read on every response's path.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from api.declarations import Declaration
from auth import Principal
from graph import audit
from policy import DataClass
from policy.lawful_bases import LawfulBasis


@dataclass
class Disclosed:
    classes: set[DataClass] = field(default_factory=set)
    people: dict[str, None] = field(default_factory=dict)  # ordered set: first seen first
    # Most fields of one object concern the same people: seen once, not once per field.
    _last_subjects: tuple[str, ...] | None = None

    def add(self, data_class: DataClass, subjects: tuple[str, ...]) -> None:
        self.classes.add(data_class)
        if subjects is self._last_subjects:
            return
        self._last_subjects = subjects
        self.people.update(dict.fromkeys(subjects))

    def record(
        self,
        principal: Principal,
        declaration: Declaration,
        lawful_basis: LawfulBasis,
        request_id: str,
        policy_version: str,
    ) -> audit.Disclosure | None:
        """The audit record of this response, or None when it disclosed no personal data."""
        if not self.classes:
            return None
        return audit.Disclosure(
            request_id=request_id,
            user_id=principal.user_id,
            organisation_id=principal.organisation_id,
            purpose=declaration.purpose.value,
            lawful_basis=lawful_basis.value,
            justification=declaration.justification,
            special_condition=(
                declaration.special_condition.value if declaration.special_condition else None
            ),
            person_ids=tuple(self.people),
            data_classes=tuple(sorted(c.value for c in self.classes)),
            policy_version=policy_version,
            occurred_at=dt.datetime.now(dt.UTC),
        )
