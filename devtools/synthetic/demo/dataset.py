"""The generated dataset: one plain list of row dicts per node and relationship kind.

Rows use the graph's property names, so each list can be sent as ``$rows`` to an ``UNWIND``
statement unchanged; dates are ``datetime.date`` and instants timezone-aware ``datetime``.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any

Row = dict[str, Any]


@dataclass
class Dataset:
    """Rows per kind, in the order they must be loaded (nodes before the relationships on them).

    Row shapes:
      organisations  {id, name, sector, signedAgreement, agreementKind, agreementVersion,
                      agreementSignedOn}
      criteria       {code, name, headlineProblem, framework}
      users          {id, name, email, kind, status, roles, active}
      works_for      {userId, organisationId}
      addresses      {id, uprn, line1, line2, town, postcode, postcodeDistrict}
      people         {id, givenName, familyName, nameKey, dateOfBirth, sex}
      families       {id, reference, status, identifiedAt}
      lives_at       {personId, addressId, from, to}
      member_of      {personId, familyId, role, from, to}
      teams          {userId, familyId, lead, from}
      consents       {id, personId, status, purposes, organisations, sectors, grantorKind,
                      grantorName, grantorRelationship, method, formReference,
                      privacyNoticeVersion, privacyNoticeGivenOn, givenOn, recordedAt,
                      recordedBy}
      related_to     {id, fromId, toId, kind, source, createdAt, createdBy, rationale, revokedAt}
      source_records {id, partnerReference, receivedAt, uploadId}
      supplied_by    {sourceRecordId, organisationId}
      about          {sourceRecordId, personId}
      reports        {sourceRecordId, criterionCode, evidenceDate}
    """

    seed: int
    organisations: list[Row] = field(default_factory=list)
    criteria: list[Row] = field(default_factory=list)
    users: list[Row] = field(default_factory=list)
    works_for: list[Row] = field(default_factory=list)
    addresses: list[Row] = field(default_factory=list)
    people: list[Row] = field(default_factory=list)
    families: list[Row] = field(default_factory=list)
    lives_at: list[Row] = field(default_factory=list)
    member_of: list[Row] = field(default_factory=list)
    teams: list[Row] = field(default_factory=list)
    consents: list[Row] = field(default_factory=list)
    related_to: list[Row] = field(default_factory=list)
    source_records: list[Row] = field(default_factory=list)
    supplied_by: list[Row] = field(default_factory=list)
    about: list[Row] = field(default_factory=list)
    reports: list[Row] = field(default_factory=list)

    @classmethod
    def kinds(cls) -> tuple[str, ...]:
        """The row kinds, in load order."""
        return tuple(f.name for f in fields(cls) if f.name != "seed")

    def rows(self, kind: str) -> list[Row]:
        if kind not in self.kinds():
            raise KeyError(kind)
        rows: list[Row] = getattr(self, kind)
        return rows

    def counts(self) -> dict[str, int]:
        return {kind: len(self.rows(kind)) for kind in self.kinds()}
