"""The ASGI application: ``/graphql`` behind its guard, ``/healthz``, ``/readyz``.

    app = create_app(ApiSettings(), neo4j_settings, token_validator)

Only assembly: the guard (api.guard) lets a request through to the GraphQL view
(api.graphql_view), which builds its Context (api.request_context); what the service holds while
it runs is the lifespan's (api.lifespan).
"""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.routing import Route

from api.graphql_view import GraphQLView
from api.guard import Guard
from api.health import healthz, readyz
from api.lifespan import lifespan
from api.settings import ApiSettings
from auth import TokenValidator
from graph import Neo4jSettings


def create_app(settings: ApiSettings, neo4j: Neo4jSettings, validator: TokenValidator) -> Starlette:
    """The service; the Neo4j driver lives as long as the app's lifespan."""
    app = Starlette(
        routes=[Route("/healthz", healthz), Route("/readyz", readyz)],
        lifespan=lifespan(settings, neo4j),
    )
    view = GraphQLView(app, settings)
    guard = Guard(view, validator, settings.max_body_bytes, settings.max_upload_bytes)
    app.router.routes.append(Route("/graphql", guard, methods=["GET", "POST"]))
    return app
