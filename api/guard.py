"""The HTTP guard in front of GraphQL: nothing reaches a resolver before it has passed here.

In order: a request id (the client's when it is one plain token), the GraphiQL page (static, no
token), exactly one ``Authorization`` header with a valid bearer token (401 otherwise), each
declaring header at most once, the register of users' admission, the declared purpose (400 when
missing or unknown, 403 when the caller's role may not act for it), and a bounded body (413),
with room for a file only for those who may upload.

    route = Route("/graphql", Guard(view, validator, max_body, max_upload), methods=[...])
"""

from __future__ import annotations

import re
import uuid

from starlette.requests import Request
from starlette.types import Receive, Scope, Send

from api.access_register.admission import admit_request
from api.body_limits import BodyLimits, BodyTooLarge
from api.declarations import DeclarationError, declaration
from api.graphql_http import error_response as _error
from api.graphql_view import GraphQLView
from api.repeated_headers import AUTHORIZATION, DECLARED, repeated
from auth import InvalidToken, TokenValidator
from policy.actions import Action, Resource
from policy.decision import refusal

_REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")


class Guard:
    """Answers 401 before GraphQL sees a request without a valid token; bounds the body size."""

    def __init__(
        self, view: GraphQLView, validator: TokenValidator, max_body: int, max_upload: int
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
            scope["principal"].roles, Resource.UPLOAD, Action.CREATE, declared.purpose
        )
        self._view.in_flight += 1
        try:
            bounded = await self._limits.receive(request.headers, receive, may_upload=may_upload)
            await self._view(scope, bounded, send)
        except BodyTooLarge:
            await _error(413, "BAD_USER_INPUT", "Request body too large.")(scope, receive, send)
        finally:
            self._view.in_flight -= 1
