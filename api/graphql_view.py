"""The GraphQL view of this API: the schema as configured, a Context per request, and a response
that leaves only once its disclosures are recorded.

A response whose disclosures cannot be made durable is replaced by an error: no record, no
disclosure (audit.recording).
"""

from __future__ import annotations

import logging
from typing import Any

from starlette.applications import Starlette
from strawberry.http import GraphQLHTTPResponse
from strawberry.types import ExecutionResult

from api.context import Context
from api.graphql_http import StrictGraphQL
from api.request_context import request_context
from api.schema import create_schema
from api.settings import ApiSettings
from policy import Policy

_log = logging.getLogger("api")


class GraphQLView(StrictGraphQL):
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
        context = await request_context(
            self._app.state, self._settings, request, response, lambda: self.in_flight > 1
        )
        request.scope["context"] = context
        return context
