"""Write the schema's SDL to ``schema.graphql`` (``python -m devtools.sdl``); a test keeps it
current."""

from __future__ import annotations

from pathlib import Path

from api.schema import create_schema

SDL_FILE = Path(__file__).resolve().parent.parent / "schema.graphql"


def sdl() -> str:
    return create_schema().as_str() + "\n"


if __name__ == "__main__":
    SDL_FILE.write_text(sdl())
    print(f"wrote {SDL_FILE}")
