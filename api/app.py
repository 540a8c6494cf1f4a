"""The ASGI application: ``/graphql`` behind bearer-token authentication, ``/healthz``, ``/readyz``.

app = create_app(ApiSettings(), neo4j_settings, token_validator)
"""

from __future__ import annotations

import contextlib
import logging
import re
import uuid
from collections.abc import AsyncIterator, Awaitable
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from starlette.types import Receive, Scope, Send
from strawberry.http import GraphQLHTTPResponse
from strawberry.types import ExecutionResult

from api.access_register.admission import admit_request
from api.body_limits import BodyLimits, BodyTooLarge
from api.consent.inputs import consent_age
from api.context import Context, nothing_pending
from api.declarations import Declaration, DeclarationError, declaration
from api.graphql_http import StrictGraphQL
from api.graphql_http import error_response as _error
from api.repeated_headers import AUTHORIZATION, DECLARED, repeated
from api.schema import create_schema
from api.settings import ApiSettings
from audit import AuditJournal, Disclosed, Disclosure, Recording
from auth import InvalidToken, Principal, TokenValidator
from graph import (
    Database,
    GraphUnavailable,
    Neo4jSettings,
    OrganisationSectors,
    Viewer,
    migrate,
)
from graph.access_register import AccessRegister
from graph.consent_upkeep import ConsentUpkeep
from loaders import create_loaders
from policy import SPECIAL, DataClass, Policy
from policy.access import FieldAccess, Unrestricted
from policy.decision import needs_consent, refusal, relied_on, row_scope
from policy.lawful_bases import CONDITIONS, LawfulBasis

_log = logging.getLogger("api")
# The special categories each condition may be used for, as the readers of decisions need it.
CONDITION_COVERS = {code.value: frozenset(c.covers) for code, c in CONDITIONS.items()}
_REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")


class _GraphQLView(StrictGraphQL):
    def __init__(self, app: Starlette, settings: ApiSettings) -> None:
        super().__init__(
            create_schema(introspection=settings.introspection, query_count=settings.query_count),
            graphql_ide="graphiql" if settings.graphiql else None,
            allow_queries_via_get=False,
            # Partner lists arrive as multipart uploads. The cross-site request forgery that
            # makes multipart risky needs ambient credentials; this API takes bearer tokens only.
            multipart_uploads_enabled=True,
        )
        self._app = app
        self._settings = settings
        # GraphQL requests being answered by this process now: the audit's write is shared
        # between them when there are several (audit.journal.AuditJournal.append).
        self.in_flight = 0

    async def process_result(self, request: Any, result: ExecutionResult) -> GraphQLHTTPResponse:
        response = await super().process_result(request, result)
        context: Context | None = request.scope.get("context")
        if context is None or context.recording is None:
            return response
        try:
            await context.recording.finish()
        except Exception:
            # No record, no disclosure: the personal data in this response must not leave.
            _log.exception("could not record a disclosure; response withheld")
            return {
                "data": None,
                "errors": [
                    {
                        "message": "The disclosure could not be recorded, so no personal data "
                        "was sent. Try again later.",
                        "extensions": {"code": "SERVICE_UNAVAILABLE"},
                    }
                ],
            }
        return response

    def _recording(
        self,
        state: Any,
        disclosed: Disclosed,
        principal: Principal,
        declared: Declaration,
        basis: LawfulBasis,
        access: FieldAccess,
        request: Any,
    ) -> Recording | None:
        """How this request's disclosures are recorded; None when they are not (the benchmark's
        baselines only)."""
        settings = self._settings
        journal: AuditJournal | None = state.audit
        if journal is None or not (settings.enforce_access and settings.record_disclosures):
            return None
        policy_version = state.policy.version
        request_id = request.scope["request_id"]

        def condition_of(classes: frozenset[DataClass]) -> str | None:
            found = {access.condition_for(c) for c in classes & SPECIAL}
            return ",".join(sorted(c.value for c in found if c is not None)) or None

        def make() -> Disclosure | None:
            return disclosed.record(
                principal, declared.purpose, basis, request_id, policy_version, condition_of
            )

        def append(record: Disclosure) -> Awaitable[None]:
            # Shared with other responses' records when several are being made at once.
            return journal.append(record, shared=self.in_flight > 1)

        return Recording(make, append)

    @property
    def policy(self) -> Policy:
        policy: Policy = self._app.state.policy
        return policy

    @property
    def app_state(self) -> Any:
        return self._app.state

    @property
    def settings(self) -> ApiSettings:
        return self._settings

    async def get_context(self, request: Any, response: Any) -> Context:
        state = self._app.state
        principal = request.scope["principal"]
        declared: Declaration = request.scope["declaration"]
        purpose = declared.purpose
        enforced = self._settings.enforce_access
        basis = relied_on(purpose)
        consent_gates = enforced and needs_consent(basis)
        rows = row_scope(state.policy, principal.roles, purpose)
        sector: str | None = None
        sector_unavailable = False
        if consent_gates:
            try:
                sector = await state.sectors.of(principal.organisation_id)
            except GraphUnavailable:
                # Every read of this request then fails as the database's own failures do
                # (SERVICE_UNAVAILABLE on its fields): none decides consent without the sector,
                # and a query needing no data (`me`) is still answered.
                sector_unavailable = True
        viewer = Viewer(
            user_id=principal.user_id,
            organisation_id=principal.organisation_id,
            see_all=not enforced or rows.see_all,
            via_organisation=rows.via_organisation,
            via_relation=rows.via_relation,
            consent_purpose=purpose.value if consent_gates else None,
            organisation_sector=sector,
            sector_unavailable=sector_unavailable,
        )
        access = (
            FieldAccess(state.policy, principal.roles, purpose, needs_consent=consent_gates)
            if enforced
            else Unrestricted(state.policy, purpose)
        )
        disclosed = Disclosed()
        recording = self._recording(state, disclosed, principal, declared, basis, access, request)
        db = state.db if recording is None else state.db.for_request(recording.while_waiting)
        context = Context(
            principal=principal,
            db=db,
            loaders=create_loaders(db, viewer, consent_age(), CONDITION_COVERS),
            viewer=viewer,
            policy=state.policy,
            access=access,
            request_id=request.scope["request_id"],
            declaration=declared,
            lawful_basis=basis,
            consent_age=consent_age(),
            disclosed=disclosed,
            recording=recording,
            audit_shipped=state.audit.shipped if state.audit is not None else nothing_pending,
            admission=request.scope["admission"].for_response(response),
        )
        request.scope["context"] = context
        return context


class _Authenticated:
    """Answers 401 before GraphQL sees a request without a valid token; bounds the body size."""

    def __init__(
        self, view: _GraphQLView, validator: TokenValidator, max_body: int, max_upload: int
    ) -> None:
        self._view = view
        self._validator = validator
        self._limits = BodyLimits(max_body, max_upload)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        request = Request(scope)
        offered = request.headers.getlist("x-request-id")
        offered_id = offered[0] if len(offered) == 1 else ""
        # A client's request id is kept (it ties the audit to the client's logs) when it is one
        # plain token; anything else is replaced rather than written into the audit.
        scope["request_id"] = offered_id if _REQUEST_ID.fullmatch(offered_id) else str(uuid.uuid4())
        wants_page = request.method == "GET" and "text/html" in request.headers.get("accept", "")
        if wants_page and self._view.graphql_ide:
            # The IDE page is static; it sends the token the user enters with each query.
            await (await self._view.render_graphql_ide(request))(scope, receive, send)
            return
        if repeated(request.headers, [AUTHORIZATION]):
            # RFC 6750: more than one way of sending a token is a malformed request.
            response = _error(
                400,
                "BAD_USER_INPUT",
                "Send one Authorization header.",
                {"WWW-Authenticate": 'Bearer error="invalid_request"'},
            )
            await response(scope, receive, send)
            return
        try:
            scope["principal"] = self._validator.validate(request.headers.get("authorization"))
        except InvalidToken as exc:
            challenge = f'Bearer error="invalid_token", error_description="{exc.description}"'
            response = _error(
                401,
                "UNAUTHENTICATED",
                f"Unauthenticated: {exc.description}.",
                {"WWW-Authenticate": challenge},
            )
            await response(scope, receive, send)
            return
        if twice := repeated(request.headers, DECLARED):
            await _error(400, "BAD_USER_INPUT", f"Send {twice} once.")(scope, receive, send)
            return
        state = self._view.app_state
        settings = self._view.settings
        rejected = await admit_request(scope, state.register, settings.user_agreement_version)
        if rejected is not None:
            await rejected(scope, receive, send)
            return
        try:
            scope["declaration"] = declared = declaration(request.headers)
        except DeclarationError as exc:
            await _error(400, "BAD_USER_INPUT", exc.message)(scope, receive, send)
            return
        # A caller the register does not admit acts with no role, for no purpose: they may only
        # ask about their own standing (api.access_register.gate).
        refused = refusal(self._view.policy, scope["principal"].roles, declared.purpose)
        if refused is not None and scope["admission"].admitted:
            message = f"Your role may not act for the purpose {declared.purpose.value}."
            await _error(403, "FORBIDDEN", message)(scope, receive, send)
            return
        # Room for a file only for those who may upload, and only once the operation is known
        # to take one (api.body_limits).
        may_upload = self._view.policy.allows(
            scope["principal"].roles, "Upload", "create", declared.purpose
        )
        self._view.in_flight += 1
        try:
            bounded = await self._limits.receive(request.headers, receive, may_upload=may_upload)
            await self._view(scope, bounded, send)
        except BodyTooLarge:
            await _error(413, "BAD_USER_INPUT", "Request body too large.")(scope, receive, send)
        finally:
            self._view.in_flight -= 1


async def _healthz(request: Request) -> Response:
    return JSONResponse({"status": "ok"})


async def _readyz(request: Request) -> Response:
    try:
        await request.app.state.db.ping()
    except GraphUnavailable:
        return JSONResponse({"status": "unavailable", "neo4j": "unreachable"}, status_code=503)
    return JSONResponse({"status": "ready", "neo4j": "reachable"})


def create_app(settings: ApiSettings, neo4j: Neo4jSettings, validator: TokenValidator) -> Starlette:
    """The service; the Neo4j driver lives as long as the app's lifespan."""

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
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
            try:
                yield
            finally:
                await upkeep.stop()
                if journal is not None:
                    await journal.close()
        finally:
            await db.close()

    app = Starlette(
        routes=[Route("/healthz", _healthz), Route("/readyz", _readyz)],
        lifespan=lifespan,
    )
    view = _GraphQLView(app, settings)
    app.router.routes.append(
        Route(
            "/graphql",
            _Authenticated(view, validator, settings.max_body_bytes, settings.max_upload_bytes),
            methods=["GET", "POST"],
        )
    )
    return app
