"""The register of users as the test suite's tokens need it.

Most tests are not about the register: they mint a token for some user of some organisation and
expect it to be honoured. ``Enrolment.ensure`` (called by the ``token`` fixture for every token
it mints) makes that so with a real write to the test Neo4j: a user the register does not hold
yet is put in it, approved, with the user agreement accepted, working for the token's
organisation (created, signed, when it does not exist); an approved user gains the role the
token claims, so the register's roles are the union of those minted for. A user in any other
state (requested, suspended, revoked), an organisation that exists unsigned, and the user's
organisation are left as they are, so tests that set them up on purpose keep their meaning.

Tests of the register itself mint with ``devtools.mint.mint_token`` directly, which registers
nobody.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from neo4j import Driver, GraphDatabase

from graph import Neo4jSettings, access_register
from graph.access_register import DEFAULT_USER_AGREEMENT_VERSION

_ENSURE = """
MERGE (o:Organisation {id: $organisationId})
ON CREATE SET o.name = $organisationId, o.signedAgreement = true, o.agreementKind = 'ORIGINAL',
              o.agreementVersion = 'test', o.agreementSignedOn = date('2015-09-01')
MERGE (u:User {id: $userId})
ON CREATE SET u.name = $userId
WITH u, o, u.status IS NULL AS enrol, NOT $role IN coalesce(u.roles, []) AS lacking
WITH u, o, enrol, lacking AND (enrol OR u.status = 'APPROVED') AS grant
FOREACH (_ IN CASE WHEN enrol THEN [1] ELSE [] END |
  SET u.status = 'APPROVED', u.kind = $kind, u.active = true,
      u.userAgreementVersion = $version, u.userAgreementAcceptedAt = datetime())
FOREACH (_ IN CASE WHEN enrol AND NOT EXISTS { (u)-[:WORKS_FOR]->() } THEN [1] ELSE [] END |
  MERGE (u)-[:WORKS_FOR]->(o))
FOREACH (_ IN CASE WHEN grant THEN [1] ELSE [] END | SET u.roles = coalesce(u.roles, []) + $role)
RETURN enrol OR grant AS changed
"""

_MOVE = """
MERGE (o:Organisation {id: $organisationId})
ON CREATE SET o.name = $organisationId, o.signedAgreement = true
WITH o
MATCH (u:User {id: $userId})
OPTIONAL MATCH (u)-[w:WORKS_FOR]->(:Organisation)
DELETE w
MERGE (u)-[:WORKS_FOR]->(o)
"""


# Tokens already made good during the current test: a write per request would cost more than the
# request. Forgotten at the start of every test (tests/api/conftest.py), since fixtures between
# tests delete and rewrite users.
_ENSURED: set[tuple[str, str, str]] = set()


def forget_ensured() -> None:
    _ENSURED.clear()


class Enrolment:
    """Writes to the test Neo4j from plain (not async) code, such as the ``token`` fixture."""

    def __init__(self, settings: Neo4jSettings) -> None:
        self._driver: Driver = GraphDatabase.driver(
            settings.uri, auth=(settings.user, settings.password)
        )
        self._database = settings.database

    def close(self) -> None:
        self._driver.close()

    def run(self, query: Any, **params: Any) -> list[dict[str, Any]]:
        records, _, _ = self._driver.execute_query(query, params, database_=self._database)
        return [record.data() for record in records]

    def ensure(self, user_id: str, organisation_id: str, role: str) -> None:
        """Make a token for (user, organisation, role) one the register honours, unless the
        user's entry was set up otherwise on purpose (see the module's docstring)."""
        if (user_id, organisation_id, role) in _ENSURED:
            return
        kind = "SYSTEM" if role == "partner_system" else "PERSON"
        [row] = self.run(
            _ENSURE,
            userId=user_id,
            organisationId=organisation_id,
            role=role,
            kind=kind,
            version=DEFAULT_USER_AGREEMENT_VERSION,
        )
        if row["changed"]:
            access_register.changed()
        _ENSURED.add((user_id, organisation_id, role))

    @contextmanager
    def working_for(self, user_id: str, organisation_id: str) -> Iterator[None]:
        """The user works for another organisation (created, signed, sector-less, if new) while
        the block runs, then for the one they did before."""
        [before] = self.run(
            "MATCH (u:User {id: $userId})-[:WORKS_FOR]->(o) RETURN o.id AS id", userId=user_id
        )
        self.run(_MOVE, userId=user_id, organisationId=organisation_id)
        access_register.changed()
        try:
            yield
        finally:
            self.run(_MOVE, userId=user_id, organisationId=before["id"])
            access_register.changed()
