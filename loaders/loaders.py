"""The DataLoaders of one request.

Created fresh for every request (in the API's context): a loader shared between requests would
serve one caller's cached records to another. Each loader turns the keys wanted at one level of a
query into one Cypher statement, so a request costs a number of queries bounded by its depth.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from strawberry.dataloader import DataLoader

from graph import (
    Database,
    Viewer,
    catalogue,
    families,
    family_status,
    links,
    organisations,
    people,
    records,
    sharing_decisions,
)
from graph.consent import DEFAULT_CONSENT_AGE, Consent
from graph.consent import by_ids as consents_by_ids
from graph.consent import of_people as consents_of_people
from graph.teams import TeamMembership
from graph.teams import members as team_members
from loaders._batch import (
    ConsentAnswers,
    by_id,
    by_key,
    facts_of,
    grouped,
    learning,
    sharing,
    special,
)
from loaders.reads import Reads

Member = tuple[records.Membership, records.Person]


@dataclass(frozen=True)
class Loaders:
    person: DataLoader[str, records.Person | None]
    family: DataLoader[str, records.Family | None]
    organisation: DataLoader[str, records.Organisation | None]
    user: DataLoader[str, records.User | None]
    link: DataLoader[str, records.Link | None]
    address: DataLoader[str, catalogue.Residents | None]
    criterion: DataLoader[str, records.Criterion | None]
    facts: DataLoader[str, records.PersonFacts]
    family_details: DataLoader[str, families.FamilyDetails | None]
    memberships: DataLoader[str, list[records.Membership]]
    members: DataLoader[str, list[Member]]
    members_with_past: DataLoader[str, list[Member]]
    consent: DataLoader[str, Consent | None]
    consents: DataLoader[str, list[Consent]]  # per person, withdrawn ones included
    team: DataLoader[str, list[TeamMembership]]  # per family, past ones included
    # Per family: its decision in every assessment run, newest first.
    status_history: DataLoader[str, list[family_status.PastDecision]]
    # Per person: the decisions to share without consent covering them, newest first.
    sharing_decisions: DataLoader[str, list[tuple[str, sharing_decisions.Decision]]]
    consent_answers: ConsentAnswers  # what disclosures about whom rest on, as far as known
    sharing: DataLoader[str, str | None]  # per person: the consent or decision relied on
    special: DataLoader[tuple[str, str], str | None]  # per (person, special category)
    reads: Reads  # the pages a query starts from, their counts, and single reads

    def forget_consent(self) -> None:
        """Forget what disclosures rested on: a consent or a decision to share without it was
        just written, and what a later part of the same request reads must be decided afresh."""
        self.consent_answers.forget()
        self.sharing.clear_all()
        self.special.clear_all()
        self.consents.clear_all()
        self.sharing_decisions.clear_all()

    def prime_details(self, details: families.FamilyDetails) -> None:
        """Seed the per-level loaders with what one details query read, so resolving the
        family's members and their facts costs no further query."""
        self.family.prime(details.family.id, details.family)
        self.consent_answers.learn(details.family)
        self.members.prime(details.family.id, details.members)
        for _, person in details.members:
            self.person.prime(person.id, person)
        for facts in details.facts:
            self.facts.prime(facts.person_id, facts)


def _family_id(row: Member) -> str:
    return row[0].family_id


def _person_id(row: Consent) -> str:
    return row.person_id


def create_loaders(
    db: Database,
    viewer: Viewer,
    consent_age: int = DEFAULT_CONSENT_AGE,
    condition_covers: Mapping[str, frozenset[str]] | None = None,
) -> Loaders:
    """A fresh set of loaders for one request; every read sees only what ``viewer`` may.
    ``condition_covers``: the special categories each condition may be used for (policy)."""
    answers = ConsentAnswers()
    return Loaders(
        person=DataLoader(by_id(db, people.by_ids, viewer)),
        family=DataLoader(learning(answers, by_id(db, families.by_ids, viewer))),
        organisation=DataLoader(by_id(db, organisations.by_ids)),
        user=DataLoader(by_id(db, organisations.users_by_ids)),
        link=DataLoader(by_id(db, links.by_ids, viewer)),
        address=DataLoader(by_id(db, catalogue.addresses, viewer)),
        criterion=DataLoader(by_key(db, catalogue.criteria, lambda c: c.code)),
        facts=DataLoader(facts_of(db, viewer)),
        family_details=DataLoader(by_id(db, families.details, viewer)),
        memberships=DataLoader(grouped(db, people.memberships, lambda m: m.person_id, viewer)),
        members=DataLoader(grouped(db, families.members, _family_id, False, viewer)),
        members_with_past=DataLoader(grouped(db, families.members, _family_id, True, viewer)),
        consent=DataLoader(by_id(db, consents_by_ids, viewer)),
        consents=DataLoader(grouped(db, consents_of_people, _person_id, viewer)),
        team=DataLoader(grouped(db, team_members, lambda m: m.family_id, viewer)),
        status_history=DataLoader(grouped(db, family_status.history, lambda d: d.family_id)),
        sharing_decisions=DataLoader(
            grouped(db, sharing_decisions.of_people, lambda row: row[0], viewer)
        ),
        consent_answers=answers,
        sharing=DataLoader(sharing(db, viewer, answers)),
        special=DataLoader(special(db, viewer, consent_age, condition_covers or {})),
        reads=Reads(db, viewer),
    )
