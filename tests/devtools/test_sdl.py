"""The committed SDL is the contract front-end teams code against: it must match the schema."""

from __future__ import annotations

from devtools.sdl import SDL_FILE, sdl


def test_committed_sdl_matches_the_schema() -> None:
    assert SDL_FILE.read_text() == sdl(), (
        "The schema changed: review the difference, then run `.venv/bin/python -m devtools.sdl` "
        "and commit schema.graphql."
    )
