"""``/healthz`` answers while the process is up; ``/readyz`` says whether Neo4j answers."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from services import GraphUnavailable


async def healthz(request: Request) -> Response:
    return JSONResponse({"status": "ok"})


async def readyz(request: Request) -> Response:
    try:
        await request.app.state.db.ping()
    except GraphUnavailable:
        return JSONResponse({"status": "unavailable", "neo4j": "unreachable"}, status_code=503)
    return JSONResponse({"status": "ready", "neo4j": "reachable"})
