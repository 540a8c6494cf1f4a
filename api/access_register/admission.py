"""Admitting a request through the register of users, after its token is validated and before
GraphQL sees it (``api.guard``).

A token proves who the caller is; the register decides whether they are served and with which
roles (``policy.admission``):

- admitted: the request goes on with the register's roles (narrowed by the token's claim);
- the token's organisation is not the registered one: HTTP 401, as for a bad token;
- the register cannot be read: HTTP 503, nothing served;
- any other refusal (not registered, not approved, suspended, revoked, organisation not signed,
  user agreement not accepted, no role held): the request goes on with no role at all, and may
  ask only for what such a caller needs (``gate``); anything else is HTTP 403 with the reason.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any, Protocol

from starlette.responses import JSONResponse, Response
from starlette.types import Scope

from auth import Principal
from loaders import Registration
from policy.admission import UNAUTHENTICATED, Admission, Refusal, Standing, admit
from services import GraphUnavailable

MESSAGES: dict[Refusal, str] = {
    Refusal.UNREGISTERED: "You are not registered to use this system. Ask for access with "
    "`requestAccess`; an administrator then approves it.",
    Refusal.ORGANISATION_MISMATCH: "token organisation is not the one the user is registered for",
    Refusal.PENDING_APPROVAL: "Your request for access has not been approved yet.",
    Refusal.SUSPENDED: "Your access to this system is suspended.",
    Refusal.REVOKED: "Your access to this system has been revoked.",
    Refusal.ORGANISATION_NOT_SIGNED: "Your organisation has not signed the information sharing "
    "agreement, so no one of it may use this system.",
    Refusal.USER_AGREEMENT_NOT_ACCEPTED: "Accept the current Early Help IT systems user "
    "agreement first (`acceptUserAgreement`).",
    Refusal.ROLE_NOT_HELD: "Your token claims no role that the register gives you.",
}


class Register(Protocol):
    """The register of users as admission reads it (``graph.access_register.AccessRegister``,
    this process's cached copy, made by the app at start-up)."""

    async def registration(self, user_id: str) -> Registration | None: ...


@dataclass(frozen=True)
class RequestAdmission:
    """How the register stands on this request's caller (in the request's Context).

    ``response`` is the HTTP response GraphQL is building, once there is one, so that an
    operation refused to a caller who is not admitted is answered with 403.
    """

    token: Principal  # the caller as the token describes them
    registration: Registration | None
    decision: Admission
    user_agreement_version: str
    response: Any = None

    @property
    def admitted(self) -> bool:
        return self.decision.admitted

    def for_response(self, response: Any) -> RequestAdmission:
        return dataclasses.replace(self, response=response)

    def refuse_operation(self) -> str:
        """Mark the response 403; return the reason to give."""
        if self.response is not None:
            self.response.status_code = 403
        refusal = self.decision.refusal
        assert refusal is not None
        return MESSAGES[refusal]


def standing(found: Registration | None) -> Standing | None:
    """The register's entry as the admission decision reads it."""
    if found is None:
        return None
    return Standing(
        status=found.status,
        kind=found.kind,
        roles=found.roles,
        organisation_ids=found.organisation_ids,
        organisation_signed=found.organisation_signed,
        user_agreement_version=found.user_agreement_version,
    )


def decide(token: Principal, found: Registration | None, user_agreement: str) -> Admission:
    return admit(
        standing(found),
        organisation_id=token.organisation_id,
        claimed_roles=token.roles if token.roles_claimed else None,
        user_agreement=user_agreement,
    )


def _unavailable() -> Response:
    body = {
        "errors": [
            {
                "message": "The service is temporarily unavailable: who may use it cannot be "
                "checked. Try again later.",
                "extensions": {"code": "SERVICE_UNAVAILABLE"},
            }
        ]
    }
    return JSONResponse(body, status_code=503)


def _unauthenticated(refusal: Refusal) -> Response:
    description = MESSAGES[refusal]
    body = {
        "errors": [
            {
                "message": f"Unauthenticated: {description}.",
                "extensions": {"code": "UNAUTHENTICATED"},
            }
        ]
    }
    challenge = f'Bearer error="invalid_token", error_description="{description}"'
    return JSONResponse(body, status_code=401, headers={"WWW-Authenticate": challenge})


async def admit_request(
    scope: Scope, register: Register | None, user_agreement: str
) -> Response | None:
    """Admit the request whose validated token is ``scope["principal"]``: put the caller's
    standing in ``scope["admission"]`` and the roles to act with in ``scope["principal"]``, or
    return the response that refuses it outright. ``register`` None (the benchmark's baseline
    without access control) takes the token at its word."""
    token: Principal = scope["principal"]
    if register is None:
        decision = Admission(roles=token.roles, refusal=None)
        scope["admission"] = RequestAdmission(token, None, decision, user_agreement)
        return None
    try:
        found = await register.registration(token.user_id)
    except GraphUnavailable:
        return _unavailable()
    decision = decide(token, found, user_agreement)
    if decision.refusal in UNAUTHENTICATED:
        assert decision.refusal is not None
        return _unauthenticated(decision.refusal)
    scope["principal"] = dataclasses.replace(token, roles=decision.roles)
    scope["admission"] = RequestAdmission(token, found, decision, user_agreement)
    return None
