"""What the service holds while it runs, made at start-up and let go at shutdown: the Neo4j driver
(schema migrations applied first), the policy, the organisations' sectors, the register of users,
the audit's journal, the upkeep of consent summaries, and the process that runs the jobs.

    app = Starlette(..., lifespan=lifespan(settings, neo4j))   # then app.state.db, .policy, ...
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager

from starlette.applications import Starlette

from api.consent.inputs import consent_age
from api.settings import ApiSettings
from audit import AuditJournal
from graph import AccessRegister, Database, Neo4jSettings, OrganisationSectors, migrate
from graph.consent_upkeep import ConsentUpkeep
from policy import Policy
from services import JobProcess

_log = logging.getLogger("api")


def lifespan(
    settings: ApiSettings, neo4j: Neo4jSettings
) -> Callable[[Starlette], AbstractAsyncContextManager[None]]:
    """The app's lifespan: the Neo4j driver lives as long as it does."""

    @contextlib.asynccontextmanager
    async def running(app: Starlette) -> AsyncIterator[None]:
        db = Database.connect(neo4j)
        try:
            if settings.migrate_on_startup:
                applied = await migrate(db)
                if applied:
                    _log.info("applied schema migrations %s", applied)
            app.state.db = db
            app.state.policy = Policy.load()
            app.state.sectors = OrganisationSectors(db)
            # None: the benchmark's baseline without access control takes tokens at their word.
            app.state.register = (
                AccessRegister(db, settings.register_cache_seconds)
                if settings.enforce_access
                else None
            )
            journal: AuditJournal | None = None
            if settings.enforce_access and settings.record_disclosures:
                journal = await AuditJournal.open(settings.audit_journal_dir, db)
            app.state.audit = journal
            upkeep = ConsentUpkeep(db, settings.consent_upkeep_seconds, consent_age())
            app.state.consent_upkeep = upkeep
            upkeep.start()
            app.state.jobs = JobProcess(neo4j)
            try:
                yield
            finally:
                app.state.jobs.close()
                await upkeep.stop()
                if journal is not None:
                    await journal.close()
        finally:
            await db.close()

    return running
